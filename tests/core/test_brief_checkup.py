"""The packet's check-up section, read back with pypdf and rendered with pdftoppm."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from onemap.cli import main
from onemap.store import Inventory
from onemap.store.checkup import CheckupFinding
from onemap.store.geometry import register_functions
from onemap.store.rows import point_blob
from tests.core.checkup_support import clear_facilities, clear_survey

CODE = "6107250145"  # 武装部家属院, 张家河镇
NOTE = "楼道<b>堆物</b> & 住户电话 13912345678"


def _packet(path: Path, out: Path, *extra: str) -> list[str]:
    assert main(["brief", str(path), "--where", "township=张家河镇", "-o", str(out), *extra]) == 0
    return [page.extract_text() or "" for page in PdfReader(out).pages]


def test_the_packet_prints_the_problem_list_with_surveyors_text_escaped_and_phones_masked(
    demo_copy: Path, tmp_path: Path
) -> None:
    clear_survey(demo_copy)
    with Inventory.open(demo_copy) as inventory:
        building = inventory.building_keys()[(CODE, "1号楼")]
        with inventory.transaction():
            who = {"surveyor": "调查员甲", "surveyed_on": "2025-04-02"}
            inventory.add_findings(
                [
                    CheckupFinding(CODE, "H03", "2024", building, "stairwell.clutter", note=NOTE, **who),
                    CheckupFinding(CODE, "C05", "2024", None, "parking.shortage", value=12, **who),
                ]
            )
    out = tmp_path / "简报.pdf"
    pages = _packet(demo_copy, out, "--redact-phones")
    section = [i for i, text in enumerate(pages) if "现场调查问题" in text]
    assert len(section) == 1
    text = pages[section[0]].replace("\n", "")
    assert "（五）城市体检与问题清单" in text and "指标为 2024 年版" in text
    assert "存在楼道安全隐患的住宅数量" in text and "杂物堆放：楼道<b>堆物</b> & 住户电话 139****5678" in text
    assert "13912345678" not in "".join(pages) and "停车泊位缺口数" in text
    assert "直线距离×1.3" in text
    assert "（五）城市体检与问题清单" in pages[1]  # listed in the contents
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed")
    prefix = tmp_path / "page"
    page = str(section[0] + 1)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", page, "-l", page, str(out), str(prefix)], check=True)
    rendered = list(tmp_path.glob("page*.png"))
    assert len(rendered) == 1 and rendered[0].stat().st_size > 10_000


def test_a_selection_the_check_up_found_nothing_in_prints_no_check_up_section(demo_copy: Path, tmp_path: Path) -> None:
    clear_survey(demo_copy)
    clear_facilities(demo_copy)
    with Inventory.open(demo_copy, readonly=True) as inventory:
        points = inventory.checkup_estate_locations()
    assert CODE in points  # located, so the facility gaps would count: give it every facility
    with sqlite3.connect(demo_copy) as conn:
        register_functions(conn)
        for code in ("6107250144", CODE):
            for kind in ("kindergarten", "nursery", "elderly_care", "activity_space"):
                conn.execute(
                    "INSERT INTO facilities (name, kind, geom) VALUES ('示意', ?, ?)", (kind, point_blob(points[code]))
                )
    pages = _packet(demo_copy, tmp_path / "无体检.pdf")
    assert not any("城市体检与问题清单" in text for text in pages)

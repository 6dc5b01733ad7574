"""The packet's 片区 sheets and the annual plan's 汇报 part, read back from the real PDF."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from onemap.cli import main
from onemap.demo import make_demo
from onemap.store import Inventory

TOWN = "勉阳街道"
ODD = "<b>老城</b> & 东关片区"  # a 片区 name typed by a user: printed as text, never as markup


@pytest.fixture(scope="module")
def grouped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 40-estate demo whose proposed 片区 are saved, one of them renamed with markup characters."""
    path = tmp_path_factory.mktemp("grouped") / "片区 演示.gpkg"
    make_demo(path, 40).close()
    assert main(["districts", str(path), "--save"]) == 0
    with Inventory.open(path) as inventory:
        members = inventory.district_map()
        first = f"{TOWN}第1片区"  # the demo's biggest: a dozen estates
        with inventory.transaction():
            inventory.set_districts({code: ODD for code, name in members.items() if name == first})
    return path


def _json(args: list[str], capsys: pytest.CaptureFixture[str]) -> object:
    capsys.readouterr()
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _pages(pdf: Path) -> list[str]:
    return [(page.extract_text() or "").replace("\n", "") for page in PdfReader(pdf).pages]


def test_every_district_of_the_selection_gets_a_sheet_listing_its_members(
    grouped: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Inventory.open(grouped, readonly=True) as inventory:
        members = inventory.district_map()
        names = {e.code: e.name for e in inventory.estates(None)}
        towns = {e.code: e.township for e in inventory.estates(None)}
    wanted = {name for code, name in members.items() if towns[code] == TOWN}
    assert ODD in wanted and len(wanted) >= 2
    out = tmp_path / "packet.pdf"
    assert main(["brief", str(grouped), "--where", f"township={TOWN}", "-o", str(out)]) == 0
    pages = _pages(out)
    contents = pages[1]
    assert "二、片区档案" in contents and "三、小区档案" in contents
    for district in wanted:
        sheet = [text for text in pages if f"片区：{district}" in text]
        assert len(sheet) == 1, district  # one page each, the user's <b> printed as text
        assert district in contents
        for code in (c for c, n in members.items() if n == district):
            assert f"{names[code]}（{code}）" in sheet[0]
        assert "一、概况与合计" in sheet[0] and "三、共享配套与缺口" in sheet[0]
    outline = [item.title for item in PdfReader(out).outline if not isinstance(item, list)]
    assert "二、片区档案" in outline


def test_a_district_sheet_prints_its_members_scores_and_totals(
    grouped: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scores = {r["estate"]: r for r in _json(["score", str(grouped)], capsys)}  # type: ignore[union-attr]
    with Inventory.open(grouped, readonly=True) as inventory:
        codes = sorted(c for c, n in inventory.district_map().items() if n == ODD)
        households = sum(e.households or 0 for e in inventory.estates(None) if e.code in codes)
    out = tmp_path / "one.pdf"
    assert main(["brief", str(grouped), codes[0], codes[-1], "-o", str(out)]) == 0
    sheet = next(text for text in _pages(out) if f"片区：{ODD}" in text)
    assert f"居民 {households:,} 户" in sheet
    for code in codes:
        record = scores[code]
        assert f"{record['score']:g}（{record['rank']}）" in sheet


def test_the_plan_part_lists_the_estates_onemap_plan_chooses_and_the_contents_lists_it(
    grouped: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _json(["plan", str(grouped), "--budget", "3000", "--year", "2027"], capsys)
    assert isinstance(plan, dict) and plan["chosen"]
    out = tmp_path / "plan.pdf"
    args = ["brief", str(grouped), "--all", "--plan-budget", "3000", "--plan-year", "2027", "-o", str(out)]
    assert main(args) == 0
    pages = _pages(out)
    assert "二、年度改造计划（2027 年）" in pages[1] and "四、小区档案" in pages[1]
    part = [i for i, text in enumerate(pages) if "入选小区（按名次）" in text]
    assert len(part) == 1
    text = "".join(pages[part[0] : part[0] + 3])
    assert f"估算合计 {plan['total_wan']:g} 万元" in text
    for code in plan["chosen"]:
        assert f"（{code}）" in text
    for left in plan["left_out"][:5]:
        assert left["reason"] in text
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed")
    page = str(part[0] + 1)
    prefix = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", page, "-l", page, str(out), str(prefix)], check=True)
    assert [p.stat().st_size > 10_000 for p in tmp_path.glob("page*.png")] == [True]


def test_a_packet_without_districts_or_budget_keeps_its_two_parts(demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "plain.pdf"
    assert main(["brief", str(demo_file), "--where", "township=张家河镇", "-o", str(out)]) == 0
    contents = _pages(out)[1]
    assert "二、小区档案" in contents and "片区档案" not in contents and "年度改造计划" not in contents

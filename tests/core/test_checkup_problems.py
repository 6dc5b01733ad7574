"""The problem list (问题清单) as Excel, and problems turned into renovation items (一区一策)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from onemap.cli import main
from onemap.store import Inventory
from onemap.store.checkup import CheckupFinding
from tests.core.checkup_support import clear_facilities, clear_survey

CODE = "6107250001"
NOTE = '=HYPERLINK("http://evil.example","点我")'


def _survey(path: Path) -> None:
    with Inventory.open(path) as inventory:
        one = inventory.building_keys()[(CODE, "1号楼")]
        with inventory.transaction():
            inventory.add_findings(
                [
                    CheckupFinding(CODE, "H02", "2024", one, "gas.no_alarm", surveyor="李四", note=NOTE),
                    CheckupFinding(CODE, "C05", "2024", None, "parking.shortage", value=35),
                ]
            )


def test_the_problem_list_reads_back_from_excel_with_formulas_kept_as_text(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clear_survey(demo_copy)
    clear_facilities(demo_copy)  # every located estate then lacks the four facilities
    _survey(demo_copy)
    out = tmp_path / "问题清单.xlsx"
    assert main(["checkup", str(demo_copy), "problems", "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["问题清单", "指标汇总"]
    rows = list(book["问题清单"].iter_rows(values_only=True))
    head = rows[0]
    lines = [dict(zip(head, r, strict=True)) for r in rows[1:]]
    gas = next(line for line in lines if line["指标编码"] == "H02")
    assert (gas["楼栋"], gas["问题"], gas["改造类别"], gas["调查人"]) == ("1号楼", "未安装燃气报警器", "安全类", "李四")
    assert gas["说明"] == "'" + NOTE  # never a live formula
    cell = next(c for c in book["问题清单"]["N"] if c.value == "'" + NOTE)
    assert cell.data_type == "s"
    parking = next(line for line in lines if line["指标编码"] == "C05")
    assert (parking["数值"], parking["改造类别"]) == (35, "完善类")
    # with no facility in the demo every located estate lacks the four 5-minute-circle facilities
    gaps = [line for line in lines if line["指标编码"] in ("C01", "C02", "C03", "C08")]
    assert len(gaps) == 4 * 150 and all("直线距离×1.3" in line["说明"] for line in gaps)
    totals = {r[0]: r for r in book["指标汇总"].iter_rows(min_row=2, values_only=True)}
    assert totals["H02"][3] == 1 and totals["C05"][3] == 35
    assert main(["checkup", str(demo_copy), "problems", "-o", str(out)]) == 1  # an existing output needs --force
    assert "--force" in capsys.readouterr().err


def test_problems_become_renovation_items_with_their_category_once(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clear_survey(demo_copy)
    clear_facilities(demo_copy)  # every located estate then lacks the four facilities
    _survey(demo_copy)
    with Inventory.open(demo_copy, readonly=True) as inventory:
        before = [i for i in inventory.renovation_item_list() if i.estate_code == CODE]
    assert main(["checkup", str(demo_copy), "items", "--estate", CODE]) == 0
    assert main(["checkup", str(demo_copy), "items", "--estate", CODE]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("新增改造内容 0 项")
    with Inventory.open(demo_copy, readonly=True) as inventory:
        after = [i for i in inventory.renovation_item_list() if i.estate_code == CODE]
        trail = inventory.audit.entries("renovation_items", None, limit=20)
    added = {(i.category, i.item) for i in after[len(before) :]}
    assert ("safety", "未安装燃气报警器（1号楼）") in added
    assert ("improvement", "停车位不足") in added
    assert ("enhancement", "步行 300 米内无幼儿园") in added
    assert len(added) == len(after) - len(before) == 6
    assert all(e.action == "insert" for e in trail[:6])

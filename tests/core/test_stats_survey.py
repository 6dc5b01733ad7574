"""The national statistical survey sheets: official column order from the template, figures from the inventory."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from onemap.checkup.stats_survey import load_template, save_survey
from onemap.cli import main
from onemap.store import Inventory


def _estate(code: str, township: str, status: str, households: int, investment: float) -> dict[str, object]:
    return {"code": code, "name": f"{code}小区", "township": township, "community": "", "built_year": 1995,
            "buildings": 4, "households": households, "floor_area_m2": 10_000.0, "renewal_year": 2025,
            "status": status, "start_date": None, "finish_date": None, "investment_wan": investment}  # fmt: skip


def test_the_survey_sheets_follow_the_templates_column_order_and_total_by_township(tmp_path: Path) -> None:
    estates = [
        _estate("A", "城关", "under_construction", 100, 300.0),
        _estate("B", "城关", "planned", 50, 200.0),
        _estate("C", "武侯镇", "accepted", 80, 150.0),
    ]
    out = tmp_path / "统计.xlsx"
    blank = save_survey(estates, 2025, out)
    book = openpyxl.load_workbook(out)
    _version, sheets = load_template()
    assert book.sheetnames == [s.name for s in sheets] + ["说明"]
    for sheet in sheets:
        assert [c.value for c in book[sheet.name][1]] == [h for h, _k in sheet.columns]
    progress = [list(r) for r in book["改造进展情况"].iter_rows(min_row=2, values_only=True)]
    assert progress == [
        ["城关", 2, 1, 50.0, 100, 0, 0],
        ["武侯镇", 1, 1, 100.0, 80, 1, 150],
        ["合计", 3, 2, 66.7, 180, 1, 150],
    ]
    plan = [list(r) for r in book["年度计划"].iter_rows(min_row=2, values_only=True)]
    assert plan[-1] == ["合计", 3, 12, 230, 3.0, 650]
    effect = [list(r) for r in book["改造效果情况"].iter_rows(min_row=2, values_only=True)]
    assert all(v is None for row in effect for v in row[1:])  # never a false zero
    assert blank == {h for h, _k in sheets[2].columns[1:]}
    basics = [list(r) for r in book["改造项目基本情况"].iter_rows(min_row=2, values_only=True)]
    assert [r[0] for r in basics] == ["A", "B", "C"] and basics[2][9] == "验收"


def test_checkup_stats_on_the_command_line_takes_the_years_estates(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Inventory.open(demo_copy, readonly=True) as inventory:
        years = [r[0] for r in inventory.estate_columns(["renewal_year"])]
    out = tmp_path / "统计调查.xlsx"
    assert main(["checkup", str(demo_copy), "stats", "-o", str(out), "--year", "2024"]) == 0
    rows = list(openpyxl.load_workbook(out)["改造项目基本情况"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == years.count(2024) > 0 and all(r[8] == 2024 for r in rows)
    assert "已写出 2024 年度统计调查报表" in capsys.readouterr().out

"""A sensor sheet (one row per device) into an inventory's estates: matched by code or name, re-imported in place."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from onemap.io.importer import ImportOptions, import_ledger
from onemap.io.ledger_table import LedgerError
from onemap.store import Inventory

ESTATES = "小区名称,所在镇(街道),经度,纬度\n幸福小区,勉阳街道,106.67,33.15\n和平小区,勉阳街道,106.68,33.16\n"
SHEET = (
    "小区名称,IMEI,设备编号,类型,低报,高报,经度,纬度,安装位置\n"
    "幸福小区,868134040000018,GD-001,燃气探测器,20,50,106.671,33.151,1号楼厨房\n"
    "幸福小区,356938035643809,GD-009,可燃气体探测器,25,50,,,锅炉房\n"
    "和平小区,490154203237518,,燃气探测器,20,50,,,\n"
    "不存在小区,356938035643817,,,,,,,\n"
)


@pytest.fixture
def inventory_file(tmp_path: Path) -> Path:
    ledger = tmp_path / "台账.csv"
    ledger.write_text(ESTATES, "utf-8")
    into = tmp_path / "清单.gpkg"
    import_ledger(ledger, into)
    return into


def _sheet(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "传感器.csv"
    path.write_bytes(text.encode(encoding))
    return path


def _rows(into: Path) -> list[tuple]:  # type: ignore[type-arg]
    with Inventory.open(into, readonly=True) as inventory:
        names = {e.code: e.name for e in inventory.estates()}
        return [
            (names[s.estate_code], s.imei, s.device_id, s.kind, s.name, s.location, s.fid) for s in inventory.sensors()
        ]


def test_a_gb18030_sensor_sheet_puts_each_device_under_its_estate_with_kind_place_and_position(
    tmp_path: Path, inventory_file: Path
) -> None:
    report = import_ledger(_sheet(tmp_path, SHEET, "gb18030"), inventory_file)
    rows = _rows(inventory_file)
    assert [r[:5] for r in rows] == [
        ("幸福小区", "868134040000018", "GD-001", "燃气探测器", "1号楼厨房"),
        ("幸福小区", "356938035643809", "GD-009", "可燃气体探测器", "锅炉房"),
        ("和平小区", "490154203237518", None, "燃气探测器", None),
    ]
    assert rows[0][5] == pytest.approx((106.671, 33.151)) and rows[1][5] is None
    assert report.imported == [] and len(report.updated) == 2
    assert [s.row for s in report.skipped] == [5] and "找不到小区「不存在小区」" in report.skipped[0].message
    assert "安装位置" not in report.unknown_columns


def test_importing_the_sensor_sheet_again_changes_nothing_and_keeps_the_rows(
    tmp_path: Path, inventory_file: Path
) -> None:
    import_ledger(_sheet(tmp_path, SHEET), inventory_file)
    before = _rows(inventory_file)
    again = import_ledger(_sheet(tmp_path, SHEET), inventory_file)
    assert _rows(inventory_file) == before and again.updated == [] and len(again.unchanged) == 2


def test_a_device_listed_on_two_rows_of_one_estate_is_kept_once_and_reported(
    tmp_path: Path, inventory_file: Path
) -> None:
    text = "小区名称,IMEI\n幸福小区,868134040000018\n幸福小区,868134040000018\n"
    report = import_ledger(_sheet(tmp_path, text), inventory_file)
    assert len(_rows(inventory_file)) == 1
    assert any("与第 2 行重复" in w.message for w in report.warnings)


def test_a_dry_run_of_a_sensor_sheet_reports_but_writes_nothing(tmp_path: Path, inventory_file: Path) -> None:
    report = import_ledger(_sheet(tmp_path, SHEET), inventory_file, ImportOptions(dry_run=True))
    assert len(report.updated) == 2 and _rows(inventory_file) == []


def test_a_sensor_sheet_in_an_xlsx_workbook_is_read_by_its_sheet_name(tmp_path: Path, inventory_file: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "传感器"
    book.active.append(["小区编号", "IMEI", "低报", "高报"])
    with Inventory.open(inventory_file, readonly=True) as inventory:
        code = next(e.code for e in inventory.estates() if e.name == "和平小区")
    book.active.append([code, "868134040000018", 10, 25])
    path = tmp_path / "设备.xlsx"
    book.save(path)
    import_ledger(path, inventory_file, ImportOptions(sheet="传感器"))
    assert [(r[0], r[1]) for r in _rows(inventory_file)] == [("和平小区", "868134040000018")]


def test_a_sensor_sheet_refuses_an_inventory_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(LedgerError, match="请先导入小区台账"):
        import_ledger(_sheet(tmp_path, SHEET), tmp_path / "新.gpkg")

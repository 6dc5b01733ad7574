"""Sensors from an estate ledger: 燃气探测器 / IMEI / 设备编号 / 低报 / 高报 columns, checked, re-imported in place."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from onemap.io.importer import import_ledger
from onemap.store import Inventory
from onemap.store.check import check_inventory
from tests.conftest import run_validators

#: valid IMEIs (Luhn check digit right) and one with its last digit mistyped
IMEI_A, IMEI_B, IMEI_BAD = "868134040000018", "490154203237518", "868134040000019"
HEADER = "小区名称,所在镇(街道),经度,纬度,燃气探测器,设备编号,低报(%LEL),高报(%LEL)\n"
LEDGER = HEADER + (
    f'幸福小区,勉阳街道,106.67,33.15,"{IMEI_A}、{IMEI_B}","GD-001、GD-002",20,50\n'
    f"和平小区,勉阳街道,106.68,33.16,{IMEI_BAD},,30,20\n"
)


def _import(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "台账.csv"):  # type: ignore[no-untyped-def]
    ledger = tmp_path / name
    ledger.write_bytes(text.encode(encoding))
    into = tmp_path / "清单.gpkg"
    return import_ledger(ledger, into), into


def _sensors(into: Path) -> list[tuple]:  # type: ignore[type-arg]
    with Inventory.open(into, readonly=True) as inventory:
        return [(s.estate_code, s.imei, s.device_id, s.kind, s.low_lel, s.high_lel, s.fid) for s in inventory.sensors()]


def test_a_gas_detector_cell_with_two_imeis_and_a_parallel_device_id_cell_makes_two_paired_sensors(
    tmp_path: Path,
) -> None:
    report, into = _import(tmp_path, LEDGER)
    with Inventory.open(into, readonly=True) as inventory:
        estate = inventory.estate(report.imported[0])
    assert [(s.imei, s.device_id, s.kind, s.low_lel, s.high_lel) for s in estate.sensors] == [
        (IMEI_A, "GD-001", "燃气探测器", 20.0, 50.0),
        (IMEI_B, "GD-002", "燃气探测器", 20.0, 50.0),
    ]


def test_a_mistyped_imei_and_crossed_set_points_are_reported_but_the_row_and_its_sensor_are_kept(
    tmp_path: Path,
) -> None:
    report, into = _import(tmp_path, LEDGER)
    assert len(report.imported) == 2 and not report.skipped
    messages = [w.message for w in report.warnings if w.row == 3]
    assert any("校验位不对（最后一位应为 8）" in m for m in messages)
    assert any("低报值 30 高于高报值 20" in m for m in messages)
    assert any("高于规范上限 25 %LEL" in m for m in messages)
    assert any("fails its check digit" in w.message_en for w in report.warnings)
    assert (IMEI_BAD, 30.0, 20.0) in [(s[1], s[4], s[5]) for s in _sensors(into)]


def test_a_set_point_outside_0_to_100_lel_is_left_blank_with_a_warning(tmp_path: Path) -> None:
    report, into = _import(tmp_path, "小区名称,镇街,IMEI,低报,高报\n桂园小区,勉阳街道,868134040000018,150,50%LEL\n")
    [sensor] = _sensors(into)
    assert (sensor[4], sensor[5]) == (None, 50.0)
    assert any("不是 0–100 之间的 %LEL 数值" in w.message for w in report.warnings)


def test_importing_the_same_ledger_again_updates_nothing_and_keeps_each_sensor_row(tmp_path: Path) -> None:
    _report, into = _import(tmp_path, LEDGER)
    before = _sensors(into)
    again, _into = _import(tmp_path, LEDGER)
    assert _sensors(into) == before and len(before) == 3
    assert again.updated == [] and len(again.unchanged) == 2


def test_a_changed_set_point_updates_the_sensor_in_place_and_a_dropped_device_is_removed(tmp_path: Path) -> None:
    _report, into = _import(tmp_path, LEDGER)
    fid_a = next(s[6] for s in _sensors(into) if s[1] == IMEI_A)
    changed = LEDGER.replace(f'"{IMEI_A}、{IMEI_B}","GD-001、GD-002",20,50', f"{IMEI_A},GD-001,15,40")
    again, _into = _import(tmp_path, changed)
    rows = {s[1]: s for s in _sensors(into)}
    assert IMEI_B not in rows and rows[IMEI_A][4:] == (15.0, 40.0, fid_a)
    assert len(again.updated) == 1
    with Inventory.open(into, readonly=True) as inventory:
        fields = {e.field for e in inventory.history(rows[IMEI_A][0], 20) if e.table_name == "sensors"}
    assert {"low_lel", "high_lel"} <= fields


def test_the_same_imei_under_two_estates_is_reported_on_import_and_by_validate(tmp_path: Path) -> None:
    text = HEADER + f"幸福小区,勉阳街道,106.67,33.15,{IMEI_A},,20,50\n和平小区,勉阳街道,106.68,33.16,{IMEI_A},,20,50\n"
    report, into = _import(tmp_path, text)
    assert any("也登记在小区" in w.message for w in report.warnings)
    findings = check_inventory(into).findings
    assert any(f.where == "sensors" and f"IMEI {IMEI_A} 登记了 2 次" in f.message for f in findings)
    assert any("校验位" in f.message for f in check_inventory(_import(tmp_path, LEDGER)[1]).findings)


def test_a_gb18030_csv_with_sensor_columns_imports_its_sensors(tmp_path: Path) -> None:
    text = "小区名称,镇街,传感器IMEI,传感器类型\n桂园小区,勉阳街道,868134040000018,可燃气体探测器\n"
    report, into = _import(tmp_path, text, encoding="gb18030")
    assert report.mapping["传感器IMEI"] == "sensors.imei"
    assert [(s[1], s[3]) for s in _sensors(into)] == [(IMEI_A, "可燃气体探测器")]


def test_an_xlsx_ledger_keeps_an_imei_excel_stored_as_a_number(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["小区名称", "镇街", "IMEI", "设备ID", "高报"])
    sheet.append(["桂园小区", "勉阳街道", int(IMEI_A), "NB-7", 50])
    ledger = tmp_path / "台账.xlsx"
    book.save(ledger)
    import_ledger(ledger, tmp_path / "清单.gpkg")
    assert [(s[1], s[2], s[5]) for s in _sensors(tmp_path / "清单.gpkg")] == [(IMEI_A, "NB-7", 50.0)]


def test_an_inventory_with_imported_sensors_passes_the_geopackage_validators(tmp_path: Path) -> None:
    _report, into = _import(tmp_path, LEDGER)
    for result in run_validators(into):
        assert result.returncode == 0, result.stdout + result.stderr

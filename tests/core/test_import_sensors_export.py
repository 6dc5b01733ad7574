"""Sensors leave in every export (CSV, XLSX, GeoJSON, GeoPackage) and come back unchanged; `onemap show` lists them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from onemap.io.export import export
from onemap.io.importer import import_ledger
from onemap.store import Inventory
from tests.conftest import run_validators
from tests.core.test_import_sensors import IMEI_A, IMEI_B, LEDGER

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def inventory_file(tmp_path: Path) -> Path:
    ledger = tmp_path / "台账.csv"
    ledger.write_text(LEDGER, "utf-8")
    into = tmp_path / "清单.gpkg"
    import_ledger(ledger, into)
    with Inventory.open(into) as inventory, inventory.transaction():
        first = next(s for s in inventory.sensors() if s.imei == IMEI_B)
        inventory.update_sensor(first.fid, device_id=None, name="锅炉房", location=(106.6702, 33.1501))
    return into


def _sensors(path: Path) -> list[tuple]:  # type: ignore[type-arg]
    with Inventory.open(path, readonly=True) as inventory:
        names = {e.code: e.name for e in inventory.estates()}
        return sorted(
            (names[s.estate_code], s.imei, s.device_id, s.kind, s.low_lel, s.high_lel) for s in inventory.sensors()
        )


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".geojson"])
def test_an_exported_ledger_imports_into_a_new_inventory_with_the_same_sensors(
    tmp_path: Path, inventory_file: Path, suffix: str
) -> None:
    out = tmp_path / f"导出{suffix}"
    with Inventory.open(inventory_file, readonly=True) as inventory:
        export(inventory, out)
    import_ledger(out, tmp_path / "新.gpkg")
    assert _sensors(tmp_path / "新.gpkg") == _sensors(inventory_file)
    assert len(_sensors(inventory_file)) == 3


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".geojson"])
def test_an_exported_ledger_imported_back_changes_no_sensor(tmp_path: Path, inventory_file: Path, suffix: str) -> None:
    out = tmp_path / f"导出{suffix}"
    with Inventory.open(inventory_file, readonly=True) as inventory:
        export(inventory, out)
        before = [(s.fid, s.name, s.location) for s in inventory.sensors()]
    report = import_ledger(out, inventory_file)
    assert report.updated == [] and len(report.unchanged) == 2
    with Inventory.open(inventory_file, readonly=True) as inventory:
        assert [(s.fid, s.name, s.location) for s in inventory.sensors()] == before


def test_the_csv_and_xlsx_exports_hold_one_item_per_sensor_with_a_dash_for_a_blank(
    tmp_path: Path, inventory_file: Path
) -> None:
    with Inventory.open(inventory_file, readonly=True) as inventory:
        export(inventory, tmp_path / "a.xlsx")
        export(inventory, tmp_path / "a.geojson")
    sheet = openpyxl.load_workbook(tmp_path / "a.xlsx").active
    rows = [dict(zip([c.value for c in sheet[1]], [c.value for c in row], strict=True)) for row in sheet.iter_rows(2)]
    happy = next(r for r in rows if r["小区名称"] == "幸福小区")
    assert (happy["传感器IMEI"], happy["设备编号"], happy["低报(%LEL)"]) == (
        f"{IMEI_A}；{IMEI_B}",
        "GD-001；-",
        "20；20",
    )
    features = json.loads((tmp_path / "a.geojson").read_text("utf-8"))["features"]
    props = next(f["properties"] for f in features if f["properties"].get("name") == "幸福小区")
    assert props["sensor_imeis"] == f"{IMEI_A}；{IMEI_B}"


def test_a_geopackage_export_carries_the_sensors_with_their_positions_and_passes_the_validators(
    tmp_path: Path, inventory_file: Path
) -> None:
    out = tmp_path / "导出.gpkg"
    with Inventory.open(inventory_file, readonly=True) as inventory:
        export(inventory, out)
    assert _sensors(out) == _sensors(inventory_file)
    with Inventory.open(out, readonly=True) as copy:
        assert [s.location for s in copy.sensors() if s.imei == IMEI_B] == [pytest.approx((106.6702, 33.1501))]
    for result in run_validators(out):
        assert result.returncode == 0, result.stdout + result.stderr


def test_onemap_show_lists_an_estates_sensors_in_chinese_and_english(inventory_file: Path) -> None:
    with Inventory.open(inventory_file, readonly=True) as inventory:
        code = next(e.code for e in inventory.estates() if e.name == "幸福小区")

    def show(*extra: str) -> str:
        command = [sys.executable, "-m", "onemap", "show", str(inventory_file), code, *extra]
        return subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT).stdout

    assert f"传感器：锅炉房（燃气探测器）IMEI {IMEI_B} 设备编号 未填 低报 20 / 高报 50 %LEL" in show()
    assert "Sensor: 未填" not in show("--lang", "en") and f"IMEI {IMEI_A} device ID GD-001" in show("--lang", "en")
    assert [s["imei"] for s in json.loads(show("--json"))["sensors"]] == [IMEI_A, IMEI_B]

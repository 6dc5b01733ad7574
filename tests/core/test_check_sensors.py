"""``onemap validate`` on sensors, and the collector finding an imported one: the checks a clerk acts on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from onemap.io.importer import import_ledger
from onemap.store import Inventory, files
from onemap.store.check import check_inventory
from tests.core.test_import_sensors import IMEI_A, LEDGER

ROOT = Path(__file__).resolve().parents[2]


def _inventory(tmp_path: Path) -> Path:
    ledger = tmp_path / "台账.csv"
    ledger.write_text(LEDGER, "utf-8")
    into = tmp_path / "清单.gpkg"
    import_ledger(ledger, into)
    return into


def test_an_imported_sensor_is_the_device_the_collector_finds_by_imei_and_by_device_id(tmp_path: Path) -> None:
    with Inventory.open(_inventory(tmp_path), readonly=True) as inventory:
        by_imei, by_id = inventory.sensor_by_id(imei=IMEI_A), inventory.sensor_by_id(device_id="GD-001")
    assert by_imei is not None and by_imei == by_id and by_imei.estate_name == "幸福小区"


def test_validate_names_a_sensor_without_an_estate_and_one_without_any_identity(tmp_path: Path) -> None:
    into = _inventory(tmp_path)
    conn = files.connect(into, readonly=False)  # with the GeoPackage functions its R-tree triggers call
    conn.execute("PRAGMA foreign_keys = OFF")  # another program, writing with SQLite's default
    conn.execute("INSERT INTO sensors (estate_code, imei) VALUES ('9999999999', '356938035643809')")
    conn.execute("INSERT INTO sensors (estate_code, kind) SELECT code, '燃气探测器' FROM estates LIMIT 1")
    conn.commit()
    conn.close()
    findings = check_inventory(into).findings
    assert any(f.level == "error" and "所属的小区 9999999999 不在清单中" in f.message for f in findings)
    assert any("既没有 IMEI 也没有设备编号" in f.message for f in findings)


def test_onemap_validate_json_lists_the_sensor_findings_in_both_languages(tmp_path: Path) -> None:
    into = _inventory(tmp_path)
    command = [sys.executable, "-m", "onemap", "validate", str(into), "--json"]
    report = json.loads(subprocess.run(command, capture_output=True, text=True, cwd=ROOT).stdout)
    bad = [f for f in report["findings"] if "check digit" in f["message_en"]]
    assert len(bad) == 1 and "校验位不对" in bad[0]["message"] and bad[0]["level"] == "error"

"""The live-watch tables (migration 0005): valid GeoPackage layers with aliases, styles and audit triggers;
older files migrate after a backup; sensors are written and edited with an audit trail."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from onemap.store import Inventory
from onemap.store.check import check_inventory
from onemap.store.geometry import register_functions
from onemap.store.sensors import Sensor
from onemap.store.triggers import OUTSIDE
from onemap.watch.alerts import AlertBook
from tests.conftest import run_validators
from tests.core.alert_support import CODE, event, make_inventory
from tests.core.test_gpkg_conversion import FIXTURE
from tests.store_access import connection

NEW_TABLES = ("sensors", "alerts", "alert_pictures", "alert_steps")


@pytest.fixture
def inventory(tmp_path: Path) -> Iterator[Inventory]:
    with make_inventory(tmp_path / "监测 清单.gpkg") as inventory:
        yield inventory


def _assert_valid(path: Path) -> None:
    for result in run_validators(path):
        assert result.returncode == 0, result.stdout + result.stderr


def test_sensors_and_alerts_are_point_layers_and_the_rest_attribute_tables(inventory: Inventory) -> None:
    conn = connection(inventory)
    kinds = dict(conn.execute("SELECT table_name, data_type FROM gpkg_contents WHERE table_name LIKE '%s%'"))
    assert {t: kinds.get(t) for t in NEW_TABLES} == {
        "sensors": "features",
        "alerts": "features",
        "alert_pictures": "attributes",
        "alert_steps": "attributes",
    }
    geometry = {
        tuple(r) for r in conn.execute("SELECT table_name, geometry_type_name, srs_id FROM gpkg_geometry_columns")
    }
    assert {("sensors", "POINT", 4490), ("alerts", "POINT", 4490)} <= geometry
    rtrees = {
        r[0] for r in conn.execute("SELECT table_name FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index'")
    }
    assert {"sensors", "alerts"} <= rtrees


def test_the_new_columns_have_chinese_aliases_and_qgis_styles(inventory: Inventory) -> None:
    conn = connection(inventory)
    aliases = dict(conn.execute("SELECT table_name || '.' || column_name, name FROM gpkg_data_columns"))
    assert aliases["alerts.level"] == "级别（1 最高）" and aliases["sensors.imei"] == "IMEI"
    assert aliases["alert_steps.who"] == "人员"
    styles = dict(conn.execute("SELECT f_table_name, styleQML FROM layer_styles WHERE styleName = 'OneMap'"))
    assert set(NEW_TABLES) <= set(styles)
    assert 'attr="level"' in styles["alerts"] and "新告警" in styles["alerts"]  # renderer by level, value map of status


def test_an_inventory_with_alerts_sensors_pictures_and_steps_passes_both_validators(inventory: Inventory) -> None:
    book = AlertBook(inventory)
    alert = book.record(event(pictures=(b"\xff\xd8\xff\xe0" + b"0" * 100,)))
    assert alert is not None
    book.advance(alert.id, "dispatched", "王芳", "派物业")
    _assert_valid(inventory.path)


def test_the_demo_inventory_with_its_gas_detectors_passes_both_validators(demo_file: Path) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        assert len(inventory.sensors()) > 0
    _assert_valid(demo_file)


def test_an_onemap_0_1_file_migrates_to_the_live_watch_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "旧版 0.1.gpkg"
    shutil.copy(FIXTURE, path)
    with Inventory.open(path, user="测试员") as inventory:
        assert inventory.backup is not None and inventory.backup.exists()
        assert "0005_live_watch" in inventory.schema_migrations
        code = inventory.estates()[0].code
        with inventory.transaction():
            inventory.add_sensor(Sensor(code, "dev-1", "868134040000018", "燃气探测器", location=(106.67, 33.15)))
        assert AlertBook(inventory).record(event(_imei_key(), level=1)) is not None
    backup_tables = {r[0] for r in sqlite3.connect(inventory.backup).execute("SELECT name FROM sqlite_master")}
    assert "alerts" not in backup_tables
    _assert_valid(path)


def _imei_key():  # type: ignore[no-untyped-def]
    from onemap.watch.event import DeviceKey

    return DeviceKey("imei", "868134040000018")


def test_a_schema_four_file_gains_the_tables_when_opened_for_writing(tmp_path: Path) -> None:
    path = tmp_path / "四.gpkg"
    Inventory.create(path, county_code="610725", upto=4).close()
    with Inventory.open(path) as inventory:
        assert "0005_live_watch" in inventory.schema_migrations
        assert all(inventory.table_count(t) == 0 for t in NEW_TABLES)
    _assert_valid(path)


def test_reading_a_schema_four_file_read_only_lists_no_alerts(tmp_path: Path) -> None:
    path = tmp_path / "四.gpkg"
    Inventory.create(path, county_code="610725", upto=4).close()
    with Inventory.open(path, readonly=True) as inventory:
        assert AlertBook(inventory).alerts() == []


def test_sensor_edits_are_audited_field_by_field(inventory: Inventory) -> None:
    fid = inventory.sensors(CODE)[0].fid
    assert fid is not None
    with inventory.transaction():
        assert inventory.update_sensor(fid, high_lel=40.0, location=(106.6702, 33.1503)) == ["high_lel", "geom"]
        assert inventory.update_sensor(fid, high_lel=40.0) == []
    sensor = inventory.sensors(CODE)[0]
    assert sensor.high_lel == 40.0 and sensor.location == (106.6702, 33.1503)
    with inventory.transaction():
        assert inventory.delete_sensor(fid) and not inventory.delete_sensor(fid)
    trail = [(e.action, e.field) for e in inventory.audit.entries("sensors")]
    assert trail[:3] == [("delete", None), ("update", "geom"), ("update", "high_lel")]


def test_an_outside_programs_edit_of_an_alert_is_audited_without_payload_bytes(inventory: Inventory) -> None:
    alert = AlertBook(inventory).record(event(raw=b"<a>" + b"x" * 1000 + b"</a>"))
    assert alert is not None
    path = inventory.path
    inventory.close()
    conn = sqlite3.connect(path)
    register_functions(conn)  # what every GeoPackage client (QGIS, ogr2ogr) provides
    with conn:
        conn.execute("UPDATE alerts SET status = 'closed', last_raw = ? WHERE fid = ?", (b"<b/>", alert.id))
    conn.close()
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT who, field, old_value, new_value FROM audit_log WHERE table_name = 'alerts' AND who = ?", (OUTSIDE,)
        ).fetchall()
    conn.close()
    assert sorted(rows) == [(OUTSIDE, "last_raw", "1007 bytes", "4 bytes"), (OUTSIDE, "status", "new", "closed")]
    assert not [f for f in check_inventory(path).findings if f.level == "error"]


def test_a_bulk_sensor_load_is_one_audit_entry_and_sets_the_layer_extent(inventory: Inventory) -> None:
    sensors = [Sensor(CODE, f"dev-{i}", None, "燃气探测器", location=(106.66 + i / 1000, 33.15)) for i in range(10)]
    with inventory.transaction():
        assert inventory.add_sensors(sensors, note="测试") == 10
    entries = inventory.audit.entries("sensors")
    assert entries[0].action == "bulk" and "10 个传感器" in (entries[0].new_value or "")
    extent = (
        connection(inventory).execute("SELECT min_x, max_x FROM gpkg_contents WHERE table_name = 'sensors'").fetchone()
    )
    assert tuple(extent) == pytest.approx((106.66, 106.6701))
    assert json.loads(json.dumps([s.device_id for s in inventory.sensors(CODE)]))[-1] == "dev-9"


def test_a_bulk_sensor_load_keeps_no_credential_a_ledger_pasted_into_a_name(inventory: Inventory) -> None:
    pasted = Sensor(
        CODE, "dev-x", "868134040000026", "燃气探测器", "锅炉房 rtsp://admin:Gas12345@10.7.1.9/", location=None
    )
    with inventory.transaction():
        inventory.add_sensors([pasted], note="测试")
    stored = [s for s in inventory.sensors(CODE) if s.device_id == "dev-x"][0]
    assert stored.name is not None and "Gas12345" not in stored.name and "锅炉房" in stored.name
    assert stored.imei == "868134040000026"

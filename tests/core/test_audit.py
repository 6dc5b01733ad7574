"""Every kind of change lands in audit_log with when, who, table, key, field, old and new."""

from __future__ import annotations

import json

import pytest
from shapely.geometry import box

from onemap.model import Contact, Estate
from onemap.store import Inventory
from tests.store_access import connection


def _add(inventory: Inventory, code: str = "6107250001") -> None:
    with inventory.transaction():
        inventory.add_estate(
            Estate(
                code=code,
                name="桂园小区",
                township="勉阳街道",
                households=120,
                location=(106.67, 33.15),
                contacts=[Contact(code, "leader", "张伟", "局长", "13812345678")],
            )
        )


def test_an_insert_records_the_new_row_and_who_made_it(fresh: Inventory) -> None:
    _add(fresh)
    entry = next(e for e in fresh.history("6107250001") if e.table_name == "estates")
    assert entry.action == "insert" and entry.who == "测试员"
    assert json.loads(entry.new_value or "{}")["name"] == "桂园小区"
    assert entry.at.endswith("Z")


def test_an_update_records_each_changed_field_with_old_and_new_values(fresh: Inventory) -> None:
    _add(fresh)
    with fresh.transaction():
        changed = fresh.update_estate("6107250001", households=132, status="under_construction", name="桂园小区")
    assert sorted(changed) == ["households", "status"]
    entries = {e.field: e for e in fresh.history("6107250001") if e.action == "update"}
    assert (entries["households"].old_value, entries["households"].new_value) == ("120", "132")
    assert (entries["status"].old_value, entries["status"].new_value) == (None, "under_construction")


def test_a_move_records_old_and_new_positions_as_wkt(fresh: Inventory) -> None:
    _add(fresh)
    with fresh.transaction():
        fresh.move_estate("6107250001", (106.68, 33.16))
    entry = fresh.history("6107250001")[0]
    assert (entry.field, entry.old_value, entry.new_value) == ("geom", "POINT (106.67 33.15)", "POINT (106.68 33.16)")


def test_an_outline_change_is_recorded(fresh: Inventory) -> None:
    _add(fresh)
    with fresh.transaction():
        fresh.set_outline("6107250001", box(106.669, 33.149, 106.671, 33.151))
    entry = fresh.history("6107250001")[0]
    assert entry.table_name == "estate_areas" and entry.new_value.startswith("MULTIPOLYGON")


def test_a_delete_records_the_old_row(fresh: Inventory) -> None:
    _add(fresh)
    with fresh.transaction():
        fresh.delete_estate("6107250001")
    entry = fresh.history("6107250001")[0]
    assert entry.action == "delete" and json.loads(entry.old_value or "{}")["households"] == "120"
    assert fresh.count() == 0


def test_child_rows_are_audited_under_their_estate(fresh: Inventory) -> None:
    _add(fresh)
    fid = connection(fresh).execute("SELECT fid FROM contacts").fetchone()[0]
    with fresh.transaction():
        fresh.update_child("contacts", fid, phone="0916-3212345")
        fresh.delete_child("contacts", fid)
    actions = [(e.table_name, e.action, e.field) for e in fresh.history("6107250001")]
    assert actions[:2] == [("contacts", "delete", None), ("contacts", "update", "phone")]


def test_a_rolled_back_change_leaves_no_audit_entry(fresh: Inventory) -> None:
    _add(fresh)
    count = len(fresh.history("6107250001"))
    with pytest.raises(RuntimeError), fresh.transaction():
        fresh.update_estate("6107250001", households=999)
        raise RuntimeError("user pressed cancel")
    assert len(fresh.history("6107250001")) == count
    assert fresh.estate("6107250001").households == 120


def test_the_user_name_comes_from_the_environment_when_not_given(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ONEMAP_USER", "李娜")
    with Inventory.create(tmp_path / "x.gpkg") as inventory:
        _add(inventory)
        assert inventory.history("6107250001")[0].who == "李娜"


def test_a_bulk_load_is_one_audit_entry(demo_file) -> None:  # type: ignore[no-untyped-def]
    with Inventory.open(demo_file, readonly=True) as inventory:
        bulk = [e for e in inventory.audit.entries("estates") if e.action == "bulk"]
    assert len(bulk) == 1 and "150" in (bulk[0].new_value or "")

"""Undoing a facility's delete (or redoing its add) brings back the same facility: same fid, one audit identity."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from onemap.edit.facility_edits import AddFacility, DeleteFacility
from onemap.edit.history import EditHistory
from onemap.store import Inventory
from onemap.store.facilities import Facility
from onemap.store.geometry import register_functions
from tests.store_access import connection


def _keys(inventory: Inventory) -> list[tuple[str, str]]:
    rows = connection(inventory).execute(
        "SELECT action, row_key FROM audit_log WHERE table_name = 'facilities' ORDER BY fid"
    )
    return [(r[0], r[1]) for r in rows]


def test_undoing_a_facility_delete_brings_it_back_with_the_same_fid_and_audit_key(fresh: Inventory) -> None:
    history = EditHistory(fresh)
    history.push_and_apply(AddFacility(Facility("占位", "grocery", (106.66, 33.14))))
    add = AddFacility(Facility("东关幼儿园", "kindergarten", (106.67, 33.15), estate_code=None, capacity=180))
    history.push_and_apply(add)
    fid = add.fid
    assert fid is not None
    before = fresh.facility(fid)
    delete = DeleteFacility(fid)
    history.push_and_apply(delete)
    assert fresh.facility(fid) is None
    history.undo()
    assert delete.fid == fid and fresh.facility(fid) == before
    history.redo()
    history.undo()
    assert fresh.facility(fid) == before
    assert _keys(fresh)[1:] == [(a, f"facilities/{fid}") for a in ("insert", "delete", "insert", "delete", "insert")]


def test_redoing_an_undone_add_gives_the_facility_its_fid_again(fresh: Inventory) -> None:
    history = EditHistory(fresh)
    add = AddFacility(Facility("便民超市", "grocery", (106.67, 33.15)))
    history.push_and_apply(add)
    fid = add.fid
    history.undo()
    assert fresh.facilities() == []
    history.redo()
    assert add.fid == fid and [f.fid for f in fresh.facilities()] == [fid]


def test_a_fid_another_program_took_meanwhile_gives_the_restored_facility_a_new_one(tmp_path: Path) -> None:
    path = tmp_path / "设施.gpkg"
    Inventory.create(path).close()
    with Inventory.open(path) as inventory:
        history = EditHistory(inventory)
        add = AddFacility(Facility("卫生服务站", "clinic", (106.67, 33.15)))
        history.push_and_apply(add)
        fid = add.fid
        delete = DeleteFacility(fid)  # type: ignore[arg-type]
        history.push_and_apply(delete)
        other = sqlite3.connect(path, timeout=0.1)
        register_functions(other)
        with other:  # QGIS writing a row with that very fid
            other.execute("INSERT INTO facilities (fid, name, kind) VALUES (?, '外部', 'other')", (fid,))
        other.close()
        history.undo()
        assert delete.fid is not None and delete.fid != fid
        assert inventory.facility(delete.fid).name == "卫生服务站"  # type: ignore[union-attr]
        assert inventory.facility(fid).name == "外部"  # type: ignore[union-attr]
        history.redo()
        assert inventory.facility(delete.fid) is None

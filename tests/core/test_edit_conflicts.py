"""Lost updates: a row another program changed after OneMap read it is refused, not half-overwritten."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from onemap.edit import DeleteEstate, EditHistory, EstateForm, MoveEstate, SetEstateFields, UpdateChild
from onemap.store import Inventory
from onemap.store.errors import ConflictError, InventoryError
from onemap.store.geometry import register_functions
from tests.core.edit_support import on_disk
from tests.store_access import connection

CODE = "6107250003"  # 菜园片区 in the seed-1 demo, 108 households
TODAY = date(2026, 11, 1)


@pytest.fixture
def viewer(demo_copy: Path) -> Inventory:
    with Inventory.open(demo_copy, user="张伟") as opened:
        yield opened


def _qgis_writes(path: Path, sql: str, *params: object) -> None:
    """Another program's write on its own connection (what QGIS does while the viewer is open)."""
    conn = sqlite3.connect(path)
    register_functions(conn)
    with conn:
        conn.execute(sql, params)
    conn.close()


def _read(inventory: Inventory) -> dict:
    return dict(connection(inventory).execute("SELECT * FROM estates WHERE code = ?", (CODE,)).fetchone())


def test_the_store_refuses_an_update_of_a_row_changed_since_it_was_read(viewer: Inventory, demo_copy: Path) -> None:
    read = _read(viewer)
    _qgis_writes(demo_copy, "UPDATE estates SET name = 'QGIS 改名', households = 200 WHERE code = ?", CODE)
    with pytest.raises(ConflictError) as refused, viewer.transaction():
        viewer.update_estate(CODE, expected=read, households=150, notes="张伟的备注")
    assert isinstance(refused.value, InventoryError)
    assert set(refused.value.changed) == {"name", "households"}
    zh, en = refused.value.message("zh"), refused.value.message("en")
    assert "小区名称 现为「QGIS 改名」" in zh and "户数 现为「200」" in zh and "未保存" in zh
    assert "households is now '200'" in en and "not saved" in en
    estate = on_disk(demo_copy, CODE)
    assert (estate.name, estate.households, estate.notes) == ("QGIS 改名", 200, None)  # all of QGIS's, none of ours


def test_an_update_of_an_unchanged_row_goes_through(viewer: Inventory, demo_copy: Path) -> None:
    read = _read(viewer)
    with viewer.transaction():
        assert viewer.update_estate(CODE, expected=read, households=150) == ["households"]
    assert on_disk(demo_copy, CODE).households == 150


def test_the_form_refuses_to_save_over_another_programs_change_and_the_file_keeps_it(
    viewer: Inventory, demo_copy: Path
) -> None:
    form = EstateForm.load(viewer, CODE)
    form.estate.households = 150
    _qgis_writes(demo_copy, "UPDATE estates SET name = 'QGIS 改名' WHERE code = ?", CODE)
    history = EditHistory(viewer)
    with pytest.raises(ConflictError) as refused:
        history.push_and_apply(form.save_command(viewer, TODAY))
    assert "QGIS 改名" in refused.value.message("zh") and not history.can_undo()
    estate = on_disk(demo_copy, CODE)
    assert (estate.name, estate.households) == ("QGIS 改名", 108)


def test_the_form_refuses_when_a_contact_it_shows_was_changed_meanwhile(viewer: Inventory, demo_copy: Path) -> None:
    form = EstateForm.load(viewer, CODE)
    fid = form.fids["contacts"][0]
    form.estate.notes = "张伟的备注"
    _qgis_writes(demo_copy, "UPDATE contacts SET phone = '13900000000' WHERE fid = ?", fid)
    with pytest.raises(ConflictError) as refused:
        EditHistory(viewer).push_and_apply(form.save_command(viewer, TODAY))
    assert "13900000000" in refused.value.message("zh")
    assert on_disk(demo_copy, CODE).notes is None


def test_a_contact_another_program_added_is_not_deleted_by_the_form(viewer: Inventory, demo_copy: Path) -> None:
    form = EstateForm.load(viewer, CODE)
    form.estate.notes = "张伟的备注"
    _qgis_writes(demo_copy, "INSERT INTO contacts (estate_code, role, name) VALUES (?, 'grid', '李四')", CODE)
    EditHistory(viewer).push_and_apply(form.save_command(viewer, TODAY))
    estate = on_disk(demo_copy, CODE)
    assert estate.notes == "张伟的备注" and "李四" in [c.name for c in estate.contacts]


def test_the_form_refuses_a_row_another_program_deleted(viewer: Inventory, demo_copy: Path) -> None:
    form = EstateForm.load(viewer, CODE)
    fid = form.fids["contacts"][0]
    _qgis_writes(demo_copy, "DELETE FROM contacts WHERE fid = ?", fid)
    with pytest.raises(ConflictError):
        form.save_command(viewer, TODAY)
    assert fid not in [row[0] for row in connection(viewer).execute("SELECT fid FROM contacts")]


@pytest.mark.parametrize(
    "make",
    [
        lambda read, fid: SetEstateFields(CODE, expected=read, households=1),
        lambda read, fid: MoveEstate(CODE, (106.7, 33.2), expected=read),
        lambda read, fid: DeleteEstate(CODE, expected=read),
        lambda read, fid: UpdateChild("contacts", fid, expected=None, phone="13812345678"),
    ],
)
def test_every_edit_command_checks_what_it_read(viewer: Inventory, demo_copy: Path, make) -> None:  # type: ignore[no-untyped-def]
    read = _read(viewer)
    fid, row = _contact(viewer)
    command = make(read, fid)
    if isinstance(command, UpdateChild):
        command.expected = row
    _qgis_writes(demo_copy, "UPDATE estates SET households = 7 WHERE code = ?", CODE)
    _qgis_writes(demo_copy, "UPDATE contacts SET name = '外改' WHERE fid = ?", fid)
    before = demo_copy.read_bytes()
    with pytest.raises(ConflictError):
        EditHistory(viewer).push_and_apply(command)
    assert demo_copy.read_bytes() == before


def _contact(inventory: Inventory) -> tuple[int, dict]:
    row = connection(inventory).execute("SELECT * FROM contacts WHERE estate_code = ? ORDER BY fid", (CODE,)).fetchone()
    return row["fid"], dict(row)

"""Each kind of edit, done, undone and redone: the file and its audit trail say so each time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from shapely.geometry import box

from onemap.edit import (
    AddChild,
    AddEstate,
    DeleteChild,
    DeleteEstate,
    EditHistory,
    EditRefused,
    MoveEstate,
    SetEstateFields,
    SetOutline,
    UpdateChild,
)
from onemap.model import Camera, Contact, Estate, Funding, RenovationItem
from onemap.store import Inventory
from onemap.store.errors import InventoryError
from tests.core.edit_support import CODE, audit_on_disk, comparable, on_disk
from tests.store_access import connection


@pytest.fixture
def history(demo_copy: Path) -> EditHistory:
    inventory = Inventory.open(demo_copy, user="张伟")
    yield EditHistory(inventory)
    inventory.close()


def _fid(history: EditHistory, table: str, index: int = 0, code: str = CODE) -> int:
    rows = connection(history.inventory).execute(f"SELECT fid FROM {table} WHERE estate_code = ? ORDER BY fid", (code,))
    return int(rows.fetchall()[index][0])


def test_changing_households_then_undo_and_redo_shows_in_the_file_and_the_audit_trail(
    history: EditHistory, demo_copy: Path
) -> None:
    households = on_disk(demo_copy).households
    history.push_and_apply(SetEstateFields(CODE, households=households + 12))
    assert on_disk(demo_copy).households == households + 12
    latest = audit_on_disk(demo_copy)[0]
    assert (latest.action, latest.field, latest.who) == ("update", "households", "张伟")
    assert (latest.old_value, latest.new_value) == (str(households), str(households + 12))

    history.undo()
    assert on_disk(demo_copy).households == households
    latest = audit_on_disk(demo_copy)[0]
    assert (latest.old_value, latest.new_value) == (str(households + 12), str(households))

    history.redo()
    assert on_disk(demo_copy).households == households + 12
    trail = [e for e in audit_on_disk(demo_copy) if e.field == "households"]
    assert [(e.old_value, e.new_value) for e in trail] == [
        (str(households), str(households + 12)),
        (str(households + 12), str(households)),
        (str(households), str(households + 12)),
    ]


def test_an_estate_code_is_a_stable_identity_and_cannot_be_edited() -> None:
    with pytest.raises(EditRefused) as refused:
        SetEstateFields(CODE, code="6107259001", name="纺织厂小区")
    assert "编码" in refused.value.message("zh")


def test_moving_an_estate_is_undone_to_the_exact_old_position(history: EditHistory, demo_copy: Path) -> None:
    old = on_disk(demo_copy).location
    history.push_and_apply(MoveEstate(CODE, (106.68, 33.16)))
    assert on_disk(demo_copy).location == (106.68, 33.16)
    assert audit_on_disk(demo_copy)[0].new_value == "POINT (106.68 33.16)"
    history.undo()
    assert on_disk(demo_copy).location == old
    assert audit_on_disk(demo_copy)[0].old_value == "POINT (106.68 33.16)"
    history.redo()
    assert on_disk(demo_copy).location == (106.68, 33.16)
    assert [e.new_value for e in audit_on_disk(demo_copy)[:3]] == [
        "POINT (106.68 33.16)",
        f"POINT ({old[0]} {old[1]})",
        "POINT (106.68 33.16)",
    ]


def test_reshaping_an_outline_and_undoing_puts_the_old_outline_back(history: EditHistory, demo_copy: Path) -> None:
    old = on_disk(demo_copy).outline
    history.push_and_apply(SetOutline(CODE, box(106.673, 33.152, 106.676, 33.154)))
    assert on_disk(demo_copy).outline.bounds == pytest.approx((106.673, 33.152, 106.676, 33.154))
    history.undo()
    assert on_disk(demo_copy).outline.equals_exact(old, 0.0)
    entries = [e for e in audit_on_disk(demo_copy) if e.table_name == "estate_areas"]
    assert len(entries) == 2 and entries[0].new_value == old.wkt


def test_deleting_an_estate_and_undoing_restores_it_with_every_child_row(history: EditHistory, demo_copy: Path) -> None:
    before = comparable(on_disk(demo_copy))
    history.push_and_apply(DeleteEstate(CODE))
    assert on_disk(demo_copy) is None
    assert audit_on_disk(demo_copy)[0].action == "delete"
    history.undo()
    assert comparable(on_disk(demo_copy)) == before
    inserted = {e.table_name for e in audit_on_disk(demo_copy)[:40] if e.action == "insert"}
    assert {"estates", "contacts", "cameras", "funding", "renovation_items", "buildings"} <= inserted
    history.redo()
    assert on_disk(demo_copy) is None and audit_on_disk(demo_copy)[0].action == "delete"
    history.undo()
    assert comparable(on_disk(demo_copy)) == before


def test_adding_an_estate_clicked_on_the_map_and_undoing_removes_it(history: EditHistory, demo_copy: Path) -> None:
    estate = Estate(
        code="6107259999",
        name="新建小区",
        township="勉阳街道",
        location=(106.67, 33.15),
        contacts=[Contact("6107259999", "leader", "李娜", "科长", "13912345678")],
    )
    history.push_and_apply(AddEstate(estate))
    assert on_disk(demo_copy, "6107259999").contacts[0].name == "李娜"
    history.undo()
    assert on_disk(demo_copy, "6107259999") is None
    assert audit_on_disk(demo_copy, "6107259999")[0].action == "delete"
    history.redo()
    assert on_disk(demo_copy, "6107259999").location == (106.67, 33.15)


def test_a_contact_added_then_edited_survives_undo_and_redo_of_both(history: EditHistory, demo_copy: Path) -> None:
    add = AddChild("contacts", Contact(CODE, "grid_worker", "王芳", "网格员", "13700001111"))
    history.push_and_apply(add)
    history.push_and_apply(UpdateChild("contacts", add.fid, phone="13700002222"))
    history.undo()
    history.undo()
    assert [c.name for c in on_disk(demo_copy).contacts].count("王芳") == 0
    history.redo()  # the contact comes back under a new fid ...
    history.redo()  # ... and the phone edit still finds it
    contacts = [c for c in on_disk(demo_copy).contacts if c.name == "王芳"]
    assert [c.phone for c in contacts] == ["13700002222"]
    latest = audit_on_disk(demo_copy)[0]
    assert (latest.table_name, latest.field, latest.new_value) == ("contacts", "phone", "13700002222")


def test_a_camera_renamed_then_deleted_comes_back_with_its_old_name_after_two_undos(
    history: EditHistory, demo_copy: Path
) -> None:
    before = on_disk(demo_copy).cameras
    fid = _fid(history, "cameras", 1)
    history.push_and_apply(UpdateChild("cameras", fid, name="东门", location=(106.6746, 33.1532)))
    history.push_and_apply(DeleteChild("cameras", fid))
    assert len(on_disk(demo_copy).cameras) == 4
    history.undo()
    assert "东门" in [c.name for c in on_disk(demo_copy).cameras]
    history.undo()
    assert sorted(map(repr, on_disk(demo_copy).cameras)) == sorted(map(repr, before))
    trail = [e for e in audit_on_disk(demo_copy) if e.table_name == "cameras"]
    assert [e.action for e in trail[:4]] == ["update", "update", "insert", "delete"]


@pytest.mark.parametrize(
    "table, item",
    [
        ("funding", Funding(CODE, "social", 88.5)),
        ("renovation_items", RenovationItem(CODE, "safety", "消防通道整治")),
        (
            "cameras",
            Camera(CODE, "北门", "球机", "rtsp://10.7.1.9:554/Streaming/Channels/101", None, 1, (106.67, 33.15)),
        ),
    ],
)
def test_a_child_row_added_and_undone_leaves_the_estate_as_it_was(
    history: EditHistory, demo_copy: Path, table: str, item: object
) -> None:
    before = comparable(on_disk(demo_copy))
    history.push_and_apply(AddChild(table, item))
    assert comparable(on_disk(demo_copy)) != before
    history.undo()
    assert comparable(on_disk(demo_copy)) == before
    assert audit_on_disk(demo_copy)[0].action == "delete"


def test_deleting_a_funding_row_and_undoing_restores_its_amount(history: EditHistory, demo_copy: Path) -> None:
    before = on_disk(demo_copy).funding
    history.push_and_apply(DeleteChild("funding", _fid(history, "funding", 0)))
    entry = audit_on_disk(demo_copy)[0]
    assert entry.action == "delete" and json.loads(entry.old_value)["amount_wan"] == str(before[0].amount_wan)
    history.undo()
    assert sorted(map(repr, on_disk(demo_copy).funding)) == sorted(map(repr, before))


def test_undo_is_refused_when_an_import_changed_the_value_since(history: EditHistory, demo_copy: Path) -> None:
    history.push_and_apply(SetEstateFields(CODE, households=500))
    with history.inventory.transaction():  # what a re-import does behind the history's back
        history.inventory.update_estate(CODE, households=640)
    with pytest.raises(EditRefused) as refused:
        history.undo()
    assert "户数" in refused.value.message("zh") and "households" in refused.value.message("en")
    assert on_disk(demo_copy).households == 640
    assert history.can_undo() and not history.can_redo()


def test_an_edit_the_store_refuses_leaves_the_file_and_the_stack_unchanged(
    history: EditHistory, demo_copy: Path
) -> None:
    entries = len(audit_on_disk(demo_copy))
    with pytest.raises(InventoryError):
        history.push_and_apply(AddEstate(Estate(code=CODE, name="重复编码")))
    assert not history.can_undo()
    assert len(audit_on_disk(demo_copy)) == entries and on_disk(demo_copy).name == "纺织厂家属院"


def test_deleting_an_estate_with_resident_issues_is_refused_because_undo_could_not_restore_them(
    history: EditHistory, demo_copy: Path
) -> None:
    with history.inventory.transaction():  # issues come from other tools (QGIS); OneMap has no write for them yet
        connection(history.inventory).execute(
            "INSERT INTO issues (estate_code, problem) VALUES (?, '楼道灯不亮')", (CODE,)
        )
    with pytest.raises(EditRefused) as refused:
        history.push_and_apply(DeleteEstate(CODE))
    assert "居民问题" in str(refused.value)
    assert on_disk(demo_copy) is not None and not history.can_undo()

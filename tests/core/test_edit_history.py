"""The undo stack: menu wording, limits, redo after a new edit, clearing, and the views following it."""

from __future__ import annotations

from pathlib import Path

import pytest

from onemap.edit import EditHistory, HistoryEvent, MoveEstate, SetEstateFields, UpdateChild
from onemap.store import Inventory
from tests.core.edit_support import CODE, audit_on_disk, on_disk


@pytest.fixture
def inventory(demo_copy: Path) -> Inventory:
    with Inventory.open(demo_copy, user="张伟") as opened:
        yield opened


def test_the_menu_names_the_step_in_chinese_and_english(inventory: Inventory) -> None:
    history = EditHistory(inventory)
    assert (history.undo_text(), history.redo_text("en")) == ("撤销", "Redo")
    history.push_and_apply(SetEstateFields(CODE, households=300))
    assert history.undo_text() == "撤销 修改户数"
    assert history.undo_text("en") == "Undo Edit households"
    history.undo()
    assert history.redo_text() == "重做 修改户数"


@pytest.mark.parametrize(
    "command, text",
    [
        (SetEstateFields(CODE, floor_area_m2=9000.0), "修改住宅建筑面积"),
        (SetEstateFields(CODE, households=1, buildings=2), "修改户数、楼栋数"),
        (SetEstateFields(CODE, households=1, buildings=2, renewal_year=2025), "修改户数等 3 项"),
        (MoveEstate(CODE, (106.68, 33.16)), "移动小区位置"),
        (UpdateChild("contacts", 1, phone="13800001111"), "修改责任人电话"),
        (UpdateChild("cameras", 1, location=(106.6746, 33.1532)), "修改摄像头位置"),
    ],
)
def test_each_kind_of_step_has_its_own_menu_text(inventory: Inventory, command, text: str) -> None:  # type: ignore[no-untyped-def]
    history = EditHistory(inventory)
    history.push_and_apply(command)
    assert history.undo_text() == f"撤销 {text}"


def test_only_the_latest_steps_up_to_the_limit_can_be_undone(inventory: Inventory, demo_copy: Path) -> None:
    history = EditHistory(inventory, limit=3)
    for households in range(101, 106):
        history.push_and_apply(SetEstateFields(CODE, households=households))
    assert len(history) == 3
    while history.can_undo():
        history.undo()
    assert on_disk(demo_copy).households == 102


def test_a_new_edit_after_undo_drops_the_redo_steps(inventory: Inventory) -> None:
    history = EditHistory(inventory)
    history.push_and_apply(SetEstateFields(CODE, households=200))
    history.undo()
    assert history.can_redo()
    history.push_and_apply(SetEstateFields(CODE, buildings=9))
    assert not history.can_redo() and history.redo() is None


def test_an_edit_that_changes_nothing_is_not_an_undo_step(inventory: Inventory, demo_copy: Path) -> None:
    history = EditHistory(inventory)
    entries = len(audit_on_disk(demo_copy))
    same = on_disk(demo_copy).households
    assert history.push_and_apply(SetEstateFields(CODE, households=same)) is False
    assert not history.can_undo() and len(audit_on_disk(demo_copy)) == entries


def test_undo_and_redo_with_nothing_to_do_return_none(inventory: Inventory) -> None:
    history = EditHistory(inventory)
    assert history.undo() is None and history.redo() is None


def test_observers_follow_every_push_undo_redo_and_clear_until_they_unsubscribe(inventory: Inventory) -> None:
    history = EditHistory(inventory)
    seen: list[HistoryEvent] = []
    history.subscribe(seen.append)
    history.push_and_apply(MoveEstate(CODE, (106.68, 33.16)))
    history.undo()
    history.redo()
    history.clear()
    assert [e.kind for e in seen] == ["push", "undo", "redo", "clear"]
    assert seen[0].estate_codes == (CODE,) and seen[0].can_undo and not seen[0].can_redo
    assert seen[1].can_redo and not seen[1].can_undo
    assert seen[3].estate_codes == () and not seen[3].can_undo
    history.unsubscribe(seen.append)
    history.push_and_apply(MoveEstate(CODE, (106.69, 33.16)))
    assert len(seen) == 4


def test_opening_another_file_clears_the_history_and_points_it_at_the_new_file(
    inventory: Inventory, demo_file: Path, tmp_path: Path
) -> None:
    history = EditHistory(inventory)
    history.push_and_apply(SetEstateFields(CODE, households=321))
    other_path = tmp_path / "另一个清单.gpkg"
    other_path.write_bytes(demo_file.read_bytes())
    with Inventory.open(other_path, user="张伟") as other:
        history.clear(other)
        assert not history.can_undo() and history.inventory is other
        history.push_and_apply(SetEstateFields(CODE, households=7))
    assert on_disk(other_path).households == 7


def test_a_history_needs_room_for_one_step(inventory: Inventory) -> None:
    with pytest.raises(ValueError):
        EditHistory(inventory, limit=0)

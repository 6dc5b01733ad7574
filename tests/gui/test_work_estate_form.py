"""The estate form: a field edited, saved, undone and redone (file and audit trail); Save refused while wrong."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from onemap.edit import EditHistory
from onemap.gui.editing.estate_form import EstateFormDialog
from onemap.gui.editing.undo_actions import UndoActions
from onemap.store import Inventory
from tests.core.edit_support import audit_on_disk, on_disk
from tests.gui.work_kit import CODE, close_messages, messages

TODAY = date(2026, 11, 1)


@pytest.fixture
def history(demo_copy: Path) -> Iterator[EditHistory]:
    with Inventory.open(demo_copy, user="张伟") as inventory:
        yield EditHistory(inventory)


@pytest.fixture
def actions(qtbot, history: EditHistory) -> Iterator[UndoActions]:  # type: ignore[no-untyped-def]
    window = QWidget()
    qtbot.addWidget(window)
    undo = UndoActions(history, window)
    yield undo
    undo.close()


def open_form(qtbot, history: EditHistory, code: str = CODE) -> EstateFormDialog:  # type: ignore[no-untyped-def]
    dialog = EstateFormDialog.for_estate(history, code, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_households_typed_into_the_form_are_saved_undone_and_redone_in_the_file_and_its_audit_trail(
    qtbot, history: EditHistory, actions: UndoActions, demo_copy: Path
) -> None:
    form = open_form(qtbot, history)
    assert not actions.undo.isEnabled() and actions.undo.text() == "撤销"
    households = form.fields.text["households"]
    households.selectAll()
    qtbot.keyClicks(households, "450")
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    assert on_disk(demo_copy).households == 450
    saved = audit_on_disk(demo_copy)[0]
    assert (saved.who, saved.field, saved.old_value, saved.new_value) == ("张伟", "households", "446", "450")
    assert actions.undo.isEnabled() and actions.undo.text() == "撤销 修改户数"

    actions.undo.trigger()
    assert on_disk(demo_copy).households == 446
    undone = audit_on_disk(demo_copy)[0]
    assert (undone.field, undone.old_value, undone.new_value) == ("households", "450", "446")
    assert not actions.undo.isEnabled() and actions.redo.text() == "重做 修改户数"

    actions.redo.trigger()
    assert on_disk(demo_copy).households == 450
    assert actions.undo.text() == "撤销 修改户数" and not actions.redo.isEnabled()


def test_ctrl_z_and_ctrl_y_are_the_shortcuts(actions: UndoActions) -> None:
    assert actions.undo.shortcut().toString() == "Ctrl+Z"
    assert [s.toString() for s in actions.redo.shortcuts()] == ["Ctrl+Y", "Ctrl+Shift+Z"]


def test_a_word_typed_as_households_is_shown_in_red_under_it_and_save_stays_disabled(
    qtbot, history: EditHistory, demo_copy: Path
) -> None:
    form = open_form(qtbot, history)
    form.focus_field("households")
    form.fields.text["households"].setText("十二")
    message = form.fields.messages["households"]
    assert message.isVisible() and "十二" in message.text() and "户数" in message.text()
    assert "#c62828" in message.styleSheet()
    assert not form.save_button.isEnabled()
    assert "改正" in form.summary.text()
    assert not form.save()
    assert on_disk(demo_copy).households == 446
    form.fields.text["households"].setText("120")
    assert not message.isVisible() and form.save_button.isEnabled()


def test_a_bad_phone_in_the_contacts_table_marks_its_cell_and_names_the_person_under_the_table(
    qtbot, history: EditHistory
) -> None:
    form = open_form(qtbot, history)
    contacts = form.tables["contacts"]
    contacts.table.item(1, 3).setText("1381234")
    assert not contacts.errors.isHidden() and "1381234" in contacts.errors.text()
    assert contacts.table.item(1, 3).toolTip()
    assert not form.save_button.isEnabled()
    tab = form.tabs.indexOf(form.page.findChild(QWidget, "tab_contacts"))
    assert form.tabs.tabBar().tabTextColor(tab).name() == "#c62828"
    contacts.table.item(1, 3).setText("13812345678")
    assert contacts.errors.isHidden() and form.save_button.isEnabled()


def test_a_contact_added_in_the_table_is_saved_and_one_undo_takes_the_whole_save_back(
    qtbot, history: EditHistory, actions: UndoActions, demo_copy: Path
) -> None:
    form = open_form(qtbot, history)
    contacts = form.tables["contacts"]
    contacts.add_row()
    row = contacts.table.rowCount() - 1
    role: QComboBox = contacts.table.cellWidget(row, 0)
    role.setCurrentIndex(role.findData("site_manager"))
    contacts.table.item(row, 1).setText("周工")
    contacts.table.item(row, 3).setText("139 1600 0001")
    form.fields.text["households"].setText("450")
    assert form.save()
    saved = on_disk(demo_copy)
    assert saved.households == 450 and ("site_manager", "周工") in [(c.role, c.name) for c in saved.contacts]
    assert actions.undo.text() == "撤销 修改小区「纺织厂家属院」"
    actions.undo.trigger()
    restored = on_disk(demo_copy)
    assert restored.households == 446 and "周工" not in [c.name for c in restored.contacts]


def test_a_form_that_changed_nothing_closes_without_an_undo_step(qtbot, history: EditHistory) -> None:
    form = open_form(qtbot, history)
    with qtbot.waitSignal(form.saved) as saved:
        assert form.save()
    assert saved.args == [None] and not history.can_undo()


def test_an_undo_refused_by_the_store_is_said_and_keeps_its_step(
    qtbot, history: EditHistory, actions: UndoActions, demo_copy: Path
) -> None:
    form = open_form(qtbot, history)
    form.fields.text["households"].setText("450")
    assert form.save()
    with Inventory.open(demo_copy, user="乡镇") as other:  # an import, say, changes the value afterwards
        other.update_estate(CODE, households=500)
    with qtbot.waitSignal(actions.refused):
        actions.undo.trigger()
    assert any("户数" in text for text in messages())
    close_messages()
    assert history.can_undo() and on_disk(demo_copy).households == 500


def test_a_new_estate_from_the_form_is_added_and_undo_removes_it(
    qtbot, history: EditHistory, actions: UndoActions, demo_copy: Path
) -> None:
    form = EstateFormDialog.for_new_estate(history, "6107259001", (106.67, 33.15), today=TODAY)
    qtbot.addWidget(form)
    assert not form.fields.text["code"].isReadOnly()
    assert not form.save_button.isEnabled()  # a name is required
    form.fields.text["name"].setText("新建小区")
    form.fields.combos["status"].setCurrentIndex(form.fields.combos["status"].findData("planned"))
    assert form.save()
    added = on_disk(demo_copy, "6107259001")
    assert added is not None and added.name == "新建小区" and added.status == "planned"
    assert added.location == (106.67, 33.15)
    actions.undo.trigger()
    assert on_disk(demo_copy, "6107259001") is None


def test_a_read_only_inventory_refuses_save_in_words(qtbot, demo_copy: Path) -> None:
    with Inventory.open(demo_copy, readonly=True) as inventory:
        form = open_form(qtbot, EditHistory(inventory))
        form.fields.text["households"].setText("450")
        assert not form.save_button.isEnabled() and "只读" in form.summary.text()

"""The estate form's 改造成效 tab: the survey's output figures typed, checked, saved, audited and undone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from onemap.edit import EditHistory
from onemap.gui.editing.estate_form import EstateFormDialog
from onemap.model import ESTATE_FIELD_LABELS, OUTPUT_FIELDS
from onemap.store import Inventory
from tests.core.edit_support import audit_on_disk, on_disk
from tests.gui.work_kit import CODE

TODAY = date(2026, 11, 1)


@pytest.fixture
def history(demo_copy: Path) -> Iterator[EditHistory]:
    with Inventory.open(demo_copy, user="张伟") as inventory:
        yield EditHistory(inventory)


def _form(qtbot, history: EditHistory) -> EstateFormDialog:  # type: ignore[no-untyped-def]
    dialog = EstateFormDialog.for_estate(history, CODE, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_outputs_tab_holds_every_output_field_under_its_ledger_label(qtbot, history: EditHistory) -> None:
    form = _form(qtbot, history)
    tab = next(i for i in range(form.tabs.count()) if form.tabs.widget(i).objectName() == "tabOutputs")
    assert form.tabs.tabText(tab) == "改造成效"
    for name in OUTPUT_FIELDS:
        assert form.tabs.widget(tab).isAncestorOf(form.fields.text[name])
        assert form.tabs.widget(tab).findChild(object, f"label_{name}").text() == ESTATE_FIELD_LABELS[name]


def test_lifts_and_pipelines_typed_in_the_form_are_saved_audited_and_undone(
    qtbot, history: EditHistory, demo_copy: Path
) -> None:
    form = _form(qtbot, history)
    qtbot.keyClicks(form.fields.text["lifts_added"], "3")
    qtbot.keyClicks(form.fields.text["pipelines_km"], "1.25")
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    saved = on_disk(demo_copy)
    assert saved is not None and (saved.lifts_added, saved.pipelines_km, saved.parking_added) == (3, 1.25, None)
    changes = {(a.who, a.field, a.old_value, a.new_value) for a in audit_on_disk(demo_copy)[:2]}
    assert changes == {("张伟", "lifts_added", None, "3"), ("张伟", "pipelines_km", None, "1.25")}
    history.undo()
    undone = on_disk(demo_copy)
    assert undone is not None and (undone.lifts_added, undone.pipelines_km) == (None, None)


def test_a_fractional_lift_count_is_shown_in_red_and_keeps_save_disabled(qtbot, history: EditHistory) -> None:
    form = _form(qtbot, history)
    form.focus_field("lifts_added")
    assert form.tabs.currentWidget().objectName() == "tabOutputs"
    form.fields.text["lifts_added"].setText("1.5")
    message = form.fields.messages["lifts_added"]
    assert message.isVisible() and "整数" in message.text() and not form.save_button.isEnabled()
    form.fields.text["lifts_added"].setText("-2")
    assert "负数" in message.text() and not form.save_button.isEnabled()
    form.fields.text["lifts_added"].setText("2")
    assert not message.isVisible() and form.save_button.isEnabled()

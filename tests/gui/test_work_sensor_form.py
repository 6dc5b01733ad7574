"""The estate form's 传感器 table: a gas detector added, edited, removed (one undo step each); wrong input in red."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from onemap.edit import EditHistory
from onemap.gui.editing.estate_form import EstateFormDialog
from onemap.gui.editing.undo_actions import UndoActions
from onemap.store import Inventory
from tests.core.edit_support import on_disk
from tests.gui.work_kit import CODE

TODAY = date(2026, 11, 1)
IMEI = "356938035643809"
NAME, KIND, COL_IMEI, DEVICE, LOW, HIGH, WHERE = range(7)


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


def _with_sensors(history: EditHistory) -> str:
    return next(s.estate_code for s in history.inventory.sensors())


def test_a_sensor_added_in_the_table_is_saved_with_its_set_points_and_position_and_one_undo_removes_it(
    qtbot, history: EditHistory, actions: UndoActions, demo_copy: Path
) -> None:
    before = len(on_disk(demo_copy).sensors)
    form = open_form(qtbot, history)
    sensors = form.tables["sensors"]
    sensors.add_row()
    row = sensors.table.rowCount() - 1
    for column, text in ((NAME, "锅炉房"), (COL_IMEI, IMEI), (LOW, "20"), (HIGH, "50"), (WHERE, "106.6701, 33.1502")):
        sensors.table.item(row, column).setText(text)
    assert sensors.errors.isHidden() and form.save_button.isEnabled()
    assert form.save()
    [added] = [s for s in on_disk(demo_copy).sensors if s.imei == IMEI]
    assert (added.name, added.kind, added.low_lel, added.high_lel) == ("锅炉房", "燃气探测器", 20.0, 50.0)
    assert added.location == pytest.approx((106.6701, 33.1502))
    actions.undo.trigger()
    assert len(on_disk(demo_copy).sensors) == before and IMEI not in [s.imei for s in on_disk(demo_copy).sensors]
    actions.redo.trigger()
    assert IMEI in [s.imei for s in on_disk(demo_copy).sensors]


def test_a_mistyped_imei_crossed_set_points_and_a_bad_position_are_named_in_red_and_keep_save_disabled(
    qtbot, history: EditHistory
) -> None:
    form = open_form(qtbot, history)
    sensors = form.tables["sensors"]
    sensors.add_row()
    row = sensors.table.rowCount() - 1
    assert "请填写 IMEI 或设备编号" in sensors.errors.text() and not form.save_button.isEnabled()
    sensors.table.item(row, COL_IMEI).setText("356938035643808")
    assert "校验位不对（最后一位应为 9）" in sensors.errors.text()
    assert sensors.table.item(row, COL_IMEI).toolTip()
    tab = form.tabs.indexOf(form.page.findChild(QWidget, "tab_sensors"))
    assert form.tabs.tabBar().tabTextColor(tab).name() == "#c62828"
    sensors.table.item(row, COL_IMEI).setText(IMEI)
    sensors.table.item(row, LOW).setText("60")
    sensors.table.item(row, HIGH).setText("40")
    assert "低报值 60 高于高报值 40" in sensors.errors.text() and not form.save_button.isEnabled()
    sensors.table.item(row, LOW).setText("120")
    assert "不在 0–100 之间" in sensors.errors.text()
    sensors.table.item(row, LOW).setText("20")
    sensors.table.item(row, WHERE).setText("东经106度")
    assert "不是（经度, 纬度）" in sensors.errors.text() and not form.save_button.isEnabled()
    sensors.table.item(row, WHERE).setText("")
    assert sensors.errors.isHidden() and form.save_button.isEnabled()


def test_a_set_point_edited_in_the_table_changes_that_sensor_in_place_and_undo_puts_it_back(
    qtbot, history: EditHistory, actions: UndoActions, demo_copy: Path
) -> None:
    code = _with_sensors(history)
    first = on_disk(demo_copy, code).sensors[0]
    fid = history.inventory.sensors(code)[0].fid
    form = open_form(qtbot, history, code)
    sensors = form.tables["sensors"]
    assert sensors.table.item(0, COL_IMEI).text() == first.imei
    sensors.table.item(0, HIGH).setText("40")
    assert form.save()
    assert [(s.fid, s.high_lel) for s in history.inventory.sensors(code)][0] == (fid, 40.0)
    actions.undo.trigger()
    assert on_disk(demo_copy, code).sensors[0].high_lel == first.high_lel


def test_a_sensor_removed_in_the_table_is_deleted_and_undo_brings_it_back(
    qtbot, history: EditHistory, actions: UndoActions, demo_copy: Path
) -> None:
    code = _with_sensors(history)
    before = [s.imei for s in on_disk(demo_copy, code).sensors]
    form = open_form(qtbot, history, code)
    sensors = form.tables["sensors"]
    sensors.table.setCurrentCell(0, 0)
    sensors.remove_selected()
    assert form.save()
    assert [s.imei for s in on_disk(demo_copy, code).sensors] == before[1:]
    actions.undo.trigger()
    assert sorted(s.imei for s in on_disk(demo_copy, code).sensors) == sorted(before)

"""Clicking the map answers "what is this estate?"."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QToolTip

from onemap.gui.main_window import MainWindow
from onemap.gui.settings import Settings
from onemap.model import BLANK_ZH, ESTATE_FIELD_LABELS
from onemap.store import Inventory
from tests.gui.guikit import make_window, screen_pos, settle, show_around


def click(qtbot, window: MainWindow, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, modifier, screen_pos(window, row))
    settle(window)


def test_clicking_an_estate_at_its_screen_position_shows_it_in_the_details_dock(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    state = window.session.state
    row = 12
    show_around(window, row)
    click(qtbot, window, row)
    code, name = str(state.table.code[row]), str(state.table.name[row])
    assert state.selection == (code,)
    details = window.details
    assert details.body.isVisible() and not details.empty.isVisible()
    assert details.title.text() == name
    assert details.subtitle.text().startswith(code)
    shown = details.field_values()
    assert list(shown)[: len(ESTATE_FIELD_LABELS)] == list(ESTATE_FIELD_LABELS.values())
    assert shown["曾用名"] == shown["备注"] == BLANK_ZH  # the demo leaves them blank
    assert shown["小区名称"] == name
    assert details.contacts.count() > 0 and details.cameras.count() > 0


def test_the_details_dock_shows_contacts_cameras_funding_items_and_history(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    state = window.session.state
    code = str(state.table.code[0])
    state.select([code])
    settle(window)
    texts = [w.text() for w in window.details.form.findChildren(QLabel) if w.isVisibleTo(window.details.form)]
    joined = "\n".join(texts)
    assert "包抓负责人" in joined and "网格员" in joined
    cameras = window.details.camera_panel
    assert cameras.estate_code == code and cameras.table.rowCount() == len(cameras.cameras) > 0
    assert cameras.table.item(0, 2).text().startswith("网络摄像机")
    assert "国标编码 6107250001132000001" in cameras.detail.text() and "@" not in cameras.detail.text()
    assert "中央补助" in joined and "万元" in joined and "合计" in joined
    assert "基础类" in joined
    assert "无修改记录" in joined
    assert "@" not in joined  # camera links never carry a login


def test_the_copy_button_puts_the_phone_on_the_clipboard(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.details.set_mask_phones(False)  # Settings masks phones by default; a masked phone cannot be copied
    state = window.session.state
    state.select([str(state.table.code[0])])
    with Inventory.open(window.session.path, readonly=True) as inventory:
        first_phone = inventory.estate(str(state.table.code[0])).contacts[0].phone
    qtbot.mouseClick(window.details.copy_buttons[0], Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == first_phone
    assert first_phone in window.statusBar().currentMessage()


def test_ctrl_click_adds_to_the_selection_and_a_click_on_empty_map_clears_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    state = window.session.state
    show_around(window, 12, 2500)
    a, b = (int(r) for r in state.points.within(state.extent)[:2])
    click(qtbot, window, a)
    click(qtbot, window, b, Qt.KeyboardModifier.ControlModifier)
    assert state.selection == (str(state.table.code[a]), str(state.table.code[b]))
    show_around(window, a, 400)  # under 1 m/px: the neighbours are off screen
    empty = screen_pos(window, a)
    empty.setY(empty.y() - 200)
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=empty)
    settle(window)
    assert state.selection == ()
    assert window.details.empty.isVisible()


def test_overlapping_estates_pick_the_nearest_and_offer_the_others(
    qtbot, demo_copy: Path, settings: Settings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    crowded = tmp_path / "重叠.gpkg"
    shutil.copy(demo_copy, crowded)
    with Inventory.open(crowded) as inventory:
        first, second = inventory.estates()[:2]
        lon, lat = first.location
        with inventory.transaction():
            inventory.move_estate(second.code, (lon + 0.00004, lat))  # about 4 m east
    window = make_window(qtbot, settings, crowded)
    row = window.session.table.row_of(first.code)
    show_around(window, row, 300)
    click(qtbot, window, row)
    state = window.session.state
    assert state.current == first.code
    assert set(state.alternatives) == {first.code, second.code}
    combo = window.details.others
    assert window.details.others_box.isVisible()
    assert combo.count() == 2  # a prompt, then the other estate
    combo.setCurrentIndex(1)
    combo.activated.emit(1)
    assert state.current == second.code
    assert window.details.title.text() == second.name
    window.close()


def test_clicking_an_aggregate_zooms_into_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    state = window.session.state
    window.canvas.home()
    settle(window)
    plan = window.session.planner.current
    assert plan is not None and plan.aggregated
    i = int(np.argmax(plan.clusters.count))
    before = state.resolution
    target = window.canvas.to_widget(float(plan.clusters.x[i]), float(plan.clusters.y[i])).toPoint()
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=target)
    settle(window)
    assert state.resolution < before / 4
    assert state.selection == ()


def test_hovering_an_estate_shows_its_name_and_status(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    state = window.session.state
    row = 12
    show_around(window, row)
    qtbot.mouseMove(window.canvas.viewport(), screen_pos(window, row))
    t = state.table
    expected = window.controller.tooltip_at(float(t.x[row]), float(t.y[row]))
    assert expected.startswith(str(t.name[row]) + "\n状态：")
    qtbot.waitUntil(lambda: QToolTip.isVisible(), timeout=3000)
    assert QToolTip.text() == expected
    assert "经度 " in window.status.position.text() and "纬度" in window.status.position.text()

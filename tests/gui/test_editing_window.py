"""Editing from the main window: the form, delete, add and drag, each undoable, in the file and its audit trail."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from onemap.gui.main_window import MainWindow
from onemap.gui.settings import Settings
from onemap.view.extent import to_lonlat
from tests.core.edit_support import audit_on_disk, on_disk
from tests.gui.guikit import make_window, screen_pos, settle, show_around
from tests.gui.work_kit import CODE, close_messages, wait_for

USER = "王芳"


@pytest.fixture
def editor(qtbot, demo_copy: Path, settings: Settings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The main window on a private demo copy, with an audit user set in Settings."""
    settings.q.setValue("settings/audit_user", USER)
    w = make_window(qtbot, settings, demo_copy)
    yield w
    close_messages()
    w.close()


def row_of(window: MainWindow, code: str = CODE) -> int:
    assert window.session is not None
    row = window.session.table.row_of(code)
    assert row is not None
    return row


def select(window: MainWindow, code: str = CODE) -> None:
    assert window.session is not None
    window.session.state.select([code])
    settle(window)


def question() -> QMessageBox:
    wait_for(lambda: any(w.objectName() == "onemapQuestion" for w in _boxes()))
    return next(w for w in _boxes() if w.objectName() == "onemapQuestion")


def _boxes() -> list[QMessageBox]:
    from PySide6.QtWidgets import QApplication

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_an_editable_file_opens_with_a_writable_history_and_the_edit_menu_enabled(editor: MainWindow) -> None:
    editing = editor.editing
    assert editing.writable and editing.inventory is not None and not editing.inventory.readonly
    assert "（只读）" not in editor.windowTitle()
    assert editing.actions.add.isEnabled() and editing.actions.move.isEnabled()
    assert not editing.actions.edit.isEnabled()  # nothing selected yet
    select(editor)
    assert editing.actions.edit.isEnabled() and editing.actions.delete.isEnabled()
    assert not editing.undo.undo.isEnabled()
    titles = [a.text() for a in editor.menuBar().actions()]
    assert titles[:3] == ["文件", "编辑", "视图"]


def test_households_changed_in_the_form_show_everywhere_and_undo_puts_file_table_and_audit_back(
    qtbot, editor: MainWindow, demo_copy: Path
) -> None:  # type: ignore[no-untyped-def]
    show_around(editor, row_of(editor))
    select(editor)
    extent = editor.canvas.visible_extent()
    editor.editing.actions.edit.trigger()
    form = editor.editing.form
    assert form is not None and form.isVisible()
    form.fields.text["households"].setText("450")
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle(editor)
    assert on_disk(demo_copy).households == 450
    entry = audit_on_disk(demo_copy)[0]
    assert (entry.who, entry.field, entry.old_value, entry.new_value) == (USER, "households", "446", "450")
    state = editor.session.state
    assert editor.session.table.households[row_of(editor)] == 450
    assert state.selection == (CODE,) and editor.details.field_values()["户数"].startswith("450")
    assert editor.canvas.visible_extent().width == pytest.approx(extent.width, rel=1e-6)
    assert editor.editing.undo.undo.text() == "撤销 修改户数"

    editor.editing.undo.undo.trigger()
    settle(editor)
    assert on_disk(demo_copy).households == 446
    assert editor.session.table.households[row_of(editor)] == 446
    assert editor.details.field_values()["户数"].startswith("446")
    assert audit_on_disk(demo_copy)[0].new_value == "446"
    editor.editing.undo.redo.trigger()
    assert on_disk(demo_copy).households == 450


def test_the_filter_survives_an_edit(editor: MainWindow) -> None:
    state = editor.session.state
    state.set_filter(state.filter.with_(statuses=frozenset({"completed"})))
    shown = state.shown_count
    code = str(state.table.code[state.filtered_rows[0]])
    assert editor.editing.move_estate(code, (106.68, 33.15))
    settle(editor)
    assert editor.session.state.filter.statuses == frozenset({"completed"})
    assert editor.session.state.shown_count == shown


def test_delete_asks_first_then_removes_the_estate_and_undo_brings_it_back(
    qtbot, editor: MainWindow, demo_copy: Path
) -> None:  # type: ignore[no-untyped-def]
    select(editor)
    editor.editing.actions.delete.trigger()
    box = question()
    assert "纺织厂家属院" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    assert on_disk(demo_copy) is not None

    editor.editing.actions.delete.trigger()
    qtbot.mouseClick(question().button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    settle(editor)
    assert on_disk(demo_copy) is None
    assert editor.session.table.row_of(CODE) is None and editor.session.state.selection == ()
    assert len(editor.session.table) == 149

    editor.editing.undo.undo.trigger()
    settle(editor)
    assert on_disk(demo_copy).households == 446
    assert len(editor.session.table) == 150


def test_a_click_in_the_add_mode_places_a_new_estate_that_the_form_saves_and_selects(
    qtbot, editor: MainWindow, demo_copy: Path
) -> None:  # type: ignore[no-untyped-def]
    show_around(editor, row_of(editor), 3000)
    editor.editing.actions.add.setChecked(True)
    viewport = editor.canvas.viewport()
    spot = QPoint(viewport.width() // 2 + 37, viewport.height() // 2 - 41)
    lon, lat = to_lonlat(*editor.canvas.to_display(spot.toPointF()))
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, spot)
    form = editor.editing.form
    assert form is not None and not editor.editing.actions.add.isChecked()
    code = form.form.estate.code
    assert code == "6107250151"
    form.fields.text["name"].setText("新建测试小区")
    form._changed()
    assert form.save_button.isEnabled(), form.summary.text()
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle(editor)
    added = on_disk(demo_copy, code)
    assert added is not None and added.name == "新建测试小区"
    assert added.location == pytest.approx((lon, lat), abs=1e-7)
    assert editor.session.state.selection == (code,)
    assert audit_on_disk(demo_copy, code)[0].who == USER
    editor.editing.undo.undo.trigger()
    assert on_disk(demo_copy, code) is None


def drag(qtbot, window: MainWindow, start: QPoint, end: QPoint) -> None:  # type: ignore[no-untyped-def]
    viewport = window.canvas.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        qtbot.mouseMove(viewport, start + (end - start) * step / 5)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    settle(window)


def test_dragging_the_selected_point_in_the_move_mode_moves_it_in_the_file_undoably_and_audited(
    qtbot, editor: MainWindow, demo_copy: Path
) -> None:  # type: ignore[no-untyped-def]
    row = row_of(editor)
    show_around(editor, row, 800)
    select(editor)
    before = on_disk(demo_copy).location
    extent = editor.canvas.visible_extent()
    editor.editing.actions.move.setChecked(True)
    start = screen_pos(editor, row)
    end = start + QPoint(60, -40)
    target = to_lonlat(*editor.canvas.to_display(end.toPointF()))
    drag(qtbot, editor, start, end)
    after = on_disk(demo_copy).location
    assert after == pytest.approx(target, abs=1e-7) and after != pytest.approx(before, abs=1e-5)
    assert editor.canvas.visible_extent().minx == pytest.approx(extent.minx)  # the drag did not pan the map
    assert screen_pos(editor, row_of(editor)) == end
    with sqlite3.connect(demo_copy) as conn:
        who, table = conn.execute("SELECT who, table_name FROM audit_log ORDER BY rowid DESC LIMIT 1").fetchone()
    assert (who, table) == (USER, "estates")
    assert editor.editing.undo.undo.text() == "撤销 移动小区位置"
    editor.editing.undo.undo.trigger()
    assert on_disk(demo_copy).location == pytest.approx(before, abs=1e-9)


def test_outside_the_move_mode_or_off_the_point_a_drag_pans_and_changes_nothing(
    qtbot, editor: MainWindow, demo_copy: Path
) -> None:  # type: ignore[no-untyped-def]
    row = row_of(editor)
    show_around(editor, row, 800)
    select(editor)
    before = on_disk(demo_copy).location
    start = screen_pos(editor, row)
    drag(qtbot, editor, start, start + QPoint(60, -40))
    editor.editing.actions.move.setChecked(True)
    drag(qtbot, editor, QPoint(20, 20), QPoint(90, 60))
    assert on_disk(demo_copy).location == before and not editor.editing.undo.undo.isEnabled()


def test_a_read_only_file_says_so_in_the_title_and_disables_every_edit(
    qtbot, demo_copy: Path, settings: Settings
) -> None:  # type: ignore[no-untyped-def]
    os.chmod(demo_copy, stat.S_IRUSR | stat.S_IRGRP)
    try:
        window = make_window(qtbot, settings, demo_copy)
        select(window)
        editing = window.editing
        assert window.windowTitle().endswith("（只读） - OneMap 一张图")
        assert not editing.writable and "只读" in editing.readonly_reason
        actions = (
            editing.actions.edit,
            editing.actions.delete,
            editing.actions.add,
            editing.actions.move,
            editing.undo.undo,
            editing.undo.redo,
        )
        assert not any(a.isEnabled() for a in actions)
        window.close()
    finally:
        os.chmod(demo_copy, stat.S_IRUSR | stat.S_IWUSR)


def test_a_file_locked_by_another_program_opens_read_only(qtbot, demo_copy: Path, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    other = sqlite3.connect(demo_copy, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        window = make_window(qtbot, settings, demo_copy)
        assert "（只读）" in window.windowTitle() and not window.editing.actions.add.isEnabled()
        assert "另一个程序" in window.editing.readonly_reason
        window.close()
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_file_another_onemap_is_editing_opens_read_only_naming_the_editor(  # type: ignore[no-untyped-def]
    qtbot, demo_copy: Path, settings: Settings, tmp_path: Path
) -> None:
    import json
    import socket

    from onemap.store.editlock import lock_path

    # another OneMap, idle, on another computer in the bureau: SQLite holds no lock for it
    lock_path(demo_copy).write_text(json.dumps({"user": "王强", "host": "县局-PC-07", "pid": 4242}), "utf-8")
    window = make_window(qtbot, settings, demo_copy)
    assert "（只读）" in window.windowTitle() and not window.editing.actions.add.isEnabled()
    assert "王强（电脑 县局-PC-07，" in window.editing.readonly_reason
    window.close()
    lock_path(demo_copy).unlink()
    own = make_window(qtbot, settings, demo_copy)
    held = json.loads(lock_path(demo_copy).read_text("utf-8"))
    assert held["host"] == socket.gethostname() and own.editing.actions.add.isEnabled()
    own.close()
    assert not lock_path(demo_copy).exists()

"""改范围面: dragging a vertex of the selected estate's outline reshapes it in the file, audited and undoable."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from onemap.gui.main_window import MainWindow
from onemap.gui.settings import Settings
from onemap.view.extent import to_display, to_lonlat
from tests.core.edit_support import on_disk
from tests.gui.guikit import make_window, settle, show_around
from tests.gui.test_editing_window import drag
from tests.gui.work_kit import CODE, close_messages

USER = "王芳"


@pytest.fixture
def editor(qtbot, demo_copy: Path, settings: Settings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    settings.q.setValue("settings/audit_user", USER)
    w = make_window(qtbot, settings, demo_copy)
    assert w.session is not None
    row = w.session.table.row_of(CODE)
    assert row is not None
    show_around(w, row, 250)
    w.session.state.select([CODE])
    settle(w)
    yield w
    close_messages()
    w.close()


def first_vertex(window: MainWindow) -> tuple[QPoint, tuple[float, float]]:
    """Where the outline's first vertex is drawn (viewport pixels), and its stored lon/lat."""
    outline = on_disk(window.session.path).outline  # type: ignore[union-attr]
    assert outline is not None
    lon, lat = outline.geoms[0].exterior.coords[0][:2]
    x, y = to_display(np.array([lon]), np.array([lat]))
    return window.canvas.to_widget(float(x[0]), float(y[0])).toPoint(), (lon, lat)


def test_the_mode_shows_square_handles_on_every_vertex_of_the_selected_outline(editor: MainWindow) -> None:
    action = editor.editing.actions.reshape
    assert action.isEnabled() and action.isCheckable() and action.actionGroup() is editor.commands.map_modes
    assert action in editor.editing.actions.menu.actions() and action.text() == "改范围面"
    handles = editor.editing.outline_editor.handles
    assert not handles.isVisible()
    action.setChecked(True)
    outline = on_disk(editor.session.path).outline  # type: ignore[union-attr]
    vertices = sum(len(p.exterior.coords) - 1 + sum(len(r.coords) - 1 for r in p.interiors) for p in outline.geoms)
    assert handles.isVisible() and len(handles.data) == vertices
    editor.editing.actions.move.setChecked(True)  # one map mode at a time
    assert not action.isChecked() and not handles.isVisible()


def test_dragging_a_vertex_reshapes_the_outline_in_the_file_audited_and_undoable(
    qtbot, editor: MainWindow, demo_copy: Path
) -> None:  # type: ignore[no-untyped-def]
    before = on_disk(demo_copy).outline
    extent = editor.canvas.visible_extent()
    editor.editing.actions.reshape.setChecked(True)
    start, _old = first_vertex(editor)
    end = start + QPoint(12, -9)
    target = to_lonlat(*editor.canvas.to_display(end.toPointF()))
    drag(qtbot, editor, start, end)
    after = on_disk(demo_copy).outline
    assert after is not None and after.is_valid and not after.equals_exact(before, 0.0)
    assert after.geoms[0].exterior.coords[0][:2] == pytest.approx(target, abs=1e-7)
    assert after.geoms[0].exterior.coords[-1][:2] == pytest.approx(target, abs=1e-7)  # the ring stays closed
    assert list(after.geoms[0].exterior.coords)[1:-1] == list(before.geoms[0].exterior.coords)[1:-1]
    assert editor.canvas.visible_extent().minx == pytest.approx(extent.minx)  # the drag did not pan
    with sqlite3.connect(demo_copy) as conn:
        who, table = conn.execute("SELECT who, table_name FROM audit_log ORDER BY fid DESC LIMIT 1").fetchone()
    assert (who, table) == (USER, "estate_areas")
    assert editor.editing.undo.undo.text() == "撤销 修改小区范围"
    assert editor.editing.actions.reshape.isChecked()  # still in the mode, handles on the new shape
    assert first_vertex(editor)[0] == end
    editor.editing.undo.undo.trigger()
    settle(editor)
    assert on_disk(demo_copy).outline.equals_exact(before, 0.0)


def test_a_move_that_makes_the_outline_invalid_is_refused_and_keeps_it(
    qtbot, editor: MainWindow, demo_copy: Path
) -> None:  # type: ignore[no-untyped-def]
    before = on_disk(demo_copy).outline
    editor.editing.actions.reshape.setChecked(True)
    start, _ = first_vertex(editor)
    v0, v1, v2 = (np.asarray(c[:2]) for c in before.geoms[0].exterior.coords[:3])
    # the first vertex dragged past the second side (v1-v2): the edge back from the last vertex crosses it
    lon, lat = 2 * v1 - v0 + (v2 - v1) / 2
    x, y = to_display(np.array([lon]), np.array([lat]))
    end = editor.canvas.to_widget(float(x[0]), float(y[0])).toPoint()
    drag(qtbot, editor, start, end)
    assert on_disk(demo_copy).outline.equals_exact(before, 0.0)
    assert "无效" in editor.status.currentMessage()
    assert not editor.editing.undo.undo.isEnabled()


def test_esc_drops_the_drag_and_a_press_off_the_handles_pans(qtbot, editor: MainWindow, demo_copy: Path) -> None:  # type: ignore[no-untyped-def]
    before = on_disk(demo_copy).outline
    editor.editing.actions.reshape.setChecked(True)
    viewport = editor.canvas.viewport()
    start, _ = first_vertex(editor)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    qtbot.mouseMove(viewport, start + QPoint(20, 20))
    assert editor.editing.outline_editor.preview.isVisible()
    qtbot.keyClick(editor.canvas, Qt.Key.Key_Escape)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(20, 20))
    settle(editor)
    assert not editor.editing.outline_editor.preview.isVisible()
    assert editor.session.state.selection == (CODE,)  # Esc dropped the drag, not the selection
    extent = editor.canvas.visible_extent()
    drag(qtbot, editor, QPoint(20, 20), QPoint(90, 60))
    assert editor.canvas.visible_extent().minx != pytest.approx(extent.minx)
    assert on_disk(demo_copy).outline.equals_exact(before, 0.0) and not editor.editing.undo.undo.isEnabled()

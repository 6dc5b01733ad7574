"""A drag in the viewer after QGIS moved the same estate: refused with a sentence, QGIS's point kept."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from onemap.gui.main_window import MainWindow
from onemap.gui.settings import Settings
from onemap.store.geometry import register_functions
from tests.core.edit_support import audit_on_disk, on_disk
from tests.gui.guikit import make_window
from tests.gui.work_kit import CODE, close_messages, open_message_boxes, wait_for


@pytest.fixture
def editor(qtbot, demo_copy: Path, settings: Settings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    settings.q.setValue("settings/audit_user", "王芳")
    w = make_window(qtbot, settings, demo_copy)
    yield w
    close_messages()
    w.close()


def test_a_drag_of_a_point_qgis_moved_meanwhile_is_refused_with_a_message(editor: MainWindow, demo_copy: Path) -> None:
    lon, lat = on_disk(demo_copy).location
    conn = sqlite3.connect(demo_copy)  # QGIS, on its own connection, while the viewer shows the old point
    register_functions(conn)
    with conn:
        conn.execute(
            "UPDATE estates SET geom = (SELECT geom FROM estates WHERE code = '6107250003') WHERE code = ?", (CODE,)
        )
    conn.close()
    qgis_point = on_disk(demo_copy).location
    assert editor.editing.move_estate(CODE, (lon + 0.001, lat)) is False  # the end of a drag
    wait_for(lambda: bool(open_message_boxes()))
    text = open_message_boxes()[0].text()
    assert "其他程序" in text and "位置" in text and "未保存" in text
    assert on_disk(demo_copy).location == qgis_point
    assert audit_on_disk(demo_copy)[0].who == "外部程序"  # the refused drag left no audit row


def _qgis(path: Path, sql: str, *args: object) -> None:
    """A write by another program (QGIS), on its own connection, while the viewer shows the old row."""
    conn = sqlite3.connect(path)
    register_functions(conn)
    with conn:
        conn.execute(sql, args)
    conn.close()


def _select(window: MainWindow) -> None:
    assert window.session is not None
    window.session.state.select([CODE])
    wait_for(lambda: window.details.source is not None and window.details.source[0].code == CODE)


def test_a_delete_of_an_estate_qgis_renamed_meanwhile_is_refused_with_a_message(
    editor: MainWindow, demo_copy: Path
) -> None:
    _select(editor)
    _qgis(demo_copy, "UPDATE estates SET name = 'QGIS改的名' WHERE code = ?", CODE)
    box = editor.editing.delete_current()
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    wait_for(lambda: any("其他程序" in b.text() for b in open_message_boxes()))
    text = next(b.text() for b in open_message_boxes() if "其他程序" in b.text())
    assert "QGIS改的名" in text and "未保存" in text
    estate = on_disk(demo_copy)
    assert estate is not None and estate.name == "QGIS改的名"


def test_a_reshape_of_an_outline_qgis_changed_meanwhile_is_refused_with_a_message(
    editor: MainWindow, demo_copy: Path
) -> None:
    _select(editor)
    editor.editing.outline_editor.set_active(True)
    shown = editor.editing.outline_editor.shown
    assert shown is not None
    _qgis(
        demo_copy,
        "UPDATE estate_areas SET geom = (SELECT geom FROM estate_areas WHERE estate_code = "
        "'6107250003') WHERE estate_code = ?",
        CODE,
    )
    qgis_outline = on_disk(demo_copy).outline
    assert editor.editing.reshape_outline(CODE, shown.buffer(0.0001)) is False
    wait_for(lambda: bool(open_message_boxes()))
    assert "其他程序" in open_message_boxes()[0].text() and "图形" in open_message_boxes()[0].text()
    assert on_disk(demo_copy).outline.equals_exact(qgis_outline, 0.0)


def test_after_a_conflict_the_form_shows_the_files_values_and_keeps_what_the_user_typed(
    editor: MainWindow, demo_copy: Path
) -> None:
    _select(editor)
    form = editor.editing.edit_current()
    assert form is not None
    form.fields.text["households"].setText("999")
    _qgis(demo_copy, "UPDATE estates SET address = 'QGIS改的地址' WHERE code = ?", CODE)
    assert form.save() is False
    wait_for(lambda: bool(open_message_boxes()))
    assert "QGIS改的地址" in open_message_boxes()[0].text()
    close_messages()
    assert form.fields.text["address"].text() == "QGIS改的地址"  # the file's value, not the stale one
    assert form.fields.text["households"].text() == "999"  # the user's unsaved typing stays
    assert form.save() is True
    estate = on_disk(demo_copy)
    assert estate is not None and (estate.households, estate.address) == (999, "QGIS改的地址")

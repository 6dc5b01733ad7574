"""A drag in the viewer after QGIS moved the same estate: refused with a sentence, QGIS's point kept."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

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
        conn.execute("UPDATE estates SET geom = (SELECT geom FROM estates WHERE code = '6107250003') WHERE code = ?",
                     (CODE,))
    conn.close()
    qgis_point = on_disk(demo_copy).location
    assert editor.editing.move_estate(CODE, (lon + 0.001, lat)) is False  # the end of a drag
    wait_for(lambda: bool(open_message_boxes()))
    text = open_message_boxes()[0].text()
    assert "其他程序" in text and "位置" in text and "未保存" in text
    assert on_disk(demo_copy).location == qgis_point
    assert audit_on_disk(demo_copy)[0].who == "外部程序"  # the refused drag left no audit row

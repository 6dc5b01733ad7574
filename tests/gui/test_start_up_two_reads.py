"""Starting on a file reads what the first frame draws, then the rest: the window ends up as after one read."""

from __future__ import annotations

from pathlib import Path

from onemap.gui.app import SessionPreload, start
from onemap.gui.settings import Settings
from onemap.view.session import MapSession
from tests.core.test_view_estate_table_later import same


def test_a_window_started_on_a_preloaded_file_shows_every_column_of_every_estate(  # type: ignore[no-untyped-def]
    qtbot, settings: Settings, demo_copy: Path
) -> None:
    settings.set_basemap_for(demo_copy, "")
    window, hook = start(demo_copy, settings, preload=SessionPreload(demo_copy))
    qtbot.addWidget(window)
    try:
        assert window.layers is not None and len(window.layers.estates.item.data) > 0
        qtbot.waitUntil(lambda: window.table.model is not None and window.table.model.rowCount() == 150)
        assert window.session is not None and window.session.table.is_complete
        whole = MapSession.open(demo_copy)
        same(window.session.table, whole.table)
        assert window.windowTitle().startswith(whole.title)  # the title read ahead, beside the imports
        whole.close()
        assert window.filters.township.count() > 1  # the filter dock read the townships (a later column)
        assert not window.session.inventory._conn.in_transaction  # the opening's read transaction ended
    finally:
        hook.uninstall()
        window.close()

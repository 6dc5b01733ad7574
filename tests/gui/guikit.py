"""Helpers for the GUI tests: open a window, let it settle, find an estate on screen."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from onemap.gui.main_window import MainWindow
from onemap.gui.settings import Settings
from onemap.view.extent import Extent


def make_window(  # type: ignore[no-untyped-def]
    qtbot,
    settings: Settings,
    path: Path | None,
    basemap: str | None = "",
    size: tuple[int, int] | None = (1400, 900),
) -> MainWindow:
    """A shown main window, optionally with an inventory open.

    ``basemap`` is the MBTiles file remembered for the inventory: ``""`` for none (the
    default, fast), ``None`` for the first-start behaviour (the inventory's own basemap).
    """
    window = MainWindow(settings)
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    if path is not None:
        if basemap is not None:
            settings.set_basemap_for(path, basemap)
        assert window.open_inventory(path)
        settle(window)
    return window


def settle(window: MainWindow, ms: int = 30) -> None:
    """Let deferred work finish: queued events, R-tree reads, tiles."""
    deadline = time.monotonic() + ms / 1000
    while time.monotonic() < deadline:
        QApplication.processEvents()
    if window.layers is not None:
        window.layers.settle()
    window.watch_marks.settle()
    QApplication.processEvents()


def show_around(window: MainWindow, row: int, half_width_m: float = 1500.0) -> None:
    """Centre the map on an estate, ``half_width_m`` either side."""
    assert window.session is not None
    t = window.session.table
    x, y = float(t.x[row]), float(t.y[row])
    window.canvas.show_extent(Extent(x - half_width_m, y - half_width_m, x + half_width_m, y + half_width_m))
    settle(window)


def screen_pos(window: MainWindow, row: int) -> QPoint:
    """Where an estate is drawn, in the canvas viewport's pixels."""
    assert window.session is not None
    t = window.session.table
    return window.canvas.to_widget(float(t.x[row]), float(t.y[row])).toPoint()

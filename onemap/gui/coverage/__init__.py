"""The living-circle dock and map layers (one hook in the main window: :func:`install`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from onemap.gui.coverage.dock import LivingCirclesDock
    from onemap.gui.main_window import MainWindow


def install(window: MainWindow) -> LivingCirclesDock:
    """Make the 生活圈 dock, tab it with the details dock and list it in the View menu."""
    from PySide6.QtCore import Qt

    from onemap.gui.coverage.dock import LivingCirclesDock

    dock = LivingCirclesDock(window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()  # joins the details dock's tabs hidden (else Qt leaves a stray tab bar)
    window.tabifyDockWidget(window.details, dock)
    dock.show()
    window.details.raise_()
    window.commands.view_menu.addAction(dock.toggleViewAction())
    return dock

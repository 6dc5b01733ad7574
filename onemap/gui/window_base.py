"""What the main window's parts (basemaps, editing, the work menus) may use of the window.

The parts are made by :class:`onemap.gui.main_window.MainWindow` and get it as their parent.
Typed against ``MainWindow`` itself, each imported ``main_window`` while ``main_window``
imported them; they type against this base instead, which ``MainWindow`` extends, so the
imports run one way: main_window -> parts -> window_base.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QMainWindow

from onemap.gui.actions import Actions
from onemap.gui.canvas.layers import MapLayers
from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.gui.canvas.overlay import MapOverlay
from onemap.gui.docks.details import DetailsDock
from onemap.gui.map_controller import MapController
from onemap.gui.settings import Settings
from onemap.gui.statusbar import MapStatusBar
from onemap.gui.workers import Job
from onemap.store import Inventory
from onemap.view.session import MapSession

if TYPE_CHECKING:
    from onemap.edit.history import HistoryEvent


class EditingState(Protocol):
    """What the menus ask of the window's editing session."""

    inventory: Inventory | None

    @property
    def writable(self) -> bool: ...

    def reopen_file(self) -> None: ...


class WindowBase(QMainWindow):
    """The main window as its parts see it: its docks, status bar, settings and open session."""

    settings: Settings
    session: MapSession | None
    status: MapStatusBar
    canvas: MapCanvas
    overlay: MapOverlay
    layers: MapLayers | None
    jobs: list[Job]
    details: DetailsDock
    controller: MapController
    commands: Actions
    editing: EditingState

    def reload_session(self) -> bool:
        """Read the whole open inventory again (after an import)."""
        raise NotImplementedError

    def refresh_estates(self, codes: Iterable[str], tables: Iterable[str] | None = None) -> bool:
        """Show some estates as the file holds them now (after an edit, undo, another program's write)."""
        raise NotImplementedError

    def follow_history(self, event: HistoryEvent) -> None:
        """Show what an edit, undo or redo did beyond its estates (a facility on the map)."""

    def set_basemap(self, path: Path | None, remember: bool = True) -> bool:
        """Show an MBTiles basemap (``None``: the one built from the inventory)."""
        raise NotImplementedError

    def update_title(self) -> None:
        """The county and file in the title bar, with （只读） when the file cannot be edited."""
        raise NotImplementedError

"""Camera check results on the map: a mark at each estate whose cameras were checked.

The details dock's :class:`~onemap.gui.cameras.panel.CameraPanel` reports each
camera's answer (``status_changed``) and the whole estate's (``check_finished``); every
checked estate gets one mark at its point — a green ring when all its cameras answered, a
red cross when any is offline — drawn by a single scatter item.  The marks stay while the same
file is shown (an edit re-reads it: they follow a moved estate) and go when it closes.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QObject, Signal

from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.view.session import MapSession

ONLINE_COLOR, OFFLINE_COLOR = "#1b7f3b", "#c62828"
#: online: a green ring round the estate point (its colour still shows); offline: a red cross over it
ONLINE_STYLE = {"symbol": "o", "size": 17, "pen": pg.mkPen(ONLINE_COLOR, width=2.5), "brush": pg.mkBrush(None)}
OFFLINE_STYLE = {"symbol": "x", "size": 15, "pen": pg.mkPen("#ffffff", width=1), "brush": pg.mkBrush(OFFLINE_COLOR)}


class CameraMarks(QObject):
    """The camera-status marks of the estates checked so far, in one item on the canvas.

    Attributes
    ----------
    results : dict
        Estate code to a dict of camera row to online (True) or not.
    item : pg.ScatterPlotItem
        Every mark; each spot's data is its estate code.

    Signals
    -------
    changed()
        The results changed (the live watch's camera marks recolour).
    """

    changed = Signal()

    def __init__(self, canvas: MapCanvas) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self.session: MapSession | None = None
        self.results: dict[str, dict[int, bool]] = {}
        self.item = pg.ScatterPlotItem(pxMode=True)
        self.item.setZValue(45)  # over the estate points and the selection, under the edit handles
        self.item.hide()
        canvas.vb.addItem(self.item, ignoreBounds=True)

    def bind(self, session: MapSession | None) -> None:
        """Place the marks by another session's estate positions (the same file re-read, or none)."""
        self.session = session
        self._draw()

    def clear(self) -> None:
        """Forget every result (the inventory closes)."""
        self.results.clear()
        self._draw()

    def set_one(self, code: str, row: int, online: bool) -> None:
        """One camera's answer, as it arrives."""
        if code:
            self.results.setdefault(code, {})[row] = bool(online)
            self._draw()

    def set_all(self, code: str, online: list[bool]) -> None:
        """Every camera of an estate answered (in list order)."""
        if code:
            self.results[code] = {row: bool(flag) for row, flag in enumerate(online)}
            self._draw()

    def online(self, code: str) -> bool | None:
        """Whether every checked camera of an estate is online (None: not checked)."""
        flags = self.results.get(code)
        return None if not flags else all(flags.values())

    def _draw(self) -> None:
        spots = []
        table = self.session.table if self.session is not None else None
        for code in self.results:
            row = table.row_of(code) if table is not None else None
            if row is None or math.isnan(table.x[row]):
                continue
            style = ONLINE_STYLE if self.online(code) else OFFLINE_STYLE
            spots.append({"pos": (float(table.x[row]), float(table.y[row])), "data": code, **style})
        self.item.setData(spots)
        self.item.setVisible(bool(spots))
        self.changed.emit()

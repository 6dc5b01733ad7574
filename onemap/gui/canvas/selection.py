"""The selection highlight: a black-and-white ring round each selected estate and its outline.

Black over white reads on every basemap, in greyscale and for every colour-vision
deficiency, and no symbology class uses it.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainter, QPainterPath

from onemap.gui.canvas.layer import MapLayer, ViewportItem, begin_device, device_xy
from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.gui.canvas.markers import pen
from onemap.gui.canvas.polygons import path_of
from onemap.view.polygons import rings_xy
from onemap.view.session import MapSession

RING_PX = 11.0
MAX_OUTLINES = 200
MAX_RINGS = 5000


class SelectionItem(ViewportItem):
    """Paints rings at the selected points and strokes their outlines."""

    def __init__(self) -> None:
        super().__init__()
        self.x = np.empty(0)
        self.y = np.empty(0)
        self.outlines = QPainterPath()

    def paint(self, painter: QPainter, *_args: object) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if not self.outlines.isEmpty():
            painter.setPen(pen("#ffffff", 5.0))
            painter.drawPath(self.outlines)
            painter.setPen(pen("#000000", 2.2))
            painter.drawPath(self.outlines)
        transform = begin_device(painter)
        dx, dy = device_xy(transform, self.x, self.y)
        for width, color in ((5.0, "#ffffff"), (2.2, "#000000")):
            painter.setPen(pen(color, width))
            for px, py in zip(dx, dy, strict=True):
                painter.drawEllipse(QPointF(px, py), RING_PX, RING_PX)


class SelectionLayer(MapLayer):
    """Highlights the state's selection (from the map, the table or a search)."""

    name = "selection"
    z = 40.0

    def __init__(self, canvas: MapCanvas, session: MapSession) -> None:
        self._outlines: OrderedDict[str, np.ndarray] = OrderedDict()
        super().__init__(canvas, session, SelectionItem())

    def refresh(self) -> None:
        self._on_selection_change()

    def forget(self, codes: frozenset[str]) -> None:
        """Drop the cached outlines of these estates (they were rewritten)."""
        for code in codes & self._outlines.keys():
            del self._outlines[code]

    def _on_extent_change(self) -> None:
        self.item.set_rect(self.canvas.view_rect())

    def _on_selection_change(self) -> None:
        item: SelectionItem = self.item  # type: ignore[assignment]
        rows = self.state.selected_rows[:MAX_RINGS]
        located = rows[self.state.table.located[rows]]
        item.x, item.y = self.state.table.x[located], self.state.table.y[located]
        parts = [self._outline(code) for code in self.state.selection[:MAX_OUTLINES]]
        parts = [p for p in parts if len(p)]
        item.outlines = path_of(np.vstack(parts)) if parts else QPainterPath()
        item.set_rect(self.canvas.view_rect())

    def _outline(self, code: str) -> np.ndarray:
        if code not in self._outlines:
            geom = self.session.inventory.outline(code)
            self._outlines[code] = rings_xy([geom])[0] if geom is not None else np.empty((0, 2))
            if len(self._outlines) > 2 * MAX_OUTLINES:
                self._outlines.popitem(last=False)
        return self._outlines[code]

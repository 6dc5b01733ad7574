"""Polygon layers: estate outlines (zoomed in) and buildings (zoomed further); admin boundaries are in
:mod:`onemap.gui.canvas.boundaries`.

Each layer is one item holding a handful of QPainterPaths -- one per symbology class
for outlines -- built from NaN-separated coordinate arrays, never one item per feature.
Outlines and buildings are read through the GeoPackage R-tree for the view (plus a
margin) after the view settles, so a burst of wheel steps reads once.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pyqtgraph as pg
import pyqtgraph.functions as fn
from PySide6.QtCore import QRectF, QTimer
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen, QPolygonF

from onemap.gui.canvas.layer import MapLayer
from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.gui.canvas.markers import area_brush, area_pen
from onemap.view.extent import Extent
from onemap.view.polygons import Feature, FeatureSource, concat
from onemap.view.session import MapSession

#: outlines are read and drawn at or below this many display metres per pixel
OUTLINE_MAX_RES = 12.0
#: buildings likewise
BUILDING_MAX_RES = 3.0
_SETTLE_MS = 40


def path_of(xy: np.ndarray) -> QPainterPath:
    """One QPainterPath from NaN-separated ``(n, 2)`` coordinates."""
    if not len(xy):
        return QPainterPath()
    return pg.arrayToQPath(xy[:, 0], xy[:, 1], connect="finite")


class PathItem(pg.GraphicsObject):
    """A few (path, pen, brush) triples drawn in order: a whole polygon layer in one item."""

    def __init__(self, antialias: bool = False) -> None:
        super().__init__()
        self.parts: list[tuple[QPainterPath, QPen, QBrush]] = []
        self.antialias = antialias
        self._rect = QRectF()

    def set_parts(self, parts: list[tuple[QPainterPath, QPen, QBrush]]) -> None:
        """Replace what is drawn."""
        self.prepareGeometryChange()
        self.parts = parts
        rect = QRectF()
        for path, _pen, _brush in parts:
            rect = rect.united(path.boundingRect())
        self._rect = rect
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, *_args: object) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, self.antialias)
        for path, p, b in self.parts:
            painter.setPen(p)
            painter.setBrush(b)
            painter.drawPath(path)


def polylines_of(xy: np.ndarray) -> list[QPolygonF]:
    """One QPolygonF per NaN-terminated ring, filled straight from the array's memory."""
    ends = np.flatnonzero(np.isnan(xy[:, 0])) if len(xy) else np.empty(0, dtype=np.intp)
    out, start = [], 0
    for end in [*ends.tolist(), len(xy)]:
        if end - start >= 2:
            poly = fn.create_qpolygonf(end - start)
            fn.ndarray_from_qpolygonf(poly)[:] = xy[start:end]
            out.append(poly)
        start = end + 1
    return out


class _ViewFeatureLayer(MapLayer):
    """A polygon layer read from the R-tree for the view once the view settles."""

    max_res = OUTLINE_MAX_RES

    def __init__(self, canvas: MapCanvas, session: MapSession, source: FeatureSource) -> None:
        self.source = source
        self.features: list[Feature] = []
        self._region: Extent | None = None
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.setInterval(_SETTLE_MS)
        self._timer.timeout.connect(self.load)
        super().__init__(canvas, session, PathItem(antialias=False))

    def close(self) -> None:
        self._timer.stop()
        super().close()

    def refresh(self) -> None:
        self._region = None
        self._on_extent_change()

    def _on_extent_change(self) -> None:
        wanted = self.visible and self.state.resolution <= self.max_res
        self.item.setVisible(wanted)
        if wanted and (self._region is None or not self._region.contains(self.state.extent)):
            self._timer.start()

    def load(self) -> None:
        """Read the features around the view now and redraw."""
        self._timer.stop()
        if not (self.visible and self.state.resolution <= self.max_res):
            return
        self._region = self.state.extent.expanded(0.5)
        table, mask = self.state.table, self.state.mask
        features = self.source.within(self._region)
        self.features = [f for f in features if (row := table.row_of(f.key)) is not None and mask[row]]
        self.redraw()

    def redraw(self) -> None:
        """Rebuild the paths from the loaded features."""
        raise NotImplementedError

    @property
    def pending(self) -> bool:
        """True while a read is scheduled (tests and snapshots wait for it)."""
        return self._timer.isActive()


class OutlineLayer(_ViewFeatureLayer):
    """Estate outlines (范围面), tinted with their estate's class colour."""

    name = "outlines"
    z = -40.0
    max_res = OUTLINE_MAX_RES

    def __init__(self, canvas: MapCanvas, session: MapSession) -> None:
        super().__init__(canvas, session, session.outlines)

    def redraw(self) -> None:
        by_class: dict[int, list[Feature]] = defaultdict(list)
        table, classes = self.state.table, self.state.classes
        for f in self.features:
            row = table.row_of(f.key)
            if row is not None:
                by_class[int(classes[row])].append(f)
        symbols = self.state.symbology.classes
        parts = [
            (path_of(concat(fs)), area_pen("estate_areas"), area_brush("estate_areas", symbols[c].color))
            for c, fs in sorted(by_class.items())
        ]
        self.item.set_parts(parts)


class BuildingLayer(_ViewFeatureLayer):
    """Building footprints in one neutral tone."""

    name = "buildings"
    z = -30.0
    max_res = BUILDING_MAX_RES

    def __init__(self, canvas: MapCanvas, session: MapSession) -> None:
        super().__init__(canvas, session, session.buildings)

    def redraw(self) -> None:
        xy = concat(self.features)
        self.item.set_parts([(path_of(xy), area_pen("buildings"), area_brush("buildings"))])

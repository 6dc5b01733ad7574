"""The estate layer: every shown estate as a marker, aggregates where they crowd.

One item for the whole layer -- a :class:`pyqtgraph.ScatterPlotItem` with a few shared
brushes for the markers, which also paints the aggregates (rings of class shares) --
fed from the :class:`~onemap.view.point_plan.PointPlanner`: it is refilled only when the
view leaves the planned region, the zoom changes a lot, or the filter or symbology
changes.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPaintDevice, QPainter, QPen, QTransform

from onemap.gui.canvas.donuts import DonutPainter, draw_donuts
from onemap.gui.canvas.layer import MapLayer, begin_device, device_xy
from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.gui.canvas.markers import MARKER_PX, OUTLINE, brush, pen
from onemap.view.culling import Clusters, cluster_diameter_px
from onemap.view.point_plan import PointPlan
from onemap.view.ringyield import YieldedRings, yield_rings
from onemap.view.session import MapSession


class EstateItem(pg.ScatterPlotItem):
    """Single estates as shared-brush markers, aggregates as rings of class shares: one item."""

    def __init__(self) -> None:
        super().__init__(pxMode=True, antialias=True, hoverable=False, tip=None)
        self.clusters: Clusters | None = None
        self.colors: list[str] = []
        self.donuts = DonutPainter()
        #: place-name boxes in device pixels for a device transform and pixel ratio: rings keep clear of them
        self.keep_clear: Callable[[QTransform, float], np.ndarray] | None = None
        self.rings: YieldedRings | None = None  # as last painted, device pixels
        self._yield: YieldedRings | None = None  # relative to the device origin
        self._yield_key: tuple[object, ...] = ()

    def set_clusters(self, clusters: Clusters | None, colors: list[str]) -> None:
        """The aggregates to draw (``None`` for none)."""
        self.prepareGeometryChange()
        self.clusters = clusters if clusters is not None and len(clusters) else None
        self.colors = colors
        self.update()

    def boundingRect(self) -> QRectF:
        if self.clusters is None:
            return super().boundingRect()
        view = self.viewRect()
        return view if view is not None else super().boundingRect()

    def paint(self, painter: QPainter, *args: object) -> None:
        painter.save()
        super().paint(painter, *args)
        painter.restore()
        c = self.clusters
        if c is None:
            return
        transform = begin_device(painter)
        target = painter.device()
        ratio = target.devicePixelRatioF() if target is not None else 1.0
        x, y = device_xy(transform, c.x, c.y)
        names = self.keep_clear(transform, ratio) if self.keep_clear is not None else np.empty((0, 4))
        rings = self.rings = self._yielded(transform, c, x, y, names, target)
        _draw_leaders(painter, x, y, rings)
        shown = rings.shown
        draw_donuts(
            painter,
            self.donuts,
            (rings.x[shown], rings.y[shown]),
            c.hist[shown],
            c.count[shown],
            rings.diameter[shown],
            self.colors,
        )

    def _yielded(
        self, transform: QTransform, c: Clusters, x: np.ndarray, y: np.ndarray, names: np.ndarray, target: object
    ) -> YieldedRings:
        """The rings made to keep clear of the names; reused (shifted) while a pan keeps both in place."""
        origin = transform.map(QPointF(0, 0))
        ox, oy = origin.x(), origin.y()
        key = (id(c), len(c), transform.m11(), transform.m22(), np.round(names - [ox, oy, ox, oy], 1).tobytes())
        if key != self._yield_key or self._yield is None:
            view = None
            if isinstance(target, QPaintDevice):
                view = (-ox, -oy, target.width() - ox, target.height() - oy)
            self._yield = yield_rings(x - ox, y - oy, cluster_diameter_px(c.count), names - [ox, oy, ox, oy], view)
            self._yield_key = key
        return self._yield.shifted(ox, oy)


def _draw_leaders(painter: QPainter, x: np.ndarray, y: np.ndarray, rings: YieldedRings) -> None:
    """A thin line from each moved ring to a dot at its true centre."""
    moved = np.flatnonzero(rings.moved & rings.shown)
    if not len(moved):
        return
    painter.setPen(QPen(QColor("#555555"), 1.0))
    painter.setBrush(QColor("#555555"))
    for i in moved.tolist():
        painter.drawLine(QPointF(x[i], y[i]), QPointF(rings.x[i], rings.y[i]))
        painter.drawEllipse(QPointF(x[i], y[i]), 1.5, 1.5)


class EstateLayer(MapLayer):
    """Estate markers coloured and shaped by the current symbology."""

    name = "estates"
    z = 10.0

    def __init__(self, canvas: MapCanvas, session: MapSession) -> None:
        self.plan: PointPlan | None = None
        super().__init__(canvas, session, EstateItem())

    def refresh(self) -> None:
        self._update(force=True)

    def _on_extent_change(self) -> None:
        self._update()

    def _update(self, force: bool = False) -> None:
        if not self.visible:
            return
        plan, changed = self.session.planner.plan()
        if not (changed or force):
            return
        self.plan = plan
        self._show(plan.rows, plan.clusters)

    def _show(self, rows: np.ndarray, clusters: Clusters | None) -> None:
        state = self.state
        classes = state.symbology.classes
        rows = rows[np.argsort(-state.classes[rows], kind="stable")]  # later stages first: early ones stay on top
        cls = state.classes[rows]
        symbols = np.array([c.marker for c in classes], dtype=object)[cls]
        brushes = np.array([brush(c.color) for c in classes], dtype=object)[cls]
        item: EstateItem = self.item  # type: ignore[assignment]
        item.setData(
            x=state.table.x[rows],
            y=state.table.y[rows],
            symbol=symbols,
            brush=brushes,
            pen=pen(OUTLINE, 1.0),
            size=MARKER_PX,
        )
        item.set_clusters(clusters, [c.color for c in classes])

    @property
    def marker_px(self) -> float:
        """Marker size in pixels (labels keep clear of it)."""
        return MARKER_PX

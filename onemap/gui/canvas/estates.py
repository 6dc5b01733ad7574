"""The estate layer: every shown estate as a marker, aggregates where they crowd.

One item for the whole layer -- a :class:`pyqtgraph.ScatterPlotItem` with a few shared
brushes for the markers, which also paints the aggregates (rings of class shares) --
fed from the :class:`~onemap.view.point_plan.PointPlanner`: it is refilled only when the
view leaves the planned region, the zoom changes a lot, or the filter or symbology
changes.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from onemap.gui.canvas.donuts import DonutPainter, draw_donuts
from onemap.gui.canvas.layer import MapLayer, begin_device, device_xy
from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.gui.canvas.markers import MARKER_PX, OUTLINE, brush, pen
from onemap.view.culling import Clusters, cluster_diameter_px
from onemap.view.point_plan import PointPlan
from onemap.view.session import MapSession


class EstateItem(pg.ScatterPlotItem):
    """Single estates as shared-brush markers, aggregates as rings of class shares: one item."""

    def __init__(self) -> None:
        super().__init__(pxMode=True, antialias=True, hoverable=False, tip=None)
        self.clusters: Clusters | None = None
        self.colors: list[str] = []
        self.donuts = DonutPainter()

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
        draw_donuts(
            painter,
            self.donuts,
            device_xy(transform, c.x, c.y),
            c.hist,
            c.count,
            cluster_diameter_px(c.count),
            self.colors,
        )


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

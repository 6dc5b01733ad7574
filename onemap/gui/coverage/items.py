"""The living-circle layers on the 2D map: facilities (one item) and the analysis (one item:
estates coloured by gaps, a service area, a what-if place and the estates it would cover)."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPolygonF

from onemap.analysis.service_area import ServiceArea, WhatIf
from onemap.gui.canvas.layer import ViewportItem, begin_device, device_xy
from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.gui.canvas.markers import brush, pen
from onemap.store.facilities import Facility
from onemap.view.extent import to_display

#: a colour per facility type, in type-list order (colour-blind-safe hues first)
PALETTE = [
    "#e69f00", "#56b4e9", "#009e73", "#cc79a7", "#0072b2", "#d55e00", "#f0e442",
    "#7f3c8d", "#11a579", "#3969ac", "#f2b701", "#e73f74", "#80ba5a",
]  # fmt: skip
#: estates by how many checklist gaps they have: none, one or two, three or more
GAP_COLOURS = ("#1a9850", "#fdae61", "#d73027")
AREA = "#0072b2"
WHAT_IF = "#cc79a7"


def gap_colour(gaps: int) -> str:
    """The colour of an estate with ``gaps`` checklist gaps."""
    return GAP_COLOURS[0 if gaps == 0 else 1 if gaps <= 2 else 2]


class _MapItem(ViewportItem):
    def __init__(self, canvas: MapCanvas, z: float) -> None:
        super().__init__()
        self.canvas = canvas
        self.setZValue(z)
        canvas.vb.addItem(self, ignoreBounds=True)
        canvas.vb.sigRangeChanged.connect(self.refresh)
        self.refresh()

    def close(self) -> None:
        """Take the item off the map."""
        self.canvas.vb.sigRangeChanged.disconnect(self.refresh)
        self.canvas.vb.removeItem(self)

    def refresh(self, *_args: object) -> None:
        """Repaint over the current view."""
        self.set_rect(self.canvas.view_rect())


class FacilityItem(_MapItem):
    """Every located facility as a small diamond in its type's colour; the chosen type stands out."""

    def __init__(self, canvas: MapCanvas, type_keys: list[str]) -> None:
        self.colours = {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(type_keys)}
        self.facilities: list[Facility] = []
        self.xy = np.zeros((0, 2))
        self.chosen: str | None = None
        self.picked: int | None = None
        super().__init__(canvas, 5.0)  # under the estates (10): an estate marker is never hidden

    def set_facilities(self, facilities: list[Facility]) -> None:
        """Draw these facilities (the unlocated are left out)."""
        self.facilities = [f for f in facilities if f.location is not None]
        lonlat = np.array([f.location for f in self.facilities], dtype=np.float64).reshape(-1, 2)
        self.xy = np.column_stack(to_display(lonlat[:, 0], lonlat[:, 1])) if len(lonlat) else np.zeros((0, 2))
        self.refresh()

    def nearest(self, x: float, y: float, pixels: float = 12.0) -> Facility | None:
        """The facility drawn within ``pixels`` of display point ``x, y``, if any."""
        if not len(self.xy):
            return None
        per_pixel = self.canvas.view_rect().width() / max(self.canvas.width(), 1)
        d = np.hypot(self.xy[:, 0] - x, self.xy[:, 1] - y)
        k = int(np.argmin(d))
        return self.facilities[k] if d[k] <= pixels * per_pixel else None

    def paint(self, painter: QPainter, *_args: object) -> None:
        if not self.isVisible() or not len(self.xy):
            return
        transform = begin_device(painter)
        dx, dy = device_xy(transform, self.xy[:, 0], self.xy[:, 1])
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for k, facility in enumerate(self.facilities):
            faded = self.chosen is not None and facility.kind != self.chosen
            size = 2.5 if faded else 6.0
            painter.setPen(pen("#ffffff" if facility.fid != self.picked else "#000000", 0.5 if faded else 1.6))
            painter.setBrush(brush(self.colours.get(facility.kind, "#777777"), 70 if faded else 255))
            x, y = dx[k], dy[k]
            painter.drawPolygon(
                QPolygonF([QPointF(x, y - size), QPointF(x + size, y), QPointF(x, y + size), QPointF(x - size, y)])
            )


class CoverageItem(_MapItem):
    """Estates ringed by their gaps, a service area, and the what-if place with what it covers."""

    def __init__(self, canvas: MapCanvas) -> None:
        self.estate_xy = np.zeros((0, 2))
        self.gaps = np.zeros(0, dtype=np.int64)
        self.area: ServiceArea | None = None
        self.area_xy: list[np.ndarray] = []
        self.area_rings: list[np.ndarray] = []
        self.what_if: WhatIf | None = None
        self.covered_xy = np.zeros((0, 2))
        super().__init__(canvas, 8.0)  # rings and areas under the estate markers, over the facilities

    def set_gaps(self, lonlat: np.ndarray, gaps: np.ndarray) -> None:
        """Ring each estate (lon/lat rows) in the colour of its gap count."""
        self.estate_xy = np.column_stack(to_display(lonlat[:, 0], lonlat[:, 1])) if len(lonlat) else np.zeros((0, 2))
        self.gaps = np.asarray(gaps, dtype=np.int64)
        self.refresh()

    def set_area(self, area: ServiceArea | None) -> None:
        """Show a service area (None: none)."""
        self.area = area
        self.area_xy = []
        if area is not None:
            parts = area.lines if area.lines else [np.array([c]) for c in area.centres]
            self.area_xy = [np.column_stack(to_display(p[:, 0], p[:, 1])) for p in parts]
        self.area_rings = _rings(area) if area is not None and area.lines else []
        self.refresh()

    def set_what_if(self, what_if: WhatIf | None, covered_lonlat: np.ndarray | None = None) -> None:
        """Show a what-if place and the estates it would newly cover (None: clear)."""
        self.what_if = what_if
        pts = covered_lonlat if covered_lonlat is not None and len(covered_lonlat) else np.zeros((0, 2))
        self.covered_xy = np.column_stack(to_display(pts[:, 0], pts[:, 1])) if len(pts) else np.zeros((0, 2))
        self.refresh()

    def paint(self, painter: QPainter, *_args: object) -> None:
        transform = begin_device(painter)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self._paint_area(painter, transform)
        if len(self.estate_xy):
            dx, dy = device_xy(transform, self.estate_xy[:, 0], self.estate_xy[:, 1])
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for x, y, gaps in zip(dx.tolist(), dy.tolist(), self.gaps.tolist(), strict=True):
                painter.setPen(pen(gap_colour(gaps), 4.0))
                painter.drawEllipse(QPointF(x, y), 11.0, 11.0)
        self._paint_what_if(painter, transform)

    def _paint_area(self, painter: QPainter, transform) -> None:  # type: ignore[no-untyped-def]
        if self.area is None:
            return
        if self.area.lines:  # one translucent area (streets widened by the walking side), streets on top
            path = QPainterPath()
            path.setFillRule(Qt.FillRule.OddEvenFill)  # unserved block interiors stay holes
            for ring in self.area_rings:
                x, y = device_xy(transform, ring[:, 0], ring[:, 1])
                path.addPolygon(QPolygonF([QPointF(a, b) for a, b in zip(x.tolist(), y.tolist(), strict=True)]))
            painter.setPen(pen(AREA, 1.2, alpha=200))
            painter.setBrush(brush(AREA, 45))
            painter.drawPath(path)
            painter.setPen(pen(AREA, 4.0, alpha=170))
            for seg in self.area_xy:
                x, y = device_xy(transform, seg[:, 0], seg[:, 1])
                painter.drawLine(QPointF(x[0], y[0]), QPointF(x[1], y[1]))
            return
        painter.setPen(pen(AREA, 1.2, alpha=200))
        painter.setBrush(brush(AREA, 45))
        for centre in self.area_xy:
            lat = math.degrees(2 * math.atan(math.exp(centre[0, 1] / 6378137.0)) - math.pi / 2)
            radius = self.area.radius_m / math.cos(math.radians(lat)) * abs(transform.m11())
            x, y = device_xy(transform, centre[:, 0], centre[:, 1])
            painter.drawEllipse(QPointF(x[0], y[0]), radius, radius)

    def _paint_what_if(self, painter: QPainter, transform) -> None:  # type: ignore[no-untyped-def]
        if self.what_if is None:
            return
        wx, wy = to_display(np.array([self.what_if.location[0]]), np.array([self.what_if.location[1]]))
        px, py = device_xy(transform, wx, wy)
        centre = QPointF(px[0], py[0])
        if len(self.covered_xy):
            cx, cy = device_xy(transform, self.covered_xy[:, 0], self.covered_xy[:, 1])
            painter.setPen(pen(WHAT_IF, 2.0, style=Qt.PenStyle.DashLine))
            for x, y in zip(cx.tolist(), cy.tolist(), strict=True):
                painter.drawLine(centre, QPointF(x, y))
            painter.setPen(pen(WHAT_IF, 3.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for x, y in zip(cx.tolist(), cy.tolist(), strict=True):
                painter.drawEllipse(QPointF(x, y), 13.0, 13.0)
        painter.setPen(pen("#ffffff", 2.0))
        painter.setBrush(brush(WHAT_IF))
        star = [
            QPointF(centre.x() + r * math.sin(a * math.pi / 5), centre.y() - r * math.cos(a * math.pi / 5))
            for a, r in zip(range(10), [11, 4.5] * 5, strict=True)
        ]
        painter.drawPolygon(QPolygonF(star))


def _rings(area: ServiceArea) -> list[np.ndarray]:
    """The service polygon's rings (outer and holes) in display coordinates."""
    import shapely

    from onemap.analysis.service_polygon import service_polygon

    polygon, _m2 = service_polygon(area)
    rings = [*shapely.get_exterior_ring(shapely.get_parts(polygon)), *_interiors(polygon)]
    return [np.column_stack(to_display(*shapely.get_coordinates(r).T)) for r in rings]


def _interiors(polygon: object) -> list[object]:
    import shapely

    return [hole for part in shapely.get_parts(polygon) for hole in part.interiors]

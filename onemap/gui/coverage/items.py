"""The living-circle layers on the 2D map: facilities (one item) and the analysis (one item:
estates coloured by gaps, a service area, a what-if place and the estates it would cover)."""

from __future__ import annotations

import math

import numpy as np
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPixmap, QPolygonF

from onemap.analysis.service_area import ServiceArea, WhatIf
from onemap.gui.canvas.layer import ViewportItem, begin_device, device_xy
from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.gui.canvas.markers import brush, pen
from onemap.gui.coverage.points import FacilityArrays
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
    """The located facilities in view as small diamonds in their type's colour; the chosen type
    stands out (drawn over the others), the picked one is outlined in black.

    Paint cost follows what is in view, not what exists: the facilities in view come from
    :meth:`FacilityArrays.within` and are stamped from one pre-drawn atlas (a diamond per type
    and emphasis) in a single ``drawPixmapFragments`` call.  When more than :data:`MAX_SHOWN`
    would be in view (a national inventory's two million at a province's scale) none are drawn
    and a note at the top left says to zoom in (:attr:`hidden`), as a GIS's scale-dependent
    visibility does.
    """

    #: at most this many facilities are drawn; a view holding more draws none and says so
    MAX_SHOWN = 20_000
    #: a view's column (its x range, every y) holding more than this is too wide to look into
    COLUMN_LIMIT = 250_000
    #: the atlas cell, in logical pixels (the largest diamond, its outline and antialiasing fit)
    CELL = 16
    #: the atlas draws each diamond at this many sub-pixel offsets a side (placed as a polygon is)
    PHASES = 4

    def __init__(self, canvas: MapCanvas, type_keys: list[str]) -> None:
        self.keys = list(type_keys)
        self.colours = {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(type_keys)}
        self.arrays = FacilityArrays.empty()
        self.chosen: str | None = None
        self.picked: int | None = None
        #: whether the last paint left the facilities out (too many in view)
        self.hidden = False
        #: how many facilities the last paint drew
        self.drawn = 0
        self._atlas: tuple[float, QPixmap] | None = None
        self._fragments = PrimitiveArray(QPainter.PixmapFragment, 10)
        super().__init__(canvas, 5.0)  # under the estates (10): an estate marker is never hidden

    def set_arrays(self, arrays: FacilityArrays) -> None:
        """Draw these facilities (see :class:`FacilityArrays`)."""
        self.arrays = arrays
        self.refresh()

    def put(self, facility: Facility) -> None:
        """Show ``facility`` as the file holds it now (an edit, an undo)."""
        self.arrays.put(facility, self.keys)
        self.refresh()

    def remove(self, fid: int) -> None:
        """Stop showing facility ``fid`` (deleted)."""
        self.arrays.remove(fid)
        self.refresh()

    def nearest(self, x: float, y: float, pixels: float = 12.0) -> int | None:
        """The fid of the facility drawn within ``pixels`` of display point ``x, y``, if any (none
        while the facilities are left out at this scale)."""
        if self.hidden:
            return None
        per_pixel = self.canvas.view_rect().width() / max(self.canvas.width(), 1)
        r = pixels * per_pixel
        near = self.arrays.within(x - r, x + r, y - r, y + r, self.COLUMN_LIMIT)
        if near is None or not len(near):
            return None
        near_x, near_y = self.arrays.xy(near)
        d = np.hypot(near_x - x, near_y - y)
        k = int(np.argmin(d))
        return int(self.arrays.fid[near[k]]) if d[k] <= r else None

    def _style(self, kind: int, faded: bool) -> tuple[str, float, float, int]:
        """Colour, half-diagonal, outline width and fill alpha of a diamond."""
        colour = self.colours.get(self.keys[kind], "#777777") if kind < len(self.keys) else "#777777"
        return (colour, 2.5, 0.5, 70) if faded else (colour, 6.0, 1.6, 255)

    def _atlas_for(self, ratio: float) -> QPixmap:
        """Every diamond (columns: type by faded/full, the unknown type last; rows: the sub-pixel
        offsets, ``qy * PHASES + qx``) in its cell, at device pixel ratio ``ratio``."""
        if self._atlas is not None and self._atlas[0] == ratio:
            return self._atlas[1]
        cell, kinds, phases = self.CELL, len(self.keys) + 1, self.PHASES
        px = round(cell * ratio)
        atlas = QPixmap(px * kinds * 2, px * phases * phases)
        atlas.setDevicePixelRatio(ratio)
        atlas.fill(Qt.GlobalColor.transparent)
        painter = QPainter(atlas)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        step = px / ratio
        for kind in range(kinds):
            for faded in (True, False):
                colour, size, width, alpha = self._style(kind, faded)
                for row in range(phases * phases):
                    x = (kind * 2 + (not faded)) * step + cell / 2 + (row % phases) / phases
                    y = row * step + cell / 2 + (row // phases) / phases
                    _diamond(painter, x, y, size, "#ffffff", width, colour, alpha)
        painter.end()
        self._atlas = (ratio, atlas)
        return atlas

    def paint(self, painter: QPainter, *_args: object) -> None:
        self.hidden, self.drawn = False, 0
        arrays = self.arrays
        if not self.isVisible() or not len(arrays):
            return
        transform = begin_device(painter)
        view = self.canvas.view_rect()
        margin = self.CELL / max(abs(transform.m11()), 1e-12)
        x0, x1, y0, y1 = view.left() - margin, view.right() + margin, view.top() - margin, view.bottom() + margin
        shown = arrays.within(x0, x1, y0, y1, self.COLUMN_LIMIT, self.MAX_SHOWN)
        if shown is None:
            self.hidden = True
            self._paint_note(painter)
            return
        if not len(shown):
            return
        kind = arrays.kind[shown].astype(np.int64)
        chosen = self.keys.index(self.chosen) if self.chosen in self.keys else -1
        full = (kind == chosen) if self.chosen is not None else np.ones(len(kind), bool)
        order = np.argsort(full, kind="stable")  # the faded first, the chosen type over them, each in fid order
        shown, kind, full = shown[order], kind[order], full[order]
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        atlas = self._atlas_for(ratio)
        px = round(self.CELL * ratio)
        dx, dy = device_xy(transform, *arrays.xy(shown))
        self._fragments.resize(len(shown))
        frags = self._fragments.ndarray()
        phases = self.PHASES
        qx, qy = np.rint(dx * phases), np.rint(dy * phases)  # quarter pixels: the whole pixel, then the offset
        ix, iy = np.floor_divide(qx, phases), np.floor_divide(qy, phases)
        frags[:, 0], frags[:, 1] = ix, iy  # the centre of the target: a whole pixel, the offset is in the atlas
        frags[:, 2] = (kind * 2 + full) * px
        frags[:, 3] = ((qy - iy * phases) * phases + (qx - ix * phases)) * px
        frags[:, 4:6] = (px, px)
        frags[:, 6:10] = (1 / ratio, 1 / ratio, 0.0, 1.0)
        painter.drawPixmapFragments(*self._fragments.drawargs(), atlas)  # type: ignore[call-arg]  # PySide takes the first fragment and the count
        self.drawn = len(shown)
        self._paint_picked(painter, shown, full, dx, dy)

    def _paint_picked(
        self, painter: QPainter, shown: np.ndarray, full: np.ndarray, dx: np.ndarray, dy: np.ndarray
    ) -> None:
        if self.picked is None:
            return
        at = np.flatnonzero(self.arrays.fid[shown] == self.picked)
        if not len(at):
            return
        k = int(at[0])
        colour, size, width, alpha = self._style(int(self.arrays.kind[shown[k]]), not bool(full[k]))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        _diamond(painter, float(dx[k]), float(dy[k]), size, "#000000", width, colour, alpha)

    def _paint_note(self, painter: QPainter) -> None:
        """Say, at the top left, that facilities are left out at this scale."""
        from onemap.gui.canvas.labels import label_font
        from onemap.gui.coverage.text import hidden_text

        text = hidden_text()
        painter.setFont(label_font(12))
        metrics = painter.fontMetrics()
        box = QRectF(8, 8, metrics.horizontalAdvance(text) + 10, metrics.height() + 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(brush("#ffffff", 200))
        painter.drawRect(box)
        painter.setPen(pen("#555555"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def _diamond(
    painter: QPainter, x: float, y: float, size: float, line: str, width: float, fill: str, alpha: int
) -> None:
    painter.setPen(pen(line, width))
    painter.setBrush(brush(fill, alpha))
    painter.drawPolygon(
        QPolygonF([QPointF(x, y - size), QPointF(x + size, y), QPointF(x, y + size), QPointF(x - size, y)])
    )


class CoverageItem(_MapItem):
    """Estates ringed by their gaps, a service area, and the what-if place with what it covers."""

    #: the gap rings are drawn when at most this many are in view (only those in view are)
    MAX_RINGS = 25_000

    def __init__(self, canvas: MapCanvas) -> None:
        self.estate_xy = np.zeros((0, 2))
        self.gaps = np.zeros(0, dtype=np.int64)
        self.area: ServiceArea | None = None
        self.area_xy: list[np.ndarray] = []
        self.area_rings: list[np.ndarray] = []
        self.what_if: WhatIf | None = None
        self.covered_xy = np.zeros((0, 2))
        #: how many gap rings the last paint drew
        self.rings_drawn = 0
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
        self.rings_drawn = 0
        if len(self.estate_xy):
            dx, dy = device_xy(transform, self.estate_xy[:, 0], self.estate_xy[:, 1])
            device = painter.device()
            w, h = (device.width(), device.height()) if device is not None else (0, 0)
            m = 16.0  # a ring's radius and pen
            seen = np.flatnonzero((dx >= -m) & (dx <= w + m) & (dy >= -m) & (dy <= h + m))
            if len(seen) <= self.MAX_RINGS:  # a whole nation's 220,000 rings: none (the estates' aggregates show)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                for x, y, gaps in zip(dx[seen].tolist(), dy[seen].tolist(), self.gaps[seen].tolist(), strict=True):
                    painter.setPen(pen(gap_colour(gaps), 4.0))
                    painter.drawEllipse(QPointF(x, y), 11.0, 11.0)
                self.rings_drawn = len(seen)
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
        if not self.area_xy:
            return
        centres = np.concatenate(self.area_xy)
        lat = np.degrees(2 * np.arctan(np.exp(centres[:, 1] / 6378137.0)) - np.pi / 2)
        radius = self.area.radius_m / np.cos(np.radians(lat)) * abs(transform.m11())
        x, y = device_xy(transform, centres[:, 0], centres[:, 1])
        device = painter.device()
        w, h = (device.width(), device.height()) if device is not None else (0, 0)
        seen = np.flatnonzero((x + radius >= 0) & (x - radius <= w) & (y + radius >= 0) & (y - radius <= h))
        if len(seen) > self.MAX_RINGS:  # a nation's circles of one type: none at this scale
            return
        painter.setPen(pen(AREA, 1.2, alpha=200))
        painter.setBrush(brush(AREA, 45))
        for cx, cy, r in zip(x[seen].tolist(), y[seen].tolist(), radius[seen].tolist(), strict=True):
            painter.drawEllipse(QPointF(cx, cy), r, r)

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

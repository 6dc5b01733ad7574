"""Reference layers on the 2D map (one item per layer) and the place names above the estates.

Each layer is one :class:`~onemap.gui.canvas.polygons.PathItem` holding its fill and its
line work for the view plus a margin (culled by part boxes), rebuilt only when the view
leaves that region.  Place names (:mod:`onemap.view.placenames`) are drawn by one item above
the estates and their cluster rings, in screen pixels at a fixed size: legible at every zoom,
never covered by a cluster.
"""

from __future__ import annotations

from collections.abc import Callable
from math import ceil
from pathlib import Path

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QImage, QPainter, QPainterPath, QPen, QTransform

from onemap.geo.reflayers import RefLayer
from onemap.geo.refsets import load_specs, sidecar_specs
from onemap.geo.refstyle import RefLayerSpec
from onemap.gui.canvas.estates import EstateLayer
from onemap.gui.canvas.labels import LabelItem, LabelLayer, label_font
from onemap.gui.canvas.layer import ViewportItem, begin_device, device_xy
from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.gui.canvas.polygons import PathItem, path_of
from onemap.said import Said
from onemap.view.culling import cluster_diameter_px
from onemap.view.extent import Extent
from onemap.view.placenames import RANKS, PlaceName, place_names
from onemap.view.session import MapSession

#: reference layers lie above the basemap (-100) and under the admin boundaries (-50)
BASE_Z = -80.0
#: county names black, townships in the boundaries' violet-grey (apart from the estates' black names), others blue-grey
_NAME_COLOURS = {0: "#1c1c1c", 1: "#4f4366", 2: "#3d5f80"}
NAMES_Z = 35.0
_HALO = 2  # pixels of white round a name
#: a layer narrower than this on screen is not drawn (its lines would merge into a blot)
MIN_SPAN_PX = 80.0  # above estates (10), cluster rings and estate names (30)


class RefLayerItem(PathItem):
    """One reference layer: its fill and line work for the region around the view."""

    def __init__(self, layer: RefLayer) -> None:
        super().__init__(antialias=True)
        self.layer = layer
        style = layer.style
        self.pen = QPen(QColor(style.line))
        self.pen.setWidthF(style.width)
        self.pen.setCosmetic(True)  # pixels, at every zoom
        fill = style.fill_colour
        self.brush = QBrush(QColor(fill)) if fill else QBrush(Qt.BrushStyle.NoBrush)
        self.region: Extent | None = None

    def show_region(self, region: Extent) -> None:
        """Build the paths for ``region`` (display metres)."""
        box = region.as_tuple()
        shapes = self.layer.shapes
        parts = []
        if self.brush.style() != Qt.BrushStyle.NoBrush and len(shapes.areas):
            parts.append((_filled(path_of(shapes.areas.within(box))), QPen(Qt.PenStyle.NoPen), self.brush))
        if len(shapes.lines):
            parts.append((path_of(shapes.lines.within(box)), self.pen, QBrush(Qt.BrushStyle.NoBrush)))
        self.region = region
        self.set_parts(parts)


def _filled(path: QPainterPath) -> QPainterPath:
    path.setFillRule(Qt.FillRule.OddEvenFill)  # holes stay open
    return path


class PlaceNameItem(ViewportItem):
    """Place names in screen pixels with a white halo, most important first, never overlapping.

    A name keeps clear of the cluster rings (:attr:`rings`, display x, y and diameter in
    pixels): it goes beside a ring rather than over its count, and where no spot is free it
    is drawn anyway, above the ring: place names win.
    """

    def __init__(self) -> None:
        super().__init__()
        self.names: list[PlaceName] = []
        self.resolution = 1.0
        self.rings: Callable[[], tuple[np.ndarray, np.ndarray, np.ndarray]] | None = None
        #: the estate names' label item, whose boxes names keep clear of too
        self.estate_labels: LabelItem | None = None
        self.drawn: list[tuple[str, QRectF]] = []
        self.ring_boxes: list[QRectF] = []  # device pixels, as last painted
        self._images: dict[tuple[str, int, float], QImage] = {}
        self._placed: list[tuple[PlaceName, QRectF, QImage]] = []
        self._placed_for: tuple[object, ...] = ()

    def paint(self, painter: QPainter, *_args: object) -> None:
        device = begin_device(painter)
        target = painter.device()
        ratio = target.devicePixelRatioF() if target is not None else 1.0
        rings = self._ring_boxes(device)
        labels = self._label_boxes(device)
        obstacles = _boxes([*rings, *labels])
        origin = device.map(QPointF(0, 0))
        key = (origin.x(), origin.y(), device.m11(), device.m22(), ratio, obstacles.tobytes(), id(self.names))
        key += (self.resolution, device.mapRect(self.boundingRect()).getRect())
        if key != self._placed_for:  # a repaint of the same view (hover, selection) reuses the placement
            self.ring_boxes = rings
            self._place(device, ratio, obstacles)
            self._placed_for = key
        for _name, box, image in self._placed:
            painter.drawImage(QPointF(round(box.left() - _HALO), round(box.top() - _HALO)), image)
        painter.setTransform(device)

    def _place(self, device: QTransform, ratio: float, obstacles: np.ndarray) -> None:
        view = device.mapRect(self.boundingRect())
        taken: list[QRectF] = []
        self._placed = []
        for name in self.names:
            if self.resolution > RANKS[name.rank][2]:
                continue
            image = self._image(name.text, name.rank, ratio)
            at = device.map(QPointF(name.x, name.y))
            width, height = image.width() / ratio - 2 * _HALO, image.height() / ratio - 2 * _HALO
            box = _free_spot(at, width, height, obstacles, taken, view)
            if box is not None:
                taken.append(box.adjusted(-4, -2, 4, 2))
                self._placed.append((name, box, image))
        self.drawn = [(name.text, box) for name, box, _image in self._placed]

    def _image(self, text: str, rank: int, ratio: float) -> QImage:
        """A name with its halo, rendered once and cached (stroking a halo costs ~1 ms a name)."""
        key = (text, rank, ratio)
        image = self._images.get(key)
        if image is not None:
            return image
        size, bold, _finest = RANKS[rank]
        font = label_font(size, bold)
        metrics = QFontMetricsF(font)
        width, height = metrics.horizontalAdvance(text) + 2 * _HALO, metrics.height() + 2 * _HALO
        image = QImage(
            max(1, ceil(width * ratio)), max(1, ceil(height * ratio)), QImage.Format.Format_ARGB32_Premultiplied
        )
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        p = QPainter(image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        path = QPainterPath()
        path.addText(QPointF(_HALO, _HALO + metrics.ascent()), font, text)
        p.strokePath(path, QPen(QColor("#ffffff"), 3.5))
        p.fillPath(path, QColor(_NAME_COLOURS[rank]))
        p.end()
        if len(self._images) > 2000:
            self._images.clear()
        self._images[key] = image
        return image

    def _label_boxes(self, device: QTransform) -> list[QRectF]:
        """The estate names' boxes in device pixels (as :meth:`LabelItem.paint` puts them)."""
        labels = self.estate_labels
        if labels is None or not labels.isVisible() or not labels.placed:
            return []
        x0, y0, res = labels.origin
        (ox,), (oy,) = device_xy(device, np.array([x0]), np.array([y0]))
        k = device.m11() * res
        return [QRectF(ox + p.left * k, oy + p.top * k, p.width * k, p.height * k) for p in labels.placed]

    def _ring_boxes(self, device: QTransform) -> list[QRectF]:
        if self.rings is None:
            return []
        x, y, diameter = self.rings()
        if not len(x):
            return []
        px, py = device_xy(device, x, y)
        return [
            QRectF(a - d / 2, b - d / 2, d, d)
            for a, b, d in zip(px.tolist(), py.tolist(), diameter.tolist(), strict=True)
        ]


def _offsets(reach: float, width: float, height: float) -> list[tuple[float, float]]:
    """Where a name may go round its point: on it, then below, above, beside, further out."""
    out = [(0.0, 0.0)]
    for step in (1.0, 1.8, 2.6):
        below, side = step * (reach + height / 2), step * (reach + width / 2)
        out += [
            (0.0, below),
            (0.0, -below),
            (side, 0.0),
            (-side, 0.0),
            (side, below),
            (-side, below),
            (side, -below),
            (-side, -below),
        ]
    return out


def _boxes(rects: list[QRectF]) -> np.ndarray:
    """QRectFs as an ``(n, 4)`` array of x0, y0, x1, y1."""
    return np.array([(r.left(), r.top(), r.right(), r.bottom()) for r in rects], dtype=float).reshape(-1, 4)


def _meets(box: QRectF, boxes: np.ndarray) -> np.ndarray:
    """Which of ``boxes`` overlap ``box`` (with some area, as QRectF.intersects)."""
    x0, y0, x1, y1 = box.left(), box.top(), box.right(), box.bottom()
    return (boxes[:, 0] < x1) & (x0 < boxes[:, 2]) & (boxes[:, 1] < y1) & (y0 < boxes[:, 3])


def _free_spot(
    at: QPointF, width: float, height: float, obstacles: np.ndarray, taken: list[QRectF], view: QRectF
) -> QRectF | None:
    """The first box for a name round ``at`` that meets no ring, estate name or place name.

    Centred over a ring when no spot round it is free: the name wins.  ``None`` when the
    name is off the view or every spot is taken by a place name already drawn.
    """
    centred = QRectF(at.x() - width / 2, at.y() - height / 2, width, height)
    if not view.intersects(centred):
        return None
    near_box = centred.adjusted(-3 * width, -6 * height, 3 * width, 6 * height)
    near = [QRectF(QPointF(a, b), QPointF(c, d)) for a, b, c, d in obstacles[_meets(near_box, obstacles)].tolist()]
    reach = max([r.height() / 2 for r in near if r.intersects(centred)], default=0.0) + 3
    blocking = near + [t for t in taken if t.intersects(near_box)]
    for dx, dy in _offsets(reach, width, height):
        box = centred.translated(dx, dy)
        if view.contains(box) and not any(box.intersects(r) for r in blocking):
            return box
    if any(centred.intersects(t) for t in taken) or not view.contains(centred):
        return None
    return centred  # over a ring: the name wins


def _rings_of(estates: EstateLayer) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The cluster rings the estate layer draws now: display x, y and diameter in pixels."""
    plan = estates.plan
    clusters = None if plan is None or not estates.item.isVisible() else plan.clusters
    if clusters is None or not len(clusters):
        empty = np.empty(0)
        return empty, empty, empty
    return clusters.x, clusters.y, cluster_diameter_px(clusters.count)


def _cache_key(spec: RefLayerSpec) -> tuple[str, str, object]:
    return (spec.key, spec.crs, spec.style)


class ReferenceLayers:
    """An inventory's reference layers and place names on the map, bound to the session's view."""

    def __init__(
        self,
        canvas: MapCanvas,
        session: MapSession,
        estates: EstateLayer | None = None,
        labels: LabelLayer | None = None,
    ) -> None:
        self.canvas, self.session, self.state = canvas, session, session.state
        self.specs: list[RefLayerSpec] = []
        self.layers: list[RefLayer] = []
        self.items: list[RefLayerItem] = []
        self.problems: list[Said] = []
        self._cache: dict[tuple[str, str, object], RefLayer] = {}
        self.names = PlaceNameItem()
        self.names.setZValue(NAMES_Z)
        if estates is not None:
            self.names.rings = lambda: _rings_of(estates)
        if labels is not None:
            self.names.estate_labels = labels.item
        canvas.vb.addItem(self.names, ignoreBounds=True)
        self.state.extent_changed.connect(self._on_extent_change)
        self.set_specs(sidecar_specs(session.path))

    def set_specs(self, specs: list[RefLayerSpec]) -> list[Said]:
        """Show these layers (bottom first); returns one sentence per layer that could not be read.

        Files already read (same file, layer, CRS and style) are not read again: showing,
        hiding and reordering are instant.
        """
        for item in self.items:
            self.canvas.vb.removeItem(item)
        self.specs = list(specs)
        wanted = [s for s in self.specs if s.visible]
        fresh = [s for s in wanted if _cache_key(s) not in self._cache]
        self.problems = []
        for spec in fresh:
            loaded, said = load_specs([spec])
            self.problems.extend(said)
            if loaded:
                self._cache[_cache_key(spec)] = loaded[0]
        self.layers = [self._cache[_cache_key(s)] for s in wanted if _cache_key(s) in self._cache]
        for spec in wanted:
            if _cache_key(spec) in self._cache:
                self._cache[_cache_key(spec)].name = spec.label
        self.items = [RefLayerItem(layer) for layer in self.layers]
        for i, item in enumerate(self.items):
            item.setZValue(BASE_Z + i * 0.01)
            self.canvas.vb.addItem(item, ignoreBounds=True)
        admin = self.session.admin
        county = self.session.inventory.meta("county_code")
        self.names.names = place_names(admin.names, admin.levels, admin.geoms, self.layers, county)
        self._on_extent_change()
        return self.problems

    def add_files(self, files: list[Path], crs: str = "") -> list[Said]:
        """Add layers from files (on top); see :func:`onemap.geo.refsets.specs_for_files`."""
        from onemap.geo.refsets import specs_for_files

        return self.set_specs([*self.specs, *specs_for_files(files, crs)])

    def _on_extent_change(self) -> None:
        extent = self.state.extent
        self.names.resolution = self.state.resolution
        self.names.set_rect(self.canvas.view_rect())
        for item in self.items:
            bounds = item.layer.bounds_3857
            span_px = (
                0.0 if bounds is None else max(bounds[2] - bounds[0], bounds[3] - bounds[1]) / self.state.resolution
            )
            item.setVisible(span_px >= MIN_SPAN_PX)  # a street grid seen from the whole county is a smudge
            if item.isVisible() and (item.region is None or not item.region.contains(extent)):
                item.show_region(extent.expanded(0.5))

    def attribution(self) -> str:
        """The credit line of the layers shown."""
        from onemap.geo.refsets import attribution_of

        return attribution_of(self.layers)

    def close(self) -> None:
        """Take every item off the map and unsubscribe."""
        self.state.extent_changed.disconnect(self._on_extent_change)
        for item in [*self.items, self.names]:
            self.canvas.vb.removeItem(item)

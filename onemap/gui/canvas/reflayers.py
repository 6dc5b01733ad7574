"""Reference layers on the 2D map (one item per layer) and the place names above the estates.

Each layer is one :class:`~onemap.gui.canvas.polygons.PathItem` holding its fill and its
line work for the view plus a margin (culled by part boxes), rebuilt only when the view
leaves that region.  Place names (:mod:`onemap.view.placenames`) are drawn by one item above
the estates and their cluster rings, in screen pixels at a fixed size: legible at every zoom,
never covered by a cluster.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPainterPath, QPen

from onemap.geo.reflayers import RefLayer
from onemap.geo.refsets import load_specs, sidecar_specs
from onemap.geo.refstyle import RefLayerSpec
from onemap.gui.canvas.labels import label_font
from onemap.gui.canvas.layer import ViewportItem, begin_device
from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.gui.canvas.polygons import PathItem, path_of
from onemap.said import Said
from onemap.view.extent import Extent
from onemap.view.placenames import RANKS, PlaceName, place_names
from onemap.view.session import MapSession

#: reference layers lie above the basemap (-100) and under the admin boundaries (-50)
BASE_Z = -80.0
NAMES_Z = 35.0  # above estates (10), cluster rings and estate names (30)


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
    """Place names in screen pixels with a white halo, most important first, never overlapping."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[PlaceName] = []
        self.resolution = 1.0
        self.drawn: list[str] = []

    def paint(self, painter: QPainter, *_args: object) -> None:
        device = begin_device(painter)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        taken: list[QRectF] = []
        self.drawn = []
        view = device.mapRect(self.boundingRect())
        for name in self.names:
            size, bold, finest = RANKS[name.rank]
            if self.resolution > finest:
                continue
            font = label_font(size, bold)
            metrics = QFontMetricsF(font)
            at = device.map(QPointF(name.x, name.y))
            width = metrics.horizontalAdvance(name.text)
            box = QRectF(at.x() - width / 2, at.y() - metrics.ascent() / 2 - 2, width, metrics.height())
            if not view.contains(box) or any(box.intersects(t) for t in taken):
                continue
            taken.append(box.adjusted(-4, -2, 4, 2))
            path = QPainterPath()
            path.addText(QPointF(box.left(), box.top() + metrics.ascent()), font, name.text)
            painter.strokePath(path, QPen(QColor("#ffffff"), 3.5))
            painter.fillPath(path, QColor("#2b2b2b" if name.rank < 2 else "#3d5f80"))
            self.drawn.append(name.text)
        painter.setTransform(device)


def _cache_key(spec: RefLayerSpec) -> tuple[str, str, object]:
    return (spec.key, spec.crs, spec.style)


class ReferenceLayers:
    """An inventory's reference layers and place names on the map, bound to the session's view."""

    def __init__(self, canvas: MapCanvas, session: MapSession) -> None:
        self.canvas, self.session, self.state = canvas, session, session.state
        self.specs: list[RefLayerSpec] = []
        self.layers: list[RefLayer] = []
        self.items: list[RefLayerItem] = []
        self.problems: list[Said] = []
        self._cache: dict[tuple[str, str, object], RefLayer] = {}
        self.names = PlaceNameItem()
        self.names.setZValue(NAMES_Z)
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
            if item.region is None or not item.region.contains(extent):
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

"""Reference layers on the 2D map (one item per layer) and the place names above the estates.

Each layer is one :class:`~onemap.gui.canvas.polygons.PathItem` holding its fill and its
line work for the view plus a margin (culled by part boxes), rebuilt only when the view
leaves that region.  Place names (:mod:`onemap.view.placenames`) are drawn by one
:class:`~onemap.gui.canvas.placenames.PlaceNameItem` above the estates and their cluster rings.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen, QTransform

from onemap.geo.reflayers import RefLayer
from onemap.geo.refsets import sidecar_specs
from onemap.geo.refstyle import RefLayerSpec
from onemap.gui.canvas.estates import EstateLayer
from onemap.gui.canvas.labels import LabelLayer
from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.gui.canvas.placenames import NAMES_Z, PlaceNameItem
from onemap.gui.canvas.polygons import PathItem, path_of
from onemap.gui.canvas.refloader import RefLoader, cache_key
from onemap.said import Said
from onemap.view.extent import Extent
from onemap.view.placenames import place_names
from onemap.view.session import MapSession

#: reference layers lie above the basemap (-100) and under the admin boundaries (-50)
BASE_Z = -80.0
#: a layer narrower than this on screen is not drawn (its lines would merge into a blot)
MIN_SPAN_PX = 80.0


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
        self.loader = RefLoader(self._ready)
        #: told the sentences of a background read when its layers are on the map
        self.on_loaded: Callable[[list[Said]], None] | None = None
        self.names = PlaceNameItem()
        self.names.setZValue(NAMES_Z)
        if estates is not None:
            estates.item.keep_clear = self._name_boxes
        if labels is not None:
            self.names.estate_labels = labels.item
        canvas.vb.addItem(self.names, ignoreBounds=True)
        self.state.extent_changed.connect(self._on_extent_change)
        self.set_specs(sidecar_specs(session.path), background=True)

    def set_specs(self, specs: list[RefLayerSpec], background: bool = False) -> list[Said]:
        """Show these layers (bottom first); returns one sentence per layer that could not be read.

        Files already read (same file, layer, CRS and style) are not read again: showing,
        hiding and reordering are instant.  With ``background`` new files are read in a
        worker thread: the layers already read show now, the others when ready (then
        :attr:`on_loaded` hears their sentences) and this returns no sentence.
        """
        self.specs = list(specs)
        wanted = [s for s in self.specs if s.visible]
        if background:
            self.loader.read_later(wanted)
            self.problems = []
        else:
            self.problems = self.loader.read_now(wanted)
        self._show_read()
        return self.problems

    def settle(self) -> None:
        """Wait for the files being read and show them."""
        self.loader.settle()

    def _ready(self, problems: list[Said]) -> None:
        self.problems = problems
        self._show_read()
        if self.on_loaded is not None:
            self.on_loaded(problems)

    def _show_read(self) -> None:
        """Put the wanted layers read so far on the map, in order, and name the places."""
        for item in self.items:
            self.canvas.vb.removeItem(item)
        cache = self.loader.cache
        wanted = [s for s in self.specs if s.visible and cache_key(s) in cache]
        for spec in wanted:
            cache[cache_key(spec)].name = spec.label
        self.layers = [cache[cache_key(s)] for s in wanted]
        self.items = [RefLayerItem(layer) for layer in self.layers]
        for i, item in enumerate(self.items):
            item.setZValue(BASE_Z + i * 0.01)
            self.canvas.vb.addItem(item, ignoreBounds=True)
        admin = self.session.admin
        county = self.session.inventory.meta("county_code")
        self.names.names = place_names(admin.names, admin.levels, admin.geoms, self.layers, county)
        self._on_extent_change()

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

    def _name_boxes(self, device: QTransform, ratio: float) -> np.ndarray:
        """The place names' boxes for the cluster rings to keep clear of (none when names are hidden)."""
        if not self.names.isVisible():
            return np.empty((0, 4))
        return self.names.placement(device, ratio)

    def attribution(self) -> str:
        """The credit line of the layers shown."""
        from onemap.geo.refsets import attribution_of

        return attribution_of(self.layers)

    def close(self) -> None:
        """Take every item off the map and unsubscribe."""
        self.state.extent_changed.disconnect(self._on_extent_change)
        self.loader.close()
        for item in [*self.items, self.names]:
            self.canvas.vb.removeItem(item)

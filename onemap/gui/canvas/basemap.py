"""The basemap layer: raster tiles from any :class:`~onemap.geo.tilesource.TileSource` under everything else.

Tiles load in :class:`~onemap.gui.canvas.tileloader.TileLoader` workers.  Until a tile
arrives, a cached ancestor tile is stretched over its place (a web source is asked for the
few coarse ancestors first, so a cold view fills at once and sharpens); where the source
has no tile at all the layer stays empty and the vector layers above remain readable.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QPointF, QRectF, Slot
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from onemap.geo.tilesource import TileSource
from onemap.gui.canvas.layer import MapLayer, ViewportItem, begin_device
from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.gui.canvas.tileloader import TileCache, TileLoader
from onemap.view.session import MapSession
from onemap.view.tiling import TILE_PX, TileKey, bounds, parent, tiles_for, zoom_for

_FALLBACK_LEVELS = 6
#: a web source's view is asked for its ancestors this many levels up first (1/16 of the tiles)
_COARSE_LEVELS = 2


class TileItem(ViewportItem):
    """Paints the cached tiles of the current zoom (or their ancestors) in device pixels."""

    def __init__(self) -> None:
        super().__init__()
        self.cache = TileCache()
        self.keys: list[TileKey] = []

    @Slot(object, QImage, bool)
    def on_loaded(self, key: TileKey, image: QImage, failed: bool = False) -> None:
        """Keep a tile from the loader thread (runs on the UI thread: this item is a QObject there)."""
        self.cache.put(key, image, failed)
        if not image.isNull() and (key in self.keys or key[0] < self._zoom()):
            self.update()

    def _zoom(self) -> int:
        return self.keys[0][0] if self.keys else -1

    def paint(self, painter: QPainter, *_args: object) -> None:
        transform = begin_device(painter)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        for key in self.keys:
            image, source = self._best(key)
            if image is None:
                continue
            b = bounds(key)
            top_left = transform.map(QPointF(b.minx, b.maxy))
            bottom_right = transform.map(QPointF(b.maxx, b.miny))
            left, top = round(top_left.x()), round(top_left.y())  # whole pixels: no hairline seams
            target = QRectF(left, top, round(bottom_right.x()) - left, round(bottom_right.y()) - top)
            painter.drawImage(target, image, source)

    def _best(self, key: TileKey) -> tuple[QImage | None, QRectF]:
        image = self.cache.get(key)
        if image is not None:
            return image, QRectF(0, 0, image.width(), image.height())
        for levels in range(1, _FALLBACK_LEVELS + 1):
            up = parent(key, levels)
            if up is None:
                break
            image = self.cache.get(up)
            if image is not None:
                span = image.width() / (1 << levels)
                col, row = key[1] - (up[1] << levels), key[2] - (up[2] << levels)
                return image, QRectF(col * span, row * span, span, span)
        return None, QRectF()


class BasemapLayer(MapLayer):
    """A raster basemap; :meth:`set_source` chooses the source (``None`` for none)."""

    name = "basemap"
    z = -100.0

    def __init__(self, canvas: MapCanvas, session: MapSession) -> None:
        self.source: TileSource | None = None
        self.loader: TileLoader | None = None
        #: told a source's problem (once per problem); connected before the loader starts, so none is lost
        self.on_problem: Callable[[object], None] | None = None
        super().__init__(canvas, session, TileItem())

    @property
    def mbtiles(self) -> TileSource | None:
        """The source shown (its old name, from when only MBTiles files were shown)."""
        return self.source

    @property
    def tiles(self) -> TileItem:
        """The painting item."""
        return self.item  # type: ignore[return-value]

    def set_source(self, source: TileSource | None) -> None:
        """Show tiles from an opened source (the layer takes ownership and closes it)."""
        self._stop()
        self.source = source
        self.tiles.cache = TileCache()
        self.tiles.keys = []
        if source is not None:
            self.loader = TileLoader(source)
            self.loader.loaded.connect(self.tiles.on_loaded)
            if self.on_problem is not None:
                self.loader.problem.connect(self.on_problem)
            self.loader.start()
        self.refresh()

    @property
    def path(self) -> Path | None:
        """The file shown, if the source is a local file."""
        path = getattr(self.source, "path", None)
        return path if isinstance(path, Path) else None

    def close(self) -> None:
        self._stop()
        super().close()

    def _stop(self) -> None:
        if self.loader is not None:
            self.loader.loaded.disconnect(self.tiles.on_loaded)
            self.loader.stop()
            self.loader = None
        self.source = None

    def _on_extent_change(self) -> None:
        self.tiles.set_rect(self.canvas.view_rect())
        if self.source is None or not self.visible:
            self.tiles.keys = []
            return
        zoom = zoom_for(self.state.resolution, self.source.minzoom, self.source.maxzoom)
        self.tiles.keys = tiles_for(self.state.extent, zoom)
        wanted = [k for k in self.tiles.keys if k not in self.tiles.cache]
        if self.loader is not None:
            self.loader.request(self._coarse_first(wanted) if self.loader.remote else wanted)

    def _coarse_first(self, wanted: list[TileKey]) -> list[TileKey]:
        """Ancestors not yet held (few, and they cover the view at once), then the tiles themselves."""
        if not wanted or wanted[0][0] - _COARSE_LEVELS < self.source.minzoom:  # type: ignore[union-attr]
            return wanted
        coarse = dict.fromkeys(p for k in wanted if (p := parent(k, _COARSE_LEVELS)) is not None)
        return [k for k in coarse if self.tiles.cache.get(k) is None and k not in self.tiles.cache] + wanted

    def wait_until_loaded(self, timeout_ms: int = 10_000) -> bool:
        """Process events until every tile of the view has arrived (snapshots and tests)."""
        timer = QElapsedTimer()
        timer.start()
        while timer.elapsed() < timeout_ms:
            if all(self.tiles.cache.settled(k) for k in self.tiles.keys):
                return True
            QApplication.processEvents()
            time.sleep(0.002)
        return False

    @property
    def tile_px(self) -> int:
        """Tile size the zoom choice assumes."""
        return TILE_PX

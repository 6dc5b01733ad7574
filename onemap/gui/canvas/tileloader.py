"""Basemap tiles read and decoded off the UI thread, kept in a bounded cache.

The loader thread always works on the newest request: a new view replaces the queue,
so a fast pan never leaves a backlog of tiles nobody will see.  A tile the file lacks
is remembered as missing and never asked for again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from PySide6.QtCore import QThread, Signal
from PySide6.QtGui import QImage

from onemap.geo.mbtiles import MBTiles
from onemap.view.tiling import TileKey

CACHE_TILES = 320


class TileLoader(QThread):
    """Reads tiles of one MBTiles file in a worker thread.

    Signals
    -------
    loaded(key, image)
        A requested tile, decoded; a null :class:`QImage` when the file lacks it or it
        cannot be decoded.
    """

    loaded = Signal(object, QImage)

    def __init__(self, mbtiles: MBTiles) -> None:
        super().__init__()
        self.mbtiles = mbtiles
        self._wanted: list[TileKey] = []
        self._cond = threading.Condition()
        self._stopping = False

    def request(self, keys: list[TileKey]) -> None:
        """Load these tiles, most wanted first, instead of anything asked for before."""
        with self._cond:
            self._wanted = list(keys)
            self._cond.notify()

    def run(self) -> None:
        while True:
            with self._cond:
                while not self._wanted and not self._stopping:
                    self._cond.wait()
                if self._stopping:
                    return
                key = self._wanted.pop(0)
            image = QImage()
            data = self.mbtiles.tile(*key)
            if data is not None:
                image.loadFromData(data)
            self.loaded.emit(key, image)

    def stop(self) -> None:
        """Finish the current tile, stop the thread and close the file."""
        with self._cond:
            self._stopping = True
            self._wanted = []
            self._cond.notify()
        self.wait(5000)
        self.mbtiles.close()


class TileCache:
    """Decoded tiles, least recently used dropped first; missing tiles remembered apart."""

    def __init__(self, capacity: int = CACHE_TILES) -> None:
        self.capacity = capacity
        self._images: OrderedDict[TileKey, QImage] = OrderedDict()
        self.missing: set[TileKey] = set()

    def get(self, key: TileKey) -> QImage | None:
        """A cached tile (and mark it recently used)."""
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
        return image

    def put(self, key: TileKey, image: QImage) -> None:
        """Store a loaded tile, or remember that it is missing."""
        if image.isNull():
            self.missing.add(key)
            return
        self._images[key] = image
        self._images.move_to_end(key)
        while len(self._images) > self.capacity:
            self._images.popitem(last=False)

    def __contains__(self, key: TileKey) -> bool:
        return key in self._images or key in self.missing

    def __len__(self) -> int:
        return len(self._images)

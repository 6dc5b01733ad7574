"""Basemap tiles read (or fetched) and decoded off the UI thread, kept in a bounded cache.

The loader always works on the newest request: a new view replaces the queue, so a fast pan
never leaves a backlog of tiles nobody will see.  A local file is read by one worker; a web
source by :data:`WEB_WORKERS` at once (bounded, so a county's server is not flooded), each
request ending in the source's own timeout.  A tile the source lacks is remembered as
missing; one that failed to arrive (server down, slow) is remembered as failed for this view
only, and the source's first problem is reported once through :attr:`TileLoader.problem`.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from onemap.geo.tilesource import TileSource
from onemap.view.tiling import TileKey

CACHE_TILES = 320
WEB_WORKERS = 4


class TileLoader(QObject):
    """Reads the tiles of one source in worker threads.

    Signals
    -------
    loaded(key, image, failed)
        A requested tile, decoded; a null :class:`QImage` when the source lacks it
        (``failed`` False) or it did not arrive (``failed`` True).
    problem(error)
        The source's first problem (an error whose ``message(lang)`` is one sentence, never a
        key), once per problem.
    """

    loaded = Signal(object, QImage, bool)
    problem = Signal(object)

    def __init__(self, source: TileSource, workers: int | None = None) -> None:
        super().__init__()
        self.source = source
        self.remote = bool(getattr(source, "remote", False))
        count = workers or (WEB_WORKERS if self.remote else 1)
        self._threads = [threading.Thread(target=self._work, daemon=True, name="tiles") for _ in range(count)]
        self._wanted: list[TileKey] = []
        self._cond = threading.Condition()
        self._stopping = False
        self._running = 0
        self._reported: object = None

    def start(self) -> None:
        """Start the workers."""
        self._running = len(self._threads)
        for thread in self._threads:
            thread.start()

    def request(self, keys: list[TileKey]) -> None:
        """Load these tiles, most wanted first, instead of anything asked for before."""
        with self._cond:
            self._wanted = list(keys)
            self._cond.notify_all()

    def _work(self) -> None:
        try:
            while (key := self._next()) is not None:
                self._load(key)
        finally:
            with self._cond:
                self._running -= 1
                last = self._running == 0
            if last and self._stopping:
                self._close()

    def _next(self) -> TileKey | None:
        with self._cond:
            while not self._wanted and not self._stopping:
                self._cond.wait()
            return None if self._stopping else self._wanted.pop(0)

    def _load(self, key: TileKey) -> None:
        image = QImage()
        try:
            data = self.source.tile(*key)
        except Exception as error:  # a damaged file or source: a gap and one sentence, never a dead thread
            data = None
            self._report(error)
        if data is not None and image.loadFromData(data):
            # converted here, off the UI thread: a PNG decodes to straight ARGB, which the painter
            # would otherwise convert on every repaint of every tile
            opaque = not image.hasAlphaChannel()
            image = image.convertToFormat(
                QImage.Format.Format_RGB32 if opaque else QImage.Format.Format_ARGB32_Premultiplied
            )
        problem = getattr(self.source, "problem", None)
        if problem is not None:
            self._report(problem)
        if not self._stopping:
            self.loaded.emit(key, image, data is None and problem is not None)

    def _report(self, problem: object) -> None:
        with self._cond:
            if problem is self._reported:
                return
            self._reported = problem
        self.problem.emit(problem)

    def stop(self) -> None:
        """Stop the workers; the last one to finish closes the source (a web fetch may still take its timeout)."""
        with self._cond:
            self._stopping = True
            self._wanted = []
            self._cond.notify_all()
            started = self._running > 0
        if not started:
            self._close()
        for thread in self._threads:
            # a local file is let go of now (it may be replaced next); a slow server is not waited for
            thread.join(0.05 if self.remote else 5.0)

    def _close(self) -> None:
        close = getattr(self.source, "close", None)
        if callable(close):
            close()


class TileCache:
    """Decoded tiles, least recently used dropped first; missing and failed tiles remembered apart."""

    def __init__(self, capacity: int = CACHE_TILES) -> None:
        self.capacity = capacity
        self._images: OrderedDict[TileKey, QImage] = OrderedDict()
        self.missing: set[TileKey] = set()
        #: tiles that did not arrive (server down or slow): asked again when the view changes
        self.failed: set[TileKey] = set()

    def get(self, key: TileKey) -> QImage | None:
        """A cached tile (and mark it recently used)."""
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
        return image

    def put(self, key: TileKey, image: QImage, failed: bool = False) -> None:
        """Store a loaded tile, or remember that it is missing (or failed to arrive)."""
        if image.isNull():
            (self.failed if failed else self.missing).add(key)
            return
        self.failed.discard(key)
        self._images[key] = image
        self._images.move_to_end(key)
        while len(self._images) > self.capacity:
            self._images.popitem(last=False)

    def settled(self, key: TileKey) -> bool:
        """Whether a tile has an answer for now: loaded, missing, or failed."""
        return key in self._images or key in self.missing or key in self.failed

    def __contains__(self, key: TileKey) -> bool:
        return key in self._images or key in self.missing

    def __len__(self) -> int:
        return len(self._images)

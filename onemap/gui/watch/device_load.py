"""The cameras and sensors of an opened file, read on a thread: tens of thousands in a big county.

The open alerts are drawn at once (a handful); the devices follow when this read is done.  An
estate changed while it ran is read again after it (its devices may predate the change).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from onemap.gui.workers import Job
from onemap.store import Inventory
from onemap.store.watch_marks import Columns
from onemap.view.watch_marks import MarkColumns

if TYPE_CHECKING:
    from onemap.gui.watch.marks import WatchMarkLayers


class DeviceLoad(QObject):
    """The background read of one file's cameras and sensors for :class:`WatchMarkLayers`."""

    def __init__(self, layers: WatchMarkLayers) -> None:
        super().__init__(layers)
        self.layers = layers
        self._loading: Job | None = None
        self._stale: set[str] = set()  # estates changed while the devices were being read

    def start(self, path: Path) -> None:
        """Read ``path``'s devices on a thread; they are drawn when read."""
        self._loading = Job(_read_devices(path), "watch-marks")
        self._loading.done.connect(self._on_devices_read)
        self._loading.failed.connect(self._on_read_failed)
        self._loading.start()

    def changed(self, codes: set[str]) -> None:
        """These estates changed: if a read is under way, read their devices again after it."""
        if self._loading is not None:
            self._stale |= codes

    def cancel(self) -> None:
        """Drop a read under way (another file opens, or none)."""
        job, self._loading = self._loading, None
        self._stale = set()
        if job is not None:
            job.done.disconnect(self._on_devices_read)
            job.failed.disconnect(self._on_read_failed)
            job.cancel()

    def settle(self, timeout_s: float = 60.0) -> None:
        """Wait for the read to be done and drawn."""
        deadline = time.monotonic() + timeout_s
        while self._loading is not None and time.monotonic() < deadline:
            self._loading.wait(50)
            QCoreApplication.processEvents()

    def _on_devices_read(self, columns: tuple[Columns, Columns]) -> None:
        job, self._loading = self._loading, None
        if job is not None:
            job.wait()
        if self.layers.session is None:
            return
        self.layers.model.cameras, self.layers.model.sensors = MarkColumns(columns[0]), MarkColumns(columns[1])
        stale, self._stale = self._stale, set()
        if stale:
            self.layers.model.follow(self.layers.session.inventory, stale, frozenset(("cameras", "sensors")))
        self.layers.redraw({"cameras", "sensors"})

    def _on_read_failed(self, _message: str) -> None:
        """The file could not be read in the background (the job logged why): the alerts stay, no devices."""
        self._loading, self._stale = None, set()


def _read_devices(path: Path) -> Callable[[Callable[[float, str], None], Callable[[], bool]], object]:
    """The background read: every camera and sensor, from a connection of its own."""

    def work(_progress: Callable[[float, str], None], _cancelled: Callable[[], bool]) -> object:
        with Inventory.open(path, readonly=True) as inventory:
            return inventory.camera_marks(), inventory.sensor_marks()

    return work

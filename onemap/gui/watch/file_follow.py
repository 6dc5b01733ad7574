"""Following the open file for alerts the broker does not bring: other writers, and the viewer without a broker.

Every :data:`POLL_MS` the feed asks the file one ``PRAGMA data_version``.  Without a live bus,
when it moved, the alerts newer than the newest one known are read (an indexed query, a few
rows).  Every :data:`FULL_LOOK_S` the listed range is read again -- which brings status changes
made elsewhere (``onemap alerts --close``) -- on a thread of its own with its own read-only
connection: up to 5,000 rows with their estates' names would otherwise stall the UI thread
every few seconds during a flood.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from onemap.gui.workers import Job
from onemap.store import Inventory
from onemap.store.errors import InventoryError
from onemap.watch.alert import Alert
from onemap.watch.alerts import AlertBook

if TYPE_CHECKING:
    from onemap.gui.watch.feed import AlertFeed

POLL_MS = 400
FULL_LOOK_S = 5.0


class FileFollow(QObject):
    """The feed's look at its file (see the module); ``feed.arrived(alerts)`` takes what it finds."""

    def __init__(self, feed: AlertFeed) -> None:
        super().__init__(feed)
        self.feed = feed
        self.version: int | None = None
        self.full_at = 0.0
        self.job: Job | None = None
        self.full_looks = 0
        #: the file's :meth:`~onemap.store.alerts_reads.AlertReads.alerts_mark` at the last look for new alerts
        self.mark: tuple[int | None, str | None] | None = None
        #: looks that read alerts (tests: an edit of an estate reads none)
        self.reads = 0

    def bind(self) -> None:
        """A file opened: its version now is the one seen."""
        self.version, self.full_at, self.mark = self.data_version(), 0.0, self.alerts_mark()  # the dock lists them

    def unbind(self) -> None:
        """The file closes: a read under way is dropped."""
        job, self.job = self.job, None
        if job is not None:
            job.done.disconnect(self._full_done)
            job.cancel()

    def poll(self) -> bool:
        """Look at the file; False when there was nothing to look for (no change, or the bus brings it)."""
        feed = self.feed
        full = time.monotonic() - self.full_at >= FULL_LOOK_S
        if feed.bus is not None and feed.bus.state() in ("connected", "local") and not full:
            return False  # the bus brings new alerts; the file is looked at for other changes only now and then
        version = self.data_version()
        if feed.session is None or version is None or version == self.version:
            return False
        self.version = version
        if full:
            self.full_at = time.monotonic()
            self._full_look()
            return True
        newest = feed.dock.model.newest_time()
        since = None if newest is None else newest - timedelta(seconds=2)
        inventory = feed.session.inventory
        try:
            mark = self.alerts_mark()
            if mark is not None and mark == self.mark:
                return True  # another write (an edit, the viewer's own among them): no alert came or changed time
            self.reads += 1
            feed.arrived(AlertBook(inventory).alerts(since=since or feed.dock.model.filter.since(), limit=2000))
            self.mark = mark
        except InventoryError:  # busy for a moment: the next tick asks again
            self.version = None
        return True

    def _full_look(self) -> None:
        session = self.feed.session
        if session is None or self.job is not None:
            return
        path, dock = session.path, self.feed.dock

        def work(_progress: object, _cancelled: object) -> list[Alert]:
            with Inventory.open(path, readonly=True) as inventory:
                return dock.read_listed(AlertBook(inventory))

        self.job = Job(work, "alert-look")
        self.job.done.connect(self._full_done)
        self.job.failed.connect(self._full_failed)
        self.job.start()

    def _full_done(self, alerts: list[Alert]) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.wait()
        self.full_looks += 1
        if self.feed.session is not None:
            self.feed.arrived(alerts)

    def _full_failed(self, _message: str) -> None:
        self.job, self.version = None, None  # ask again at the next tick

    def settle(self, timeout_s: float = 10.0) -> None:
        """Wait for a full look under way to be shown (tests)."""
        from PySide6.QtCore import QCoreApplication

        deadline = time.monotonic() + timeout_s
        while self.job is not None and time.monotonic() < deadline:
            self.job.wait(20)
            QCoreApplication.processEvents()

    def alerts_mark(self) -> tuple[int | None, str | None] | None:
        """The file's newest alert and event time (None: no file, a server, or busy: then the look reads)."""
        session = self.feed.session
        inventory = None if session is None else session.inventory
        try:
            return inventory.alerts_mark() if inventory is not None and hasattr(inventory, "alerts_mark") else None
        except InventoryError:
            return None

    def data_version(self) -> int | None:
        """The file's ``PRAGMA data_version`` on the session's connection (None: no file, or busy)."""
        session = self.feed.session
        try:
            return None if session is None else int(session.inventory.data_version())
        except InventoryError:
            return None

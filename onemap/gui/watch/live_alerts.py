"""The alert marks while a live feed keeps them current: patched from each batch, re-read off the UI thread.

While the broker brings every alert (:meth:`WatchMarkLayers.take_alerts` patches the marks
from each batch), each commit of the collector still moves the file's data version, and the
window's poll then asks the marks to follow a change that names only alerts.  Reading every
open alert on the UI thread at each poll (every 400 ms during a flood) would cost it more
than the batches themselves; yet a step written elsewhere (``onemap alerts --close``) comes
only through the file.  So, while the feed is live, such a change is read on a thread of its
own, at most once every :data:`MIN_GAP_MS`; the batches that arrive meanwhile are applied
again on top of what it read (the file's read may predate them).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from onemap.gui.watch.alert_marks import device_signature, patched_alerts
from onemap.gui.workers import Job
from onemap.store import Inventory
from onemap.store.watch_marks import Columns
from onemap.view.watch_marks import MarkColumns
from onemap.watch.alert import Alert

if TYPE_CHECKING:
    from onemap.gui.watch.marks import WatchMarkLayers

#: the least time between two background reads of the open alerts
MIN_GAP_MS = 2000
#: the feed counts as live this long after its last batch
LIVE_S = 10.0


class LiveAlerts(QObject):
    """The alert marks of one file's :class:`~onemap.gui.watch.marks.WatchMarkLayers` under a live feed."""

    def __init__(self, layers: WatchMarkLayers) -> None:
        super().__init__(layers)
        self.layers = layers
        self.path: Path | None = None
        self.job: Job | None = None
        self.wanted = False
        self.reads = 0
        self._live_until = 0.0
        self._since: list[list[Alert]] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(MIN_GAP_MS)
        self.timer.timeout.connect(self._start)

    def bind(self, path: Path | None) -> None:
        """Follow ``path`` (None: nothing); a read under way is dropped."""
        self.path, self.wanted, self._since, self._live_until = path, False, [], 0.0
        self.timer.stop()
        job, self.job = self.job, None
        if job is not None:
            job.done.disconnect(self._done)
            job.cancel()

    def take(self, alerts: list[Alert]) -> None:
        """A live batch: the marks patched from it (the feed is live; a read under way must not undo it)."""
        self._live_until = time.monotonic() + LIVE_S
        if self.job is not None:
            self._since.append(alerts)
        self._patch([alerts])

    def _patch(self, batches: list[list[Alert]]) -> None:
        """Devices are redrawn only when which of them have an open alert changed."""
        model = self.layers.model
        before = device_signature(model.alerts)
        for alerts in batches:
            model.alerts = patched_alerts(model.alerts, alerts, self._estate_point)
        same = device_signature(model.alerts) == before
        self.layers.redraw({"alerts"} if same else {"alerts", "cameras", "sensors"})

    def _estate_point(self, code: str) -> tuple[float, float] | None:
        session = self.layers.session
        row = None if session is None else session.table.row_of(code)
        if session is None or row is None:
            return None
        return float(session.table.lon[row]), float(session.table.lat[row])

    def live(self) -> bool:
        """Whether a live feed applied a batch lately."""
        return self.path is not None and time.monotonic() < self._live_until

    def request(self) -> None:
        """Read the open alerts again soon (once, however often asked meanwhile)."""
        self.wanted = True
        if self.job is None and not self.timer.isActive():
            self.timer.start()

    def _start(self) -> None:
        if self.path is None or not self.wanted:
            return
        self.wanted, self._since = False, []
        path = self.path

        def work(_progress: object, _cancelled: object) -> Columns:
            with Inventory.open(path, readonly=True) as inventory:
                return inventory.open_alert_marks()

        self.job = Job(work, "alert-marks")
        self.job.done.connect(self._done)
        self.job.failed.connect(self._failed)
        self.job.start()

    def _done(self, columns: Columns) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.wait()
        since, self._since = self._since, []
        self.reads += 1
        if self.layers.session is not None:
            self.layers.model.alerts = MarkColumns(columns)
            self._patch(since)  # what arrived while the file was read may be newer than the read
        if self.wanted:
            self.timer.start()

    def _failed(self, _message: str) -> None:
        self.job = None
        self.wanted = True
        self.timer.start()

    def settle(self, timeout_s: float = 10.0) -> None:
        """Wait for a read under way, or one asked for, to be applied (tests)."""
        from PySide6.QtCore import QCoreApplication

        deadline = time.monotonic() + timeout_s
        if self.timer.isActive():
            self.timer.stop()
            self._start()
        while self.job is not None and time.monotonic() < deadline:
            self.job.wait(20)
            QCoreApplication.processEvents()

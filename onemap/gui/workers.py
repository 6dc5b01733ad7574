"""Long work off the UI thread: a core function with ``progress`` and ``cancel``, run in a QThread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, Signal

from onemap.gui import memory

log = logging.getLogger("onemap.gui")
_PARKED: set[Job] = set()  # cancelled jobs still running: kept alive until they end
#: jobs started whose ``finished`` has not reached the UI thread yet: kept alive until it has, so the
#: count of jobs running (:mod:`onemap.gui.memory`) goes back down even when the last reference to a
#: job is dropped in its ``done`` handler (the marks' job was: the count stuck at 1, memory never given back)
_LIVE: set[Job] = set()


class Job(QThread):
    """Runs ``work(progress, cancelled)`` in a thread.

    Signals
    -------
    progressed(fraction, message)
        From ``progress`` calls.
    done(result)
        When ``work`` returned (not emitted after a cancel).
    failed(message)
        When ``work`` raised; the error is logged.
    """

    progressed = Signal(float, str)
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Callable[[Callable[[float, str], None], Callable[[], bool]], Any], name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self._work = work
        self._cancel = threading.Event()
        self.finished.connect(self._ended)  # queued after ``done``'s receivers: the heap given back once idle

    def start(self, *args: Any) -> None:
        """Start the thread (counted running from now until its ``finished`` reaches the UI thread)."""
        if self not in _LIVE:
            _LIVE.add(self)
            memory.job_started()
        super().start(*args)

    def _ended(self) -> None:
        if self in _LIVE:
            _LIVE.discard(self)
            memory.job_ended()

    def cancel(self, timeout_ms: int = 10_000) -> None:
        """Ask the work to stop at its next check, and wait for the thread.

        Work that does not check in time (one long SQLite read on a loaded machine) is parked
        until it ends: a QThread destroyed while it runs aborts the whole process.
        """
        self._cancel.set()
        if not self.wait(timeout_ms):
            _PARKED.add(self)
            self.finished.connect(lambda: _PARKED.discard(self))

    def run(self) -> None:
        try:
            result = self._work(lambda f, m: self.progressed.emit(float(f), m), self._cancel.is_set)
        except Exception as error:  # a background job must never take the app down
            log.exception("background job %s failed", self.objectName())
            self.failed.emit(str(error))
            return
        if not self._cancel.is_set():
            self.done.emit(result)


def wait_for_parked(timeout_ms: int = 30_000) -> None:
    """Wait for the cancelled jobs still running (the app quits: none may be destroyed running)."""
    for job in list(_PARKED):
        job.wait(timeout_ms)

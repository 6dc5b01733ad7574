"""Long work off the UI thread: a core function with ``progress`` and ``cancel``, run in a QThread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, Signal

log = logging.getLogger("onemap.gui")


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

    def cancel(self) -> None:
        """Ask the work to stop at its next check, and wait for the thread."""
        self._cancel.set()
        self.wait(10_000)

    def run(self) -> None:
        try:
            result = self._work(lambda f, m: self.progressed.emit(float(f), m), self._cancel.is_set)
        except Exception as error:  # a background job must never take the app down
            log.exception("background job %s failed", self.objectName())
            self.failed.emit(str(error))
            return
        if not self._cancel.is_set():
            self.done.emit(result)

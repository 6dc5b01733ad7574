"""Opening a shared inventory off the UI thread: the window stays responsive while the server answers.

Connecting, reading the county's estates and its cameras and sensors take from a tenth of a
second to the connect timeout of a server that is down; the window meanwhile says which
server it is connecting to.  Opening something else (another URL, a file) drops the opening
under way: its thread is left to end on its own, and a session it still made is closed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from onemap.gui.workers import Job


def read_session(url: str) -> Any:
    """The work of one opening: a :class:`ServerSession` with its devices read, or the refusal raised."""
    from onemap.gui.server.control import open_session

    session = open_session(url)
    try:
        inventory = session.inventory
        session.devices = (inventory.camera_marks(), inventory.sensor_marks())  # type: ignore[attr-defined]
    except Exception:  # the marks are no reason to refuse the county: the map opens without them
        session.devices = None  # type: ignore[attr-defined]
    return session


class Opening(QObject):
    """One server opening at a time, in a :class:`~onemap.gui.workers.Job`.

    ``arrived(result)`` is called on the UI thread with the session or the exception, only for
    the opening not dropped since.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.job: Job | None = None
        self.url = ""

    def start(self, url: str, arrived: Callable[[Any], None]) -> None:
        """Open ``url`` in a thread (an opening under way is dropped first)."""
        self.drop()
        got: list[Any] = []

        def work(_progress: Callable[[float, str], None], _cancelled: Callable[[], bool]) -> None:
            try:
                got.append(read_session(url))
            except Exception as error:  # said to the user on the UI thread
                got.append(error)

        job = Job(work, "server-open")
        self.job, self.url = job, url
        # ``finished`` comes even after a drop: a session made for nobody is closed there
        job.finished.connect(lambda: self._finished(job, got, arrived))
        job.start()

    def busy(self) -> bool:
        """Whether an opening is under way."""
        return self.job is not None

    def drop(self) -> None:
        """Forget the opening under way (its thread ends on its own; what it made is closed)."""
        job, self.job = self.job, None
        if job is not None:
            job.cancel(timeout_ms=0)

    def settle(self, timeout_ms: int = 30_000) -> None:
        """Wait for the opening under way and deliver it (tests, the command line)."""
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer

        deadline = QDeadlineTimer(timeout_ms)
        while self.job is not None and not deadline.hasExpired():
            self.job.wait(50)
            QCoreApplication.processEvents()

    def _finished(self, job: Job, got: list[Any], arrived: Callable[[Any], None]) -> None:
        result = got[0] if got else RuntimeError("server opening ended without a result")
        if job is not self.job:
            if not isinstance(result, BaseException):
                result.close()
            return
        self.job = None
        arrived(result)

"""Running core work off the UI thread with a result that says how it ended.

:class:`onemap.gui.workers.Job` runs the work; :func:`guarded` turns the core's
cancellation (``InterruptedError``, :class:`~onemap.brief.BriefCancelled`) and its
refusals with a sentence (a ledger that cannot be read, an inventory that cannot be
written) into an :class:`Outcome`, so only real bugs reach the job's ``failed`` signal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Slot

from onemap.gui.i18n.language import ui_language
from onemap.gui.workers import Job

Work = Callable[[Callable[[float, str], None], Callable[[], bool]], Any]


@dataclass(frozen=True)
class Outcome:
    """How a job ended: its value, or cancelled, or a refusal's sentence."""

    value: Any = None
    cancelled: bool = False
    error: str = ""

    @property
    def ok(self) -> bool:
        """True when the work ran to its end."""
        return not self.cancelled and not self.error


def message_of(error: BaseException, lang: str | None = None, path: Path | None = None) -> str:
    """The sentence of a core refusal in the interface language (``str(error)`` otherwise).

    A database error that slipped past the store becomes the store's sentence for it
    (``files.storage_error``: "正被另一个程序写入…", never a raw "database is locked"), naming
    ``path`` when given.
    """
    lang = lang or ui_language()
    from onemap.store.files import storage_error

    error = storage_error(error, path) or error
    if hasattr(error, "message") and callable(error.message):
        return str(error.message(lang))
    if hasattr(error, "message_zh"):
        return str(error.message_zh if lang == "zh" else getattr(error, "message_en", error.message_zh))
    return str(error)


def _refusals() -> tuple[type[BaseException], ...]:
    from onemap.edit import EditRefused
    from onemap.io.ledger_table import LedgerError
    from onemap.store.errors import InventoryError

    return LedgerError, InventoryError, EditRefused, OSError, ValueError


def guarded(work: Work) -> Work:
    """``work`` returning an :class:`Outcome` instead of raising a cancel or a refusal."""

    def run(progress: Callable[[float, str], None], cancel: Callable[[], bool]) -> Outcome:
        try:
            return Outcome(work(progress, cancel))
        except InterruptedError:  # the core's cancel (BriefCancelled is one too)
            return Outcome(cancelled=True)
        except _refusals() as error:
            return Outcome(error=message_of(error))

    return run


class _Receiver(QObject):
    """Delivers a job's signals to its owner; dies with the owner, so a late signal goes nowhere."""

    def __init__(
        self,
        owner: QObject,
        on_done: Callable[[Outcome], None],
        on_progress: Callable[[float, str], None] | None,
        on_failed: Callable[[str], None] | None,
    ) -> None:
        super().__init__(owner)
        self._done, self._progress, self._failed = on_done, on_progress, on_failed

    @Slot(object)
    def done(self, outcome: Outcome) -> None:
        self._done(outcome)

    @Slot(float, str)
    def progressed(self, fraction: float, message: str) -> None:
        if self._progress is not None:
            self._progress(fraction, message)

    @Slot(str)
    def failed(self, message: str) -> None:
        if self._failed is not None:
            self._failed(message)


#: jobs whose thread is still running (a QThread must outlive its run, whatever closes meanwhile)
_running: set[Job] = set()


def start_job(
    owner: QObject,
    name: str,
    work: Work,
    on_done: Callable[[Outcome], None],
    on_progress: Callable[[float, str], None] | None = None,
    on_failed: Callable[[str], None] | None = None,
) -> Job:
    """Start ``work`` in a :class:`Job`; ``on_done`` gets its :class:`Outcome` on the UI thread.

    The job is kept alive here until its thread has ended, even if ``owner`` (a dialog)
    is closed and deleted first; the callbacks then no longer run.
    """
    job = Job(guarded(work), name)
    receiver = _Receiver(owner, on_done, on_progress, on_failed)
    job.done.connect(receiver.done)
    job.progressed.connect(receiver.progressed)
    job.failed.connect(receiver.failed)
    _running.add(job)
    job.finished.connect(lambda: _finish(job))
    job.start()
    return job


def _finish(job: Job) -> None:
    _running.discard(job)
    job.deleteLater()


def wait_for_jobs(timeout_ms: int = 30_000) -> None:
    """Wait until every job's thread has ended (application exit, tests)."""
    for job in list(_running):
        job.wait(timeout_ms)

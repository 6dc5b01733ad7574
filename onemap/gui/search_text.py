"""The search's folded text, built in a job when the search box first gets the focus.

Every estate's name, code and address folded for matching is 30 MB at 220,000 estates and takes
~0.2 s to build (:meth:`onemap.view.search.SearchIndex.prepare_text`).  The viewer that is only
looked at never needs it; a user who clicks into the search box types for longer than that, so
the first query finds it ready (and builds it itself when it is not).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from onemap.gui.workers import Job
from onemap.view.session import MapSession

NAME = "search text"


class WarmOnFocus(QObject):
    """Calls ``warm()`` whenever ``widget`` gets the keyboard focus."""

    def __init__(self, widget: QWidget, warm: Callable[[], None]) -> None:
        super().__init__(widget)
        self._warm = warm
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            self._warm()
        return False


def warm_text(session: MapSession | None, jobs: list[Job]) -> None:
    """Build ``session``'s search text in a job kept in ``jobs`` (the window's: cancelled on closing),
    unless it is built or being built."""
    if session is None or session.state.search.text_ready:
        return
    if any(job.objectName() == NAME and job.isRunning() for job in jobs):
        return
    search = session.state.search
    job = Job(lambda _progress, _cancel: search.prepare_text(), NAME)
    jobs.append(job)
    job.start()

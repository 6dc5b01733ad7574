"""Live refresh from the server: a ChangeListener in a worker thread, the window refreshing only what changed.

Another login's committed change reaches the listener as ``NOTIFY onemap_changes`` (the audit
trigger's); the thread hands the changed estates' codes to the UI thread, which refreshes those
rows, marks and dock entries through ``MainWindow.refresh_estates`` (the path edits use), scores
the estate on show again when findings, consent or estates changed anywhere, and says in the
status bar who changed what.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QThread, Signal

from onemap.gui.i18n import tr

if TYPE_CHECKING:
    from onemap.gui.main_window import MainWindow

log = logging.getLogger("onemap.gui")
# how long one wait for a notice lasts (the thread checks for a stop between waits)
WAIT_S = 0.3


class ListenThread(QThread):
    """``LISTEN`` on a connection of its own; ``changed`` carries estate code -> tables written."""

    changed = Signal(object)

    def __init__(self, url: str) -> None:
        super().__init__()
        self.setObjectName("onemap-server-listen")
        self.url = url
        self._stop = threading.Event()
        self.ready = threading.Event()

    def run(self) -> None:
        from onemap.store.server.listen import ChangeListener

        try:
            listener = ChangeListener(self.url)
        except Exception:  # the viewer keeps working without live refresh; the log says why
            log.exception("cannot listen for server changes")
            self.ready.set()
            return
        self.ready.set()
        with listener:
            while not self._stop.is_set():
                try:
                    found = listener.changed_estates(WAIT_S)
                except Exception:
                    log.exception("the server's change notices stopped")
                    return
                if found and not self._stop.is_set():
                    self.changed.emit(found)

    def stop(self) -> None:
        """Stop at the end of the current wait, and wait for the thread."""
        self._stop.set()
        self.wait(5000)


def tell_changes(window: MainWindow, found: dict[str, set[str]]) -> None:
    """Refresh the changed estates (those on show) and say who changed what."""
    session = window.session
    view: Any = None if session is None else session.inventory
    if view is None or not hasattr(view, "who_changed"):
        return
    after = session._audit_seen  # type: ignore[union-attr]
    written = set().union(*found.values())
    try:
        who = view.who_changed(after, found)
    except Exception:  # the refresh below says more if the server is gone
        who = []
    rescored = window.details.score.tables_changed(written)  # before the refresh: it may show the estate
    window.refresh_estates(found, written)
    if rescored:
        show_score(window, view)
    if "alerts" in written:
        list_alerts(window, view)
    if who:
        window.status.showMessage(change_sentence(window, who), 15000)


def show_score(window: MainWindow, view: Any) -> None:
    """The score of the estate on show read again: another estate's findings or consent move its rank too.

    Scores depend on every estate (rank, 片区 synergy), so they are computed anew, once, here —
    and only while an estate is on show; otherwise at the next selection.
    """
    details = window.details
    shown = None if details.details is None else details.details.code
    if shown is None:
        return
    try:
        details.score.follow(view, shown)
    except Exception:  # the map's refresh above said it if the server is gone
        log.exception("cannot score the estate on show again")


def list_alerts(window: MainWindow, view: Any) -> None:
    """The alert dock's list read again, rows updated in place (a server's alerts: no file to poll).

    An alert's audit row names no estate (its key is its own number): the listed range is read.
    """
    from onemap.watch.alerts import AlertBook

    try:
        listed = window.alert_dock.read_listed(AlertBook(view))
    except Exception:  # the map's refresh above said it if the server is gone
        return
    window.feed.arrived(listed)


def change_sentence(window: MainWindow, who: list[tuple[str, str, str, str | None]]) -> str:
    """``wang 修改了 勉阳小区（状态、户数）`` for the status bar, naming at most three estates."""
    from onemap.gui.server.conflict import field_label

    session = window.session
    logins = sorted({w for w, _c, _t, _f in who})
    by_code: dict[str, list[str]] = {}
    for _w, code, table, field in who:
        names = by_code.setdefault(code, [])
        label = field_label(field) if table == "estates" and field else table
        if label and label not in names:
            names.append(label)
    parts = []
    for code, fields in list(by_code.items())[:3]:
        row = None if session is None else session.table.row_of(code)
        name = code if row is None or session is None else str(session.table.name[row] or code)
        parts.append(f"{name}（{'、'.join(fields[:4])}）" if fields else name)
    more = len(by_code) - len(parts)
    text = "、".join(parts) + (tr(" 等 {n} 个小区").format(n=len(by_code)) if more > 0 else "")
    return tr("{who} 修改了 {what}").format(who="、".join(logins), what=text)

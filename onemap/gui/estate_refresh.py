"""Refreshing what changed while an inventory is open, and noticing other writers: ``MainWindow.refresh_estates``.

:meth:`EstateRefresh.refresh` is the one way in for a change to some estates -- an edit, an
undo or redo (the edit session calls it with the codes the command touched), another
program's write (found by :meth:`poll`), and later a live alert arriving or a server's
LISTEN/NOTIFY.  It folds in whatever the file's audit trail holds since the last look (the
edit's own rows included, so nothing is refreshed twice), patches the session
(:meth:`MapSession.refresh`: the docks follow its ``rows_changed``), then redraws just the
map layers, marks and 3D estates the change reaches.  When the trail cannot say what changed
(it was emptied, a bulk load, a schema change) the window reads the whole file again.

The poll costs the UI thread one ``PRAGMA data_version`` (no file read) every :data:`POLL_MS`; when
it moved, the trail is read on a worker (:meth:`EstateRefresh.poll`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from onemap.gui.canvas.damage import confined, place_names_drawn
from onemap.gui.jobs import Outcome, guarded
from onemap.gui.trail_reader import TrailReader
from onemap.gui.workers import Job
from onemap.store.changes import TrailChanges
from onemap.store.errors import InventoryError
from onemap.view.rowchange import RowChange
from onemap.view.watch_marks import AROUND_ESTATE_M

if TYPE_CHECKING:
    from onemap.gui.main_window import MainWindow
    from onemap.view.session import MapSession

#: how often the file is asked whether another connection wrote it
POLL_MS = 400
#: tables whose writes change no column of the estate table (an alert batch re-reads none of its rows)
ALERT_TABLES = frozenset(("alerts",))
#: tables whose writes reach only an estate's own marker, outline tint and name on the map
#: (:mod:`onemap.gui.canvas.damage`); outlines, buildings, cameras and sensors repaint the view
CONFINED_TABLES = frozenset(("estates",))
#: more estates than this in one refresh repaint the whole view (one rectangle is cheaper then)
CONFINED_MAX = 64


class EstateRefresh(QObject):
    """The window's refresh of changed estates, and its watch for other writers.

    Attributes
    ----------
    last : RowChange or None
        The latest refresh (tests and the benchmark read it).
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.last: RowChange | None = None
        self.job: Job | None = None
        self.looking: tuple[MapSession, tuple[int, int]] | None = None
        #: the threads that read the trail for :meth:`poll` (tests: never the UI thread)
        self.reader_threads: set[int] = set()
        #: the looks' own read-only connection, kept from look to look
        self.reader = TrailReader()
        #: estates whose watch marks are read again with the map's redraw (see :func:`_marks_tables`)
        self._marks_due: frozenset[str] = frozenset()
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        """Watch the open file for other writers."""
        self.timer.start()

    def stop(self) -> None:
        """Stop watching (the file closes); a look under way is dropped."""
        self.timer.stop()
        job, self.job, self.looking = self.job, None, None
        if job is not None:
            job.cancel()
        self.reader.close()

    def poll(self) -> bool:
        """Look for what another connection wrote since the last look; False when nothing was written.

        The trail is read on a worker with a connection of its own (during a flood it is
        thousands of rows a second, 8 ms of the UI thread a tick); what it found is taken in
        on the UI thread. One look at a time: a tick while one runs waits for the next.
        """
        session = self.window.session
        try:
            if self.job is not None or session is None or not session.changed_since_seen():
                return False
            look = session.look_from()
        except InventoryError:  # busy or gone for a moment: ask again at the next tick
            return False
        if look is None:  # a server: its own connection answers
            self.refresh(())
            return True
        path, after = session.path, look[1]

        def work(_progress: object, _cancelled: object) -> tuple[TrailChanges, int]:
            self.reader_threads.add(threading.get_ident())
            return self.reader.look(path, after)

        self.looking = (session, look)
        self.job = Job(guarded(work), "trail-look")
        self.job.done.connect(self._looked)  # a method of this QObject: called on the UI thread
        self.job.failed.connect(self._look_failed)
        self.job.start()
        return True

    def _looked(self, outcome: Outcome) -> None:
        job, self.job = self.job, None
        if job is None or self.looking is None:
            return  # stopped meanwhile
        job.wait()
        session, look = self.looking
        self.looking = None
        if session is not self.window.session:
            return  # the file was closed or read again meanwhile
        if outcome.error:  # busy or gone for a moment: the next tick asks again
            return
        changes = session.took_changes(look, *outcome.value)
        if changes is not None:
            self._take((), None, changes)

    def _look_failed(self, _message: str) -> None:
        self.job, self.looking = None, None  # ask again at the next tick

    def settle(self, timeout_s: float = 10.0) -> None:
        """Wait for a look under way to be taken in (tests, benchmarks)."""
        deadline = time.monotonic() + timeout_s
        while self.job is not None and time.monotonic() < deadline:
            self.job.wait(20)
            QCoreApplication.processEvents()

    def refresh(self, codes: Iterable[str], tables: Iterable[str] | None = None) -> bool:
        """Show the current state of some estates (and of whatever the audit trail says changed).

        Parameters
        ----------
        codes : iterable of str
            Estates that changed, were added or were deleted.
        tables : iterable of str, optional
            The tables written, when the caller knows; else the trail's word for these
            estates, else any.

        Returns False when the file could not be read (the window says why).
        """
        session = self.window.session
        if session is None:
            return False
        try:
            trail = session.take_changes()
        except InventoryError:
            return self.window.reload_session()
        return self._take(codes, tables, trail)

    def _take(self, codes: Iterable[str], tables: Iterable[str] | None, trail: TrailChanges) -> bool:
        """Show what the trail (and the caller) say changed."""
        session = self.window.session
        assert session is not None
        codes = set(codes)
        if trail.whole:
            return self.window.reload_session()
        written = _tables(codes, tables, trail.codes, trail.tables)
        codes |= trail.codes
        marks_now, marks_later = _marks_tables(written)
        if marks_now or not marks_later:  # alerts name no estate in the trail: before the return
            self.window.watch_marks.follow(codes, marks_now)
        alerts_only = written is not None and written <= ALERT_TABLES
        if alerts_only or not codes:
            # an alert changes no estate column: the marks (above), the details' alerts and the dock's
            # own rows follow; re-reading the estates' rows would only cost the UI thread
            if written is not None and "alerts" in written and self._on_show(codes):
                self.window.details.alerts_written()  # the estate on show may have a new alert: one query
            return True
        before = _points(session, codes)  # where the markers were: repainted if they moved
        change = session.refresh(codes, written)  # the docks follow its rows_changed
        self.last = change
        if marks_later and _marks_reach(change):  # a device or alert drawn at the estate's point moved or
            self._marks_due = change.codes  # an alert's estate name changed: read them again (drawn below)
        self._redraw(change, before)
        return True

    def _on_show(self, codes: set[str]) -> bool:
        """Whether the details dock's estate may be among ``codes`` (none named: it may be any)."""
        shown = self.window.details.details
        return not codes or (shown is not None and shown.code in codes)

    def _redraw_layers(self, change: RowChange) -> None:
        """Only the layers the change reaches: a new colour repaints markers and outlines, nothing more."""
        w = self.window
        layers = w.layers
        assert layers is not None and w.session is not None
        if change.replan:
            layers.estates.refresh()
        if _moved(change) or change.patch.touches("name", "households"):  # where names fit, and which first
            layers.labels.refresh()
        for layer in (layers.outlines, layers.buildings):
            if change.wrote(layer.source.table) or (layer is layers.outlines and change.shown):
                layer.load()
            elif layer is layers.outlines and change.classes and layer.item.isVisible():
                layer.redraw()  # the same outlines, tinted anew
        chosen = change.codes.intersection(w.session.state.selection)
        if chosen and (_moved(change) or change.wrote("estate_areas")):  # its ring or outline moved
            layers.selection.forget(change.codes)
            layers.selection.refresh()

    def _redraw_map(self, change: RowChange) -> None:
        w = self.window
        due, self._marks_due = self._marks_due, frozenset()
        if due:
            w.watch_marks.follow(set(due), frozenset(("estates",)))
        if w.layers is not None:
            self._redraw_layers(change)
        if change.patch.structural or len(change.patch.moved):
            w.camera_marks.bind(w.session)

    def _redraw_confined(self, change: RowChange, before: list[tuple[float, float]]) -> None:
        """The map's layers redrawn, only the pixels the changed estates reach repainted."""
        w = self.window
        layers, session = w.layers, w.session
        assert layers is not None and session is not None
        labels, names = layers.labels.item, layers.reference.names
        with confined(w.canvas) as damage:
            placed, named = list(labels.placed), place_names_drawn(w.canvas, names)
            self._redraw_map(change)
            if layers.estates.item.clusters is not None:  # aggregates appeared: their rings are anywhere
                damage.region += w.canvas.viewport().rect()
            reach = AROUND_ESTATE_M / max(session.state.resolution, 1e-9)  # devices round the point
            damage.points(before, reach)
            damage.points(_points(session, change.codes), reach)
            damage.rings(f.xy for f in layers.outlines.features if f.key in change.codes)
            damage.labels(labels, placed, labels.placed)
            damage.place_names(names, named)

    def _redraw(self, change: RowChange, before: list[tuple[float, float]] | None = None) -> None:
        w = self.window
        if before is not None and _confinable(w, change):
            self._redraw_confined(change, before)
        else:
            self._redraw_map(change)
        if change.shown:
            w.status.update_counts()
        w.work.statistics.refresh_soon()
        scene3d = w.scene3d_if_made  # not made yet: it reads the file as it is when first shown
        if scene3d is not None and (
            not change.patch.empty or change.tables is None or change.tables & {"buildings", "estate_areas"}
        ):
            scene3d.estates_changed(change.codes)


def _marks_tables(written: frozenset[str] | None) -> tuple[frozenset[str] | None, bool]:
    """The tables the watch marks follow now, and whether an estates write is left for after the
    rows' refresh (then an empty set: no look now).

    Devices and alerts take from their estate's row only its point (when they have none of
    their own) and, for alerts, its name: an edit of any other field reads none of them again
    (the open alerts were read whole after every edit: 10 ms at 220,000 estates).
    """
    if written is None or "estates" not in written:
        return written, False
    return written - {"estates"}, True


def _marks_reach(change: RowChange) -> bool:
    """Whether the watch marks of the changed estates may differ: a point or a name changed, or rows came or went."""
    return change.patch.structural or len(change.patch.moved) > 0 or change.patch.touches("name")


def _points(session: MapSession, codes: set[str] | frozenset[str]) -> list[tuple[float, float]]:
    """The display positions of those of ``codes`` in the table (NaN for estates not located)."""
    table, out = session.table, []
    for code in codes:
        row = table.row_of(code)
        if row is not None:
            out.append((float(table.x[row]), float(table.y[row])))
    return out


def _confinable(window: MainWindow, change: RowChange) -> bool:
    """Whether the change reaches only its estates' own pixels on the map (see :mod:`onemap.gui.canvas.damage`)."""
    layers = window.layers
    return (
        layers is not None
        and change.tables is not None
        and change.tables <= CONFINED_TABLES
        and not (change.patch.structural or change.shown or change.symbology)
        and len(change.codes) <= CONFINED_MAX
        and layers.estates.item.clusters is None  # a class's share in a ring changed: rings move anywhere
    )


def _moved(change: RowChange) -> bool:
    """Markers moved, came or went, or the filter let others through: positions on the map differ."""
    return change.patch.structural or change.shown or len(change.patch.moved) > 0


def _tables(
    codes: set[str], tables: Iterable[str] | None, trail_codes: set[str], trail_tables: set[str]
) -> frozenset[str] | None:
    """The tables written: the caller's word, else the trail's when it covers every code asked, else unknown."""
    if tables is not None:
        return frozenset(tables) | trail_tables
    if codes <= trail_codes:
        return frozenset(trail_tables)
    return None

"""The 3D tab of the main window, bound to the same view state as the 2D map.

Selection, filter and symbology live in the session's :class:`ViewState`; this adapter
follows them (``_on_*``) and writes a pick back into the selection, so 2D, 3D, table and
details always agree.  The scene loads off the UI thread: a large county takes seconds.
"""

from __future__ import annotations

import contextlib
import ctypes
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject

from onemap.gui.scene3d.view import Scene3DView
from onemap.gui.workers import Job
from onemap.scene import BuildingRows, CountyScene, SceneCancelled, build_scene, colour_fn_from_classes, load_scene
from onemap.scene.scene import frame_for

if TYPE_CHECKING:
    from onemap.view.session import MapSession


class _ShownWatcher(QObject):
    """Calls ``on_shown`` whenever the watched widget is shown (its tab made current)."""

    def __init__(self, on_shown) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self._on_shown = on_shown

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            self._on_shown()
        return False


def _build(path: Path) -> Callable[[Callable[[float, str], None], Callable[[], bool]], CountyScene | None]:
    """The job's work: the scene, or None when a newer build cancelled this one."""

    def work(_progress: Callable[[float, str], None], cancelled: Callable[[], bool]) -> CountyScene | None:
        try:
            return load_scene(path, cancelled)
        except SceneCancelled:
            return None

    return work


def _give_back_heap() -> None:
    """Return the freed pages of a dropped mesh to the system (glibc only; elsewhere nothing to do).

    A mesh is built in a worker thread, in that thread's malloc arena: freed, its pages stay with
    the process (measured: 860 MB settled, 470 MB after a trim, on 20,000 estates), and every
    rebuild after an edit adds to them.
    """
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):  # musl or another libc: no malloc_trim
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _empty_scene() -> CountyScene:
    """A scene with nothing in it: what a hidden, stale tab holds instead of the old mesh."""
    none = np.empty(0, dtype=object)
    return build_scene(BuildingRows(none, np.empty(0), none), none, none, {}, frame_for(none))


class Scene3DTab:
    """Owns the 3D view and keeps it in step with one session at a time.

    Attributes
    ----------
    builds : int
        How many scene builds were started (what the tests and benchmarks count).
    stale : bool
        The scene on show (if any) is not the bound session's: build when the tab is shown.
    """

    def __init__(self, add_view) -> None:  # type: ignore[no-untyped-def]
        self.view = Scene3DView()
        self.index = add_view(self.view, QT_TRANSLATE_NOOP("", "三维场景"))  # translated by add_view
        self.session: MapSession | None = None
        self.job: Job | None = None
        self.builds = 0
        self.stale = False
        self._retired: list[Job] = []
        self.view.estate_picked.connect(self._on_pick)
        self._watcher = _ShownWatcher(self._on_shown)
        self.view.installEventFilter(self._watcher)

    def bind(self, session: MapSession) -> None:
        """Follow ``session``; its scene is built in the background once the tab is visible."""
        self.unbind()
        self.session = session
        state = session.state
        state.selection_changed.connect(self._on_selection_change)
        state.filter_changed.connect(self._on_filter_change)
        state.symbology_changed.connect(self._on_symbology_change)
        self.stale = True
        if self.view.isVisible():
            self.rebuild()
        elif self.view.scene is not None and self.view.scene.mesh.n_faces:
            self.view.set_scene(_empty_scene())  # free the old mesh now: it is rebuilt when the tab is shown
            self.view.grab_image()  # one paint replaces the GL buffers, which hold a copy of the old mesh
            _give_back_heap()

    def rebuild(self) -> None:
        """Build the bound session's scene in the background, cancelling a build under way."""
        self._cancel_job()
        if self.session is None or not self.view.available:
            return
        self.stale = False
        self.builds += 1
        self.job = Job(_build(self.session.path), "scene3d")
        self.job.done.connect(self._on_scene_loaded)
        self.job.start()

    def estates_changed(self, codes: frozenset[str] | set[str]) -> None:
        """Some estates changed in the file (an edit, another program): show them as they are now.

        For now what a reload of the file did: the scene is rebuilt, at once while the tab is
        shown, else when it is next shown (the old mesh is let go meanwhile).
        """
        if self.session is None or not codes:
            return
        self.stale = True
        if self.view.isVisible():
            self.rebuild()
        elif self.view.scene is not None and self.view.scene.mesh.n_faces:
            self.view.set_scene(_empty_scene())  # as bind: the old mesh goes now, rebuilt when shown
            self.view.grab_image()
            _give_back_heap()

    def _on_shown(self) -> None:
        if self.stale:
            self.rebuild()

    def _cancel_job(self) -> None:
        """Stop the build under way (it drops its partial mesh at its next check)."""
        job, self.job = self.job, None
        if job is None:
            return
        job.done.disconnect(self._on_scene_loaded)
        job.cancel()  # waits for the thread, up to one step of the build
        if job.isRunning():  # a very long step: keep the thread alive until it stops by itself
            self._retired.append(job)
            job.finished.connect(lambda: self._retired.remove(job))

    def unbind(self) -> None:
        """Stop following the current session."""
        self._cancel_job()
        if self.session is None:
            return
        state = self.session.state
        state.selection_changed.disconnect(self._on_selection_change)
        state.filter_changed.disconnect(self._on_filter_change)
        state.symbology_changed.disconnect(self._on_symbology_change)
        self.session = None

    def _on_scene_loaded(self, scene) -> None:  # type: ignore[no-untyped-def]
        if self.session is None or scene is None:
            return
        self.view.set_scene(scene)  # the old scene goes here
        _give_back_heap()
        self._on_symbology_change()
        self._on_filter_change()
        self._on_selection_change()

    def _on_selection_change(self) -> None:
        if self.session is not None and self.view.scene is not None:
            self.view.select_estate(self.session.state.current)

    def _on_filter_change(self) -> None:
        if self.session is None or self.view.scene is None:
            return
        state = self.session.state
        shown = None if state.filter.is_empty else state.table.code[state.mask].tolist()
        self.view.set_visible_estates(shown)

    def _on_symbology_change(self) -> None:
        if self.session is None or self.view.scene is None:
            return
        state = self.session.state
        colours = [c.color for c in state.symbology.classes]
        self.view.set_symbology(colour_fn_from_classes(state.table.code.tolist(), state.classes.tolist(), colours))

    def _on_pick(self, code: str) -> None:
        if self.session is not None and code:
            self.session.state.select([code], current=code)

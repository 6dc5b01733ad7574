"""The 3D tab of the main window, bound to the same view state as the 2D map.

Selection, filter and symbology live in the session's :class:`ViewState`; this adapter
follows them (``_on_*``) and writes a pick back into the selection, so 2D, 3D, table and
details always agree.  The scene loads off the UI thread: a large county takes seconds. It is
a tiled scene (:mod:`onemap.scene.tiled`): per-estate data and compact footprints, extruded tile by
tile as the camera needs them; an edit re-reads only the estates it changed (:meth:`estates_changed`).
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import sys
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject

from onemap.geo.reflayers import RefLayer
from onemap.gui.i18n import tr
from onemap.gui.scene3d.ground_setup import Ground, ground_of, no_ground
from onemap.gui.scene3d.groundlook import GroundLook, paint
from onemap.gui.scene3d.view import Scene3DView
from onemap.gui.workers import Job
from onemap.scene import BuildingRows, CountyScene, SceneCancelled, build_scene, colour_fn_from_classes
from onemap.scene.scene import frame_for
from onemap.scene.tiled import load_tiled_scene, with_estates_reread
from onemap.scene.tiles import TileGrid, tiles_of
from onemap.store.inventory import Inventory

if TYPE_CHECKING:
    from onemap.view.session import MapSession

log = logging.getLogger(__name__)


class _ShownWatcher(QObject):
    """Calls ``on_shown`` whenever the watched widget is shown (its tab made current)."""

    def __init__(self, on_shown) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self._on_shown = on_shown

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            self._on_shown()
        return False


def _build(
    path: Path, ground: Ground, layers: list[RefLayer]
) -> Callable[[Callable[[float, str], None], Callable[[], bool]], object]:
    """The job's work: the scene on its ground, its tiles, the draped basemap (bare, and with
    ``layers`` painted on) and what went wrong with the ground; None when a newer build cancelled this one."""

    def work(_progress: Callable[[float, str], None], cancelled: Callable[[], bool]) -> object:
        try:
            scene = load_tiled_scene(path, cancelled, settle=_give_back_heap)
            scene, bare, warnings = ground_of(scene, path, ground)
            texture = paint(scene, bare, layers)
            if cancelled():
                return None
            return scene, TileGrid(scene), (bare, texture, layers), warnings
        except SceneCancelled:
            return None

    return work


def _reread(
    path: Path, scene: CountyScene, codes: set[str]
) -> Callable[[Callable[[float, str], None], Callable[[], bool]], object]:
    """The job's work after an edit: ``(new scene, codes)`` with those estates' rows read again."""

    def work(_progress: Callable[[float, str], None], _cancelled: Callable[[], bool]) -> object:
        with Inventory.open(path, readonly=True) as inventory:
            fresh = with_estates_reread(scene, inventory, codes)
        return fresh, codes, TileGrid(fresh)  # the grid too: off the UI thread

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
    rereads : int
        How many partial updates after edits were started.
    stale : bool
        The scene on show (if any) is not the bound session's: build when the tab is shown.
    pending : set of str
        Estates edited while the tab was hidden: re-read when it is shown.
    """

    def __init__(self, add_view) -> None:  # type: ignore[no-untyped-def]
        self.view = Scene3DView()
        self.index = add_view(self.view, QT_TRANSLATE_NOOP("", "三维场景"))  # translated by add_view
        self.session: MapSession | None = None
        self.job: Job | None = None
        self.builds = 0
        self.rereads = 0
        self.stale = False
        self.pending: set[str] = set()
        self.edit_job: Job | None = None
        #: called after a scene is put on show (the live watch's marks place themselves in its frame)
        self.on_scene: list[Callable[[], None]] = []
        #: called when the tab is shown (what changed while it was hidden catches up)
        self.on_shown: list[Callable[[], None]] = []
        #: inventory path -> (DEM file or None, basemap to drape): the window sets it from its settings
        self.ground: Callable[[Path], Ground] = no_ground
        #: why the last build's ground lacks its relief or basemap (sentences; empty when all went well)
        self.ground_warnings: list[str] = []
        #: the ground's reference layers and sentences (the window sets its ``reference`` and ``say``)
        self.look = GroundLook(self.view)
        self._retired: list[Job] = []
        self.view.estate_picked.connect(self._on_pick)
        self._watcher = _ShownWatcher(self._on_shown)
        self.view.installEventFilter(self._watcher)

    def bind(self, session: MapSession) -> None:
        """Follow ``session``; its scene is built in the background once the tab is visible."""
        self.unbind()
        if self.look.said_for != session.path:
            self.look.forget(session.path)
        self.session = session
        state = session.state
        state.selection_changed.connect(self._on_selection_change)
        state.filter_changed.connect(self._on_filter_change)
        state.symbology_changed.connect(self._on_symbology_change)
        self.stale = True
        if self.view.scene is not None and (self.view.scene.tiled or self.view.scene.mesh.n_faces):
            # free the old scene before the new one is read: both at once were the viewer's peak
            # (1,962 MB on 220,000 estates, an edit's reload with the tab shown)
            self.view.set_scene(_empty_scene())
            self.view.grab_image()  # one paint replaces the GL buffers, which hold a copy of the old mesh
            _give_back_heap()
        if self.view.isVisible():
            self.rebuild()

    def rebuild(self) -> None:
        """Build the bound session's scene in the background, cancelling a build under way."""
        self._cancel_job()
        if self.session is None or not self.view.available:
            return
        self.stale = False
        self.pending.clear()
        if getattr(self.session, "remote", False):  # the scene reads a file's tables; a server has none here
            self.view.set_scene(_empty_scene())
            if self.look.say is not None:
                self.look.say(tr("服务器上的清单暂不能显示三维：请检出（onemap checkout）到本机文件后查看三维。"))
            return
        self.builds += 1
        self.job = Job(_build(self.session.path, self.ground(self.session.path), self.look.layers()), "scene3d")
        self.job.done.connect(self._on_scene_loaded)
        self.job.start()

    def estates_changed(self, codes: Collection[str]) -> None:
        """The session's table already holds the new rows of ``codes``: update only their tiles.

        Hidden, the tab only notes them (re-read when it is shown); with no scene yet, nothing
        is done (the whole scene is built when the tab is shown).
        """
        if self.session is None or not codes or self.stale:
            return
        self.pending.update(str(c) for c in codes)
        if self.view.isVisible():
            self._reread_pending()

    def _reread_pending(self) -> None:
        scene = self.view.scene
        if self.session is None or not self.pending or self.edit_job is not None or self.job is not None:
            return  # a build under way reads everything anew; an update under way takes the rest when done
        if scene is None or not scene.tiled:
            self.rebuild()
            return
        codes, self.pending = set(self.pending), set()
        self.rereads += 1
        self.edit_job = Job(_reread(self.session.path, scene, codes), "scene3d-edit")
        self.edit_job.done.connect(self._on_reread)
        self.edit_job.start()

    def _on_reread(self, result) -> None:  # type: ignore[no-untyped-def]
        job, self.edit_job = self.edit_job, None
        if job is not None:
            job.wait()
        if self.session is None or result is None or self.job is not None:
            return
        _give_back_heap()  # the worker's freed reads, before the UI thread allocates for the new buffers
        scene, codes, grid = result
        old = self.view.scene
        before = tiles_of(old, codes) if old is not None else set()
        self.view.replace_scene(scene, before | tiles_of(scene, codes), grid)  # an estate may change tiles
        _give_back_heap()
        self._on_symbology_change()
        self._on_filter_change()
        self._on_selection_change()
        self._reread_pending()

    def _on_shown(self) -> None:
        if self.stale:
            self.rebuild()
        else:
            self._reread_pending()
        for call in self.on_shown:
            call()

    def _cancel_job(self) -> None:
        """Stop the build or update under way (a build drops its partial scene at its next check)."""
        for attr, slot in (("job", self._on_scene_loaded), ("edit_job", self._on_reread)):
            job = getattr(self, attr)
            setattr(self, attr, None)
            if job is None:
                continue
            job.done.disconnect(slot)
            job.cancel()  # waits for the thread, up to one step of the build
            if job.isRunning():  # a very long step: keep the thread alive until it stops by itself
                self._retired.append(job)
                job.finished.connect(lambda j=job: self._retired.remove(j))

    def unbind(self) -> None:
        """Stop following the current session."""
        self._cancel_job()
        self.look.stop()
        if self.session is None:
            return
        state = self.session.state
        state.selection_changed.disconnect(self._on_selection_change)
        state.filter_changed.disconnect(self._on_filter_change)
        state.symbology_changed.disconnect(self._on_symbology_change)
        self.session = None

    def _on_scene_loaded(self, result) -> None:  # type: ignore[no-untyped-def]
        job, self.job = self.job, None
        if job is not None:
            job.wait()  # done is emitted just before the thread ends
        if self.session is None or result is None:
            return
        # the build's freed reads (hundreds of MB at 220,000 estates) go back before the first frame
        # uploads its buffers: kept, they and the upload made the tab's peak
        _give_back_heap()
        scene, grid, textures, warnings = result
        self.ground_warnings = warnings
        self.look.warn(warnings)
        self.look.loaded(*textures)
        self.view.set_scene(scene, grid)  # the old scene goes here
        self.look.after_scene()
        _give_back_heap()
        for call in self.on_scene:
            call()
        self._on_symbology_change()
        self._on_filter_change()
        self._on_selection_change()
        self._reread_pending()  # edits made while it was being built

    def _on_selection_change(self) -> None:
        if self.session is not None and self.view.scene is not None:
            self.view.select_estate(self.session.state.current)
            path = self.session.path  # the streets round the selected estate, sharp (groundlook.py)
            self.look.follow_estate(path, self.ground(path), self.session.state.current)

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

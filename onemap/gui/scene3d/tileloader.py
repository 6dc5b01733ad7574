"""Which tile meshes the 3D view draws: those its camera needs, built off the UI thread and cached.

A county scene (``load_scene``) is one tile holding its whole mesh. A tiled scene
(``load_tiled_scene``) is cut into tiles (:class:`onemap.scene.tiles.TileGrid`); on every camera
move the loader works out the tiles wanted, shows those already in its :class:`TileCache` (a
tile wanted in full shows its blocks until its buildings are ready) and builds the missing ones
in a background :class:`Job`, nearest first, a short batch at a time, so a newer camera gets its
tiles soon and a new scene cancels the batch under way.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Collection, Hashable
from typing import Any

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QObject, Signal

from onemap.gui.workers import Job
from onemap.scene.camera import OrbitCamera
from onemap.scene.mesh import BuildingMesh
from onemap.scene.scene import CountyScene
from onemap.scene.tiles import BLOCK, FULL, TILE_BUDGET_BYTES, TileCache, TileGrid, TileKey
from onemap.store.inventory import Inventory

#: the one tile of a county scene
WHOLE: TileKey = (0, 0)
#: a background batch stops after this long, so the camera's latest needs come next
BATCH_SECONDS = 0.25


class TileLoader(QObject):
    """Keeps ``shown`` (tile -> mesh) to what the camera needs; emits ``changed`` when it changes.

    Attributes
    ----------
    cache : TileCache
    synchronous : bool
        Build missing tiles at once on the calling thread (snapshots, tests) instead of in a job.
    tiles_built : int
        How many tile meshes were built (tests count them).
    """

    changed = Signal()

    def __init__(self, budget: int = TILE_BUDGET_BYTES, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cache = TileCache(budget)
        self.synchronous = False
        self.tiles_built = 0
        self.shown: dict[Hashable, BuildingMesh] = {}
        self.grid: TileGrid | None = None
        self.job: Job | None = None
        self._retired: list[Job] = []
        self._wanted: dict[TileKey, str] = {}
        self._camera: OrbitCamera | None = None
        self._skipped: set[tuple[TileKey, str]] = set()

    def set_scene(
        self, scene: CountyScene | None, stale: Collection[TileKey] | None = None, grid: TileGrid | None = None
    ) -> None:
        """Draw ``scene``: every cached tile is dropped, or only the ``stale`` ones (an edit's).

        ``grid`` is the scene's :class:`TileGrid` when already made (off the UI thread).
        """
        self.cancel()
        if stale is None:
            self.cache.clear()
        else:
            self.cache.drop([(key, level) for key in stale for level in (FULL, BLOCK)])
        if grid is None or grid.scene is not scene:
            grid = TileGrid(scene) if scene is not None and scene.tiled else None
        self.grid = grid
        self._wanted, self._skipped = {}, set()
        if scene is None or not scene.tiled:
            self._show({WHOLE: scene.mesh} if scene is not None else {})
        elif self._camera is not None:
            self.update(self._camera)

    def update(self, camera: OrbitCamera) -> None:
        """The camera moved: show the cached tiles it needs and build the missing ones."""
        self._camera = camera
        if self.grid is None:
            return
        wanted = self.grid.wanted(camera)
        if wanted != self._wanted:
            self._skipped.clear()
        self._wanted = wanted
        self._refresh()
        self._fill()

    def missing(self) -> list[tuple[TileKey, str]]:
        """The wanted tiles not in the cache, nearest first (blocks where full tiles did not fit)."""
        out = []
        for key, level in self._wanted.items():
            if (key, level) in self._skipped:
                level = BLOCK
            if (key, level) not in self.cache and (key, level) not in self._skipped:
                out.append((key, level))
        return out

    def _fill(self) -> None:
        missing = self.missing()
        if missing and self.synchronous and self.grid is not None:
            self._store(build_tiles(self.grid, missing, lambda: False, batch_seconds=None) or [])
        elif missing and self.job is None:
            self._start(missing)

    def cancel(self) -> None:
        """Stop the batch under way (its tiles are dropped)."""
        job, self.job = self.job, None
        if job is None:
            return
        job.done.disconnect(self._on_built)
        job.cancel()
        if job.isRunning():  # keep the thread object alive until it stops by itself
            self._retired.append(job)
            job.finished.connect(lambda: self._retired.remove(job))

    def _start(self, missing: list[tuple[TileKey, str]]) -> None:
        grid = self.grid
        assert grid is not None

        def work(_progress: Callable[[float, str], None], cancelled: Callable[[], bool]) -> Any:
            return build_tiles(grid, missing, cancelled)

        self.job = Job(work, "scene3d-tiles")
        self.job.done.connect(self._on_built)
        self.job.start()

    def _on_built(self, built: list[tuple[TileKey, str, BuildingMesh]] | None) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.wait()
        if built is None or self.grid is None:
            return
        self._store(built)
        self._fill()

    def _store(self, built: list[tuple[TileKey, str, BuildingMesh]]) -> None:
        keep = set(self._wanted.items())
        for key, level, mesh in built:
            self.tiles_built += 1
            if not self.cache.put((key, level), mesh, keep=keep):
                self._skipped.add((key, level))  # over budget: a full tile falls back to its blocks
        self._refresh()

    def _refresh(self) -> None:
        shown: dict[Hashable, BuildingMesh] = {}
        for key, level in self._wanted.items():
            other = BLOCK if level == FULL else FULL
            mesh = self.cache.get((key, level)) or self.cache.get((key, other))
            if mesh is not None:
                shown[key] = mesh
        self._show(shown)

    def shown_estates(self) -> NDArray[np.int64] | None:
        """The estates (indices into the scene's codes) of the tiles wanted now; None for a county scene."""
        if self.grid is None:
            return None
        parts = [self.grid.estates(key) for key in self._wanted]
        return np.sort(np.concatenate([np.empty(0, dtype=np.int64), *parts]))

    def _show(self, shown: dict[Hashable, BuildingMesh]) -> None:
        if shown.keys() == self.shown.keys() and all(shown[k] is self.shown[k] for k in shown):
            return
        self.shown = shown
        self.changed.emit()


def build_tiles(
    grid: TileGrid,
    todo: list[tuple[TileKey, str]],
    cancelled: Callable[[], bool],
    batch_seconds: float | None = BATCH_SECONDS,
) -> list[tuple[TileKey, str, BuildingMesh]] | None:
    """Extrude tiles in order until done, cancelled (None) or ``batch_seconds`` have passed."""
    start, built = time.perf_counter(), []
    source = grid.scene.source
    with contextlib.ExitStack() as stack:  # full tiles read footprints: one connection for the batch
        inventory = stack.enter_context(Inventory.open(source, readonly=True)) if source is not None else None
        for key, level in todo:
            if cancelled():
                return None
            built.append((key, level, grid.mesh(key, level, inventory)))
            if batch_seconds is not None and time.perf_counter() - start > batch_seconds:
                break
    return built

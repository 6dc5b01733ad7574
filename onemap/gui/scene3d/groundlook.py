"""What the 3D tab's ground shows besides its relief: the 2D map's reference layers, and what went wrong.

The background build drapes the basemap and paints the reference layers shown on the 2D map
(:mod:`onemap.gui.scene3d.refdrape`); the bare drape is kept, so showing, hiding or reordering a
layer in the layers dock repaints the ground at once without building the scene again.
Problems with the ground (a DEM that does not reach the county, a basemap that cannot be read)
are logged and said once in the status bar, in the user's language.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from numpy.typing import NDArray

from onemap.geo.reflayers import RefLayer
from onemap.gui.scene3d.ground_setup import VIEWER_TEXTURE_PX, Ground, estate_detail, viewer_source
from onemap.gui.scene3d.refdrape import dressed
from onemap.gui.workers import Job
from onemap.said import in_lang

if TYPE_CHECKING:
    from onemap.gui.main_window import MainWindow
    from onemap.gui.scene3d.view import Scene3DView
    from onemap.scene.scene import CountyScene

log = logging.getLogger(__name__)


def _detail_work(scene: CountyScene, code: str, inventory: Path, basemap: Path | str | None, layers: list[RefLayer]):  # type: ignore[no-untyped-def]
    """The job's work: the finer texture round ``code`` and its box (the viewer's texture size)."""

    def work(_progress, _cancelled):  # type: ignore[no-untyped-def]
        source, _said = viewer_source(inventory, basemap)  # its problem was said with the county's ground
        try:
            return estate_detail(scene, code, source, layers, VIEWER_TEXTURE_PX)
        finally:
            close = getattr(source, "close", None)
            if close is not None:
                close()

    return work


def paint(scene: CountyScene, bare: NDArray[np.uint8] | None, layers: Sequence[RefLayer]) -> NDArray[np.uint8] | None:
    """The viewer's texture for ``scene``: ``bare`` with ``layers`` painted on (``bare`` without layers)."""
    if scene.terrain is None:
        return bare
    return dressed(bare, layers, scene.frame, scene.terrain.extent, VIEWER_TEXTURE_PX)


class GroundLook:
    """The 3D tab's ground texture and ground sentences.

    Attributes
    ----------
    reference : callable
        () -> the reference layers the 2D map shows, bottom first (the window sets it).
    say : callable or None
        Shows one sentence in the status bar (the window sets it); the log only when None.
    """

    def __init__(self, view: Scene3DView) -> None:
        self.view = view
        self.reference: Callable[[], list[RefLayer]] = list
        self.say: Callable[[str], None] | None = None
        self._bare: NDArray[np.uint8] | None = None
        self._painted: list[int] = []
        self._detail_args: tuple[Path, Ground] | None = None
        self._said: set[str] = set()
        #: the inventory whose ground sentences were said
        self.said_for: Path | None = None
        #: the estate whose finer ground is shown or being made (None: the county's texture only)
        self.detail_code: str | None = None
        self._jobs: list[Job] = []

    def layers(self) -> list[RefLayer]:
        """The layers to paint now (read on the UI thread, handed to the build)."""
        return list(self.reference())

    def loaded(
        self, bare: NDArray[np.uint8] | None, texture: NDArray[np.uint8] | None, used: Sequence[RefLayer]
    ) -> None:
        """A build finished: show its texture, repainted if the layers changed while it ran."""
        self._bare, self._painted = bare, [id(layer) for layer in used]
        self.view.set_ground_texture(texture)

    def after_scene(self) -> None:
        """The scene is on show: catch up with a layer change made while it was being built."""
        if [id(layer) for layer in self.reference()] != self._painted:
            self.refresh()

    def refresh(self) -> None:
        """The 2D map's reference layers changed: repaint the ground (nothing before a scene is built)."""
        scene = self.view.scene
        if scene is None or scene.terrain is None:
            return
        layers = self.layers()
        self._painted = [id(layer) for layer in layers]
        self.view.set_ground_texture(paint(scene, self._bare, layers))
        if self.detail_code is not None and self._detail_args is not None:
            self.follow_estate(*self._detail_args, self.detail_code, again=True)

    def follow_estate(self, inventory: Path, ground: Ground, code: str | None, again: bool = False) -> None:
        """Make (in the background) and show a finer ground round estate ``code``; None: the county's only."""
        scene = self.view.scene
        if code == self.detail_code and not again:
            return
        self.detail_code, self._detail_args = code, (inventory, ground)
        if self.view.layers is None or scene is None or scene.terrain is None or code is None:
            if self.view.layers is not None:
                self.view.layers.set_detail(None, (0.0, 0.0, 1.0, 1.0))
            return
        job = Job(_detail_work(scene, code, inventory, ground[1], self.layers()), "ground-detail")
        job.done.connect(lambda result, j=job, c=code, s=scene: self._on_detail(j, c, s, result))
        self._jobs.append(job)
        job.start()

    def _on_detail(self, job: Job, code: str, scene: CountyScene, result: object) -> None:
        job.wait()
        self._jobs.remove(job)
        if code == self.detail_code and scene is self.view.scene and self.view.layers is not None:
            texture, box = cast(tuple[Any, tuple[float, float, float, float]], result)
            self.view.layers.set_detail(texture, box)  # the item asks the view to repaint

    def stop(self) -> None:
        """Wait for the finer grounds under way (the tab goes)."""
        for job in list(self._jobs):
            job.wait()

    def forget(self, inventory: Path | None) -> None:
        """Another inventory: its ground sentences are new again."""
        self._said.clear()
        self.said_for = inventory
        self.detail_code, self._detail_args = None, None
        self._bare, self._painted = None, []

    def warn(self, warnings: Sequence[str]) -> None:
        """Log each sentence, and show the ones not shown before for this inventory."""
        from onemap.gui.i18n.language import ui_language

        fresh = []
        for warning in warnings:
            log.warning("%s", in_lang(warning, "en"))
            if str(warning) not in self._said:
                self._said.add(str(warning))
                fresh.append(in_lang(warning, ui_language()))
        if fresh and self.say is not None:
            self.say("；".join(fresh))


def follow_window(look: GroundLook, window: MainWindow) -> None:
    """Paint the layers the window's 2D map shows, and say ground problems in its status bar."""
    look.reference = lambda: list(window.layers.reference.layers) if window.layers is not None else []
    look.say = lambda text: window.status.showMessage(text, 15000)
    look.view.place_names.names_of = lambda: window.layers.reference.names.names if window.layers is not None else []

"""The 3D tab of the main window, bound to the same view state as the 2D map.

Selection, filter and symbology live in the session's :class:`ViewState`; this adapter
follows them (``_on_*``) and writes a pick back into the selection, so 2D, 3D, table and
details always agree.  The scene loads off the UI thread: a large county takes seconds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

from onemap.gui.scene3d.view import Scene3DView
from onemap.gui.workers import Job
from onemap.scene import colour_fn_from_classes, load_scene

if TYPE_CHECKING:
    from onemap.view.session import MapSession


class Scene3DTab:
    """Owns the 3D view and keeps it in step with one session at a time."""

    def __init__(self, add_view) -> None:  # type: ignore[no-untyped-def]
        self.view = Scene3DView()
        self.index = add_view(self.view, QT_TRANSLATE_NOOP("", "三维场景"))  # translated by add_view
        self.session: MapSession | None = None
        self.job: Job | None = None
        self.view.estate_picked.connect(self._on_pick)

    def bind(self, session: MapSession) -> None:
        """Follow ``session``; its scene is built in the background."""
        self.unbind()
        self.session = session
        state = session.state
        state.selection_changed.connect(self._on_selection_change)
        state.filter_changed.connect(self._on_filter_change)
        state.symbology_changed.connect(self._on_symbology_change)
        if not self.view.available:
            return
        path = session.path
        self.job = Job(lambda _progress, _cancelled: load_scene(path), "scene3d")
        self.job.done.connect(self._on_scene_loaded)
        self.job.start()

    def unbind(self) -> None:
        """Stop following the current session."""
        if self.job is not None:
            self.job.cancel()
            self.job = None
        if self.session is None:
            return
        state = self.session.state
        state.selection_changed.disconnect(self._on_selection_change)
        state.filter_changed.disconnect(self._on_filter_change)
        state.symbology_changed.disconnect(self._on_symbology_change)
        self.session = None

    def _on_scene_loaded(self, scene) -> None:  # type: ignore[no-untyped-def]
        if self.session is None:
            return
        self.view.set_scene(scene)
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

"""The main window's reference layers: kept per inventory in the settings, shown on the map, listed in the dock.

An inventory whose layers were never set shows its sidecar's (``NAME.layers.gpkg``, e.g. the
demo's schematic streets, river and townships); any change in the dock is remembered.
Files are read in the background: the map shows the estates first and the layers when ready.
A layer that cannot be read is said in the status bar, and the map goes on without it.
"""

from __future__ import annotations

from collections.abc import Sequence

from onemap.geo.refstyle import RefLayerSpec
from onemap.gui.window_base import WindowBase
from onemap.said import Said, in_lang
from onemap.view.session import MapSession


class RefLayerControl:
    """Binds the layers dock's reference panel, the map's reference layers and the settings."""

    def __init__(self, window: WindowBase) -> None:
        self.window = window

    @property
    def panel(self):  # type: ignore[no-untyped-def]
        """The dock's reference panel."""
        return self.window.layer_list.reference  # type: ignore[attr-defined]

    def open_for(self, session: MapSession) -> None:
        """Show the layers kept for a freshly opened inventory (its sidecar's when none were kept)."""
        w = self.window
        if w.layers is None:
            return
        w.layers.reference.on_loaded = self._loaded
        kept = w.settings.reference_layers_for(session.path)
        if kept is not None and kept != w.layers.reference.specs:
            self._show(kept)
        else:
            self._said(w.layers.reference.problems)
        self.panel.on_change = self.change
        self.panel.show_specs(w.layers.reference.specs)
        w.overlay.set_credit(w.layers.reference.attribution())

    def change(self, specs: list[RefLayerSpec]) -> None:
        """The user changed the list: show it and remember it for this inventory."""
        w = self.window
        if w.layers is None or w.session is None:
            return
        self._show(specs)
        w.settings.set_reference_layers_for(w.session.path, specs)
        w.overlay.set_credit(w.layers.reference.attribution())

    def close(self) -> None:
        """The inventory closed: the panel lists nothing."""
        self.panel.on_change = None
        self.panel.show_specs([])
        self.window.overlay.set_credit("")

    def _show(self, specs: list[RefLayerSpec]) -> None:
        assert self.window.layers is not None
        self._said(self.window.layers.reference.set_specs(specs, background=True))
        self._refresh_3d()  # hidden or reordered layers at once; files still being read follow in _loaded

    def _refresh_3d(self) -> None:
        tab = getattr(self.window, "scene3d_if_made", None)
        if tab is not None:  # the 3D ground shows the same layers (onemap/gui/scene3d/groundlook.py)
            tab.look.refresh()

    def _loaded(self, problems: Sequence[Said]) -> None:
        """A background read finished: its layers are on the map; say what failed, credit the rest."""
        w = self.window
        self._said(problems)
        if w.layers is not None:
            w.overlay.set_credit(w.layers.reference.attribution())
        self._refresh_3d()

    def _said(self, problems: Sequence[Said]) -> None:
        if problems:
            from onemap.gui.i18n.language import ui_language

            self.window.status.showMessage("；".join(in_lang(p, ui_language()) for p in problems), 15000)

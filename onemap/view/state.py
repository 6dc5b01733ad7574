"""The viewer's state: what is loaded, filtered, coloured, selected and in view.

One :class:`ViewState` per open inventory.  Widgets never talk to each other: the map,
the attribute table, the legend, the details dock and the status bar each observe this
object and change it through its methods, so every view follows the same filter and
the same selection.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
from numpy.typing import NDArray

from onemap.view.culling import PointIndex
from onemap.view.estate_table import EstateTable
from onemap.view.events import Signal
from onemap.view.extent import Extent
from onemap.view.filters import EstateFilter
from onemap.view.search import SearchIndex
from onemap.view.state_refresh import RefreshRows
from onemap.view.symbology import ClassIndex, Scores, Symbology, symbology_for

#: drawing order, bottom first, with the Chinese names the layer list shows
LAYERS: dict[str, str] = {
    "basemap": "底图",
    "admin": "行政区划",
    "outlines": "小区范围",
    "buildings": "楼栋",
    "estates": "小区点位",
    "labels": "名称标注",
    "sensors": "传感器",
    "cameras": "摄像头",
    "selection": "选中",
    "alerts": "告警",
}


class ViewState(RefreshRows):
    """Filter, symbology, selection, layer visibility and extent over one :class:`EstateTable`.

    Parameters
    ----------
    table : EstateTable
        Every estate of the open inventory.
    home : Extent, optional
        The whole-county view (Home); defaults to the box around the located estates.

    Signals
    -------
    filter_changed, symbology_changed, selection_changed, extent_changed, layers_changed
        Emitted with no arguments after the matching change.
    zoom_requested
        Emitted with the :class:`Extent` the map should show.
    rows_changed
        Emitted with a :class:`~onemap.view.rowchange.RowChange` after some estates were
        refreshed in place (:meth:`MapSession.refresh`): views update just those rows.
    """

    def __init__(self, table: EstateTable, home: Extent | None = None) -> None:
        self.table = table
        self.search = SearchIndex(table)
        self.points = PointIndex(table.x, table.y)
        self.home = home or Extent.around(table.x, table.y) or Extent.from_lonlat(73.5, 18.0, 135.0, 53.6)
        self.filter_changed = Signal()
        self.symbology_changed = Signal()
        self.selection_changed = Signal()
        self.extent_changed = Signal()
        self.layers_changed = Signal()
        #: emitted with an :class:`Extent` when something asks the map to show it
        self.zoom_requested = Signal()
        #: emitted with a :class:`~onemap.view.rowchange.RowChange` (see :meth:`apply`)
        self.rows_changed = Signal()
        self._filter = EstateFilter()
        self._mask: NDArray[np.bool_] = np.ones(len(table), dtype=bool)
        self._rows: NDArray[np.intp] | None = None
        #: what colouring by score reads: code -> (score, eligible), asked each time it is chosen
        self.score_source: Callable[[], Scores] | None = None
        self._symbology = symbology_for("status", table)
        self._classes = self._symbology.classify(table)
        self._selection: tuple[str, ...] = ()
        self._current: str | None = None
        self._alternatives: tuple[str, ...] = ()
        self._layers = dict.fromkeys(LAYERS, True)
        self.extent: Extent = self.home
        self.size_px: tuple[int, int] = (1, 1)

    @staticmethod
    def home_of(table: EstateTable) -> Extent | None:
        """The box around an inventory's located estates."""
        return Extent.around(table.x, table.y)

    # -- filter --------------------------------------------------------------------

    @property
    def filter(self) -> EstateFilter:
        """The filter every view follows."""
        return self._filter

    @property
    def mask(self) -> NDArray[np.bool_]:
        """Per row: does the estate pass the filter."""
        return self._mask

    @property
    def filtered_rows(self) -> NDArray[np.intp]:
        """Rows that pass the filter, in file order."""
        if self._rows is None:
            self._rows = np.flatnonzero(self._mask)
        return self._rows

    @property
    def shown_count(self) -> int:
        """How many estates pass the filter."""
        return len(self.filtered_rows)

    def set_filter(self, new: EstateFilter) -> None:
        """Apply a filter (emits ``filter_changed`` when it differs)."""
        if new == self._filter:
            return
        self._filter = new
        self._mask = new.mask(self.table, self.search)
        self._rows = None
        self.filter_changed.emit()

    # -- symbology -----------------------------------------------------------------

    @property
    def symbology(self) -> Symbology:
        """How estates are coloured now."""
        return self._symbology

    @property
    def classes(self) -> ClassIndex:
        """Each estate's class in :attr:`symbology`."""
        return self._classes

    def set_symbology(self, kind: str) -> None:
        """Colour by ``status``, ``year``, ``category`` or ``score`` (read from :attr:`score_source`)."""
        if kind == self._symbology.kind:
            return
        scores = self.score_source() if kind == "score" and self.score_source is not None else None
        self._symbology = symbology_for(kind, self.table, scores)
        self._classes = self._symbology.classify(self.table)
        self.symbology_changed.emit()

    def class_counts(self) -> list[int]:
        """Filtered estates per class, in legend order."""
        return self._symbology.counts(self._classes, self._mask)

    # -- selection -----------------------------------------------------------------

    @property
    def selection(self) -> tuple[str, ...]:
        """Selected estate codes, in the order they were selected."""
        return self._selection

    @property
    def current(self) -> str | None:
        """The estate the details dock shows (the last one selected)."""
        return self._current

    @property
    def selected_rows(self) -> NDArray[np.intp]:
        """Table rows of the selection."""
        return self.table.rows_of(self._selection)

    @property
    def alternatives(self) -> tuple[str, ...]:
        """Every estate under the cursor at the last identify, nearest first (the details dock offers them)."""
        return self._alternatives

    def select(self, codes: Iterable[str], current: str | None = None, alternatives: Iterable[str] = ()) -> None:
        """Replace the selection (unknown codes are dropped); ``current`` defaults to the last code.

        ``alternatives`` are the other estates that were under the cursor when this one was
        picked on the map.
        """
        chosen = tuple(dict.fromkeys(c for c in codes if self.table.row_of(c) is not None))
        now = current if current in chosen else (chosen[-1] if chosen else None)
        others = tuple(dict.fromkeys(c for c in alternatives if self.table.row_of(c) is not None))
        if chosen == self._selection and now == self._current and others == self._alternatives:
            return
        self._selection, self._current, self._alternatives = chosen, now, others
        self.selection_changed.emit()

    def toggle(self, code: str) -> None:
        """Add an estate to the selection, or take it out (Ctrl+click)."""
        if code in self._selection:
            self.select([c for c in self._selection if c != code])
        else:
            self.select([*self._selection, code])

    def clear_selection(self) -> None:
        """Select nothing."""
        self.select(())

    def selection_extent(self) -> Extent | None:
        """The box around the selected, located estates."""
        rows = self.selected_rows
        return Extent.around(self.table.x[rows], self.table.y[rows]) if len(rows) else None

    # -- layers and extent ------------------------------------------------------------

    def layer_visible(self, name: str) -> bool:
        """Whether a layer of :data:`LAYERS` is drawn."""
        return self._layers[name]

    def set_layer_visible(self, name: str, visible: bool) -> None:
        """Show or hide a layer."""
        if name not in self._layers:
            raise ValueError(f"unknown layer {name!r}")
        if self._layers[name] != visible:
            self._layers[name] = visible
            self.layers_changed.emit()

    def request_zoom(self, extent: Extent | None = None, minimum_m: float = 400.0) -> None:
        """Ask the map to show ``extent`` (Home when ``None``), at least ``minimum_m`` across."""
        target = self.home if extent is None else extent.expanded(0.15, minimum_m)
        self.zoom_requested.emit(target)

    def zoom_to_selection(self) -> bool:
        """Ask the map to show the selection; False when nothing selected is located."""
        extent = self.selection_extent()
        if extent is None:
            return False
        self.request_zoom(extent)
        return True

    def set_extent(self, extent: Extent, size_px: tuple[int, int]) -> None:
        """Record what the canvas shows: the box in EPSG:3857 and the canvas size in pixels."""
        if extent == self.extent and size_px == self.size_px:
            return
        self.extent, self.size_px = extent, (max(int(size_px[0]), 1), max(int(size_px[1]), 1))
        self.extent_changed.emit()

    @property
    def resolution(self) -> float:
        """Display metres per screen pixel."""
        return max(self.extent.width / self.size_px[0], self.extent.height / self.size_px[1])

    def identify(self, x: float, y: float, tolerance_px: float = 8.0) -> list[str]:
        """Codes of filtered estates within ``tolerance_px`` of a display point, nearest first."""
        rows, _ = self.points.nearest(x, y, tolerance_px * self.resolution, self._mask)
        return [str(c) for c in self.table.code[rows]]

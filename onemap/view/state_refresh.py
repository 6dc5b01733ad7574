"""The view state following a refresh of some estates: the part of ViewState that patches rather than rebuilds."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from numpy.typing import NDArray

from onemap.view.culling import PointIndex
from onemap.view.estate_table import EstateTable
from onemap.view.events import Signal
from onemap.view.filters import EstateFilter
from onemap.view.rowchange import RowChange, patch_points, remap
from onemap.view.search import SearchIndex
from onemap.view.symbology import ClassIndex, Symbology, symbology_for
from onemap.view.table_patch import TablePatch


class RefreshRows:
    """Search, point index, filter mask, classes and selection brought up to a patched table (a mixin of ViewState)."""

    table: EstateTable
    search: SearchIndex
    points: PointIndex
    selection_changed: Signal
    _filter: EstateFilter
    _mask: NDArray[np.bool_]
    _rows: NDArray[np.intp] | None
    _symbology: Symbology
    _classes: ClassIndex
    _selection: tuple[str, ...]
    _current: str | None
    _alternatives: tuple[str, ...]

    def apply(self, patch: TablePatch, codes: Iterable[str], tables: frozenset[str] | None = None) -> RowChange:
        """Follow a patch of :attr:`table`: search, point index, filter mask, classes, selection.

        Only the changed rows are looked at, unless their renewal years change the year
        classes.  Emits nothing: the session emits :attr:`rows_changed` once everything it
        holds has followed (then ``selection_changed`` if :meth:`drop_missing` dropped any).
        """
        self.search.follow(patch)
        patch_points(self.points, self.table, patch)
        rows = np.concatenate([patch.updated, patch.inserted])
        sub = self.table.take(rows)
        old_mask = remap(self._mask, patch, False)
        shown = self._filter.mask(sub, SearchIndex(sub)) if not self._filter.is_empty else np.ones(len(rows), bool)
        flips = bool((old_mask[rows] != shown).any()) or bool(self._mask[patch.deleted].any())
        old_mask[rows] = shown
        self._mask, self._rows = old_mask, None
        symbology = self._symbology
        if symbology.kind == "year" and patch.touches("renewal_year"):
            symbology = symbology_for("year", self.table)
        reset = symbology.classes != self._symbology.classes
        if reset:
            self._symbology, self._classes = symbology, symbology.classify(self.table)
            recoloured = True
        else:
            classes = remap(self._classes, patch, 0)
            new = symbology.classify(sub)
            recoloured = bool((classes[rows] != new).any()) or patch.structural
            classes[rows] = new
            self._classes = classes
        return RowChange(patch, frozenset(codes), tables, flips or patch.structural, recoloured, reset)

    def drop_missing(self) -> bool:
        """Take estates no longer in the table out of the selection (silently); True when any were."""
        chosen = tuple(c for c in self._selection if self.table.row_of(c) is not None)
        others = tuple(c for c in self._alternatives if self.table.row_of(c) is not None)
        if chosen == self._selection and others == self._alternatives:
            return False
        now = self._current if self._current in chosen else (chosen[-1] if chosen else None)
        self._selection, self._current, self._alternatives = chosen, now, others
        return True

"""A refresh of some estates, as the views see it: which rows changed and what that changes for them.

:meth:`MapSession.refresh` patches the table (:mod:`onemap.view.table_patch`) and the view
state, then emits :attr:`ViewState.rows_changed` with a :class:`RowChange`; each view updates
just what the change reaches (a table row, a legend count, a marker) instead of rebuilding.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from onemap.view.culling import PointIndex
from onemap.view.estate_table import EstateTable
from onemap.view.table_patch import Rows, TablePatch


@dataclass(frozen=True)
class RowChange:
    """One refresh of some estates.

    Attributes
    ----------
    patch : TablePatch
        The rows updated, inserted and deleted.
    codes : frozenset of str
        The estates refreshed (asked for, changed or not).
    tables : frozenset of str or None
        The tables written (``estate_areas``, ``buildings``, ``cameras``…); ``None`` when not
        known, so anything about these estates may have changed.
    shown : bool
        Which estates pass the filter changed (counts, table rows).
    classes : bool
        Some estate changed class (colour, legend counts).
    symbology : bool
        The classes themselves changed (a new renewal year): everything is recoloured.
    """

    patch: TablePatch
    codes: frozenset[str]
    tables: frozenset[str] | None
    shown: bool
    classes: bool
    symbology: bool = False

    @property
    def replan(self) -> bool:
        """The estate layer must plan again (a marker moved, appeared, went or changed colour)."""
        return self.patch.structural or self.shown or self.classes or len(self.patch.moved) > 0

    def wrote(self, table: str) -> bool:
        """Whether ``table`` may have been written for these estates."""
        return self.tables is None or table in self.tables

    @property
    def rows(self) -> Rows:
        """Every changed row that still exists (updated and inserted, numbered after)."""
        return np.concatenate([self.patch.updated, self.patch.inserted])


def remap(values: NDArray, patch: TablePatch, fill: object) -> NDArray:  # type: ignore[type-arg]
    """A per-row array carried over to the patched table's rows (new rows get ``fill``)."""
    if patch.old_to_new is None:
        return values
    kept = patch.old_to_new >= 0
    out = np.full(len(patch.old_to_new) - len(patch.deleted) + len(patch.inserted), fill, dtype=values.dtype)
    out[patch.old_to_new[kept]] = values[kept]
    return out


def patch_points(points: PointIndex, table: EstateTable, patch: TablePatch) -> None:
    """Keep the sorted point index right for moved, new and deleted estates (no full re-sort)."""
    if not (patch.structural or len(patch.moved)):
        return
    stale = np.concatenate([patch.deleted, _before_rows(patch)[np.isin(patch.updated, patch.moved)]])
    keep = ~np.isin(points.rows, stale)
    rows, xs, ys = points.rows[keep], points.xs[keep], points.ys[keep]
    if patch.old_to_new is not None:
        rows = patch.old_to_new[rows]
    new = np.concatenate([patch.moved, patch.inserted])
    new = new[~(np.isnan(table.x[new]) | np.isnan(table.y[new]))]
    new = new[np.lexsort((new, table.x[new]))]
    at = np.asarray([_slot(xs, rows, float(table.x[r]), int(r)) for r in new.tolist()], dtype=np.intp)
    points.rows = np.insert(rows, at, new)
    points.xs = np.insert(xs, at, table.x[new])
    points.ys = np.insert(ys, at, table.y[new])


def _before_rows(patch: TablePatch) -> Rows:
    """The updated rows numbered as before the patch."""
    if patch.old_to_new is None:
        return patch.updated
    kept = np.flatnonzero(patch.old_to_new >= 0)
    new_to_old = np.full(len(kept) + len(patch.inserted), -1, dtype=np.intp)
    new_to_old[patch.old_to_new[kept]] = kept
    return new_to_old[patch.updated]


def _slot(xs: NDArray[np.float64], rows: Rows, x: float, row: int) -> int:
    """Where ``(x, row)`` goes in the index sorted by x, ties by row (as a fresh stable sort puts it)."""
    lo = int(np.searchsorted(xs, x, side="left"))
    hi = int(np.searchsorted(xs, x, side="right"))
    return lo + int(np.searchsorted(rows[lo:hi], row))

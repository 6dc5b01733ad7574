"""The attribute table following a refresh of some estates: rows changed, moved, added, removed -- never a reset.

A reset of a 220,000-row model costs the view its scroll position, its selection and tens of
milliseconds; a refresh touches a few rows.  So the model removes the rows that went or must
move, renumbers the rest, inserts the rows that came (or moved) at the place the current
sort gives them -- ties by file order, as :meth:`EstateTableModel.set_rows` orders them -- and
says ``dataChanged`` for the rows that changed where they stand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QModelIndex, Qt

from onemap.view.rowchange import RowChange, remap

if TYPE_CHECKING:
    from onemap.gui.docks.table_model import EstateTableModel

#: table column -> the estate table column its cells and sort key come from
SOURCES: dict[int, str] = {
    0: "code",
    1: "name",
    2: "township",
    3: "community",
    4: "status",
    5: "renewal_year",
    6: "category_bits",
    7: "households",
    8: "buildings",
    9: "investment_wan",
    10: "cameras",
    11: "address",
}


def follow(model: EstateTableModel, change: RowChange, mask: np.ndarray) -> None:
    """Bring ``model`` up to a patched table; ``mask`` is the filter's row mask after the patch."""
    patch = change.patch
    sort = model._sort
    sort_moves = sort is not None and (patch.structural or SOURCES[sort[0]] in patch.columns)
    for column in list(model._keys):
        if patch.structural or SOURCES[column] in patch.columns:
            _rekey(model, column, change)
    old_rows = _before(model, change)
    passes = mask[patch.updated]
    leaving = np.concatenate([patch.deleted, old_rows if sort_moves else old_rows[~passes]])
    _remove(model, np.flatnonzero(np.isin(model.order, leaving)))
    if patch.old_to_new is not None:
        model.order = patch.old_to_new[model.order]
    model._position = None
    shown_now = np.asarray([bool((model.order == r).any()) for r in patch.updated.tolist()], dtype=bool)
    coming = np.concatenate([patch.updated[passes & ~shown_now], patch.inserted[mask[patch.inserted]]])
    for row in np.sort(coming).tolist():
        _insert(model, int(row))
    model._position = None
    last = model.columnCount() - 1
    for pos in np.flatnonzero(np.isin(model.order, patch.updated)).tolist():
        model.dataChanged.emit(model.index(pos, 0), model.index(pos, last))


def _rekey(model: EstateTableModel, column: int, change: RowChange) -> None:
    """Keep a text column's pinyin ranks: only the changed rows are placed again (numbers: recomputed later)."""
    keys, ranked = model._keys.pop(column), model._ranked.pop(column, None)
    raw = getattr(model.table, SOURCES[column])
    if raw.dtype != object or ranked is None:
        return
    patch = change.patch
    keys = remap(keys, patch, np.nan)
    if patch.old_to_new is not None:
        ranked = patch.old_to_new[ranked]
        ranked = ranked[ranked >= 0]
    changed = change.rows
    ranked = ranked[~np.isin(ranked, changed)]
    keys[changed] = np.nan
    for row in changed.tolist():
        if raw[row] is not None:
            ranked = _place(model, keys, ranked, raw, int(row))
    model._keys[column], model._ranked[column] = keys, ranked


def _place(model: EstateTableModel, keys: np.ndarray, ranked: np.ndarray, raw: np.ndarray, row: int) -> np.ndarray:
    """Rank one row among the others (by collation, ties by file order): a key between its neighbours'."""
    collator, mine = model._collator, model._collator.sortKey(str(raw[row]))
    lo, hi = 0, len(ranked)
    while lo < hi:
        mid = (lo + hi) // 2
        other = int(ranked[mid])
        c = collator.sortKey(str(raw[other])).compare(mine)
        if c < 0 or (c == 0 and other < row):
            lo = mid + 1
        else:
            hi = mid
    for _ in range(2):
        below = keys[ranked[lo - 1]] if lo > 0 else (keys[ranked[0]] - 2.0 if len(ranked) else -1.0)
        above = keys[ranked[lo]] if lo < len(ranked) else below + 2.0
        key = (below + above) / 2
        if below < key < above:
            break
        keys[ranked] = np.arange(len(ranked), dtype=float)  # the gap is used up: rank everything 0, 1, 2… again
    keys[row] = key
    return np.insert(ranked, lo, row)


def _before(model: EstateTableModel, change: RowChange) -> np.ndarray:
    """The updated rows numbered as before the patch (as the model's order still holds them)."""
    patch = change.patch
    if patch.old_to_new is None:
        return patch.updated
    kept = np.flatnonzero(patch.old_to_new >= 0)
    back = np.full(len(model.table), -1, dtype=np.intp)
    back[patch.old_to_new[kept]] = kept
    return back[patch.updated]


def _remove(model: EstateTableModel, positions: np.ndarray) -> None:
    """Remove model rows, last first, a contiguous run at a time."""
    if not len(positions):
        return
    runs = np.split(positions, np.flatnonzero(np.diff(positions) != 1) + 1)
    for run in reversed(runs):
        first, last = int(run[0]), int(run[-1])
        model.beginRemoveRows(QModelIndex(), first, last)
        model.order = np.delete(model.order, np.s_[first : last + 1])
        model.endRemoveRows()


def _insert(model: EstateTableModel, row: int) -> None:
    at = _slot(model, row)
    model.beginInsertRows(QModelIndex(), at, at)
    model.order = np.insert(model.order, at, row)
    model.endInsertRows()


def _slot(model: EstateTableModel, row: int) -> int:
    """Where a table row goes in the model's order: by the sort (blanks last), then by file order."""
    order = model.order
    if model._sort is None:
        return int(np.searchsorted(order, row))
    column, direction = model._sort
    keys = model._sort_keys(column)
    blank = np.isnan(keys[order]).astype(np.int8)
    values = np.where(blank, 0.0, keys[order])
    mine = 0.0 if np.isnan(keys[row]) else float(keys[row])
    if direction == Qt.SortOrder.DescendingOrder:
        values, mine = -values, -mine
    flag = int(np.isnan(keys[row]))
    lo, hi = int(np.searchsorted(blank, flag, side="left")), int(np.searchsorted(blank, flag, side="right"))
    a = lo + int(np.searchsorted(values[lo:hi], mine, side="left"))
    b = lo + int(np.searchsorted(values[lo:hi], mine, side="right"))
    return a + int(np.searchsorted(order[a:b], row))

"""Patching the in-memory estate table with the rows that changed, instead of reading every estate again.

After an edit (or another program's write) the viewer reads just the changed estates
(:meth:`EstateTable.load_codes`) and :func:`patch_table` folds them into the table it holds:
values changed in place, estates gone deleted, new ones inserted at their place in file
order (by ``fid``), so the patched table equals a freshly loaded one, column for column.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from onemap.view.estate_table import COLUMN_NAMES, EstateTable

Rows = NDArray[np.intp]
_NO_ROWS: Rows = np.empty(0, dtype=np.intp)


@dataclass(frozen=True)
class TablePatch:
    """What :func:`patch_table` changed.

    Attributes
    ----------
    updated : ndarray of int
        Rows (numbered after the patch) whose values changed in place.
    inserted : ndarray of int
        Rows (after) that are new.
    deleted : ndarray of int
        Rows (numbered before the patch) that are gone.
    old_to_new : ndarray of int or None
        Each row before -> its row after (-1: deleted); ``None`` when no row was inserted or
        deleted, so every row kept its number.
    columns : frozenset of str
        Columns whose values changed in the updated rows.
    moved : ndarray of int
        The updated rows (after) whose position changed.
    before : EstateTable
        The updated rows, then the deleted rows, as they were before the patch.
    """

    updated: Rows
    inserted: Rows
    deleted: Rows
    old_to_new: Rows | None
    columns: frozenset[str]
    moved: Rows
    before: EstateTable

    @property
    def structural(self) -> bool:
        """Rows were inserted or deleted (row numbers changed)."""
        return self.old_to_new is not None

    @property
    def empty(self) -> bool:
        """Nothing changed."""
        return not (len(self.updated) or len(self.inserted) or len(self.deleted))

    def touches(self, *columns: str) -> bool:
        """Whether any of ``columns`` may differ for some estate (always, when rows came or went)."""
        return self.structural or bool(self.columns.intersection(columns))


def patch_table(table: EstateTable, fresh: EstateTable, asked: Iterable[str]) -> TablePatch:
    """Fold ``fresh`` (the current rows of the ``asked`` codes) into ``table``, in place.

    An asked code missing from ``fresh`` is deleted; a code of ``fresh`` the table lacks,
    or holds under another ``fid`` (deleted and added again), is inserted by ``fid``.
    """
    updates: list[tuple[int, int]] = []
    deleted: set[int] = set()
    inserts: list[int] = []
    for code in dict.fromkeys([*asked, *fresh.code.tolist()]):
        row, i = table.row_of(code), fresh.row_of(code)
        if i is None:
            if row is not None:
                deleted.add(row)
            continue
        if row is not None and table.fid[row] == fresh.fid[i]:  # type: ignore[index]
            updates.append((row, i))
            continue
        if row is not None:
            deleted.add(row)
        holder = _row_of_fid(table, int(fresh.fid[i]))  # type: ignore[index]
        if holder is not None:  # the same row under another code: a renamed estate
            deleted.add(holder)
        inserts.append(i)
    rows = np.asarray([r for r, _ in updates], dtype=np.intp)
    taken = np.asarray([i for _, i in updates], dtype=np.intp)
    changed, columns = _differences(table, rows, fresh, taken)
    rows, taken = rows[changed], taken[changed]
    gone = np.asarray(sorted(deleted), dtype=np.intp)
    before = table.take(np.concatenate([rows, gone]))
    moved = rows[_moved(before, fresh, taken)]
    for name in COLUMN_NAMES:
        getattr(table, name)[rows] = getattr(fresh, name)[taken]
    if not len(gone) and not inserts:
        return TablePatch(rows, _NO_ROWS, _NO_ROWS, None, columns, moved, before)
    old_to_new, inserted = _restructure(table, gone, fresh, np.asarray(inserts, dtype=np.intp))
    return TablePatch(old_to_new[rows], inserted, gone, old_to_new, columns, old_to_new[moved], before)


def _row_of_fid(table: EstateTable, fid: int) -> int | None:
    fids = table.fid
    assert fids is not None
    at = int(np.searchsorted(fids, fid))
    return at if at < len(fids) and fids[at] == fid else None


def _same(a: np.ndarray, b: np.ndarray) -> NDArray[np.bool_]:
    if a.dtype.kind == "f":
        return (a == b) | (np.isnan(a) & np.isnan(b))  # type: ignore[no-any-return]
    return np.asarray(a == b, dtype=bool)


def _differences(
    table: EstateTable, rows: Rows, fresh: EstateTable, taken: Rows
) -> tuple[NDArray[np.bool_], frozenset[str]]:
    """Which of the updated rows differ at all, and in which columns."""
    any_change = np.zeros(len(rows), dtype=bool)
    columns = set()
    for name in COLUMN_NAMES:
        differs = ~_same(getattr(table, name)[rows], getattr(fresh, name)[taken])
        if differs.any():
            columns.add(name)
            any_change |= differs
    return any_change, frozenset(columns)


def _moved(before: EstateTable, fresh: EstateTable, taken: Rows) -> NDArray[np.bool_]:
    n = len(taken)
    return ~(_same(before.x[:n], fresh.x[taken]) & _same(before.y[:n], fresh.y[taken]))


def _restructure(table: EstateTable, gone: Rows, fresh: EstateTable, new: Rows) -> tuple[Rows, Rows]:
    """Delete rows ``gone``, insert ``fresh`` rows ``new`` by fid; returns (old_to_new, inserted rows)."""
    assert table.fid is not None and fresh.fid is not None
    keep = np.ones(len(table), dtype=bool)
    keep[gone] = False
    new = new[np.argsort(fresh.fid[new], kind="stable")]
    at = np.searchsorted(table.fid[keep], fresh.fid[new])
    for name in COLUMN_NAMES:
        setattr(table, name, np.insert(getattr(table, name)[keep], at, getattr(fresh, name)[new]))
    kept = np.arange(int(keep.sum()))
    old_to_new = np.full(len(keep), -1, dtype=np.intp)
    old_to_new[keep] = kept + np.searchsorted(at, kept, side="right")
    table.reindex()
    return old_to_new, (at + np.arange(len(at))).astype(np.intp)

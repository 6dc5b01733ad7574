"""Edits of an estate's child rows: contacts, cameras, funding, renovation items, buildings."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from onemap.edit.command import EditCommand
from onemap.edit.estate_edits import changed_since
from onemap.edit.labels import CHILD_NOUNS, child_phrase
from onemap.edit.rowids import row_ids
from onemap.store import Inventory
from onemap.store.geometry import as_multipolygon, encode
from onemap.store.rows import CHILD_TABLES, child_from_row, point_blob


def child_row(inventory: Inventory, table: str, fid: int) -> dict[str, Any]:
    """The stored row (column -> value), or the refusal saying it was changed outside this history."""
    row = inventory.child_row(table, fid)
    if row is None:
        zh, en = CHILD_NOUNS[table]
        raise changed_since(zh, en)
    return row


def stored_changes(table: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Dataclass fields as columns: a camera's ``location`` and a footprint become ``geom``."""
    geom_attr = CHILD_TABLES[table][2]
    values = {k: v for k, v in changes.items() if k != geom_attr}
    if geom_attr in changes:
        value = changes[geom_attr]
        values["geom"] = point_blob(value) if geom_attr == "location" else encode(as_multipolygon(value))
    return values


class AddChild(EditCommand):
    """Add one Contact, Camera, Funding, RenovationItem or Building row.

    Parameters
    ----------
    table : str
        ``contacts``, ``cameras``, ``funding``, ``renovation_items`` or ``buildings``.
    item : dataclass
        The row, its ``estate_code`` naming the estate.
    """

    def __init__(self, table: str, item: Any) -> None:
        if table not in CHILD_TABLES:
            raise ValueError(f"unknown child table {table!r}")
        self.table = table
        self.item = copy.deepcopy(item)
        #: the fid the row got when first added (see :mod:`onemap.edit.rowids`)
        self.fid: int | None = None

    def do(self, inventory: Inventory) -> None:
        new = inventory.add_child(self.table, copy.deepcopy(self.item))
        if self.fid is None:
            self.fid = new
        else:
            ids = row_ids(inventory)
            ids.succeeded(self.table, ids.current(self.table, self.fid), new)

    def undo(self, inventory: Inventory) -> None:
        assert self.fid is not None, "undo before do"
        fid = row_ids(inventory).current(self.table, self.fid)
        child_row(inventory, self.table, fid)
        inventory.delete_child(self.table, fid)

    def describe(self, lang: str = "zh") -> str:
        return child_phrase("add", self.table, lang)

    @property
    def estate_codes(self) -> tuple[str, ...]:
        return (str(self.item.estate_code),)


class UpdateChild(EditCommand):
    """Change fields of one child row (``phone="13812345678"``; a camera's ``location``).

    Parameters
    ----------
    table : str
        The child table.
    fid : int
        The row's ``fid`` when the edit is made.
    expected : mapping, optional
        The row (column -> value) as the user saw it; another program's change since
        makes ``do`` raise :class:`~onemap.store.errors.ConflictError`.
    **changes
        Dataclass field -> new value.
    """

    def __init__(self, table: str, fid: int, *, expected: Mapping[str, Any] | None = None, **changes: Any) -> None:
        if table not in CHILD_TABLES:
            raise ValueError(f"unknown child table {table!r}")
        self.table, self.fid, self.changes = table, fid, changes
        self.expected = expected
        self.before: dict[str, Any] = {}
        self.after: dict[str, Any] = {}
        self._estate_code = ""

    def do(self, inventory: Inventory) -> None:
        fid = row_ids(inventory).current(self.table, self.fid)
        row = child_row(inventory, self.table, fid)
        changed = inventory.update_child(
            self.table, fid, expected=self.expected, **stored_changes(self.table, self.changes)
        )
        stored = child_row(inventory, self.table, fid)
        self.before = {name: row[name] for name in changed}
        self.after = {name: stored[name] for name in changed}
        self._estate_code = str(row["estate_code"])
        self.changed = bool(changed)

    def undo(self, inventory: Inventory) -> None:
        if not self.before:
            return
        fid = row_ids(inventory).current(self.table, self.fid)
        current = child_row(inventory, self.table, fid)
        if any(current[name] != value for name, value in self.after.items()):
            raise changed_since(*CHILD_NOUNS[self.table])
        inventory.update_child(self.table, fid, **self.before)

    def describe(self, lang: str = "zh") -> str:
        fields = ["location" if k == "geom" else k for k in (self.after or self.changes)]
        return child_phrase("edit", self.table, lang, fields)

    @property
    def estate_codes(self) -> tuple[str, ...]:
        return (self._estate_code,) if self._estate_code else ()


class DeleteChild(EditCommand):
    """Delete one child row; undo puts it back with every value it had.

    ``expected`` is the row as the user saw it (see :class:`UpdateChild`).
    """

    def __init__(self, table: str, fid: int, *, expected: Mapping[str, Any] | None = None) -> None:
        if table not in CHILD_TABLES:
            raise ValueError(f"unknown child table {table!r}")
        self.table, self.fid = table, fid
        self.expected = expected
        self.item: Any = None
        self._deleted_fid = fid

    def do(self, inventory: Inventory) -> None:
        fid = row_ids(inventory).current(self.table, self.fid)
        self.item = child_from_row(self.table, child_row(inventory, self.table, fid))
        inventory.delete_child(self.table, fid, expected=self.expected)
        self._deleted_fid = fid

    def undo(self, inventory: Inventory) -> None:
        new = inventory.add_child(self.table, copy.deepcopy(self.item))
        row_ids(inventory).succeeded(self.table, self._deleted_fid, new)

    def describe(self, lang: str = "zh") -> str:
        return child_phrase("delete", self.table, lang)

    @property
    def estate_codes(self) -> tuple[str, ...]:
        return () if self.item is None else (str(self.item.estate_code),)

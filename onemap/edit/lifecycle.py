"""Adding and deleting whole estates, with every child row coming back on undo."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from onemap.edit.command import EditCommand, EditRefused
from onemap.edit.labels import estate_phrase
from onemap.edit.rowids import row_ids
from onemap.model import Estate
from onemap.store import Inventory
from onemap.store.rows import CHILD_TABLES

#: rows that hang off an estate but that the store cannot write back yet
_NOT_RESTORABLE = {
    "issues": ("居民问题", "resident issues"),
    "photos": ("照片", "photos"),
    "facilities": ("配套设施", "facilities"),
}

Fids = dict[str, list[int]]


def child_fids(inventory: Inventory, code: str) -> Fids:
    """The ``fid`` of each child row of an estate, table by table, in file order."""
    return {table: inventory.child_fids(table, code) for table in CHILD_TABLES}


def refuse_unrestorable(inventory: Inventory, code: str) -> None:
    """Refuse to delete an estate whose issues, photos or facilities an undo could not bring back."""
    for table, (zh, en) in _NOT_RESTORABLE.items():
        count = len(inventory.child_fids(table, code))
        if count:
            raise EditRefused(
                f"小区 {code} 还有 {count} 条{zh}记录，删除后无法撤销，请先在清单中处理这些记录",
                f"estate {code} still has {count} {en}; deleting it could not be undone",
            )


def _follow(inventory: Inventory, first: Fids, now: Fids) -> None:
    """Rows re-created in the same order: each first fid's row now lives at the new fid."""
    ids = row_ids(inventory)
    for table, fids in first.items():
        for old, new in zip(fids, now.get(table, []), strict=False):
            ids.succeeded(table, ids.current(table, old), new)


class AddEstate(EditCommand):
    """Add an estate (a click on the map, or the form's New) with any child rows it carries."""

    def __init__(self, estate: Estate) -> None:
        self.estate = copy.deepcopy(estate)
        self.fids: Fids | None = None

    def do(self, inventory: Inventory) -> None:
        inventory.add_estate(copy.deepcopy(self.estate))
        now = child_fids(inventory, self.estate.code)
        if self.fids is None:
            self.fids = now
        else:
            _follow(inventory, self.fids, now)

    def undo(self, inventory: Inventory) -> None:
        refuse_unrestorable(inventory, self.estate.code)
        inventory.delete_estate(self.estate.code)

    def describe(self, lang: str = "zh") -> str:
        return estate_phrase("add", self.estate.name, lang)

    @property
    def estate_codes(self) -> tuple[str, ...]:
        return (self.estate.code,)


class DeleteEstate(EditCommand):
    """Delete an estate; undo restores it with its outline and every child row.

    Refused (:class:`EditRefused`) while resident issues, photos or facilities refer to the
    estate: the store has no write for those rows yet, so an undo could not restore them.
    """

    def __init__(self, code: str, name: str | None = None, *, expected: Mapping[str, Any] | None = None) -> None:
        self.code = code
        #: the estate's row as the user saw it: a change by another program since refuses the delete
        self.expected = expected
        self.name = name or code
        self.snapshot: Estate | None = None
        self.fids: Fids = {}

    def do(self, inventory: Inventory) -> None:
        refuse_unrestorable(inventory, self.code)
        self.snapshot = inventory.estate(self.code)
        self.fids = child_fids(inventory, self.code)
        inventory.delete_estate(self.code, expected=self.expected)

    def undo(self, inventory: Inventory) -> None:
        assert self.snapshot is not None, "undo before do"
        inventory.add_estate(copy.deepcopy(self.snapshot))
        _follow(inventory, self.fids, child_fids(inventory, self.code))

    def describe(self, lang: str = "zh") -> str:
        return estate_phrase("delete", self.snapshot.name if self.snapshot else self.name, lang)

    @property
    def estate_codes(self) -> tuple[str, ...]:
        return (self.code,)

"""Undoable facility edits: add, move, retype, delete (each audited by the store).

A command remembers the fid it works on; re-adding a deleted facility (undo of a delete, redo
of an add) gives it back that same fid, so its audit trail (keyed ``estate/fid``) stays one
facility's and any later command naming the fid still finds it.  Only when another program
took the fid meanwhile does it get a new one, which the command then keeps.
"""

from __future__ import annotations

from dataclasses import replace

from onemap.edit.command import EditCommand, EditRefused
from onemap.store import Inventory
from onemap.store.facilities import Facility


def new_facility(kind: str, location: tuple[float, float]) -> Facility:
    """A facility of type ``kind`` placed on the map, named after its type until someone renames it."""
    from onemap.analysis.facility_types import default_config

    zh = default_config().by_key()[kind].zh
    return Facility(f"新增{zh}", kind, location, kind_text=zh, source="地图上添加")


def _gone(fid: int | None) -> EditRefused:
    return EditRefused(f"设施 {fid} 已不存在（可能已被其他程序删除）", f"Facility {fid} no longer exists")


class AddFacility(EditCommand):
    """Add one facility."""

    def __init__(self, facility: Facility) -> None:
        self.facility = facility
        self.fid: int | None = None

    def do(self, inventory: Inventory) -> None:
        self.fid = inventory.add_facility(replace(self.facility, fid=self.fid))  # a redo: the fid it had

    def undo(self, inventory: Inventory) -> None:
        if self.fid is None or inventory.delete_facility(self.fid) is None:
            raise _gone(self.fid)

    def describe(self, lang: str = "zh") -> str:
        return "添加设施" if lang == "zh" else "Add facility"

    @property
    def estate_codes(self) -> tuple[str, ...]:
        return ()


class DeleteFacility(EditCommand):
    """Delete one facility (undo puts it back, with the same fid)."""

    def __init__(self, fid: int) -> None:
        self.fid = fid
        self.gone: Facility | None = None

    def do(self, inventory: Inventory) -> None:
        self.gone = inventory.delete_facility(self.fid)
        if self.gone is None:
            raise _gone(self.fid)

    def undo(self, inventory: Inventory) -> None:
        assert self.gone is not None
        self.fid = inventory.add_facility(self.gone)

    def describe(self, lang: str = "zh") -> str:
        return "删除设施" if lang == "zh" else "Delete facility"

    @property
    def estate_codes(self) -> tuple[str, ...]:
        return ()


class ChangeFacility(EditCommand):
    """Move a facility (``location``) or change its type (``kind``) or name."""

    def __init__(self, fid: int, **changes: object) -> None:
        self.fid = fid
        self.changes = changes
        self.before: dict[str, object] = {}

    def do(self, inventory: Inventory) -> None:
        old = inventory.facility(self.fid)
        if old is None:
            raise _gone(self.fid)
        self.before = {name: getattr(old, name) for name in self.changes}
        self.changed = bool(inventory.update_facility(self.fid, **self.changes))

    def undo(self, inventory: Inventory) -> None:
        if inventory.facility(self.fid) is None:
            raise _gone(self.fid)
        inventory.update_facility(self.fid, **self.before)

    def describe(self, lang: str = "zh") -> str:
        if "location" in self.changes:
            return "移动设施" if lang == "zh" else "Move facility"
        return "修改设施" if lang == "zh" else "Edit facility"

    @property
    def estate_codes(self) -> tuple[str, ...]:
        return ()

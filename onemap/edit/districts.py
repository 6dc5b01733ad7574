"""片区 membership as an undoable edit: put estates into a 片区 or take them out.

Every do and undo goes through :meth:`Inventory.set_districts`, so each row change is in
the audit log; undo puts back the 片区 each estate had (or none), refusing when another
program changed one of them meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterable

from onemap.edit.command import EditCommand, EditRefused
from onemap.store import Inventory


class AssignDistrict(EditCommand):
    """Put ``codes`` into the 片区 ``name``, or take them out of theirs with ``None``."""

    def __init__(self, codes: Iterable[str], name: str | None) -> None:
        self.codes = tuple(dict.fromkeys(codes))
        self.name = (name or "").strip() or None
        self.before: dict[str, str | None] = {}

    def do(self, inventory: Inventory) -> None:
        now = inventory.district_map()
        self.before = {code: now.get(code) for code in self.codes}
        self.changed = inventory.set_districts(dict.fromkeys(self.codes, self.name)) > 0

    def undo(self, inventory: Inventory) -> None:
        now = inventory.district_map()
        if any(now.get(code) != self.name for code in self.codes):
            raise EditRefused(
                "片区在此期间已被其他程序修改，无法撤销", "the 片区 changed elsewhere meanwhile; cannot undo"
            )
        inventory.set_districts(self.before)

    def describe(self, lang: str = "zh") -> str:
        if self.name is None:
            return "移出片区" if lang == "zh" else "Remove from 片区"
        return "调整片区" if lang == "zh" else "Assign to 片区"

    @property
    def estate_codes(self) -> tuple[str, ...]:
        return self.codes

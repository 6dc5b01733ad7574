"""Which inventory estate a ledger row means, and which rows of this file came before.

A row with a code means the estate with that code; a row without one means the estate of
the same name in the same township.  A row that repeats an earlier row of the file (same
code, or same name and township) is imported once.  The keys are kept compact — one string
per estate, shared by both lookups — because a 420,000-row ledger keeps them all.
"""

from __future__ import annotations

from typing import Protocol

from onemap.store import Inventory
from onemap.store.codes import free_code

_SEP = "\x1f"  # a control character never left in a cleaned name or township


class Keyed(Protocol):
    """What a match reads of a row: an ``Estate`` or an :class:`~onemap.io.import_fresh.RowKey`."""

    code: str
    name: str
    township: str | None


def name_key(name: str, township: str | None) -> str:
    """One string for (name, township)."""
    return f"{name}{_SEP}{township or ''}"


class Matcher:
    """Finds the inventory estate a ledger row means, and rows already seen in this file."""

    def __init__(self, inventory: Inventory) -> None:
        rows = inventory.estate_columns(("code", "name", "township"))
        self.codes: set[str] = {r[0] for r in rows}
        self.by_name: dict[str, str] = {name_key(r[1], r[2]): r[0] for r in rows}
        self.seen: dict[str, int] = {}
        self._last = ""
        self.last_code = ""
        self.county = inventory.meta("county_code") or "000000"

    @classmethod
    def of_new_file(cls, county: str | None) -> Matcher:
        """What ``Matcher(inventory)`` holds for a new inventory of ``county``, without opening it."""
        matcher = cls.__new__(cls)
        matcher.codes, matcher.by_name, matcher.seen, matcher._last, matcher.last_code = set(), {}, {}, "", ""
        matcher.county = county or "000000"
        return matcher

    def uncoded(self, name: str, township: str | None, row: int) -> tuple[int | None, str | None]:
        """:meth:`duplicate_of`, :meth:`existing`, :meth:`new_code` and :meth:`remember` of a named row
        without a code, its key made once: ``(first row, None)`` for a repeat of an earlier row,
        ``(None, code)`` for an inventory estate, else ``(None, None)`` with the row remembered
        under :attr:`last_code`, its new code."""
        key = name_key(name, township)
        first = self.seen.get(key)
        if first is not None:
            return first, None
        self.seen[key] = row
        self._last = key
        code = self.by_name.get(key)
        if code is not None:
            return None, code
        self.last_code = code = free_code(self.county, self.codes)
        self.codes.add(code)
        self.by_name[key] = code
        return None, None

    def existing(self, estate: Keyed) -> str | None:
        """The code of the inventory estate this row updates, ``None`` for a new estate."""
        if estate.code and estate.code in self.codes:
            return estate.code
        return None if estate.code else self.by_name.get(name_key(estate.name, estate.township))

    def duplicate_of(self, estate: Keyed, row: int) -> int | None:
        """The earlier row of this file that meant the same estate, else ``None`` (and remember this one)."""
        key = _SEP + estate.code if estate.code else name_key(estate.name, estate.township)
        first = self.seen.get(key)
        if first is None:
            self.seen[key] = row
            self._last = key
        return first

    def new_code(self) -> str:
        """A code no estate of the inventory or of this file has."""
        return free_code(self.county, self.codes)

    def remember(self, estate: Keyed) -> None:
        """A new estate of this file: later rows find it by code and by name."""
        self.codes.add(estate.code)
        key = name_key(estate.name, estate.township)
        self.by_name[self._last if self._last == key else key] = estate.code  # share the seen key's string

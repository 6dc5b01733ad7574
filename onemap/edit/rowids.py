"""Which row a command means after undo and redo gave it a new ``fid``.

Undoing a delete (or redoing an add) inserts the row again, and the file hands out a new
``fid`` (AUTOINCREMENT never reuses one).  Commands keep the ``fid`` they were made with;
this table of successors turns it into the row's ``fid`` today.  Successions are staged
during a transaction and kept only once it commits, because a rolled-back insert's
``fid`` will be handed out again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from weakref import WeakKeyDictionary

from onemap.store import Inventory


class RowIds:
    """Successor ``fid`` per (table, fid) for one open inventory."""

    def __init__(self) -> None:
        self._next: dict[tuple[str, int], int] = {}
        self._staged: dict[tuple[str, int], int] | None = None

    def current(self, table: str, fid: int) -> int:
        """The ``fid`` the row first known as ``fid`` has now."""
        while True:
            later = self._lookup(table, fid)
            if later is None:
                return fid
            fid = later

    def succeeded(self, table: str, old: int, new: int) -> None:
        """Record that the row ``old`` of ``table`` now lives at ``new``."""
        if old == new:
            return
        target = self._next if self._staged is None else self._staged
        target[(table, old)] = new

    @contextmanager
    def staged(self) -> Iterator[None]:
        """Keep successions recorded inside the block only if it completes."""
        self._staged = {}
        try:
            yield
            self._next.update(self._staged)
        finally:
            self._staged = None

    def _lookup(self, table: str, fid: int) -> int | None:
        if self._staged is not None and (table, fid) in self._staged:
            return self._staged[(table, fid)]
        return self._next.get((table, fid))


_BY_INVENTORY: WeakKeyDictionary[Inventory, RowIds] = WeakKeyDictionary()


def row_ids(inventory: Inventory) -> RowIds:
    """The successor table of an open inventory (one per :class:`Inventory` object)."""
    ids = _BY_INVENTORY.get(inventory)
    if ids is None:
        ids = _BY_INVENTORY[inventory] = RowIds()
    return ids

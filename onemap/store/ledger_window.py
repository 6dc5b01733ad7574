"""One suspension of the estate tables' insert triggers across the batches of an import.

:func:`~onemap.store.ledger_load.load_new_estates` used to drop and re-create the insert
triggers around every batch, and to insert each batch's R-tree entries one by one.  An
import now holds the triggers down from its first batch of new estates until something
needs them back: an R-tree empty when the window opened (a new inventory) is gathered as
arrays and packed once, at the end (:mod:`~onemap.store.rtreepack`), and the explicit
indexes of empty tables are built once instead of kept up row by row.

Whatever reads or changes rows the window has loaded must close it first
(:meth:`LoadWindow.close`): updating an estate, reading matched estates, looking sensors
up by IMEI.  Closing writes the packed R-trees and restores triggers and indexes exactly
as they were; the next batch of new estates opens a new window (R-trees no longer empty
then get their entries inserted set-based, as before).  Everything happens inside the
caller's transaction; a failure or cancel rolls it all back.
"""

from __future__ import annotations

from contextlib import ExitStack
from types import TracebackType
from typing import TYPE_CHECKING

from onemap.store.bulkindex import BulkIndex, triggers_suspended
from onemap.store.ledger_load import LOADED_TABLES

if TYPE_CHECKING:
    from onemap.store.inventory import Inventory


class LoadWindow:
    """The insert triggers of the loaded tables suspended from the first :meth:`index` until :meth:`close`.

    Use as a context manager around the batches: leaving it closes the window (on an
    exception the gathered entries are dropped and the transaction's rollback restores the rest).
    """

    def __init__(self, inventory: Inventory) -> None:
        self._conn = inventory._conn
        self._held: ExitStack | None = None
        self._index: BulkIndex | None = None

    def index(self) -> BulkIndex:
        """The bulk index of the open window, opening it if need be."""
        if self._held is None or self._index is None:
            held = ExitStack()
            self._index = held.enter_context(triggers_suspended(self._conn, LOADED_TABLES, parallel=True))
            self._held = held
        return self._index

    def close(self) -> None:
        """Write what was gathered and restore the triggers and indexes (a no-op when closed)."""
        held, self._held, self._index = self._held, None, None
        if held is not None:
            held.close()

    def __enter__(self) -> LoadWindow:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        held, self._held, self._index = self._held, None, None
        if held is not None:
            held.__exit__(kind, error, trace)

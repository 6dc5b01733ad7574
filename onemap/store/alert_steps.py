"""Moving an alert through its handling cycle while a collector holds the file: short transactions beside it.

``onemap watch`` holds the writers' lock (:mod:`onemap.store.editlock`) for as long as it runs,
so a viewer opening the file finds it taken and opens it read-only.  The alerts' handling steps
(签收, 办结 …) are exactly what people do while the collector runs, so the collector says in its
lock that it shares them (``"shares": ["alert_steps"]``).  :func:`alert_step_writer` then opens
a connection of its own for one step: ``BEGIN IMMEDIATE`` waits (visibly, bounded:
:func:`onemap.store.waits.run_waiting`) while a batch of the collector commits, the step and
its audit rows are written, committed, and the connection is closed at once.  Both sides write
``alerts.status`` only through a conditional UPDATE (``WHERE status = <the status read>``,
:meth:`~onemap.store.alerts.AlertStore.set_alert_status`), so neither overwrites the other's
step; the collector folds events into the row in its own transactions and reads the status
afresh in each.  Any other holder (a viewer editing, an import) still refuses, naming who.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from onemap.store import editlock, files

if TYPE_CHECKING:
    from onemap.store.inventory import Inventory

#: what a collector's lock shares with other programs
ALERT_STEPS = "alert_steps"


def shares_alert_steps(path: Path) -> bool:
    """Whether another live program holds ``path``'s lock and lets alert steps be written beside it."""
    holder = editlock.live_holder(Path(path))
    shares = None if holder is None else holder.get("shares")
    return isinstance(shares, list) and ALERT_STEPS in shares


@contextmanager
def alert_step_writer(path: Path | str, user: str, wait_limit_s: float | None = None) -> Iterator[Inventory]:
    """A writable inventory for alert steps: the ordinary open when nobody else holds the file, a
    connection beside a collector that shares them, else ``InventoryError("edited_by")``.

    Use it for one step and let it go: while it is open it keeps nothing locked, but the
    collector's commits wait for its transactions.
    """
    from onemap.store.inventory import Inventory

    path = Path(path)
    if not shares_alert_steps(path):
        with Inventory.open(path, user=user) as inventory:  # nobody else writes (or refuses, naming who)
            inventory.wait_limit_s = wait_limit_s
            yield inventory
        return
    inventory = Inventory(files.open_connection(path, readonly=False), path, user=user, readonly=False)
    inventory.wait_limit_s = wait_limit_s
    try:
        yield inventory
    finally:
        inventory.close()

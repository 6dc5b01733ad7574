"""A checkin where each collision is settled on its own: the viewer's "server or field, row by row".

``onemap checkin --prefer`` settles every collision one way.  The viewer first runs a checkin
that applies what does not collide and lists the collisions (``prefer=None``); the user picks
per row; :func:`checkin_chosen` then runs the same checkin again with those picks (a rerun
changes nothing already applied, so only the chosen collisions move).  Still one transaction.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from onemap.store.server.checkin import CheckinReport, _open
from onemap.store.sync import Sync, row_changes
from onemap.store.sync_sides import FileSide


def collision_key(collision: dict[str, Any]) -> str:
    """One collision's name in a checkin report: ``table|row|field``."""
    return f"{collision['table']}|{collision['row']}|{collision['field']}"


class ChosenSync(Sync):
    """:class:`~onemap.store.sync.Sync` with a choice per collision (``field`` or ``server``; else undecided)."""

    choices: dict[str, str]

    def _collide(self, change: Any, target: Any, name: str | None, there: Any, here: Any, old: Any = None) -> None:
        super()._collide(change, target, name, there, here, old)
        entry = self.report.collisions[-1]
        choice = self.choices.get(collision_key(entry))
        # Sync reads ``prefer`` right after each collision it reports: this one's choice decides it
        self.prefer = choice
        entry["kept"] = choice or "undecided"


def checkin_chosen(path: Path, choices: dict[str, str]) -> CheckinReport:
    """:func:`~onemap.store.server.checkin.checkin` with a choice per collision (keys: :func:`collision_key`)."""
    from onemap.store.inventory import Inventory
    from onemap.store.server.errors import ServerError

    with Inventory.open(path, readonly=True) as inventory:
        copy = FileSide(inventory)
        server, office, start = (inventory.meta(k) for k in ("checkout_server", "checkout_file", "checkout_audit_fid"))
        if not (server or office) or start is None:
            raise ServerError("not_checked_out", detail=path.name)
        report = CheckinReport(server or office or "", checkout_at=inventory.meta("checkout_at"))
        changes, report.not_sent = row_changes(copy, int(start))
        fids = json.loads(inventory.meta("checkout_fids") or "{}")
        origin: str | Path = (
            (f"postgresql://{server}" if "://" not in server else server) if server else Path(str(office))
        )
        target, side = _open(origin)
        with target, side.transaction():
            sync = ChosenSync(copy, side, fids, None, report)
            sync.choices = dict(choices)
            inserted = sync.run(changes)
    if inserted:
        for table, pairs in inserted.items():
            fids.setdefault(table, {}).update(pairs)
        with Inventory.open(path) as inventory, inventory.transaction():
            inventory.set_meta(checkout_fids=json.dumps(fids))
    return report

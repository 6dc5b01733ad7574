"""Field laptops: a checked-out GeoPackage's edits sent back to the server or the office file.

``checkout`` (an export of the matching estates) records in the copy's ``onemap_meta`` where it
came from (``checkout_server`` or ``checkout_file``, ``checkout_where``, ``checkout_at``), the
last audit entry the export wrote (``checkout_audit_fid``: every later entry is a change to
send) and which origin row each copied row is (``checkout_fids``).  What a checkin sends and how
collisions are settled: :mod:`onemap.store.sync`.  Everything applied lands in one transaction
of the origin (the server's, or the office file's), or nothing does, so an interrupted checkin
is simply run again.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from onemap.store.audit import timestamp
from onemap.store.sync import Sync, row_changes
from onemap.store.sync_attached import copy_attached
from onemap.store.sync_sides import FileSide, ServerSide


@dataclass
class CheckinReport:
    """What a checkin did: applied, already there, collisions (with both sides), not sent."""

    server: str
    applied: list[dict[str, Any]] = field(default_factory=list)
    unchanged: int = 0
    collisions: list[dict[str, Any]] = field(default_factory=list)
    not_sent: int = 0
    checkout_at: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _open(origin: str | Path, readonly: bool = False) -> Any:
    """The origin inventory (server URL or file) opened, and its sync side."""
    from onemap.store.inventory import Inventory
    from onemap.store.server import is_server_url
    from onemap.store.server.inventory import ServerInventory

    if is_server_url(str(origin)):
        server = ServerInventory.open(str(origin), readonly=readonly)
        return server, ServerSide(server)
    inventory = Inventory.open(Path(origin), readonly=readonly)
    return inventory, FileSide(inventory)


def mark_checkout(path: Path, origin: str | Path, where: list[str] | None) -> dict[str, int]:
    """Copy what the export leaves out (:mod:`onemap.store.sync_attached`) into a freshly exported copy,
    record where it came from, which origin row each of its rows is and where its change log starts;
    returns the attached rows copied per table."""
    from onemap.store.inventory import Inventory
    from onemap.store.server import is_server_url
    from onemap.store.server.connect import display_name

    text = str(origin)
    if isinstance(origin, str) and not is_server_url(text) and "@" in text and not text.endswith(".gpkg"):
        origin = text = f"postgresql://{text}"  # a server's display name (login@host:port/db)
    source, source_side = _open(origin if is_server_url(text) else Path(origin).resolve(), readonly=True)
    with source, Inventory.open(path) as inventory, inventory.transaction():
        copy = FileSide(inventory)
        codes = [r[0] for r in inventory._conn.execute("SELECT code FROM estates")]
        fids: dict[str, dict[str, int]] = {}
        for table in copy.child_tables():
            theirs = source_side.fids(table, codes)
            for code, ours in copy.fids(table, codes).items():
                # the export copies each estate's rows in fid order: the k-th here is the k-th there
                pairs = zip(ours, theirs.get(code, []), strict=False)
                fids.setdefault(table, {}).update({str(a): b for a, b in pairs})
        copied = copy_attached(source_side, copy, codes, fids)  # findings, photos, issues, facilities …
        last = inventory._conn.execute("SELECT coalesce(max(fid), 0) FROM audit_log").fetchone()[0]
        where_from = (
            {"checkout_server": display_name(text)}
            if is_server_url(text)
            else {"checkout_file": str(Path(origin).resolve())}
        )
        inventory.set_meta(
            **where_from,
            checkout_where=" and ".join(where or []),
            checkout_at=timestamp(),
            checkout_audit_fid=last,
            checkout_fids=json.dumps(fids),
        )
    return copied


def checkin(path: Path, prefer: str | None = None, server_url: str | None = None) -> CheckinReport:
    """Send a checked-out copy's changes back to where it came from (see the module's notes); one transaction."""
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
        origin = server_url or (f"postgresql://{server}" if server and "://" not in server else server) or office
        target, side = _open(origin)  # type: ignore[arg-type]
        with target, side.transaction():
            inserted = Sync(copy, side, fids, prefer, report).run(changes)
    if inserted:  # the origin has them: later checkins update these rows instead of adding them again
        for table, pairs in inserted.items():
            fids.setdefault(table, {}).update(pairs)
        with Inventory.open(path) as inventory, inventory.transaction():
            inventory.set_meta(checkout_fids=json.dumps(fids))
    return report

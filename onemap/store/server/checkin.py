"""Field laptops: a checked-out GeoPackage's edits sent back to the server, the audit trail as change log.

``checkout`` (an export of the matching estates) records where the file came from in its
``onemap_meta`` (``checkout_server``, ``checkout_where``, ``checkout_at``) and the last audit entry
the export wrote (``checkout_audit_fid``): every estate-field edit after it is a field change.  For
each changed field, checkin compares three values: the one at checkout (the first edit's old
value), the laptop's now, and the server's now.  Server equal to the laptop: already there (a
second checkin changes nothing).  Server still at the checkout value: applied.  Otherwise both
sides changed it: a collision, listed with both values, who and when, and applied only when
``prefer`` says ``field``.  Everything applied lands in one server transaction, or nothing does,
so an interrupted checkin is simply run again.  Outline, point and child-row edits are not sent
yet: they are counted as ``not_sent``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from onemap.model import ESTATE_COLUMNS
from onemap.store.audit import as_text, timestamp


@dataclass(frozen=True)
class FieldChange:
    """One estate field the laptop changed since checkout."""

    code: str
    field: str
    at_checkout: str | None
    on_laptop: Any
    who: str
    at: str


@dataclass
class CheckinReport:
    """What a checkin did: applied, already there, collisions (with both sides), not sent."""

    server: str
    applied: list[dict[str, Any]] = field(default_factory=list)
    unchanged: int = 0
    collisions: list[dict[str, Any]] = field(default_factory=list)
    not_sent: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def mark_checkout(path: Path, server: str, where: list[str] | None) -> None:
    """Record in a freshly exported file where it came from and where its change log starts."""
    from onemap.store.inventory import Inventory

    with Inventory.open(path) as inventory, inventory.transaction():
        last = inventory._conn.execute("SELECT coalesce(max(fid), 0) FROM audit_log").fetchone()[0]
        inventory.set_meta(
            checkout_server=server,
            checkout_where=" and ".join(where or []),
            checkout_at=timestamp(),
            checkout_audit_fid=last,
        )


def field_changes(path: Path) -> tuple[str, list[FieldChange], int]:
    """The file's origin, its estate-field changes since checkout (one per field), and how many other edits."""
    from onemap.store.inventory import Inventory
    from onemap.store.server.errors import ServerError

    with Inventory.open(path, readonly=True) as inventory:
        server, start = inventory.meta("checkout_server"), inventory.meta("checkout_audit_fid")
        if not server or start is None:
            raise ServerError("not_checked_out", detail=path.name)
        rows = inventory._conn.execute(
            "SELECT table_name, row_key, field, old_value, who, at FROM audit_log WHERE fid > ? ORDER BY fid",
            (int(start),),
        ).fetchall()
        first: dict[tuple[str, str], tuple[str | None, str, str]] = {}
        last: dict[tuple[str, str], tuple[str, str]] = {}
        others = 0
        for table, key, name, old, who, at in rows:
            if table != "estates" or name not in ESTATE_COLUMNS or name in ("code", "updated_at"):
                others += 1
                continue
            first.setdefault((key, name), (old, who, at))
            last[(key, name)] = (who, at)
        changes = []
        for (code, name), (old, _who, _at) in first.items():
            row = inventory._conn.execute(f'SELECT "{name}" FROM estates WHERE code = ?', (code,)).fetchone()
            if row is not None:
                who, at = last[(code, name)]
                changes.append(FieldChange(code, name, old, row[0], who, at))
    return server, changes, others


def checkin(path: Path, prefer: str | None = None, server_url: str | None = None) -> CheckinReport:
    """Send a checked-out file's field changes back (see the module's notes); one transaction."""
    from onemap.store.server.inventory import ServerInventory

    origin, changes, others = field_changes(path)
    url = server_url or f"postgresql://{origin}"
    report = CheckinReport(origin, not_sent=others)
    by_estate: dict[str, list[FieldChange]] = {}
    for change in changes:
        by_estate.setdefault(change.code, []).append(change)
    with ServerInventory.open(url) as server, server.transaction():
        for code, group in by_estate.items():
            row = server._locked(code)  # held until the one commit: nobody changes it under us
            settled = {}
            for change in group:
                current = row[change.field]
                if as_text(current) == as_text(change.on_laptop):
                    report.unchanged += 1
                    continue
                if as_text(current) != change.at_checkout:
                    report.collisions.append(_collision(server, change, current, prefer))
                    if prefer != "field":
                        continue
                settled[change.field] = change.on_laptop
            if settled:
                server.update_estate(code, **settled)
                report.applied += [{"code": code, "field": k, "value": v} for k, v in settled.items()]
    return report


def _collision(server: Any, change: FieldChange, current: Any, prefer: str | None) -> dict[str, Any]:
    row = server._conn.execute(
        "SELECT who, at FROM audit_log WHERE table_name = 'estates' AND row_key = %s AND field = %s "
        "ORDER BY fid DESC LIMIT 1",
        (change.code, change.field),
    ).fetchone()
    return {
        "code": change.code,
        "field": change.field,
        "at_checkout": change.at_checkout,
        "server": {"value": current, "who": row[0] if row else None, "at": row[1] if row else None},
        "field_copy": {"value": change.on_laptop, "who": change.who, "at": change.at},
        "kept": prefer or "undecided",
    }

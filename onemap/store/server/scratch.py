"""A server's scratch copy for one command: only what the command reads, copied set-based.

``onemap brief|snapshot URL …`` and ``onemap import LEDGER --into URL`` run the file's engines on a
GeoPackage copy of the server.  Exporting the whole server estate by estate (an
:class:`~onemap.model.Estate` each) took minutes on a city database; this copies a :class:`Scope`
with one query per table (:mod:`onemap.store.server.scratch_rows`): every estate of some counties
and a few more by code, each with every row attached to it (outline, buildings, contacts, …,
check-up findings, alerts and their steps), the standalone facilities around them and the
counties' admin areas.  Child rows keep their server fids, so the copy's row *is* the server's row
by number (``checkout_fids`` is the identity); the estates go in in the order the export used
(township, name, code), so whatever reads them "in file order" meets them as before.

An import's copy also lists every other estate as a bare code: the ledger matcher numbers new
estates from how many the inventory holds (:func:`onemap.store.codes.free_code`), so the codes it
gives are the ones the whole-server copy gave.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onemap.store.audit import timestamp
from onemap.store.bulkindex import triggers_suspended
from onemap.store.server.reads import _PG_ORDER, pg_filter
from onemap.store.server.scratch_rows import copy_rows, list_codes

#: the estates of the scope (psycopg placeholders: county codes, estate codes)
_FULL = "(left(code, 6) = ANY(%s) OR code = ANY(%s))"
_OF_FULL = f"estate_code IN (SELECT code FROM estates WHERE {_FULL})"
#: standalone facilities this far (degrees, about 5 km) beyond the estates are copied too: a map's frame
#: and a 5-minute circle (390 m) around an edge estate reach past the estates' own box
MARGIN = 0.05
#: tables of the file that are bookkeeping, not the inventory (the copy gets its own)
_SKIPPED = ("gpkg_", "rtree_", "sqlite_", "onemap_", "audit_log", "layer_styles")


@dataclass
class Scope:
    """What a scratch copy holds: every estate of ``counties``, and the estates ``codes``, with their rows.

    ``for_import`` also lists every other estate as a bare code and copies the server's first
    county outline (the import judges the ledger's positions by it).
    """

    counties: list[str]
    codes: list[str] = field(default_factory=list)
    for_import: bool = False


def counties_of(server: Any, where: Any = None, codes: Sequence[str] = ()) -> list[str]:
    """The counties (six-digit code prefixes) of the estates ``where`` or ``codes`` select (all: neither)."""
    text, params = ("code = ANY(%s)", [list(codes)]) if codes else pg_filter(where)
    rows = server._conn.execute(f"SELECT DISTINCT left(code, 6) FROM estates WHERE {text} ORDER BY 1", params)
    return [r[0] for r in rows]


def ledger_estates(server: Any, names: Sequence[tuple[str, str]], devices: Sequence[str]) -> list[str]:
    """Estates (any county) a ledger may mean by name and township, or that hold one of its sensors."""
    found = server._conn.execute(
        "SELECT e.code FROM estates e JOIN unnest(%s::text[], %s::text[]) AS t(name, township) "
        "ON e.name = t.name AND coalesce(e.township, '') = t.township "
        "UNION SELECT estate_code FROM sensors WHERE imei = ANY(%s) OR device_id = ANY(%s)",
        ([n for n, _ in names], [t for _, t in names], list(devices), list(devices)),
    )
    return sorted(r[0] for r in found)


def make_scratch(server: Any, out: Path, scope: Scope, where: Sequence[str] | None = None) -> dict[str, int]:
    """Write the scope of the open server (:class:`~onemap.store.server.inventory.ServerInventory`) to a new file.

    The copy is marked as checked out from the server (``checkout_server``, ``checkout_where``,
    ``checkout_at``, ``checkout_audit_fid``, and for an import ``checkout_fids``), as
    :func:`onemap.store.server.checkin.mark_checkout` marks one.  Returns the rows copied per table
    (``listed``: the bare codes of an import's copy).
    """
    from onemap.store.inventory import Inventory

    code, name = _county(server, scope)
    target = Inventory.create(out, county_code=code, county_name=name, user=server.audit.who, overwrite=True)
    try:
        with target.transaction():
            data_date = server.meta("data_date")
            if data_date:  # the date the figures hold for: briefings of the copy print it too
                target.set_meta(data_date=data_date)
            counts = _copy(server._conn, target._conn, scope)
            target.set_meta(
                checkout_server=server.url,  # its display name (login@host:port/db)
                checkout_where=" and ".join(where or []),
                checkout_at=timestamp(),
                checkout_audit_fid=target._conn.execute("SELECT coalesce(max(fid), 0) FROM audit_log").fetchone()[0],
            )
            if scope.for_import:  # what a push sends back finds the server's row by the copy's fid
                target.set_meta(checkout_fids=json.dumps(_identity(target._conn)))
    finally:
        target.close()
    return counts


def _county(server: Any, scope: Scope) -> tuple[str, str]:
    """The copy's county: the server's; a brief's copy of one county is named after that county."""
    code, name = server.meta("county_code") or "", server.meta("county_name") or ""
    if scope.for_import or len(scope.counties) != 1 or scope.codes or scope.counties[0] == code:
        return code, name
    only = scope.counties[0]
    named = [a.name for a in server.admin_areas(["county"], code=only)]
    return only, (named[0] if named else "") or ""


def _copy(server: Any, scratch: Any, scope: Scope) -> dict[str, int]:
    from onemap.store import gpkg

    full = [scope.counties, scope.codes]
    tables = _tables(scratch)
    counts: dict[str, int] = {}
    with triggers_suspended(scratch, ["admin_areas", "estates", *(t for t, _ in tables)]):
        counts["admin_areas"] = copy_rows(server, scratch, "admin_areas", *_areas(server, scope))
        counts["estates"] = copy_rows(server, scratch, "estates", _FULL, full, order=_PG_ORDER, keep_fid=False)
        box = _box(server, full)
        for table, kind in tables:
            if kind == "estate":
                where, params = _OF_FULL, list[Any](full)
                if table == "facilities" and box is not None:
                    where += " OR (estate_code IS NULL AND geom && ST_MakeEnvelope(%s, %s, %s, %s, 4326))"
                    params += box
                counts[table] = copy_rows(server, scratch, table, where, params)
            elif kind == "alert":
                counts[table] = copy_rows(
                    server, scratch, table, f"alert_id IN (SELECT fid FROM alerts WHERE {_OF_FULL})", full
                )
        if scope.for_import:
            counts["listed"] = list_codes(server, scratch, f"NOT {_FULL}", full)
    gpkg.update_extents(scratch)
    return counts


def _tables(scratch: Any) -> list[tuple[str, str]]:
    """The file's tables of estates' rows (``estate``) and of alerts' rows (``alert``), parents first."""
    found = []
    for (name,) in scratch.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid").fetchall():
        if name.startswith(_SKIPPED) or name in ("estates", "admin_areas"):
            continue
        columns = {r[1] for r in scratch.execute(f'PRAGMA table_info("{name}")')}
        kind = "estate" if "estate_code" in columns else "alert" if "alert_id" in columns else ""
        if kind:
            found.append((name, kind))
    return found


def _areas(server: Any, scope: Scope) -> tuple[str, list[Any]]:
    """The admin areas of the scope's counties (county and township outlines carry the county's code first)."""
    counties = sorted({*scope.counties, *(c[:6] for c in scope.codes)})
    where = "left(code, 6) = ANY(%s)"
    if scope.for_import:
        where += " OR fid = (SELECT min(fid) FROM admin_areas WHERE level = 'county')"
    return where, [counties]


def _box(server: Any, full: list[Any]) -> list[float] | None:
    """The scope's estates' box (points and outlines), widened by :data:`MARGIN`."""
    row = server.execute(
        "SELECT ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b) FROM (SELECT ST_Extent(g) AS b FROM ("
        f"SELECT geom AS g FROM estates WHERE {_FULL} "
        f"UNION ALL SELECT geom FROM estate_areas WHERE {_OF_FULL}) AS s) AS x",
        [*full, *full],
    ).fetchone()
    if row is None or row[0] is None:
        return None
    return [row[0] - MARGIN, row[1] - MARGIN, row[2] + MARGIN, row[3] + MARGIN]


def _identity(scratch: Any) -> dict[str, dict[str, int]]:
    """``checkout_fids`` of a copy whose rows kept their server fids: each row is its own origin."""
    fids: dict[str, dict[str, int]] = {}
    for table, _kind in _tables(scratch):
        rows = scratch.execute(f'SELECT fid FROM "{table}"').fetchall()
        if rows:
            fids[table] = {str(r[0]): r[0] for r in rows}
    return fids

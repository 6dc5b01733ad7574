"""``onemap import LEDGER --into URL``: what the ledger import engine wrote into a scratch copy, sent to the server.

The import runs unchanged (:func:`onemap.io.importer.import_ledger`) on a checked-out scratch copy
of the server, so it matches ledger rows against the server's estates and writes as it writes a
file.  This module sends the result back in one transaction of the server: the new estates with
every row attached to them set-based (``COPY`` into a temporary table, then one ``INSERT …
SELECT`` per table, through the database's row-level security and audit triggers), and the
changes to existing estates field by field with the checkin's rules (:mod:`onemap.store.sync`).
Before anything is written, the rows this login may not write are listed and the whole import is
refused: a county editor importing another county's estates learns which ones.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from psycopg import sql

from onemap.store.server.checkin import CheckinReport
from onemap.store.server.errors import ServerError
from onemap.store.server.load import ewkb_hex
from onemap.store.sync import RowChange, Sync, row_changes
from onemap.store.sync_sides import FileSide, ServerSide

#: how many refused estates a refusal names before it says "and n more"
_SHOWN = 20


def push_import(scratch: Path, url: str) -> tuple[dict[str, int], CheckinReport]:
    """Send an import's new estates (set-based) and its changes (field by field) to the server.

    Returns the rows inserted per table and the report of the changes.

    Raises
    ------
    ServerError
        ``import_denied`` (naming the estates this login may not write; nothing written),
        ``denied``, ``unreachable``, ``server_older`` and the like.
    """
    from onemap.store.inventory import Inventory
    from onemap.store.server.inventory import ServerInventory

    with Inventory.open(scratch, readonly=True) as inventory:
        copy = FileSide(inventory)
        changes, _others = row_changes(copy, int(inventory.meta("checkout_audit_fid") or 0))
        new = sorted({c.code for c in changes if c.table == "estates" and c.first_action == "insert"})
        fids = json.loads(inventory.meta("checkout_fids") or "{}")
        with ServerInventory.open(url) as server:
            side = ServerSide(server)
            report = CheckinReport(server.url)
            rest = [c for c in changes if c.code not in new]
            with side.transaction():
                _refuse_others(server, inventory._conn, new, rest)
                counts = _insert_new(inventory._conn, server._conn, copy, new)
                Sync(copy, side, fids, None, report).run(rest)
    return counts, report


def _refuse_others(server: Any, scratch: sqlite3.Connection, new: list[str], rest: list[RowChange]) -> None:
    conn = server._conn
    if not conn.execute("SELECT row_security_active('estates')").fetchone()[0]:
        return  # the owner or a superuser: row-level security does not apply
    places = scratch.execute(
        "SELECT code, township FROM estates WHERE code IN (SELECT value FROM json_each(?))", (json.dumps(new),)
    ).fetchall()
    refused = [
        r[0]
        for r in conn.execute(
            "SELECT code FROM unnest(%s::text[], %s::text[]) AS t(code, township) "
            "WHERE NOT onemap_may_write(code, township) ORDER BY code",
            ([p[0] for p in places], [p[1] for p in places]),
        )
    ]
    changed = sorted({c.code for c in rest})
    refused += [
        r[0]
        for r in conn.execute(
            "SELECT code FROM estates WHERE code = ANY(%s) AND NOT onemap_may_write(code, township) ORDER BY code",
            (changed,),
        )
    ]
    if refused:
        more = len(refused) - _SHOWN
        shown = "、".join(refused[:_SHOWN]) + (f" … (+{more})" if more > 0 else "")
        raise ServerError("import_denied", who=server.login, count=len(refused), detail=shown)


def _insert_new(scratch: sqlite3.Connection, conn: Any, copy: FileSide, codes: list[str]) -> dict[str, int]:
    """The new estates and all their rows: per table one COPY into a temporary table and one INSERT … SELECT."""
    if not codes:
        return {}
    server = ServerSide.__new__(ServerSide)
    server._conn = conn
    counts = {}
    for table in ["estates", *copy.child_tables()]:
        theirs = server._read_columns(table)
        columns = [c for c in copy.columns(table) if c in theirs and c != "fid"]
        if not columns:
            continue
        counts[table] = _insert_table(scratch, conn, table, columns, copy.columns(table), codes)
    return counts


def _insert_table(
    scratch: sqlite3.Connection, conn: Any, table: str, columns: list[str], geometry: dict[str, bool], codes: list[str]
) -> int:
    key = "code" if table == "estates" else "estate_code"
    names = sql.SQL(", ").join(sql.Identifier(c) for c in columns)
    temp = sql.Identifier(f"onemap_new_{table}")
    conn.execute(
        sql.SQL("CREATE TEMP TABLE {} ON COMMIT DROP AS SELECT {} FROM {} WITH NO DATA").format(
            temp, names, sql.Identifier(table)
        )
    )
    quoted = ", ".join(f'"{c}"' for c in columns)
    rows = scratch.execute(
        f'SELECT {quoted} FROM "{table}" WHERE "{key}" IN (SELECT value FROM json_each(?)) ORDER BY fid',
        (json.dumps(codes),),
    )
    spatial = [i for i, c in enumerate(columns) if geometry.get(c)]
    with conn.cursor().copy(sql.SQL("COPY {} ({}) FROM STDIN").format(temp, names)) as out:
        for row in rows:
            values = list(row)
            for i in spatial:
                values[i] = ewkb_hex(values[i])
            out.write_row(values)
    inserted = conn.execute(
        sql.SQL("INSERT INTO {} ({}) SELECT {} FROM {}").format(sql.Identifier(table), names, names, temp)
    )
    return int(inserted.rowcount)

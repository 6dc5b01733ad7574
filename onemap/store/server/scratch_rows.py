"""Rows of a server table into a scratch GeoPackage, set-based: one query per table, ``executemany`` in batches.

Geometry leaves the server as WKB (``ST_AsBinary``) and becomes the GeoPackage blob the file's own
writers make (:func:`onemap.store.geometry.encode_many`: the same header, envelope and ISO WKB), so
the copy's blobs are the bytes an export writes.  The caller holds the file's write transaction
with the insert triggers suspended (:func:`onemap.store.bulkindex.triggers_suspended`): the
R-trees are filled once at the end, not row by row.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import shapely
from psycopg import sql

from onemap.store.geometry import encode_many
from onemap.store.server.schema import VERSION_COLUMNS

#: rows fetched and written at a time: memory stays flat on a whole-city copy
BATCH = 5000


def file_columns(conn: sqlite3.Connection, table: str) -> dict[str, bool]:
    """Column -> is geometry, in the file's column order (empty when the file has no such table)."""
    geometry = {
        r[0] for r in conn.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (table,))
    }
    return {r[1]: r[1] in geometry for r in conn.execute(f'PRAGMA table_info("{table}")')}


def server_columns(conn: Any, table: str) -> set[str]:
    """The server table's columns (empty when the server has no such table)."""
    rows = conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = %s",
        (table,),
    ).fetchall()
    return {r[0] for r in rows}


def copy_rows(
    server: Any,
    scratch: sqlite3.Connection,
    table: str,
    where: str,
    params: list[Any],
    *,
    order: str = "fid",
    keep_fid: bool = True,
) -> int:
    """Copy the server rows of ``table`` matching ``where`` (psycopg placeholders) into the file; how many.

    ``keep_fid`` keeps each row's server fid (a child row of the copy *is* the server's row by
    number); without it the file numbers the rows in ``order``.
    """
    ours, theirs = file_columns(scratch, table), server_columns(server, table)
    columns = [c for c in ours if c in theirs and c not in VERSION_COLUMNS and (keep_fid or c != "fid")]
    if not columns:
        return 0
    shapes = [i for i, c in enumerate(columns) if ours[c]]
    chosen = sql.SQL(", ").join(
        sql.SQL("ST_AsBinary({}, 'NDR')").format(sql.Identifier(c)) if ours[c] else sql.Identifier(c) for c in columns
    )
    query = sql.SQL("SELECT {} FROM {} WHERE {} ORDER BY {}").format(
        chosen, sql.Identifier(table), sql.SQL(where), sql.SQL(order)
    )
    names = ", ".join(f'"{c}"' for c in columns)
    insert = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})'
    count = 0
    with server.cursor() as cur:
        cur.execute(query, params)
        while rows := cur.fetchmany(BATCH):
            scratch.executemany(insert, _as_file_rows(rows, shapes))
            count += len(rows)
    return count


def _as_file_rows(rows: list[tuple[Any, ...]], shapes: list[int]) -> list[list[Any]]:
    """Server rows with their WKB turned into GeoPackage blobs (vectorised per column)."""
    out = [list(row) for row in rows]
    for i in shapes:
        wkbs = [None if row[i] is None else bytes(row[i]) for row in out]
        blobs = encode_many(list(shapely.from_wkb(wkbs)))
        for row, blob in zip(out, blobs, strict=True):
            row[i] = blob
    return out


def list_codes(server: Any, scratch: sqlite3.Connection, where: str, params: list[Any]) -> int:
    """Bare estate rows (the code, an empty name: no ledger row can match one by name) for ``where``'s estates."""
    count = 0
    with server.cursor() as cur:
        cur.execute(sql.SQL("SELECT code FROM estates WHERE {} ORDER BY fid").format(sql.SQL(where)), params)
        while rows := cur.fetchmany(BATCH):
            scratch.executemany("INSERT INTO estates (code, name) VALUES (?, '')", rows)
            count += len(rows)
    return count

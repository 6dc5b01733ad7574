"""Bulk loads without per-row Python calls from the R-tree triggers.

The GeoPackage R-tree triggers call OneMap's Python ST_* functions five times for each
inserted row.  During a bulk load the triggers of the loaded tables are dropped, the rows
go in with ``executemany``, the R-trees get the new rows' envelopes in one
``executemany`` each (read from the blobs' headers, the same values ST_MinX & co. return)
and the triggers are re-created verbatim before the caller's COMMIT.  All of it happens
inside the caller's transaction: a failure or a cancel rolls back to the old triggers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from onemap.store import gpkg
from onemap.store.geometry import envelope


@contextmanager
def rtree_triggers_suspended(conn: sqlite3.Connection, tables: Iterable[str]) -> Iterator[None]:
    """Drop the R-tree triggers of ``tables``, index the rows added meanwhile, restore them.

    Only rows appended (fid above the largest fid before) may be written meanwhile: the
    index is filled for those.  Outside a transaction it does nothing (the triggers
    then index each row), so a failure can never leave a file without its triggers.

    Parameters
    ----------
    conn : sqlite3.Connection
        A connection inside a write transaction.
    tables : iterable of str
        Feature tables about to receive many new rows.
    """
    wanted = set(tables)
    indexes = [(t, c, f) for t, c, f in gpkg.spatial_indexes(conn) if t in wanted]
    if not conn.in_transaction or not indexes:
        yield
        return
    saved = []
    for table, column, fid in indexes:
        before = conn.execute(f'SELECT coalesce(max("{fid}"), 0) FROM "{table}"').fetchone()[0]
        statements = _trigger_sql(conn, table, column)
        for name, _sql in statements:
            conn.execute(f'DROP TRIGGER "{name}"')
        saved.append((table, column, fid, before, statements))
    yield
    for table, column, fid, before, statements in saved:
        _index_new_rows(conn, table, column, fid, before)
        for _name, sql in statements:
            conn.execute(sql)


def _trigger_sql(conn: sqlite3.Connection, table: str, column: str) -> list[tuple[str, str]]:
    """The R-tree triggers on one column as the file holds them (1.2.1 or 1.3, kept as they are)."""
    prefix = f"rtree_{table}_{column}_"
    return [
        (name, sql)
        for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY name", (table,)
        )
        if name.startswith(prefix)
    ]


def _index_new_rows(conn: sqlite3.Connection, table: str, column: str, fid: str, before: int) -> None:
    """What the insert trigger would have written for each row with fid above ``before``."""
    rows = conn.execute(
        f'SELECT "{fid}", "{column}" FROM "{table}" WHERE "{fid}" > ? AND "{column}" NOT NULL', (before,)
    )
    entries = []
    for key, blob in rows:
        env = envelope(blob)
        if env is not None:
            entries.append((key, *env))
    conn.executemany(f'INSERT OR REPLACE INTO "rtree_{table}_{column}" VALUES (?, ?, ?, ?, ?)', entries)

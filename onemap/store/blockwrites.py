"""Writing an :class:`~onemap.store.blocks.EstateBlock`: one ``executemany`` per table, many rows a statement.

Rows go in many to a statement (:func:`~onemap.store.manyrows.insert_rows`) with explicit
fids (the ones SQLite would have given them, continuing the table's AUTOINCREMENT
sequence) so that the R-tree entries can be written from the block's envelope arrays
(:class:`~onemap.store.bulkindex.BulkIndex`).  No value reaches the file with a
credential: each text column is searched as a whole, and only a column where something
looks like a secret is cleaned value by value (:func:`storable`), each distinct value once.
"""

from __future__ import annotations

import sqlite3
from itertools import repeat
from typing import Any

from onemap.cameras.secrets import may_hold_secret
from onemap.store.blocks import EstateBlock
from onemap.store.bulkindex import BulkIndex
from onemap.store.manyrows import insert_rows
from onemap.store.values import storable


def write_block(conn: sqlite3.Connection, block: EstateBlock, index: BulkIndex, now: str) -> dict[str, list[Any]]:
    """Insert every table of ``block``; estates get ``updated_at = now``.

    Returns
    -------
    dict
        The ``estates`` columns as stored (for an audit that records each estate).
    """
    stored: dict[str, list[Any]] = {}
    for table, rows in block.tables.items():
        n = len(rows)
        if not n:
            continue
        columns = {name: credential_free(table, name, values) for name, values in rows.columns.items()}
        if table == "estates":
            columns["updated_at"] = list(repeat(now, n))
        first = next_fid(conn, table)
        names = ["fid", *columns] + (["geom"] if rows.geometry is not None else [])
        values = [range(first, first + n), *columns.values()]
        if rows.geometry is not None:
            values.append(rows.geometry.blobs)
        insert_rows(conn, table, names, zip(*values, strict=True))
        if rows.geometry is not None:
            index.add(table, first, rows.geometry.envelopes)
        if table == "estates":
            stored = columns
    return stored


def next_fid(conn: sqlite3.Connection, table: str) -> int:
    """The fid SQLite gives the next row of an AUTOINCREMENT table (never one used before)."""
    used = conn.execute(f'SELECT coalesce(max(fid), 0) FROM "{table}"').fetchone()[0]
    row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
    return int(max(used, row[0] if row else 0)) + 1


def credential_free(table: str, name: str, values: list[Any]) -> list[Any]:
    """A column as the file may hold it: searched whole, cleaned value by value only when needed.

    Each distinct text is cleaned once (a role column repeats ``community_secretary``,
    whose "secret" sends the whole column to the value rule, tens of thousands of times).
    """
    kinds = set(map(type, values))
    if str not in kinds:
        return values
    distinct = set(values)  # hashing costs less than folding and searching the repeats
    if kinds <= {str, type(None)}:
        distinct.discard(None)
        if not may_hold_secret("\n".join(distinct)):
            return values
    clean = {value: storable(table, {name: value})[name] for value in distinct if isinstance(value, str)}
    return [clean[value] if isinstance(value, str) else value for value in values]

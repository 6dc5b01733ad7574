"""Loading an inventory file into the server set-based: one ``COPY`` per table.

Geometry goes over as hex EWKB (the file's WKB with SRID 4326 spliced in): PostGIS parses it on
the way in, with no per-row SQL.  Loads run before the indexes and triggers exist (see
:mod:`onemap.store.server.init`), so a 220,000-estate file is not audited field by field: one
``bulk`` entry names the file instead, and the file's own audit trail is copied as it is.
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any

from psycopg import sql

from onemap.store.geometry import _wkb_offset
from onemap.store.server.schema import SRID, Table

_EMPTY = 0x10
_SRID_FLAG = 0x20000000
Progress = Callable[[float, str], None]


def ewkb_hex(blob: bytes | None) -> str | None:
    """A GeoPackage geometry blob as hex EWKB with SRID 4326 (``None`` for NULL or empty)."""
    if blob is None or blob[3] & _EMPTY:
        return None
    wkb = bytes(blob[_wkb_offset(blob) :])
    order = "<" if wkb[0] == 1 else ">"
    (kind,) = struct.unpack_from(order + "I", wkb, 1)
    return (wkb[:1] + struct.pack(order + "II", kind | _SRID_FLAG, SRID) + wkb[5:]).hex()


def copy_table(source: sqlite3.Connection, target: Any, table: Table) -> int:
    """COPY one table's rows from the file; returns how many."""
    have = {row[1] for row in source.execute(f'PRAGMA table_info("{table.name}")')}
    columns = [c for c in table.columns if c.name in have]
    if not columns:
        return 0
    geometry = [i for i, c in enumerate(columns) if c.is_geometry]
    blobs = [i for i, c in enumerate(columns) if c.type == "BLOB"]
    names = ", ".join(f'"{c.name}"' for c in columns)
    copy_sql = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(sql.Identifier(c.name) for c in columns)
    )
    count = 0
    with target.cursor().copy(copy_sql) as copy:
        for row in source.execute(f'SELECT {names} FROM "{table.name}"'):
            values = list(row)
            for i in geometry:
                values[i] = ewkb_hex(values[i])
            for i in blobs:
                values[i] = None if values[i] is None else bytes(values[i])
            copy.write_row(values)
            count += 1
    if any(c.primary and c.type == "INTEGER" for c in columns):
        target.execute(
            sql.SQL(
                "SELECT setval(pg_get_serial_sequence({}, 'fid'), coalesce(max(fid), 0) + 1, false) FROM {}"
            ).format(sql.Literal(table.name), sql.Identifier(table.name))
        )
    return count


def load_file(path: Path, target: Any, tables: list[Table], progress: Progress | None = None) -> dict[str, int]:
    """Copy every table of an inventory file (read-only) into the server; rows per table."""
    from onemap.store.files import open_connection

    source = open_connection(path, readonly=True)
    try:
        counts = {}
        for at, table in enumerate(tables):
            if table.name == "onemap_migrations":
                continue  # the server records its own schema
            if progress is not None:
                progress(at / len(tables), table.name)
            counts[table.name] = copy_table(source, target, table)
        return counts
    finally:
        source.close()

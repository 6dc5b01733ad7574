"""The inventory's domain reads: the questions the viewer, the scene, the briefing sheets, statistics,
import and editing ask of the file, each answered with one query.

The connection stays inside the store (the seam a server database will plug into later): answers are
tuples, dicts and dataclasses; geometries come as GeoPackage geometry blobs (decode them with
:func:`onemap.store.geometry.decode`), because the viewer's bulk paths read them without decoding.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from onemap.model import ESTATE_COLUMNS
from onemap.store.files import translate
from onemap.store.opening import translated
from onemap.store.rows import CHILD_TABLES
from onemap.store.where import Filter, parse_where

#: a lon/lat box: (west, south, east, north) in EPSG:4490 degrees
Box = tuple[float, float, float, float]

_ESTATE_COLUMNS = frozenset((*ESTATE_COLUMNS, "fid", "geom"))
_LAYERS = frozenset(("estates", "estate_areas", "buildings", "cameras"))
#: tables whose rows belong to an estate (``estate_code``), written by OneMap or not
_ESTATE_CHILDREN = frozenset((*CHILD_TABLES, "issues", "photos", "facilities"))


@dataclass(frozen=True)
class AdminArea:
    """One administrative area (county, township): its code, name, level and outline blob."""

    code: str | None
    name: str | None
    level: str | None
    geom: bytes | None


def as_filter(where: Filter | str | list[str] | None) -> Filter:
    """A parsed ``--where`` filter (``None``: every estate)."""
    return where if isinstance(where, Filter) else parse_where(where)


def plain_rows(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """Rows as plain tuples, made by SQLite's own cursor (no ``Row`` objects: the bulk reads stay fast)."""
    cursor = conn.cursor()
    cursor.row_factory = None
    return cursor.execute(sql, params).fetchall()


def _columns(columns: Sequence[str], allowed: frozenset[str]) -> str:
    unknown = [c for c in columns if c not in allowed]
    if unknown or not columns:
        raise ValueError(f"unknown columns {unknown!r}")
    return ", ".join(f'"{c}"' for c in columns)


def _layer(table: str) -> str:
    if table not in _LAYERS:
        raise ValueError(f"unknown layer {table!r}")
    return table


class InventoryReads:
    """Read methods of :class:`~onemap.store.inventory.Inventory` beyond whole estates."""

    _conn: sqlite3.Connection
    path: Path

    # -- estates in bulk ---------------------------------------------------------------

    @translated
    def begin_reading(self) -> None:
        """Start a read transaction: reads until :meth:`end_reading` see the file in one state.

        For a connection that only reads (the viewer's), read in steps from any thread; a
        writer waits meanwhile in rollback-journal mode, as it would for one long query.
        """
        if not self._conn.in_transaction:
            self._conn.execute("BEGIN")

    @translated
    def end_reading(self) -> None:
        """End the read transaction of :meth:`begin_reading` (nothing when there is none)."""
        if self._conn.in_transaction:
            self._conn.execute("COMMIT")

    @translated
    def estate_columns(
        self, columns: Sequence[str], where: Filter | str | list[str] | None = None
    ) -> list[tuple[Any, ...]]:
        """Some columns of every estate (matching ``where``), in file order, as tuples."""
        flt = as_filter(where)
        sql = f"SELECT {_columns(columns, _ESTATE_COLUMNS)} FROM estates WHERE {flt.sql} ORDER BY fid"
        return plain_rows(self._conn, sql, flt.params)

    def estate_column_batches(
        self, columns: Sequence[str], where: Filter | str | list[str] | None = None, size: int = 20_000
    ) -> Iterator[list[tuple[Any, ...]]]:
        """:meth:`estate_columns` a batch of ``size`` rows at a time.

        What the viewer reads 220,000 estates with: each batch is turned into arrays before the
        next is read, so the tuples of one batch at most are held (all of them left 90 MB behind).
        """
        flt = as_filter(where)
        sql = f"SELECT {_columns(columns, _ESTATE_COLUMNS)} FROM estates WHERE {flt.sql} ORDER BY fid"
        cursor = self._conn.cursor()
        cursor.row_factory = None
        try:
            cursor.execute(sql, flt.params)
            while rows := cursor.fetchmany(size):
                yield rows
        except sqlite3.Error as error:
            raise translate(error, self.path) from error

    @translated
    def estate_row(self, code: str) -> dict[str, Any] | None:
        """The stored ``estates`` row of ``code`` as column -> value (``None``: no such estate)."""
        row = self._conn.execute("SELECT * FROM estates WHERE code = ?", (code,)).fetchone()
        return None if row is None else dict(row)

    @translated
    def camera_counts(self) -> dict[str, int]:
        """Estate code -> how many cameras it has (estates without any left out)."""
        counts = dict(plain_rows(self._conn, "SELECT estate_code, count(*) FROM cameras GROUP BY estate_code"))
        if set(map(type, counts)) <= {str}:  # TEXT affinity: codes come back as str (a dict made in C)
            return counts
        return {str(code): int(n) for code, n in counts.items()}

    # -- an estate's child rows --------------------------------------------------------

    @translated
    def child_row(self, table: str, fid: int) -> dict[str, Any] | None:
        """One child row (``contacts``, ``cameras``...) as column -> value, or ``None``."""
        if table not in CHILD_TABLES:
            raise ValueError(f"unknown child table {table!r}")
        row = self._conn.execute(f'SELECT * FROM "{table}" WHERE fid = ?', (fid,)).fetchone()
        return None if row is None else dict(row)

    @translated
    def child_fids(self, table: str, code: str) -> list[int]:
        """The ``fid`` of each row of ``table`` belonging to estate ``code``, in file order."""
        if table not in _ESTATE_CHILDREN:
            raise ValueError(f"unknown child table {table!r}")
        rows = self._conn.execute(f'SELECT fid FROM "{table}" WHERE estate_code = ? ORDER BY fid', (code,))
        return [int(row[0]) for row in rows]

    @translated
    def open_issue_rows(self, code: str) -> list[tuple[Any, ...]]:
        """An estate's resident issues (problem, channel, reported_on, responsible, due_on, state),
        oldest first; ``[]`` for an old file without the ``issues`` table."""
        try:
            rows = self._conn.execute(
                "SELECT problem, channel, reported_on, responsible, due_on, state FROM issues "
                "WHERE estate_code = ? ORDER BY reported_on IS NULL, reported_on, fid",
                (code,),
            ).fetchall()
        except sqlite3.OperationalError:  # a schema-1 file opened read-only has no issues table
            return []
        return [tuple(row) for row in rows]

    # -- administrative areas ----------------------------------------------------------

    @translated
    def admin_areas(self, levels: Sequence[str] | None = None, *, code: str | None = None) -> list[AdminArea]:
        """Administrative areas in file order: all, those of some ``levels``, or the one ``code``."""
        sql, params = "SELECT code, name, level, geom FROM admin_areas WHERE 1", []
        if levels is not None:
            sql += f" AND level IN ({', '.join('?' * len(levels))})"
            params += list(levels)
        if code is not None:
            sql += " AND code = ?"
            params.append(code)
        return [AdminArea(*row) for row in self._conn.execute(sql + " ORDER BY fid", params)]

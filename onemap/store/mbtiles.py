"""The SQLite side of MBTiles basemap files: reading tiles and metadata, writing a new file.

Rows here are TMS rows (counted from the south), as the file stores them; the tile arithmetic,
format checks and the user's sentences live in :mod:`onemap.geo.mbtiles`.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path


class TileFileError(Exception):
    """The file is not a database that can be read (damaged, or not SQLite after all)."""


class TileFile:
    """An MBTiles file opened read-only; safe to share between threads.

    Raises
    ------
    TileFileError
        When SQLite cannot read the file's schema.
    """

    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=False)
        try:
            rows = self._conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
            self.tables = {str(r[0]) for r in rows}
        except sqlite3.DatabaseError:
            self._conn.close()
            raise TileFileError(str(path)) from None

    def _read(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        try:
            with self._lock:
                return [tuple(row) for row in self._conn.execute(sql, params)]
        except sqlite3.DatabaseError as error:
            raise TileFileError(str(error)) from None

    def metadata(self) -> dict[str, str]:
        """The ``metadata`` table as name -> value (``{}`` when the file has none)."""
        if "metadata" not in self.tables:
            return {}
        return {str(k): str(v) for k, v in self._read("SELECT name, value FROM metadata") if v is not None}

    def zoom_range(self) -> tuple[int, int] | None:
        """The lowest and highest zoom level with tiles (``None``: no tiles)."""
        low, high = self._read("SELECT min(zoom_level), max(zoom_level) FROM tiles")[0]
        return None if low is None else (int(low), int(high))  # type: ignore[call-overload]

    def first_tile(self) -> bytes:
        """Any one tile's data (``b""`` when there is none), to tell its format by."""
        rows = self._read("SELECT tile_data FROM tiles LIMIT 1")
        return bytes(rows[0][0]) if rows and rows[0][0] else b""  # type: ignore[call-overload]

    def tile(self, z: int, x: int, tms_row: int) -> bytes | None:
        """The data of one tile addressed as stored (TMS row), or ``None``."""
        rows = self._read(
            "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?", (z, x, tms_row)
        )
        return None if not rows or rows[0][0] is None else bytes(rows[0][0])  # type: ignore[call-overload]

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._conn.close()


def write_tile_file(path: Path, tiles: Iterable[tuple[int, int, int, bytes]], metadata: dict[str, str]) -> int:
    """Write a new MBTiles file from ``(z, x, tms_row, data)``; returns how many tiles were written.

    It is written beside as ``*.partial`` and put in place when complete, so a cancelled build
    leaves no half file under the real name.
    """
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    conn = sqlite3.connect(partial)
    count = 0
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
        conn.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
        conn.execute("CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)")
        conn.executemany("INSERT INTO metadata VALUES (?, ?)", sorted(metadata.items()))
        for z, x, row, data in tiles:
            conn.execute("INSERT OR REPLACE INTO tiles VALUES (?, ?, ?, ?)", (z, x, row, data))
            count += 1
        conn.commit()
    except BaseException:
        conn.close()
        partial.unlink(missing_ok=True)
        raise
    conn.close()
    partial.replace(path)
    return count

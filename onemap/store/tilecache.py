"""The disk cache of a web basemap: an MBTiles file that fills as the user looks, bounded in size.

It is a valid MBTiles file (``metadata`` + ``tiles`` with TMS rows), so a cache copied off a
laptop opens as an ordinary offline basemap; each row also carries ``used`` (a counter, larger
is more recent) and ``bytes``, by which the least recently used tiles go first once the file
holds more than its bound.  Reads mark tiles used in memory and write the marks with the next
insert, so looking at cached tiles costs no disk write per tile.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS metadata (name TEXT PRIMARY KEY, value TEXT)",
    "CREATE TABLE IF NOT EXISTS tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, "
    "tile_data BLOB, used INTEGER NOT NULL DEFAULT 0, bytes INTEGER NOT NULL DEFAULT 0, "
    "PRIMARY KEY (zoom_level, tile_column, tile_row))",
    "CREATE INDEX IF NOT EXISTS tiles_used ON tiles (used)",
)
#: after an eviction the file holds at most this share of its bound, so evictions are not per tile
_LOW_WATER = 0.9


class TileCacheFile:
    """An MBTiles cache opened for reading and writing; safe to share between threads.

    Parameters
    ----------
    path : Path
        The cache file (created with its folder when absent).
    max_bytes : int
        Bound on the tiles' total size; least recently used tiles are evicted beyond it.
    """

    def __init__(self, path: Path, max_bytes: int) -> None:
        self.path = path
        self.max_bytes = max_bytes
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute("PRAGMA synchronous = NORMAL")
        for sql in _SCHEMA:
            self._conn.execute(sql)
        row = self._conn.execute("SELECT coalesce(sum(bytes), 0), coalesce(max(used), 0) FROM tiles").fetchone()
        self.total_bytes, self._clock = int(row[0]), int(row[1])
        self._touched: dict[tuple[int, int, int], int] = {}

    def set_metadata(self, values: dict[str, str]) -> None:
        """Write MBTiles metadata (name, format, attribution ...)."""
        with self._lock:
            self._conn.executemany("INSERT OR REPLACE INTO metadata VALUES (?, ?)", sorted(values.items()))

    def get(self, z: int, x: int, tms_row: int) -> bytes | None:
        """A cached tile (TMS row), marked as just used; ``None`` when not cached."""
        with self._lock:
            row = self._conn.execute(
                "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                (z, x, tms_row),
            ).fetchone()
            if row is None:
                return None
            self._clock += 1
            self._touched[(z, x, tms_row)] = self._clock
            return bytes(row[0])

    def put(self, z: int, x: int, tms_row: int, data: bytes) -> None:
        """Store a tile, then evict the least recently used ones while over the bound."""
        with self._lock:
            self._clock += 1
            self._conn.execute("BEGIN")
            old = self._conn.execute(
                "SELECT bytes FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?", (z, x, tms_row)
            ).fetchone()
            self._conn.execute(
                "INSERT OR REPLACE INTO tiles VALUES (?, ?, ?, ?, ?, ?)", (z, x, tms_row, data, self._clock, len(data))
            )
            self.total_bytes += len(data) - (int(old[0]) if old else 0)
            self._flush_touched()
            if self.total_bytes > self.max_bytes:
                self._evict()
            self._conn.execute("COMMIT")

    def _flush_touched(self) -> None:
        if self._touched:
            self._conn.executemany(
                "UPDATE tiles SET used = ? WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                [(used, *key) for key, used in self._touched.items()],
            )
            self._touched.clear()

    def _evict(self) -> None:
        target = int(self.max_bytes * _LOW_WATER)
        freed, cut = 0, None
        for used, size in self._conn.execute("SELECT used, bytes FROM tiles ORDER BY used"):
            if self.total_bytes - freed <= target:
                break
            freed, cut = freed + int(size), int(used)
        if cut is not None:
            self._conn.execute("DELETE FROM tiles WHERE used <= ?", (cut,))
            self.total_bytes -= freed

    def count(self) -> int:
        """How many tiles the cache holds."""
        with self._lock:
            return int(self._conn.execute("SELECT count(*) FROM tiles").fetchone()[0])

    def cached_tiles(self) -> set[tuple[int, int, int]]:
        """Every cached tile as ``(z, x, tms_row)``."""
        with self._lock:
            return {
                (int(z), int(x), int(y))
                for z, x, y in self._conn.execute("SELECT zoom_level, tile_column, tile_row FROM tiles")
            }

    def close(self) -> None:
        """Write pending marks and close the file (folding the write-ahead log back in)."""
        with self._lock:
            if self._touched:
                self._conn.execute("BEGIN")
                self._flush_touched()
                self._conn.execute("COMMIT")
            # fold the log back in, so a copied cache is one file; another reader may still hold it
            with contextlib.suppress(sqlite3.OperationalError):
                self._conn.execute("PRAGMA journal_mode = DELETE")
            self._conn.close()

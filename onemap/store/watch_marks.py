"""Where the live watch's marks go: cameras, sensors and open alerts as columns, for the map and the 3D scene.

Each read answers with plain numpy columns (one array per field, one row per device or alert),
the shape the views patch and draw from without a Python object per row.  ``geom`` is the
POINT blob of the device's own point, else its estate's (``own`` says which); an alert keeps the
point it was raised at, else its estate's.  Passing estate codes reads only
those estates' rows (a refresh after a change); passing none reads them all (an opening).
Open alerts are the ones still in the handling cycle (not ``closed``, not ``false_alarm``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from onemap.store.opening import translated

#: host parameters per ``IN (…)`` (SQLite before 3.32 allows 999)
_BATCH = 900
#: rows turned into columns at a time (their tuples freed before the next batch is read)
_ROWS_AT_ONCE = 20_000
#: the statuses whose alerts are no longer drawn
FINAL_STATUSES = ("closed", "false_alarm")

Columns = dict[str, np.ndarray]

# the estate's point only where the device has none (COALESCE runs the subquery only then): a join
# for every row took 0.35 s on 50,945 cameras, this 0.22 s
_ESTATE_POINT = "(SELECT e.geom FROM estates e WHERE e.code = {t}.estate_code)"
_CAMERAS = (
    "SELECT c.fid, c.estate_code, c.name, c.kind, c.gb_id, c.geom IS NOT NULL, "
    f"COALESCE(c.geom, {_ESTATE_POINT.format(t='c')}) FROM cameras c WHERE 1"
)
_SENSORS = (
    "SELECT s.fid, s.estate_code, s.name, s.kind, s.imei, s.device_id, s.status, s.geom IS NOT NULL, "
    f"COALESCE(s.geom, {_ESTATE_POINT.format(t='s')}) FROM sensors s WHERE 1"
)
_ALERTS = (
    "SELECT a.fid, a.estate_code, e.name, a.device_kind, a.device_fid, a.device, a.type, a.level, a.status, "
    "a.count, a.value, a.first_time, a.last_time, a.cleared_time, a.geom IS NOT NULL, COALESCE(a.geom, e.geom) "
    "FROM alerts a LEFT JOIN estates e ON e.code = a.estate_code "
    f"WHERE a.status NOT IN ({', '.join(repr(s) for s in FINAL_STATUSES)})"
)
CAMERA_FIELDS = ("fid", "estate_code", "name", "kind", "gb_id", "own")
SENSOR_FIELDS = ("fid", "estate_code", "name", "kind", "imei", "device_id", "status", "own")
ALERT_FIELDS = (
    "fid",
    "estate_code",
    "estate_name",
    "device_kind",
    "device_fid",
    "device",
    "type",
    "level",
    "status",
    "count",
    "value",
    "first_time",
    "last_time",
    "cleared_time",
    "own",
)
_INTS = frozenset(("fid", "device_fid", "level", "count"))
_FLOATS = frozenset(("value",))
#: text with a value of its own per device: numpy strings made a batch at a time, never a ``str`` object
#: a row (562,537 cameras' 20-digit GB/T 28181 IDs were 43 MB as objects); a missing value is ``None``
_UNIQUE_TEXT = frozenset(("gb_id", "imei", "device_id"))
_TEXT = np.dtypes.StringDType(na_object=None)


def columns_of(rows: list[tuple[Any, ...]], fields: tuple[str, ...]) -> Columns:
    """Rows of ``(*fields, geom)`` as columns; ``geom`` stays the POINT blobs (parsed in bulk by the view)."""
    return _Gather((*fields, "geom")).add(rows).columns()


class _Gather:
    """Columns built a batch of rows at a time, each repeated text held once.

    A big county's cameras (562,537) read as one list of tuples, with a ``str`` per cell, took
    345 MB of which half stayed fragmented; here a batch's tuples go before the next is read,
    and a text repeated down a column (the kind, a device name, the estate's code) is one object.
    """

    def __init__(self, names: tuple[str, ...]) -> None:
        self.names = names
        self.parts: list[list[np.ndarray]] = [[] for _ in names]
        self.pools: list[dict[Any, Any] | None] = [
            None if name == "geom" or name in _UNIQUE_TEXT else {} for name in names
        ]

    def add(self, rows: list[tuple[Any, ...]]) -> _Gather:
        """Take one batch of rows."""
        if not rows:
            return self
        for i, (name, column) in enumerate(zip(self.names, zip(*rows, strict=True), strict=True)):
            pool = self.pools[i]
            known = len(pool or ())
            self.parts[i].append(_column(name, column, pool))
            if pool is not None and len(pool) - known > len(rows) // 2:  # mostly new values (device ids): no pool
                self.pools[i] = None
        return self

    def columns(self) -> Columns:
        """The columns of every batch taken."""
        out: Columns = {}
        for name, parts in zip(self.names, self.parts, strict=True):
            out[name] = np.concatenate(parts) if parts else _column(name, (), None)
        return out


def _column(name: str, column: tuple[Any, ...], pool: dict[Any, Any] | None) -> np.ndarray:
    if name in _INTS:
        return np.array([-1 if v is None else v for v in column], dtype=np.int64)
    if name in _FLOATS:
        return np.array([np.nan if v is None else v for v in column], dtype=np.float64)
    if name == "own":
        return np.array(column, dtype=bool)
    if name in _UNIQUE_TEXT:
        return np.array(column, dtype=_TEXT)
    out = np.empty(len(column), dtype=object)
    out[:] = column if pool is None else [pool.setdefault(v, v) for v in column]
    return out


class WatchMarkReads:
    """Read methods of :class:`~onemap.store.inventory.Inventory` for the live watch's map marks."""

    _conn: sqlite3.Connection

    def _has_table(self, name: str) -> bool:
        sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
        return self._conn.execute(sql, (name,)).fetchone() is not None

    def _marks(self, table: str, sql: str, fields: tuple[str, ...], codes: Iterable[str] | None, key: str) -> Columns:
        gather = _Gather((*fields, "geom"))
        if self._has_table(table):
            for clause, params in _by_codes(sql, codes, key):
                cursor = self._conn.cursor()
                cursor.row_factory = None
                cursor.execute(clause, params)
                while rows := cursor.fetchmany(_ROWS_AT_ONCE):
                    gather.add(rows)
        return gather.columns()

    @translated
    def camera_marks(self, codes: Iterable[str] | None = None) -> Columns:
        """Every camera (of ``codes`` when given), ordered by estate then fid: ``fid``, ``estate_code``,
        ``name``, ``kind``, ``gb_id``, ``own`` (it has a point of its own), ``geom``.  No link:
        a link may have held a login."""
        return self._marks("cameras", _CAMERAS, CAMERA_FIELDS, codes, "c.estate_code")

    @translated
    def sensor_marks(self, codes: Iterable[str] | None = None) -> Columns:
        """Every sensor (of ``codes`` when given): ``fid``, ``estate_code``, ``name``, ``kind``,
        ``imei``, ``device_id``, ``status``, ``own``, ``geom``."""
        return self._marks("sensors", _SENSORS, SENSOR_FIELDS, codes, "s.estate_code")

    @translated
    def open_alert_marks(self, codes: Iterable[str] | None = None) -> Columns:
        """Every alert still in the handling cycle (of ``codes`` when given), by estate then fid, with its
        estate's name; times as stored (UTC text)."""
        return self._marks("alerts", _ALERTS, ALERT_FIELDS, codes, "a.estate_code")


def _by_codes(sql: str, codes: Iterable[str] | None, key: str) -> Iterator[tuple[str, list[str]]]:
    """The query for every row, or for the rows of ``codes`` in batches."""
    order = f" ORDER BY {key}, 1"
    if codes is None:
        yield sql + order, []
        return
    wanted = sorted(set(codes))
    for start in range(0, len(wanted), _BATCH):
        batch = wanted[start : start + _BATCH]
        yield sql + f" AND {key} IN ({', '.join('?' for _ in batch)})" + order, batch

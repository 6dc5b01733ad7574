"""The live watch's reads from a shared inventory: cameras, sensors and open alerts of the part on show.

The same answers as the file's (:mod:`onemap.store.watch_marks`, :mod:`onemap.store.alerts_reads`):
columns with POINT blobs for the map marks, :class:`~onemap.store.alerts_reads.AlertRow` for the
alert list.  Every value is a parameter; row-level security keeps a login to the rows it may
read, and the county scope of :class:`~onemap.store.server.viewreads.ServerView` keeps the read
to the county on show.  Read-only: the alert handling cycle is not run from a server session.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from onemap.store.alerts_reads import AlertRow
from onemap.store.rows import point_blob
from onemap.store.watch_marks import ALERT_FIELDS, CAMERA_FIELDS, FINAL_STATUSES, SENSOR_FIELDS, Columns, columns_of


def _located(columns: str, table: str, t: str) -> str:
    """``SELECT columns`` plus the row's own point, else its estate's, as two numbers (made into blobs here)."""
    point = f"COALESCE({t}.geom, e.geom)"
    join = f"LEFT JOIN estates e ON e.code = {t}.estate_code"
    return f"SELECT {columns}, ST_X({point}), ST_Y({point}) FROM {table} {t} {join}"


_CAMERAS = _located("c.fid, c.estate_code, c.name, c.kind, c.gb_id, c.geom IS NOT NULL", "cameras", "c")
_SENSORS = _located(
    "s.fid, s.estate_code, s.name, s.kind, s.imei, s.device_id, s.status, s.geom IS NOT NULL", "sensors", "s"
)
_ALERT_MARKS = _located(
    "a.fid, a.estate_code, e.name, a.device_kind, a.device_fid, a.device, a.type, a.level, a.status, "
    "a.count, a.value, a.first_time, a.last_time, a.cleared_time, a.geom IS NOT NULL",
    "alerts",
    "a",
)
_ALERT_ROWS = _located(
    "a.fid, a.estate_code, e.name, e.township, a.device_kind, a.device_fid, a.device, a.type, a.level, "
    "a.value, a.first_time, a.last_time, a.cleared_time, a.count, a.status, a.source",
    "alerts",
    "a",
)
_ALERT_FIELDS = tuple(AlertRow.__dataclass_fields__)[:16]


def _with_points(rows: Iterable[Sequence[Any]]) -> list[tuple[Any, ...]]:
    """Rows ending in ``x, y`` as rows ending in the POINT blob (None where there is no point)."""
    return [(*r[:-2], None if r[-2] is None else point_blob((r[-2], r[-1]))) for r in rows]


class ServerWatchReads:
    """Read methods of :class:`~onemap.store.server.viewreads.ServerView` for the live watch."""

    _conn: Any
    _scope: Callable[..., tuple[str, list[Any]]]

    def _watch_rows(self, sql: str, t: str, codes: Iterable[str] | None, extra: str = "TRUE", params: Any = ()) -> Any:
        scope, scoped = self._scope(f"{t}.estate_code", None)
        query = f"{sql} WHERE {scope} AND {extra}"
        values = [*scoped, *params]
        if codes is not None:
            query += f" AND {t}.estate_code = ANY(%s)"
            values.append(sorted(set(codes)))
        return query, values

    def _marks(self, sql: str, t: str, fields: tuple[str, ...], codes: Iterable[str] | None, **kw: Any) -> Columns:
        query, values = self._watch_rows(sql, t, codes, **kw)
        rows = self._conn.execute(query + f" ORDER BY {t}.estate_code, {t}.fid", values).fetchall()
        return columns_of(_with_points(rows), fields)

    def camera_marks(self, codes: Iterable[str] | None = None) -> Columns:
        """The cameras on show (of ``codes`` when given), as the file's ``camera_marks`` gives them (no link)."""
        return self._marks(_CAMERAS, "c", CAMERA_FIELDS, codes)

    def sensor_marks(self, codes: Iterable[str] | None = None) -> Columns:
        """The sensors on show (of ``codes`` when given), as the file's ``sensor_marks``."""
        return self._marks(_SENSORS, "s", SENSOR_FIELDS, codes)

    def open_alert_marks(self, codes: Iterable[str] | None = None) -> Columns:
        """The alerts on show still in the handling cycle, as the file's ``open_alert_marks``."""
        final = "a.status <> ALL(%s)"
        return self._marks(_ALERT_MARKS, "a", ALERT_FIELDS, codes, extra=final, params=[list(FINAL_STATUSES)])

    def alert_rows(
        self,
        *,
        since: str | None = None,
        statuses: Sequence[str] = (),
        types: Sequence[str] = (),
        estate: str | None = None,
        township: str | None = None,
        limit: int | None = 500,
    ) -> list[AlertRow]:
        """The alerts on show whose last event came at or after ``since``, filtered, newest first (as the file's)."""
        clauses, params = ["TRUE"], list[Any]()
        if since is not None:
            clauses.append("a.last_time >= %s")
            params.append(since)
        for column, values in (("a.status", statuses), ("a.type", types)):
            if values:
                clauses.append(f"{column} = ANY(%s)")
                params.append(list(values))
        for column, value in (("a.estate_code", estate), ("e.township", township)):
            if value is not None:
                clauses.append(f"{column} = %s")
                params.append(value)
        query, values = self._watch_rows(_ALERT_ROWS, "a", None, " AND ".join(clauses), params)
        query += " ORDER BY a.last_time DESC, a.fid DESC"
        if limit is not None:
            query += " LIMIT %s"
            values.append(int(limit))
        rows = self._conn.execute(query, values).fetchall()
        return [
            AlertRow(
                **dict(zip(_ALERT_FIELDS, r[:16], strict=True)), location=None if r[16] is None else (r[16], r[17])
            )
            for r in rows
        ]

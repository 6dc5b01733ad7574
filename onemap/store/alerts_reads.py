"""Reading alerts from the inventory: one row, a filtered list, an episode, pictures, payloads, steps.

The questions the alert book (:mod:`onemap.watch.alerts`), the viewer and the reports ask of the
``alerts``, ``alert_steps`` and ``alert_pictures`` tables; the writes are
:class:`~onemap.store.alerts.AlertStore`'s.  Times are GeoPackage DATETIME text (UTC, ``…Z``),
so comparing text compares time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from onemap.store.opening import translated
from onemap.store.rows import location_of

_COLUMNS = (
    "a.fid, a.estate_code, e.name, e.township, a.device_kind, a.device_fid, a.device, a.type, a.level, a.value, "
    "a.first_time, a.last_time, a.cleared_time, a.count, a.status, a.source, a.geom"
)
_FROM = f"SELECT {_COLUMNS} FROM alerts a LEFT JOIN estates e ON e.code = a.estate_code "


@dataclass(frozen=True)
class AlertRow:
    """One ``alerts`` row with its estate's name and township; times as stored (UTC text)."""

    fid: int
    estate_code: str
    estate_name: str | None
    township: str | None
    device_kind: str
    device_fid: int | None
    device: str
    type: str
    level: int
    value: float | None
    first_time: str
    last_time: str
    cleared_time: str | None
    count: int
    status: str
    source: str | None
    location: tuple[float, float] | None


@dataclass(frozen=True)
class AlertStep:
    """One move of the handling cycle: from, to, who, when (UTC text), note."""

    alert_id: int
    from_status: str | None
    to_status: str
    who: str
    at: str
    note: str | None


_FIELDS = tuple(AlertRow.__dataclass_fields__)[:16]


def _row(row: Any) -> AlertRow:
    return AlertRow(**dict(zip(_FIELDS, row[:16], strict=True)), location=location_of(row[16]))


class AlertReads:
    """The read half of :class:`~onemap.store.alerts.AlertStore`."""

    _conn: sqlite3.Connection

    @translated
    def open_alert(
        self, device_kind: str, device_fid: int, type_: str, since: str, statuses: Sequence[str]
    ) -> AlertRow | None:
        """The newest alert of this device and type still in an open episode (not cleared, status in
        ``statuses``) whose last event came at or after ``since``, or None."""
        marks = ", ".join("?" for _ in statuses)
        row = self._conn.execute(
            _FROM + "WHERE a.device_kind = ? AND a.device_fid = ? AND a.type = ? AND a.last_time >= ? "
            f"AND a.cleared_time IS NULL AND a.status IN ({marks}) ORDER BY a.fid DESC LIMIT 1",
            (device_kind, device_fid, type_, since, *statuses),
        ).fetchone()
        return None if row is None else _row(row)

    @translated
    def episode_alert(
        self, device_kind: str, device_fid: int, type_: str, at: str, window: tuple[str, str], statuses: Sequence[str]
    ) -> AlertRow | None:
        """The alert of this device and type whose episode an event at ``at`` belongs to, or None.

        ``window`` is (``at`` − fold window, ``at`` + fold window).  An episode still going on
        (not cleared) takes events from its first time − window to its last time + window; a
        cleared one only events up to its clear (one that arrived late), so events after a
        clear open a new episode.  Only alerts whose status is in ``statuses``; the episode
        that already spans ``at`` first, else the newest.
        """
        marks = ", ".join("?" for _ in statuses)
        early, late = window
        row = self._conn.execute(
            _FROM + "WHERE a.device_kind = ? AND a.device_fid = ? AND a.type = ? AND a.first_time <= ? "
            "AND ((a.cleared_time IS NULL AND a.last_time >= ?) OR a.cleared_time >= ?) "
            f"AND a.status IN ({marks}) "
            "ORDER BY (a.first_time <= ? AND ? <= COALESCE(a.cleared_time, a.last_time)) DESC, a.fid DESC LIMIT 1",
            (device_kind, device_fid, type_, late, early, at, *statuses, at, at),
        ).fetchone()
        return None if row is None else _row(row)

    @translated
    def alert_picture_count(self, alert_id: int) -> int:
        """How many pictures an alert has."""
        sql = "SELECT count(*) FROM alert_pictures WHERE alert_id = ?"
        return int(self._conn.execute(sql, (alert_id,)).fetchone()[0])

    @translated
    def alert_pictures(self, alert_id: int) -> list[tuple[str, bytes]]:
        """An alert's pictures: ``(taken_at, JPEG bytes)`` in the order they came."""
        rows = self._conn.execute(
            "SELECT taken_at, picture FROM alert_pictures WHERE alert_id = ? ORDER BY fid", (alert_id,)
        )
        return [(row[0], bytes(row[1])) for row in rows]

    @translated
    def alerts_mark(self) -> tuple[int | None, str | None]:
        """The newest alert's row number and the latest event time in the file (two index look-ups).

        Unchanged since a look, no alert was added and no event folded into one since: the
        viewer's look for new alerts after another write (its own edits among them) can stop here.
        """
        row = self._conn.execute("SELECT (SELECT max(fid) FROM alerts), (SELECT max(last_time) FROM alerts)").fetchone()
        return row[0], row[1]

    @translated
    def alert_row(self, fid: int) -> AlertRow | None:
        """One alert, or None."""
        row = self._conn.execute(_FROM + "WHERE a.fid = ?", (fid,)).fetchone()
        return None if row is None else _row(row)

    @translated
    def alert_raws(self, fid: int) -> tuple[bytes | None, bytes | None]:
        """The raw payloads of an alert's first and last event."""
        row = self._conn.execute("SELECT first_raw, last_raw FROM alerts WHERE fid = ?", (fid,)).fetchone()
        return (None, None) if row is None else (row[0], row[1])

    @translated
    def alert_steps(self, fid: int) -> list[AlertStep]:
        """An alert's handling steps, oldest first."""
        rows = self._conn.execute(
            "SELECT alert_id, from_status, to_status, who, at, note FROM alert_steps WHERE alert_id = ? ORDER BY fid",
            (fid,),
        )
        return [AlertStep(*row) for row in rows]

    @translated
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
        """Alerts whose last event came at or after ``since`` (UTC text), filtered, newest first.

        A file from before the live watch, read without migrating it, has none.
        """
        if not self._conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alerts'").fetchone():
            return []
        clauses, params = ["1"], []
        if since is not None:
            clauses.append("a.last_time >= ?")
            params.append(since)
        for column, values in (("a.status", statuses), ("a.type", types)):
            if values:
                clauses.append(f"{column} IN ({', '.join('?' for _ in values)})")
                params.extend(values)
        for column, value in (("a.estate_code", estate), ("e.township", township)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        sql = _FROM + f"WHERE {' AND '.join(clauses)} ORDER BY a.last_time DESC, a.fid DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_row(row) for row in self._conn.execute(sql, params)]

"""Alerts for reports: many estates' alerts of a period at once, with how long handling took.

A briefing asks, for a sheet or for a whole packet's 500 estates, which alerts were going on
in a window and when each was first accepted (签收) and settled (办结 or 误报).  One query
answers it for any number of estates (codes go in as one JSON array, not one query each),
the step times coming from ``alert_steps`` in the same statement.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from onemap.store.alerts_reads import _COLUMNS, AlertRow, _row
from onemap.store.opening import translated

#: statuses that settle an alert (the handling cycle's final ones; see ``onemap.watch.cycle``)
SETTLED = ("closed", "false_alarm")
_STEP_TIMES = (
    ", (SELECT min(s.at) FROM alert_steps s WHERE s.alert_id = a.fid AND s.to_status = 'accepted')"
    ", (SELECT min(s.at) FROM alert_steps s WHERE s.alert_id = a.fid AND s.to_status IN ('closed', 'false_alarm')) "
)


@dataclass(frozen=True)
class HandledAlert:
    """An alert with the time it was first accepted and the time it was settled (UTC text, or None)."""

    alert: AlertRow
    accepted_at: str | None
    settled_at: str | None


def _codes_clause(codes: Sequence[str] | None) -> tuple[str, list[Any]]:
    if codes is None:
        return "", []
    return " AND a.estate_code IN (SELECT value FROM json_each(?))", [json.dumps(list(codes), ensure_ascii=False)]


class AlertReportReads:
    """Set-based alert reads of :class:`~onemap.store.inventory.Inventory` for briefings."""

    _conn: sqlite3.Connection
    path: Path

    def _has(self, table: str) -> bool:
        sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
        return self._conn.execute(sql, (table,)).fetchone() is not None

    @translated
    def handled_alerts(self, codes: Sequence[str] | None, since: str, until: str) -> list[HandledAlert]:
        """Alerts of the estates ``codes`` (None: every estate) going on between ``since`` and ``until``.

        Parameters
        ----------
        codes : sequence of str or None
            Estate codes, any number (one statement); None for the whole file.
        since, until : str
            UTC DATETIME text; an alert counts when its last event came at or after ``since``
            and its first before ``until``.

        Returns
        -------
        list of HandledAlert
            Newest first (by first event), each with its first ``accepted`` step and its first
            settling step (``closed`` or ``false_alarm``).  [] for a file without alerts.
        """
        if not self._has("alerts"):
            return []
        where, params = _codes_clause(codes)
        sql = (
            f"SELECT {_COLUMNS}{_STEP_TIMES}FROM alerts a LEFT JOIN estates e ON e.code = a.estate_code "
            f"WHERE a.last_time >= ? AND a.first_time < ?{where} ORDER BY a.first_time DESC, a.fid DESC"
        )
        rows = self._conn.execute(sql, [since, until, *params]).fetchall()
        return [HandledAlert(_row(row[:-2]), row[-2], row[-1]) for row in rows]

    @translated
    def unsettled_alert_count(self, codes: Sequence[str] | None, before: str) -> int:
        """How many alerts of ``codes`` (None: all) that began before ``before`` are not settled, whenever
        they began."""
        if not self._has("alerts"):
            return 0
        where, params = _codes_clause(codes)
        sql = f"SELECT count(*) FROM alerts a WHERE a.status NOT IN (?, ?) AND a.first_time < ?{where}"
        return int(self._conn.execute(sql, [*SETTLED, before, *params]).fetchone()[0])

    @translated
    def sensor_statuses(self, code: str) -> list[tuple[str | None, Counter[str | None]]]:
        """An estate's sensors by kind (燃气探测器 …), each with its count per status; kinds in file order."""
        if not self._has("sensors"):
            return []
        rows = self._conn.execute(
            "SELECT kind, status, count(*), min(fid) FROM sensors WHERE estate_code = ? GROUP BY kind, status "
            "ORDER BY min(fid)",
            (code,),
        )
        kinds: dict[str | None, Counter[str | None]] = {}
        for kind, status, count, _first in rows:
            kinds.setdefault(kind, Counter())[status] += count
        return list(kinds.items())

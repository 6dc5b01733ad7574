"""Dispatch sends in the inventory (``dispatch_sends``, created by ``db/migrations/0006_dispatch_sends.sql``).

One row per alert and escalation step in each send attempt, with its result.  The store
keeps and answers; what a row means for escalation (which step was told, which SMS OutId
must never go out again) is :mod:`onemap.watch.dispatch.ledger`'s business.  Recipients
arrive masked and error texts pass :func:`onemap.cameras.strip_secrets` once more here, so a
credential cannot reach the file even if a channel let one through.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass, fields

from onemap.cameras import strip_secrets
from onemap.store.audit import AuditTrail
from onemap.store.opening import translated

_DETAIL_CHARS = 300


@dataclass(frozen=True)
class DispatchSend:
    """One ``dispatch_sends`` row; times are UTC text (``2026-01-01T00:00:00Z``)."""

    alert_id: int
    step: int
    roles: str
    channel: str
    kind: str
    recipients: str
    attempt: int
    at: str
    result: str
    merged: int = 1
    code: str = ""
    provider_id: str = ""
    out_id: str = ""
    retry_at: str = ""
    detail: str = ""


_NAMES = tuple(f.name for f in fields(DispatchSend))
_SELECT = f"SELECT {', '.join(_NAMES)} FROM dispatch_sends "


def _send(row: Sequence[object]) -> DispatchSend:
    values = [("" if v is None else v) for v in row]
    return DispatchSend(*values)  # type: ignore[arg-type]


class DispatchSendStore:
    """The dispatch half of :class:`~onemap.store.inventory.Inventory`; writes run inside its transaction."""

    _conn: sqlite3.Connection
    audit: AuditTrail

    def _has_sends(self) -> bool:
        sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'dispatch_sends'"
        return self._conn.execute(sql).fetchone() is not None

    def add_dispatch_sends(self, sends: Iterable[DispatchSend]) -> int:
        """Keep sends (one audit row each, naming channel and result); how many were written."""
        count = 0
        marks = ", ".join("?" for _ in _NAMES)
        for send in sends:
            values = list(astuple(send))
            values[_NAMES.index("detail")] = (strip_secrets(send.detail) or "")[:_DETAIL_CHARS]
            row = [None if v == "" else v for v in values]
            self._conn.execute(f"INSERT INTO dispatch_sends ({', '.join(_NAMES)}) VALUES ({marks})", row)
            key = f"alerts/{send.alert_id}"
            self.audit.record("insert", "dispatch_sends", key, "result", None, f"{send.channel} {send.result}")
            count += 1
        return count

    @translated
    def dispatch_sends(self, alert_ids: Sequence[int] | None = None) -> list[DispatchSend]:
        """Sends of these alerts (all alerts when None), oldest first; none in a file before schema 6."""
        if not self._has_sends():
            return []
        if alert_ids is None:
            return [_send(r) for r in self._conn.execute(_SELECT + "ORDER BY fid")]
        found: list[DispatchSend] = []
        ids = list(alert_ids)
        for start in range(0, len(ids), 500):  # SQLite's parameter limit
            chunk = ids[start : start + 500]
            sql = _SELECT + f"WHERE alert_id IN ({', '.join('?' for _ in chunk)}) ORDER BY fid"
            found += [_send(r) for r in self._conn.execute(sql, chunk)]
        return sorted(found, key=lambda s: (s.at, s.alert_id))

    @translated
    def dispatch_sends_of_open_alerts(self, statuses: Sequence[str]) -> list[DispatchSend]:
        """Sends of the alerts whose status is one of ``statuses`` (escalation to resume), oldest first."""
        if not self._has_sends():
            return []
        sql = _SELECT + (
            f"WHERE alert_id IN (SELECT fid FROM alerts WHERE status IN ({', '.join('?' for _ in statuses)})) "
            "ORDER BY fid"
        )
        return [_send(r) for r in self._conn.execute(sql, list(statuses))]

    @translated
    def dispatched_alert_ids(self) -> set[int]:
        """Every alert that has at least one send (its first step was told)."""
        if not self._has_sends():
            return set()
        return {int(r[0]) for r in self._conn.execute("SELECT DISTINCT alert_id FROM dispatch_sends")}

    @translated
    def settled_out_ids(self, channel: str, results: Sequence[str]) -> dict[str, tuple[str, str, str]]:
        """OutId -> (result, code, provider id) of a channel's sends that ended in one of ``results``."""
        if not self._has_sends():
            return {}
        sql = (
            "SELECT out_id, result, code, provider_id FROM dispatch_sends WHERE channel = ? AND out_id IS NOT NULL "
            f"AND result IN ({', '.join('?' for _ in results)}) ORDER BY fid"
        )
        rows = self._conn.execute(sql, [channel, *results])
        return {str(r[0]): (str(r[1]), str(r[2] or ""), str(r[3] or "")) for r in rows}

    @translated
    def alert_statuses(self, alert_ids: Sequence[int]) -> dict[int, str]:
        """alert id -> its handling status now (an alert deleted meanwhile is left out)."""
        found: dict[int, str] = {}
        ids = list(alert_ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            sql = f"SELECT fid, status FROM alerts WHERE fid IN ({', '.join('?' for _ in chunk)})"
            found.update({int(r[0]): str(r[1]) for r in self._conn.execute(sql, chunk)})
        return found

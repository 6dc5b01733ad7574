"""Alerts in the inventory: insert, fold, clear, advance, picture and query (``alerts``, ``alert_steps``,
``alert_pictures``, created by ``db/migrations/0005_live_watch.sql``).

The store keeps rows and answers questions; what folds into what and which status may follow
which is :mod:`onemap.watch.alerts`' business.  Times are GeoPackage DATETIME text (UTC,
``…Z``), so comparing text compares time.  Raw payloads and pictures never enter the audit
trail: their size does.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from onemap.cameras import strip_secrets
from onemap.store.alerts_reads import AlertReads, AlertStep
from onemap.store.alerts_reads import AlertRow as AlertRow  # where the rest of OneMap imports it from
from onemap.store.audit import AuditTrail, timestamp
from onemap.store.rows import point_blob
from onemap.store.sensors import extend_extent

#: the largest raw payload kept (a pushed XML or JSON is a few kB; a flood of them must not bloat the file)
RAW_LIMIT = 64 * 1024


def kept_raw(raw: bytes | None) -> bytes | None:
    """A payload as the file keeps it: cut to :data:`RAW_LIMIT`, any credential in its text stripped."""
    if not raw:
        return None
    raw = bytes(raw[:RAW_LIMIT])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw
    return (strip_secrets(text) or "").encode("utf-8")


class AlertStore(AlertReads):
    """The alert half of :class:`~onemap.store.inventory.Inventory`; writes run inside its transaction."""

    _conn: sqlite3.Connection
    audit: AuditTrail
    path: Path

    def insert_alert(self, values: dict[str, Any], location: tuple[float, float] | None) -> int:
        """A new alert (``values``: the alerts columns; raws are kept by :func:`kept_raw`), audited."""
        values = {**values, "geom": point_blob(location)}
        for name in ("first_raw", "last_raw"):
            values[name] = kept_raw(values.get(name))
        names = ", ".join(f'"{k}"' for k in values)
        cursor = self._conn.execute(
            f"INSERT INTO alerts ({names}) VALUES ({', '.join('?' for _ in values)})", list(values.values())
        )
        fid = int(cursor.lastrowid or 0)
        shown = {k: (f"{len(v)} bytes" if k.endswith("_raw") and v else v) for k, v in values.items()}
        self.audit.record_row("insert", "alerts", f"alerts/{fid}", shown)
        extend_extent(self._conn, "alerts", location)
        return fid

    def fold_alert_events(
        self, fid: int, added: int, span: tuple[str, str], level: int, value: float | None, raw: bytes | None
    ) -> None:
        """``added`` more events of an alert (:mod:`onemap.watch.episodes` followed them): count, the
        episode's (first, last) ``span`` as it now is, the most severe level, the newest value and
        payload (None keeps the stored one).  A counter, not a change of record: not audited."""
        self._conn.execute(
            "UPDATE alerts SET count = count + ?, first_time = min(first_time, ?), last_time = max(last_time, ?), "
            "level = min(level, ?), value = COALESCE(?, value), last_raw = COALESCE(?, last_raw) WHERE fid = ?",
            (added, span[0], span[1], level, value, kept_raw(raw), fid),
        )

    def clear_alert(self, fid: int, at: str, raw: bytes | None) -> None:
        """The device said the alarm ended: the episode closes (``cleared_time``), audited."""
        self._conn.execute(
            "UPDATE alerts SET cleared_time = ?, last_time = max(last_time, ?), last_raw = COALESCE(?, last_raw) "
            "WHERE fid = ?",
            (at, at, kept_raw(raw), fid),
        )
        self.audit.record("update", "alerts", f"alerts/{fid}", "cleared_time", None, at)

    def set_alert_status(self, fid: int, old: str, new: str, who: str, note: str | None) -> AlertStep | None:
        """Move an alert from ``old`` to ``new`` and record the step, both audited under ``who``.

        Returns None, writing nothing, when the alert is no longer ``old`` (someone moved it first).
        """
        cursor = self._conn.execute("UPDATE alerts SET status = ? WHERE fid = ? AND status = ?", (new, fid, old))
        if cursor.rowcount != 1:
            return None
        step = AlertStep(fid, old, new, who, timestamp(), strip_secrets(note or "") or None)
        self._conn.execute(
            "INSERT INTO alert_steps (alert_id, from_status, to_status, who, at, note) VALUES (?,?,?,?,?,?)",
            (step.alert_id, step.from_status, step.to_status, step.who, step.at, step.note),
        )
        trail = AuditTrail(self._conn, who)
        trail.record("update", "alerts", f"alerts/{fid}", "status", old, new)
        if step.note:
            trail.record("update", "alerts", f"alerts/{fid}", "note", None, step.note)
        return step

    def add_alert_picture(self, alert_id: int, jpeg: bytes, taken_at: str) -> int:
        """Keep a picture of an alert; audited by its size."""
        cursor = self._conn.execute(
            "INSERT INTO alert_pictures (alert_id, taken_at, picture) VALUES (?,?,?)", (alert_id, taken_at, jpeg)
        )
        fid = int(cursor.lastrowid or 0)
        self.audit.record("insert", "alert_pictures", f"alerts/{alert_id}", "picture", None, f"{len(jpeg)} bytes")
        return fid

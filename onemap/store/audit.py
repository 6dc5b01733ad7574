"""The audit trail: who changed which field of which row, from what, to what, when."""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from onemap.cameras import strip_secrets
from onemap.store.geometry import decode


def default_user() -> str:
    """The OS user name (``ONEMAP_USER`` overrides it, as the settings' user name does)."""
    name = os.environ.get("ONEMAP_USER")
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers) or no login name (services)
        return "unknown"


def timestamp() -> str:
    """Now, as a GeoPackage DATETIME (UTC, millisecond ``Z`` form)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def as_text(value: Any) -> str | None:
    """A value as the audit trail records it (geometry as WKT, numbers as written)."""
    if value is None:
        return None
    if isinstance(value, bytes):
        geom = decode(value)
        return None if geom is None else geom.wkt
    # the trail outlives the field: a password cleared from notes must not live on here
    return strip_secrets(str(value))


@dataclass(frozen=True)
class AuditEntry:
    """One recorded change."""

    at: str
    who: str
    action: str
    table_name: str
    row_key: str | None
    field: str | None
    old_value: str | None
    new_value: str | None


class AuditTrail:
    """Writes audit rows on the caller's connection, inside the caller's transaction."""

    def __init__(self, conn: sqlite3.Connection, who: str) -> None:
        self._conn = conn
        self.who = who

    def record(
        self, action: str, table: str, key: Any, field: str | None = None, old: Any = None, new: Any = None
    ) -> None:
        """Record one change (``action`` is insert, update, delete or bulk)."""
        self._conn.execute(
            "INSERT INTO audit_log (at, who, action, table_name, row_key, field, old_value, new_value)"
            " VALUES (?,?,?,?,?,?,?,?)",
            (
                timestamp(),
                self.who,
                action,
                table,
                None if key is None else str(key),
                field,
                as_text(old),
                as_text(new),
            ),
        )

    def record_row(self, action: str, table: str, key: Any, values: dict[str, Any]) -> None:
        """Record a whole inserted or deleted row, its values as JSON."""
        text = json.dumps(
            {k: as_text(v) for k, v in values.items() if v is not None}, ensure_ascii=False, sort_keys=True
        )
        old, new = (text, None) if action == "delete" else (None, text)
        self.record(action, table, key, None, old, new)

    def record_rows(self, action: str, table: str, rows: list[tuple[str, dict[str, Any]]]) -> None:
        """Record many inserted or deleted rows at once (``(key, values)`` pairs, values as JSON)."""
        now = timestamp()
        texts = [
            (
                key,
                json.dumps(
                    {k: as_text(v) for k, v in values.items() if v is not None}, ensure_ascii=False, sort_keys=True
                ),
            )
            for key, values in rows
        ]
        self._conn.executemany(
            "INSERT INTO audit_log (at, who, action, table_name, row_key, field, old_value, new_value)"
            " VALUES (?,?,?,?,?,?,?,?)",
            [
                (
                    now,
                    self.who,
                    action,
                    table,
                    key,
                    None,
                    text if action == "delete" else None,
                    None if action == "delete" else text,
                )
                for key, text in texts
            ],
        )

    def entries(self, table: str | None = None, key: str | None = None, limit: int = 50) -> list[AuditEntry]:
        """The latest entries, newest first, optionally for one table and row key."""
        sql = "SELECT at, who, action, table_name, row_key, field, old_value, new_value FROM audit_log"
        clauses, params = [], []
        if table is not None:
            clauses.append("table_name = ?")
            params.append(table)
        if key is not None:
            clauses.append("row_key = ?")
            params.append(key)
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY fid DESC LIMIT ?"
        return [AuditEntry(*row) for row in self._conn.execute(sql, (*params, limit))]


# rows worth a closer look: LIKE is case-insensitive for ASCII, so this finds PASSWORD= too
_SUSPECT = ("密码", "口令", "密钥", "秘钥", "pass", "pwd", "token", "secret", "key", "auth", "@")


def scrub_secrets(conn: sqlite3.Connection) -> int:
    """Remove credentials from audit rows already in the file; returns how many rows changed.

    Older OneMaps, and the triggers that record other programs' edits, copied field
    values verbatim, so a password once typed into notes stayed in the trail after the
    field was cleared.  Runs in its own transaction when a file is opened for writing.
    """
    clauses = " OR ".join(f"{column} LIKE ?" for column in ("old_value", "new_value") for _ in _SUSPECT)
    params = [f"%{word}%" for _ in range(2) for word in _SUSPECT]
    rows = conn.execute(f"SELECT fid, old_value, new_value FROM audit_log WHERE {clauses}", params).fetchall()
    fixes = [
        (_scrubbed(old), _scrubbed(new), fid)
        for fid, old, new in rows
        if _scrubbed(old) != old or _scrubbed(new) != new
    ]
    if fixes:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany("UPDATE audit_log SET old_value = ?, new_value = ? WHERE fid = ?", fixes)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return len(fixes)


def _scrubbed(text: str | None) -> str | None:
    """An audit value without credentials (a whole row's JSON value by value)."""
    if not text:
        return text
    if text.startswith("{"):
        try:
            values = json.loads(text)
        except ValueError:
            values = None
        if isinstance(values, dict):
            clean = {k: strip_secrets(v) if isinstance(v, str) else v for k, v in values.items()}
            return text if clean == values else json.dumps(clean, ensure_ascii=False, sort_keys=True)
    return strip_secrets(text) or None

"""What changed in the file since the viewer last looked: the reads behind a refresh that costs what changed.

The viewer keeps every estate in memory.  Rather than read them all again after a write, it asks
three cheap questions: has any connection committed since (``PRAGMA data_version``, no I/O), which
rows did those commits touch (the ``audit_log`` rows after the last one seen -- OneMap's own writes
and, through the triggers of :mod:`onemap.store.triggers`, every other program's), and what do those
estates hold now (their rows, by code).  When the trail cannot say what changed -- it was emptied, a
bulk load wrote no per-estate rows, the schema changed, an admin boundary moved -- the answer says so
and the viewer reads the whole file again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onemap.store.opening import translated
from onemap.store.reads import _ESTATE_COLUMNS, _columns, plain_rows

#: host parameters per ``IN (…)`` (SQLite before 3.32 allows 999)
_BATCH = 900
#: tables whose rows hang off one estate (row key ``CODE`` or ``CODE/fid``)
ESTATE_TABLES = frozenset(
    (
        "estates",
        "estate_areas",
        "buildings",
        "cameras",
        "contacts",
        "funding",
        "renovation_items",
        "issues",
        "photos",
        "facilities",
        "sensors",
        "checkup_findings",
        "renewal_readiness",
        "district_members",
    )
)
#: fields whose old and new values are estate codes (a renamed estate, a child moved to another)
_CODE_FIELDS = frozenset(("code", "estate_code"))


@dataclass
class TrailChanges:
    """What the audit trail says changed after a given row.

    Attributes
    ----------
    last_id : int
        The newest ``audit_log`` row read (the next question starts after it).
    codes : set of str
        Estates whose row or child rows changed (a renamed estate under both codes).
    tables : set of str
        Tables written (``estates``, ``estate_areas``, ``buildings``, ``cameras``…).
    whole : bool
        The trail cannot say which estates changed: read the whole file again.
    """

    last_id: int
    codes: set[str] = field(default_factory=set)
    tables: set[str] = field(default_factory=set)
    whole: bool = False


def digest(rows: Iterable[tuple[Any, ...]], after: int) -> TrailChanges:
    """Sum ``(fid, action, table_name, row_key, field, old_value, new_value)`` audit rows up."""
    out = TrailChanges(after)
    for fid, action, table, key, name, old, new in rows:
        out.last_id = max(out.last_id, int(fid))
        out.tables.add(str(table))
        if table not in ESTATE_TABLES:
            out.whole |= table == "admin_areas"  # boundaries are read once, at opening
            continue
        if action == "bulk" or key is None:
            out.whole = True
            continue
        code = str(key).split("/", 1)[0]
        if table == "facilities" and code == "facilities":
            continue  # a facility of no estate: nothing the estate views show
        out.codes.add(code)
        if name in _CODE_FIELDS:
            out.codes.update(str(v) for v in (old, new) if v)
    return out


class ChangeReads:
    """Read methods of :class:`~onemap.store.inventory.Inventory` for refreshing a view in place."""

    _conn: sqlite3.Connection
    path: Path

    @translated
    def data_version(self) -> int:
        """A number that changes when another connection commits to the file (free: no file read)."""
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    @translated
    def schema_version(self) -> int:
        """A number that changes whenever any table, index or trigger is created, changed or dropped."""
        return int(self._conn.execute("PRAGMA schema_version").fetchone()[0])

    @translated
    def audit_high_water(self) -> int:
        """The newest ``audit_log`` row id (0 for an empty trail)."""
        row = self._conn.execute("SELECT max(fid) FROM audit_log").fetchone()
        return int(row[0] or 0)

    @translated
    def trail_changes(self, after: int, limit: int = 50_000) -> TrailChanges:
        """The estates and tables the audit rows after row ``after`` touched.

        More than ``limit`` rows, or a trail whose newest row is older than ``after`` (it was
        emptied or cut), is answered with ``whole`` set: reading everything is then cheaper,
        or the only honest answer.
        """
        high = self.audit_high_water()
        if high < after:
            return TrailChanges(high, whole=True)
        rows = plain_rows(
            self._conn,
            "SELECT fid, action, table_name, row_key, field, old_value, new_value FROM audit_log "
            "WHERE fid > ? ORDER BY fid LIMIT ?",
            (after, limit + 1),
        )
        changes = digest(rows[:limit], after)
        changes.whole |= len(rows) > limit
        return changes

    @translated
    def estate_columns_of(self, columns: Sequence[str], codes: Iterable[str]) -> list[tuple[Any, ...]]:
        """Some columns of the estates with these codes (those that exist), in file order."""
        wanted = sorted(set(codes))
        sql = f"SELECT {_columns(columns, _ESTATE_COLUMNS)} FROM estates WHERE code IN ({{marks}}) ORDER BY fid"
        rows: list[tuple[Any, ...]] = []
        for i in range(0, len(wanted), _BATCH):
            batch = wanted[i : i + _BATCH]
            rows += plain_rows(self._conn, sql.format(marks=", ".join("?" * len(batch))), batch)
        return sorted(rows, key=lambda r: r[columns.index("fid")]) if "fid" in columns else rows

    @translated
    def camera_counts_of(self, codes: Iterable[str]) -> dict[str, int]:
        """Estate code -> how many cameras it has, for these codes (estates without any left out)."""
        wanted = sorted(set(codes))
        out: dict[str, int] = {}
        for i in range(0, len(wanted), _BATCH):
            batch = wanted[i : i + _BATCH]
            sql = f"SELECT estate_code, count(*) FROM cameras WHERE estate_code IN ({', '.join('?' * len(batch))})"
            out.update((str(code), int(n)) for code, n in self._conn.execute(sql + " GROUP BY estate_code", batch))
        return out

"""Check-up findings and renewal readiness (``checkup_findings``, ``renewal_readiness``; schema 8).

The store keeps and answers; what an indicator means and how findings roll up is
:mod:`onemap.checkup`'s business.  Every write runs inside the inventory's transaction and
leaves one audit row per row written, like the other child tables.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any, TypeVar

from onemap.model import ESTATE_COLUMNS, RenovationItem
from onemap.store.audit import AuditTrail
from onemap.store.opening import translated
from onemap.store.rows import location_of

_T = TypeVar("_T")


@dataclass(frozen=True)
class CheckupFinding:
    """One surveyed indicator of one building (``building_fid``) or of the whole estate (``None``)."""

    estate_code: str
    indicator: str
    version: str
    building_fid: int | None = None
    problem: str | None = None
    value: float | None = None
    note: str | None = None
    photo: str | None = None
    surveyor: str | None = None
    surveyed_on: str | None = None
    fid: int | None = None


@dataclass(frozen=True)
class Readiness:
    """An estate's residents' consent (owners' and area share, %) and whether it is to be demolished."""

    estate_code: str
    owners_consent_pct: float | None = None
    area_consent_pct: float | None = None
    consent_on: str | None = None
    demolition: bool = False
    note: str | None = None


_FINDING_COLUMNS = tuple(f.name for f in fields(CheckupFinding) if f.name != "fid")
_READY_COLUMNS = tuple(f.name for f in fields(Readiness))


class CheckupStore:
    """The check-up half of :class:`~onemap.store.inventory.Inventory`."""

    _conn: sqlite3.Connection
    audit: AuditTrail

    def _has_checkup_table(self, name: str) -> bool:
        sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
        return self._conn.execute(sql, (name,)).fetchone() is not None

    def add_findings(self, findings: Iterable[CheckupFinding], pictures: Mapping[int, bytes] | None = None) -> int:
        """Insert findings (one audit row each); how many were written.

        ``pictures`` maps a finding's position in ``findings`` to its photo's bytes (read by
        :func:`onemap.checkup.photos.read_photo`): each goes into ``photos`` with the finding's
        fid, so the file itself holds it.
        """
        marks = ", ".join("?" for _ in _FINDING_COLUMNS)
        sql = f"INSERT INTO checkup_findings ({', '.join(_FINDING_COLUMNS)}) VALUES ({marks})"
        count = 0
        for index, finding in enumerate(findings):
            values = {k: v for k, v in asdict(finding).items() if k != "fid"}
            fid = int(self._conn.execute(sql, [values[k] for k in _FINDING_COLUMNS]).lastrowid or 0)
            self.audit.record_row("insert", "checkup_findings", f"{finding.estate_code}/{fid}", values)
            if pictures and index in pictures:
                self._add_survey_photo(finding, fid, pictures[index])
            count += 1
        return count

    def _add_survey_photo(self, finding: CheckupFinding, finding_fid: int, picture: bytes) -> None:
        values: dict[str, Any] = {
            "estate_code": finding.estate_code,
            "caption": " ".join(t for t in ("体检", finding.indicator, finding.problem) if t),
            "taken_on": finding.surveyed_on,
            "path": finding.photo,
            "finding_fid": finding_fid,
        }
        sql = f"INSERT INTO photos ({', '.join(values)}, picture) VALUES ({', '.join('?' for _ in values)}, ?)"
        fid = self._conn.execute(sql, [*values.values(), picture]).lastrowid
        # the trail keeps the picture's size, not the picture (as the triggers do for BLOBs)
        audited = {**values, "picture": f"{len(picture)} bytes"}
        self.audit.record_row("insert", "photos", f"{finding.estate_code}/{fid}", audited)

    @translated
    def finding_photos(self, finding_fids: Iterable[int]) -> dict[int, tuple[str, bytes]]:
        """finding fid -> (the name the surveyor chose, the picture) for those that have one in the file."""
        wanted = list(finding_fids)
        if not wanted or "picture" not in {r[1] for r in self._conn.execute("PRAGMA table_info(photos)")}:
            return {}
        found: dict[int, tuple[str, bytes]] = {}
        for start in range(0, len(wanted), 500):  # SQLite's parameter limit
            chunk = wanted[start : start + 500]
            sql = (
                "SELECT finding_fid, path, picture FROM photos WHERE picture IS NOT NULL AND finding_fid IN "
                f"({', '.join('?' for _ in chunk)}) ORDER BY fid"
            )
            found.update({int(f): (str(p or ""), bytes(b)) for f, p, b in self._conn.execute(sql, chunk)})
        return found

    def bulk_checkup(self, findings: Iterable[CheckupFinding], ready: Iterable[Readiness], note: str) -> int:
        """Insert many findings and consent rows at once (the demo), audited as one ``bulk`` entry each."""
        rows = [[getattr(f, k) for k in _FINDING_COLUMNS] for f in findings]
        marks = ", ".join("?" for _ in _FINDING_COLUMNS)
        self._conn.executemany(f"INSERT INTO checkup_findings ({', '.join(_FINDING_COLUMNS)}) VALUES ({marks})", rows)
        consent = [[getattr(r, k) for k in _READY_COLUMNS] for r in ready]
        marks = ", ".join("?" for _ in _READY_COLUMNS)
        self._conn.executemany(f"INSERT INTO renewal_readiness ({', '.join(_READY_COLUMNS)}) VALUES ({marks})", consent)
        self.audit.record("bulk", "checkup_findings", None, None, None, f"{note}：{len(rows)} 条体检问题")
        self.audit.record("bulk", "renewal_readiness", None, None, None, f"{note}：{len(consent)} 个小区的改造意愿")
        return len(rows)

    def delete_finding(self, fid: int) -> None:
        """Remove one finding (audited with its whole row)."""
        row = self._conn.execute("SELECT * FROM checkup_findings WHERE fid = ?", (fid,)).fetchone()
        if row is None:
            return
        self._conn.execute("DELETE FROM checkup_findings WHERE fid = ?", (fid,))
        old = {k: v for k, v in dict(row).items() if k != "fid"}
        self.audit.record_row("delete", "checkup_findings", f"{row['estate_code']}/{fid}", old)
        for photo in self._conn.execute("SELECT * FROM photos WHERE finding_fid = ?", (fid,)).fetchall():
            self._conn.execute("DELETE FROM photos WHERE fid = ?", (photo["fid"],))
            gone = {k: (f"{len(v)} bytes" if k == "picture" and v else v) for k, v in dict(photo).items() if k != "fid"}
            self.audit.record_row("delete", "photos", f"{row['estate_code']}/{photo['fid']}", gone)

    @translated
    def checkup_findings(self, codes: Iterable[str] | None = None) -> list[CheckupFinding]:
        """Findings of these estates (all when None) in file order; none in a file before schema 8."""
        if not self._has_checkup_table("checkup_findings"):
            return []
        sql = f"SELECT {', '.join(_FINDING_COLUMNS)}, fid FROM checkup_findings"
        if codes is None:
            return [CheckupFinding(*r) for r in self._conn.execute(sql + " ORDER BY fid")]
        found: list[CheckupFinding] = []
        wanted = list(codes)
        for start in range(0, len(wanted), 500):  # SQLite's parameter limit
            chunk = wanted[start : start + 500]
            where = f" WHERE estate_code IN ({', '.join('?' for _ in chunk)}) ORDER BY fid"
            found += [CheckupFinding(*r) for r in self._conn.execute(sql + where, chunk)]
        return sorted(found, key=lambda f: f.fid or 0)

    def set_readiness(self, ready: Readiness) -> None:
        """Write an estate's consent and demolition flag (replacing what it had), audited field by field."""
        values: dict[str, Any] = asdict(ready)
        values["demolition"] = int(ready.demolition)
        old = self._conn.execute("SELECT * FROM renewal_readiness WHERE estate_code = ?", (ready.estate_code,))
        row = old.fetchone()
        if row is None:
            cursor = self._conn.execute(
                f"INSERT INTO renewal_readiness ({', '.join(_READY_COLUMNS)}) VALUES "
                f"({', '.join('?' for _ in _READY_COLUMNS)})",
                [values[k] for k in _READY_COLUMNS],
            )
            self.audit.record_row("insert", "renewal_readiness", f"{ready.estate_code}/{cursor.lastrowid}", values)
            return
        key = f"{ready.estate_code}/{row['fid']}"
        for name in _READY_COLUMNS[1:]:
            if row[name] != values[name]:
                self._conn.execute(
                    f'UPDATE renewal_readiness SET "{name}" = ? WHERE fid = ?', (values[name], row["fid"])
                )
                self.audit.record("update", "renewal_readiness", key, name, row[name], values[name])

    @translated
    def readiness(self) -> dict[str, Readiness]:
        """estate code -> its consent and demolition flag (estates never surveyed are absent)."""
        if not self._has_checkup_table("renewal_readiness"):
            return {}
        rows = self._conn.execute(f"SELECT {', '.join(_READY_COLUMNS)} FROM renewal_readiness")
        return {r[0]: Readiness(r[0], r[1], r[2], r[3], bool(r[4]), r[5]) for r in rows}

    @translated
    def building_keys(self, codes: Iterable[str] | None = None) -> dict[tuple[str, str], int]:
        """(estate code, building name) -> building fid: how a survey sheet names a building
        (of the estates ``codes`` only, when given: a briefing's selection)."""
        sql = "SELECT estate_code, name, fid FROM buildings WHERE name IS NOT NULL"
        if codes is None:
            rows = list(self._conn.execute(sql))
        else:
            wanted, rows = sorted(set(codes)), []
            for start in range(0, len(wanted), 500):  # SQLite's parameter limit
                chunk = wanted[start : start + 500]
                marks = ", ".join("?" for _ in chunk)  # in fid order, as the whole table: a later name wins
                rows += self._conn.execute(f"{sql} AND estate_code IN ({marks}) ORDER BY fid", chunk)
        return {(str(r[0]), str(r[1]).strip()): int(r[2]) for r in rows}

    @translated
    def funding_by_estate(self) -> dict[str, dict[str, float]]:
        """estate code -> funding source -> 万元 (the scoring's co-funding criterion reads it)."""
        found: dict[str, dict[str, float]] = {}
        for code, source, amount in self._conn.execute("SELECT estate_code, source, amount_wan FROM funding"):
            by_source = found.setdefault(str(code), {})
            by_source[str(source)] = by_source.get(str(source), 0.0) + float(amount or 0.0)
        return found

    @translated
    def funding_by_estate_as(self, collapse: Callable[[dict[str, float]], _T]) -> dict[str, _T]:
        """estate code -> ``collapse`` of its :meth:`funding_by_estate` dict, each estate's dict made
        (the same sums, in the same order) and collapsed in turn: at 20,000 estates the whole
        dict of dicts was 13 MB of the briefing's scores' process."""
        found: dict[str, _T] = {}
        sql = "SELECT estate_code, source, amount_wan FROM funding ORDER BY estate_code, fid"
        code: str | None = None
        by_source: dict[str, float] = {}
        for row_code, source, amount in self._conn.execute(sql):
            if str(row_code) != code:
                if code is not None:
                    found[code] = collapse(by_source)
                code, by_source = str(row_code), {}
            by_source[str(source)] = by_source.get(str(source), 0.0) + float(amount or 0.0)
        if code is not None:
            found[code] = collapse(by_source)
        return found

    @translated
    def checkup_estate_locations(self) -> dict[str, tuple[float, float]]:
        """estate code -> (lon, lat) of every located estate."""
        rows = self._conn.execute("SELECT code, geom FROM estates WHERE geom IS NOT NULL")
        return {str(code): point for code, blob in rows if (point := location_of(blob)) is not None}

    @translated
    def renovation_item_list(self) -> list[RenovationItem]:
        """Every estate's renovation items (一区一策), so problems already planned are not added twice."""
        rows = self._conn.execute("SELECT estate_code, category, item FROM renovation_items ORDER BY fid")
        return [RenovationItem(str(c), str(k), str(i)) for c, k, i in rows]

    @translated
    def district_map(self) -> dict[str, str]:
        """estate code -> the 片区 it belongs to (estates in none are absent)."""
        if not self._has_checkup_table("district_members"):
            return {}
        return {str(c): str(d) for c, d in self._conn.execute("SELECT estate_code, district FROM district_members")}

    def set_districts(self, members: dict[str, str | None]) -> int:
        """Put estates into 片区 (None takes one out), audited row by row; how many rows changed."""
        changed = 0
        for code, district in members.items():
            row = self._conn.execute(
                "SELECT fid, district FROM district_members WHERE estate_code = ?", (code,)
            ).fetchone()
            if row is not None and row[1] == district:
                continue
            if row is not None:
                self._conn.execute("DELETE FROM district_members WHERE fid = ?", (row[0],))
                self.audit.record_row(
                    "delete", "district_members", f"{code}/{row[0]}", {"estate_code": code, "district": row[1]}
                )
            if district is not None:
                sql = "INSERT INTO district_members (estate_code, district) VALUES (?, ?)"
                fid = self._conn.execute(sql, (code, district)).lastrowid
                self.audit.record_row(
                    "insert", "district_members", f"{code}/{fid}", {"estate_code": code, "district": district}
                )
            changed += 1
        return changed

    @translated
    def year_estate_rows(self, year: int, columns: Iterable[str]) -> list[dict[str, Any]]:
        """``year``'s estates (``renewal_year``) as column -> value, in file order.

        A column this file does not have (the 改造成效 columns before schema 9: a file opened
        read-only is never migrated) is absent from the rows, not blank: the survey says so.
        """
        present = {row[1] for row in self._conn.execute("PRAGMA table_info(estates)")}
        kept = [c for c in columns if c in present and c in ESTATE_COLUMNS]
        names = ", ".join(f'"{c}"' for c in kept)
        sql = f"SELECT {names} FROM estates WHERE renewal_year = ?"
        return [dict(zip(kept, r, strict=True)) for r in self._conn.execute(sql + " ORDER BY fid", (year,))]

    @translated
    def estate_count(self) -> int:
        """How many estates the file holds."""
        return int(self._conn.execute("SELECT count(*) FROM estates").fetchone()[0])

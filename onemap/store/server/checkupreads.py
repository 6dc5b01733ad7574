"""The check-up's and the score's reads from a shared inventory, for the county on show.

The same answers as the file's (:mod:`onemap.store.checkup`, :mod:`onemap.store.facilities`):
findings, consent, funding, building names and located estates of the estates on show, and the
facilities around them (a county's 5-minute circles reach over its border: facilities within
:data:`MARGIN_DEG` of its estates' extent are read).  Parameters only; row-level security applies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from onemap.store.checkup import _FINDING_COLUMNS, CheckupFinding, Readiness
from onemap.store.facilities import FACILITY_COLUMNS, EstatePoint, Facility, FacilityPoints

#: how far past the county's estates facilities are read (degrees: about 5 km, five times the widest circle)
MARGIN_DEG = 0.05


class ServerCheckupReads:
    """Read methods of :class:`~onemap.store.server.viewreads.ServerView` for the check-up and the score."""

    _conn: Any
    _scope: Callable[..., tuple[str, list[Any]]]

    def _scoped(self, sql: str, code: str = "estate_code", extra: Sequence[Any] = ()) -> list[Any]:
        scope, params = self._scope(code, None)
        return list(self._conn.execute(sql.format(scope=scope), [*extra, *params]).fetchall())

    def checkup_estate_locations(self) -> dict[str, tuple[float, float]]:
        """estate code -> (lon, lat) of every located estate on show."""
        rows = self._scoped(
            "SELECT code, ST_X(geom), ST_Y(geom) FROM estates WHERE geom IS NOT NULL AND {scope}", "code"
        )
        return {str(c): (float(x), float(y)) for c, x, y in rows}

    def estate_points(self) -> list[EstatePoint]:
        """Every located estate on show (code order): what living-circle coverage measures from."""
        rows = self._scoped(
            "SELECT code, name, township, households, ST_X(geom), ST_Y(geom) FROM estates "
            "WHERE geom IS NOT NULL AND {scope} ORDER BY code",
            "code",
        )
        return [EstatePoint(c, n, t, h, (float(x), float(y))) for c, n, t, h, x, y in rows]

    def facilities(self, kinds: Sequence[str] | None = None) -> list[Facility]:
        """The facilities near the estates on show (of these type keys), by fid."""
        scope, params = self._scope("code", None)
        sql = (
            f"SELECT f.fid, {', '.join('f.' + c for c in FACILITY_COLUMNS)}, ST_X(f.geom), ST_Y(f.geom) "
            f"FROM facilities f WHERE f.geom && (SELECT ST_Expand(ST_Extent(geom)::geometry, %s) FROM estates "
            f"WHERE {scope})"
        )
        values: list[Any] = [MARGIN_DEG, *params]
        if kinds:
            sql += " AND f.kind = ANY(%s)"
            values.append(list(kinds))
        rows = self._conn.execute(sql + " ORDER BY f.fid", values).fetchall()
        return [
            Facility(**dict(zip(FACILITY_COLUMNS, r[1:11], strict=True)), location=(r[11], r[12]), fid=r[0])
            for r in rows
        ]

    def facility_points(self, kinds: Sequence[str] | None = None) -> FacilityPoints:
        """The located facilities near the estates on show (of these type keys) as arrays, by fid."""
        scope, params = self._scope("code", None)
        sql = (
            "SELECT f.fid, f.kind, ST_X(f.geom), ST_Y(f.geom) FROM facilities f WHERE f.geom IS NOT NULL "
            "AND NOT ST_IsEmpty(f.geom) AND f.geom && (SELECT ST_Expand(ST_Extent(geom)::geometry, %s) "
            f"FROM estates WHERE {scope})"
        )
        values: list[Any] = [MARGIN_DEG, *params]
        if kinds:
            sql += " AND f.kind = ANY(%s)"
            values.append(list(kinds))
        return FacilityPoints.of(self._conn.execute(sql + " ORDER BY f.fid", values).fetchall())

    def checkup_findings(self, codes: Iterable[str] | None = None) -> list[CheckupFinding]:
        """Findings of the estates on show (of ``codes`` when given), by fid."""
        wanted = "estate_code = ANY(%s) AND " if codes is not None else ""
        sql = f"SELECT {', '.join(_FINDING_COLUMNS)}, fid FROM checkup_findings WHERE {wanted}{{scope}}"
        extra = [sorted(set(codes))] if codes is not None else []
        return [CheckupFinding(*r) for r in self._scoped(sql + " ORDER BY fid", extra=extra)]

    def readiness(self) -> dict[str, Readiness]:
        """estate code -> its consent and demolition flag, for the estates on show that were surveyed."""
        rows = self._scoped(
            "SELECT estate_code, owners_consent_pct, area_consent_pct, consent_on, demolition, note "
            "FROM renewal_readiness WHERE {scope}"
        )
        return {r[0]: Readiness(r[0], r[1], r[2], r[3], bool(r[4]), r[5]) for r in rows}

    def building_keys(self) -> dict[tuple[str, str], int]:
        """(estate code, building name) -> building fid, for the estates on show."""
        rows = self._scoped("SELECT estate_code, name, fid FROM buildings WHERE name IS NOT NULL AND {scope}")
        return {(str(r[0]), str(r[1]).strip()): int(r[2]) for r in rows}

    def funding_by_estate(self) -> dict[str, dict[str, float]]:
        """estate code -> funding source -> 万元, for the estates on show."""
        found: dict[str, dict[str, float]] = {}
        for code, source, amount in self._scoped("SELECT estate_code, source, amount_wan FROM funding WHERE {scope}"):
            by_source = found.setdefault(str(code), {})
            by_source[str(source)] = by_source.get(str(source), 0.0) + float(amount or 0.0)
        return found

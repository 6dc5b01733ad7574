"""Service facilities (``facilities``, types from ``db/facility_types.toml``) and estate points.

Reads give plain :class:`Facility` rows; writes are audited like every other table's (one
``bulk`` entry for an import, one entry per field for an edit), keyed ``estate/fid`` or
``facilities/fid`` for a facility of no estate, as the audit triggers key other programs' rows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from onemap.store.audit import AuditTrail, timestamp
from onemap.store.blocks import point_blobs, point_envelopes
from onemap.store.blockwrites import credential_free, next_fid
from onemap.store.bulkindex import blob_boxes, triggers_suspended
from onemap.store.manyrows import insert_rows
from onemap.store.opening import translated
from onemap.store.rows import location_of, point_blob
from onemap.store.rtreebuild import PARALLEL_FROM
from onemap.store.scratch import ScratchBlock, copy_beside_estates
from onemap.store.sensors import extend_extent, update_extent
from onemap.store.values import differs, storable

#: the facilities table's attribute columns, in table order
FACILITY_COLUMNS = (
    "name",
    "kind",
    "estate_code",
    "kind_text",
    "township",
    "address",
    "capacity",
    "source",
    "notes",
    "updated_at",
)


#: rows read at a time where facilities are read as arrays
_BLOCK = 16384


@dataclass(frozen=True)
class Facility:
    """One service facility: ``kind`` is a type key (``kindergarten`` …, ``other``), ``location``
    ``(lon, lat)`` in CGCS2000 or None when not yet located."""

    name: str
    kind: str
    location: tuple[float, float] | None = None
    estate_code: str | None = None
    kind_text: str | None = None
    township: str | None = None
    address: str | None = None
    capacity: float | None = None
    source: str | None = None
    notes: str | None = None
    updated_at: str | None = None
    fid: int | None = None


@dataclass(frozen=True)
class FacilityPoints:
    """Located facilities as arrays, in fid order: what maps and coverage need of 100,000s of them.

    ``fid`` and ``kind`` (type keys, as a numpy array of ``str`` objects) line up with ``lon`` and
    ``lat`` (CGCS2000).  Reading these costs a fraction of :class:`Facility` objects.
    """

    fid: np.ndarray
    kind: np.ndarray
    lon: np.ndarray
    lat: np.ndarray

    def __len__(self) -> int:
        return len(self.fid)

    @classmethod
    def of(cls, rows: Sequence[tuple[int, str, float, float]]) -> FacilityPoints:
        """From ``(fid, kind, lon, lat)`` rows."""
        if not rows:
            return cls.empty()
        fid, kind, lon, lat = zip(*rows, strict=True)
        return cls(
            np.asarray(fid, dtype=np.int64),
            np.asarray(kind, dtype=object),
            np.asarray(lon, dtype=np.float64),
            np.asarray(lat, dtype=np.float64),
        )

    @classmethod
    def located(cls, facilities: Iterable[Facility]) -> FacilityPoints:
        """The located ones of ``facilities``, in their order (a facility with no fid gets -1)."""
        rows = [(-1 if f.fid is None else f.fid, f.kind, *f.location) for f in facilities if f.location is not None]
        return cls.of(rows)

    def of_kinds(self, kinds: Sequence[str]) -> FacilityPoints:
        """Those of these type keys, in the same order."""
        chosen = np.isin(self.kind, list(kinds))
        return FacilityPoints(self.fid[chosen], self.kind[chosen], self.lon[chosen], self.lat[chosen])

    @classmethod
    def empty(cls) -> FacilityPoints:
        """No facilities."""
        none = np.zeros(0, dtype=np.float64)
        return cls(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object), none, none.copy())


@dataclass(frozen=True)
class EstatePoint:
    """A located estate as coverage needs it: code, name, township, households, ``(lon, lat)``."""

    code: str
    name: str
    township: str | None
    households: int | None
    location: tuple[float, float]


def _facility(row: Any) -> Facility:
    values = dict(zip(FACILITY_COLUMNS, row[1:11], strict=True))
    return Facility(**values, location=location_of(row[11]), fid=row[0])


def _key(code: str | None, fid: int) -> str:
    return f"{code or 'facilities'}/{fid}"


class FacilityStore:
    """Facility reads and writes of :class:`~onemap.store.inventory.Inventory`."""

    _conn: sqlite3.Connection
    audit: AuditTrail

    @translated
    def facilities(self, kinds: Sequence[str] | None = None) -> list[Facility]:
        """Every facility (of these type keys), in file order."""
        where, params = "", tuple[str, ...]()
        if kinds:
            where, params = f"WHERE kind IN ({', '.join('?' for _ in kinds)})", tuple(kinds)
        sql = f"SELECT fid, {', '.join(FACILITY_COLUMNS)}, geom FROM facilities {where} ORDER BY fid"
        return [_facility(row) for row in self._conn.execute(sql, params)]

    @translated
    def facility_points(self, kinds: Sequence[str] | None = None) -> FacilityPoints:
        """Every located facility (of these type keys) as arrays, in fid order (see :class:`FacilityPoints`).

        The same facilities and coordinates as :meth:`facilities` gives with a location.
        """
        where, params = "", tuple[str, ...]()
        if kinds:
            where, params = f"AND kind IN ({', '.join('?' for _ in kinds)})", tuple(kinds)
        cursor = self._conn.execute(
            f"SELECT fid, kind, geom FROM facilities WHERE geom IS NOT NULL {where} ORDER BY fid", params
        )
        parts: list[FacilityPoints] = []
        names: dict[str, str] = {}
        # in blocks, each kind's text one object: a county's 180,000 rows and blobs are never all held
        while rows := cursor.fetchmany(_BLOCK):
            fid, kind, blobs = zip(*rows, strict=True)
            boxes = blob_boxes(blobs)  # a point's envelope is the point: minx, maxx, miny, maxy
            located = ~np.isnan(boxes[:, 0])
            texts = np.asarray([names.setdefault(k, k) for k in kind], dtype=object)
            parts.append(
                FacilityPoints(
                    np.asarray(fid, dtype=np.int64)[located], texts[located], boxes[located, 0], boxes[located, 2]
                )
            )
        if not parts:
            return FacilityPoints.empty()
        return FacilityPoints(*(np.concatenate([getattr(p, f) for p in parts]) for f in ("fid", "kind", "lon", "lat")))

    @translated
    def facility(self, fid: int) -> Facility | None:
        """One facility by its fid, or None."""
        sql = f"SELECT fid, {', '.join(FACILITY_COLUMNS)}, geom FROM facilities WHERE fid = ?"
        row = self._conn.execute(sql, (fid,)).fetchone()
        return None if row is None else _facility(row)

    @translated
    def estate_points(self) -> list[EstatePoint]:
        """Every located estate (code order): what living-circle coverage measures from."""
        rows = self._conn.execute(
            "SELECT code, name, township, households, geom FROM estates WHERE geom IS NOT NULL ORDER BY code"
        )
        found = []
        for code, name, township, households, blob in rows:
            location = location_of(blob)
            if location is not None:
                found.append(EstatePoint(code, name, township, households, location))
        return found

    def add_facility(self, facility: Facility) -> int:
        """Insert one facility (inside a transaction), audited; returns its fid.

        A facility that carries a ``fid`` (one put back by undoing its delete) gets that fid
        again when it is free, so its audit trail and anything that named it go on naming
        it; otherwise, and for a new facility, SQLite gives the next one.
        """
        values = storable("facilities", _values(facility))
        if facility.fid is not None and self.facility(facility.fid) is None:
            values = {"fid": facility.fid, **values}
        values["geom"] = point_blob(facility.location)
        cursor = self._conn.execute(
            f"INSERT INTO facilities ({', '.join(values)}) VALUES ({', '.join('?' for _ in values)})",
            list(values.values()),
        )
        fid = int(cursor.lastrowid or 0)
        self.audit.record_row("insert", "facilities", _key(facility.estate_code, fid), values)
        extend_extent(self._conn, "facilities", facility.location)
        return fid

    def add_facilities(self, facilities: Iterable[Facility], note: str) -> int:
        """Insert many facilities at once (the demo, an import), audited as one ``bulk`` entry."""
        rows = list(facilities)
        columns = {c: [getattr(f, c) for f in rows] for c in FACILITY_COLUMNS}
        return self.add_facility_columns(columns, [f.location for f in rows], note)

    def add_facility_columns(
        self, columns: dict[str, list[Any]], locations: Sequence[tuple[float, float] | None], note: str
    ) -> int:
        """Insert many facilities given column by column (absent columns: NULL), one ``bulk`` entry.

        Each column is searched whole for credentials (see
        :func:`~onemap.store.blockwrites.credential_free`) and the facilities without an
        ``updated_at`` share one timestamp: no per-row Python beyond building the blobs.
        """
        count = len(locations)
        if not count:
            return 0
        now = timestamp()
        given = {c: list(columns.get(c) or [None] * count) for c in FACILITY_COLUMNS}
        given["updated_at"] = [value or now for value in given["updated_at"]]
        # a column left NULL throughout is left out (unless it has a default): nothing to bind
        defaults = {row[1]: row[4] for row in self._conn.execute("PRAGMA table_info(facilities)")}
        kept = [c for c, v in given.items() if defaults.get(c) is not None or any(x is not None for x in v)]
        cells = [credential_free("facilities", c, given[c]) for c in kept]
        blobs, envelopes = _point_blobs(locations)
        # a national demo's two million facilities: their empty R-tree is packed at the end
        with triggers_suspended(self._conn, ["facilities"], parallel=count >= PARALLEL_FROM) as index:
            first = next_fid(self._conn, "facilities")
            names = ("fid", *kept, "geom")
            insert_rows(self._conn, "facilities", names, zip(range(first, first + count), *cells, blobs, strict=True))
            index.add("facilities", first, envelopes)
            del cells, blobs, envelopes  # two million blobs (~180 MB) gone before the R-tree is packed
        self.audit.record("bulk", "facilities", None, None, None, f"{note}：{count} 个设施")
        update_extent(self._conn, "facilities")
        return count

    def copy_facilities_beside_estates(self, block: ScratchBlock, note: str) -> int | None:
        """Copy facilities a helper wrote into a scratch file, named after their estates, one ``bulk`` entry.

        See :func:`~onemap.store.scratch.copy_beside_estates`; None (nothing written) when
        a name might hold a credential: then :meth:`add_facility_columns` must write them.
        """
        table = block.table("facilities")
        with triggers_suspended(self._conn, ["facilities"], parallel=table.count >= PARALLEL_FROM) as index:
            first = next_fid(self._conn, "facilities")
            count = copy_beside_estates(self._conn, block, first, timestamp())
            if count is None:
                return None
            if table.envelopes is not None:
                index.add("facilities", first, table.envelopes)
        self.audit.record("bulk", "facilities", None, None, None, f"{note}：{count} 个设施")
        update_extent(self._conn, "facilities")
        return count

    def update_facility(self, fid: int, **changes: Any) -> list[str]:
        """Change a facility's fields (``location`` moves it); returns the fields that really changed."""
        unknown = set(changes) - set(FACILITY_COLUMNS) - {"location"}
        if unknown:
            raise ValueError(f"not facility fields: {sorted(unknown)}")
        old = self._conn.execute("SELECT * FROM facilities WHERE fid = ?", (fid,)).fetchone()
        if old is None:
            raise KeyError(fid)
        new = storable("facilities", {("geom" if k == "location" else k): v for k, v in changes.items()})
        if "geom" in new:
            new["geom"] = point_blob(new["geom"])
        changed = [k for k, v in new.items() if differs(old[k], v)]
        for name in changed:
            self._conn.execute(f'UPDATE facilities SET "{name}" = ? WHERE fid = ?', (new[name], fid))
            self.audit.record("update", "facilities", _key(old["estate_code"], fid), name, old[name], new[name])
        if changed:
            self._conn.execute("UPDATE facilities SET updated_at = ? WHERE fid = ?", (timestamp(), fid))
        if "geom" in changed:
            extend_extent(self._conn, "facilities", changes["location"])
        return changed

    def delete_facility(self, fid: int) -> Facility | None:
        """Delete one facility, audited with its whole row; returns what was deleted (None: nothing)."""
        gone = self.facility(fid)
        if gone is None:
            return None
        old = self._conn.execute("SELECT * FROM facilities WHERE fid = ?", (fid,)).fetchone()
        self._conn.execute("DELETE FROM facilities WHERE fid = ?", (fid,))
        self.audit.record_row("delete", "facilities", _key(old["estate_code"], fid), dict(old))
        return gone


def _point_blobs(locations: Sequence[tuple[float, float] | None]) -> tuple[Sequence[bytes | None], np.ndarray]:
    """The POINT blobs of ``locations`` and their envelopes: made as one array when every one is given."""
    envelopes = point_envelopes(locations)
    if all(location is not None for location in locations):
        return point_blobs(envelopes[:, 0], envelopes[:, 2]).blobs, envelopes
    return [point_blob(location) for location in locations], envelopes


def _values(facility: Facility) -> dict[str, Any]:
    values = {c: getattr(facility, c) for c in FACILITY_COLUMNS}
    values["updated_at"] = values["updated_at"] or timestamp()
    return values

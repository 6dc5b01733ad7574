"""片区 membership and 配套设施 (service facilities) written on a shared inventory.

The file's methods of the same names and meanings (:mod:`onemap.store.checkup`,
:mod:`onemap.store.facilities`), written in PostGIS so the viewer's undoable 片区 and facility
edits (:mod:`onemap.edit.districts`, :mod:`onemap.edit.facility_edits`) run on a server
session.  Each write is one transaction (or a savepoint of the caller's), audited by the
server's triggers as the login; row-level security decides what the login may write: a
facility of an estate follows the estate, a stand-alone one the county outline its point lies
in.  A row it may not write is refused with ``denied`` before anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from onemap.store.audit import timestamp
from onemap.store.facilities import FACILITY_COLUMNS, Facility
from onemap.store.rows import location_of, point_blob
from onemap.store.values import differs, storable


class ServerMoreEdits:
    """District and facility writes of :class:`~onemap.store.server.inventory.ServerInventory`."""

    _conn: Any
    _one: Any  # () -> the caller's transaction or one of its own (ServerEdits._one)
    _locked: Any  # (key, table) -> the row locked for writing, ``denied`` when not this login's
    _row: Any  # (table, column, key, point) -> the row as the file gives it (ServerEdits._row)
    _insert: Any  # (table, values, key) -> the new row's key (ServerEdits._insert)

    # -- 片区 ------------------------------------------------------------------------------------

    def district_map(self) -> dict[str, str]:
        """estate code -> the 片区 it belongs to (estates in none are absent)."""
        rows = self._conn.execute("SELECT estate_code, district FROM district_members")
        return {str(code): str(district) for code, district in rows}

    def set_districts(self, members: Mapping[str, str | None]) -> int:
        """Put estates into 片区 (None takes one out), in one transaction; how many estates changed.

        Raises
        ------
        ServerError
            ``denied`` when one of the estates is not this login's to write (nothing is written).
        """
        changed = 0
        with self._one():
            for code, district in members.items():
                self._locked(code)  # the estate: row-level security refuses another county's
                row = self._conn.execute(
                    "SELECT fid, district FROM district_members WHERE estate_code = %s", (code,)
                ).fetchone()
                if row is not None and row[1] == district:
                    continue
                if row is None and district is None:
                    continue
                if row is not None:
                    self._conn.execute("DELETE FROM district_members WHERE fid = %s", (row[0],))
                if district is not None:
                    self._conn.execute(
                        "INSERT INTO district_members (estate_code, district) VALUES (%s, %s)", (code, district)
                    )
                changed += 1
        return changed

    # -- 配套设施 --------------------------------------------------------------------------------

    def facility(self, fid: int) -> Facility | None:
        """One facility by its fid, or None."""
        row = self._row("facilities", "fid", fid, True)
        if row is None:
            return None
        values = {c: row.get(c) for c in FACILITY_COLUMNS}
        return Facility(**values, location=location_of(row["geom"]), fid=int(row["fid"]))

    def add_facility(self, facility: Facility) -> int:
        """Insert one facility; returns its fid (the one it carries, when free: an undone delete)."""
        values = {c: getattr(facility, c) for c in FACILITY_COLUMNS}
        values["updated_at"] = values["updated_at"] or timestamp()
        with self._one():
            taken = (
                facility.fid is not None
                and self._conn.execute("SELECT 1 FROM facilities WHERE fid = %s", (facility.fid,)).fetchone()
            )
            if facility.fid is not None and not taken:
                values = {"fid": facility.fid, **values}
            values["geom"] = point_blob(facility.location)
            return self._insert("facilities", values, "fid")  # type: ignore[no-any-return]

    def update_facility(self, fid: int, **changes: Any) -> list[str]:
        """Change a facility's fields (``location`` moves it); returns the fields that really changed."""
        from onemap.store.server.edits import server_geometry

        unknown = set(changes) - set(FACILITY_COLUMNS) - {"location"}
        if unknown:
            raise ValueError(f"not facility fields: {sorted(unknown)}")
        new = storable("facilities", {("geom" if k == "location" else k): v for k, v in changes.items()})
        if "geom" in new:
            new["geom"] = point_blob(new["geom"])
        with self._one():
            self._locked(fid, "facilities")
            old = self._row("facilities", "fid", fid, True)
            changed = [k for k, v in new.items() if differs(old[k], v)]
            if changed:
                sets = ", ".join(f'"{k}" = ST_GeomFromWKB(%s, 4326)' if k == "geom" else f'"{k}" = %s' for k in changed)
                params = [server_geometry(new[k]) if k == "geom" else new[k] for k in changed]
                if "updated_at" not in changed:  # the file stamps every change
                    sets, params = f"{sets}, updated_at = %s", [*params, timestamp()]
                self._conn.execute(f"UPDATE facilities SET {sets} WHERE fid = %s", [*params, fid])
        return changed

    def delete_facility(self, fid: int) -> Facility | None:
        """Delete one facility (the server audits its whole row); returns what was deleted (None: nothing)."""
        with self._one():
            gone = self.facility(fid)
            if gone is None:
                return None
            self._locked(fid, "facilities")
            self._conn.execute("DELETE FROM facilities WHERE fid = %s", (fid,))
        return gone

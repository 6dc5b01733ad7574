"""The rest of a shared inventory's write API: what the viewer's undoable edits (:mod:`onemap.edit`) call.

Moving a point, replacing an outline, deleting an estate (its child rows go with it, by the
foreign keys' cascade) and adding it back on undo, and adding, changing or deleting one child
row: each the file's method of the same name and meaning, written in PostGIS.  Each runs in the
caller's transaction (:meth:`ServerWrites.transaction`: one undo step is one transaction, its
audit trail written by the database as the login), or in one of its own when called alone.  The
row is locked first, so row-level security refuses what this login may not write (``denied``)
and nobody changes it between the check of what was read (``expected``) and the write: when
another login changed it since, :class:`~onemap.store.server.writes.StaleEdit` names them.
Rows come back as the file gives them (geometry as a GeoPackage blob), so the edit commands
compare and restore them unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from onemap.model import Estate
from onemap.store.audit import timestamp
from onemap.store.codes import free_code
from onemap.store.errors import InventoryError
from onemap.store.geometry import as_multipolygon, decode, encode
from onemap.store.rows import CHILD_LISTS, CHILD_TABLES, child_values, estate_values, location_of, point_blob
from onemap.store.server.edits_more import ServerMoreEdits
from onemap.store.values import differs, same_geometry, storable

Expected = Mapping[str, Any] | None


def server_geometry(blob: Any) -> bytes | None:
    """A GeoPackage blob (what the file's writers hand over) as the WKB PostGIS takes."""
    geom = decode(bytes(blob)) if blob is not None else None
    return None if geom is None or geom.is_empty else shapely.to_wkb(geom)


def _placeholder(column: str) -> str:
    return "ST_GeomFromWKB(%s, 4326)" if column == "geom" else "%s"


class ServerEdits(ServerMoreEdits):
    """Point, outline, estate and child-row writes of :class:`~onemap.store.server.inventory.ServerInventory`."""

    _conn: Any
    login: str
    transaction: Any  # () -> context manager: ServerWrites.transaction
    _locked: Any  # (table, key) -> the row locked for writing (ServerWrites._locked)
    _check: Any  # (table, key, row, expected) -> None or StaleEdit (ServerWrites._check)
    meta: Any
    outline: Any

    def _one(self) -> AbstractContextManager[None]:
        """The caller's transaction (a savepoint inside it), or one of its own."""
        return self.transaction()  # type: ignore[no-any-return]

    # -- rows as the file gives them -------------------------------------------------------------

    def _row(self, table: str, column: str, key: Any, point: bool) -> dict[str, Any] | None:
        from psycopg.rows import dict_row

        with self._conn.cursor(row_factory=dict_row) as cur:
            found = cur.execute(
                f'SELECT *, ST_AsBinary(geom) AS onemap_wkb FROM "{table}" WHERE "{column}" = %s', (key,)
            ).fetchone()
        if found is None:
            return None
        wkb = found.pop("onemap_wkb")
        geom = None if wkb is None else shapely.from_wkb(bytes(wkb))
        found["geom"] = None if geom is None else point_blob((geom.x, geom.y)) if point else encode(geom)
        return dict(found)

    def estate_row(self, code: str) -> dict[str, Any] | None:
        """The stored ``estates`` row (point as a blob, row version included), ``None`` when absent."""
        return self._row("estates", "code", code, True)

    def child_row(self, table: str, fid: int) -> dict[str, Any] | None:
        """One child row (``contacts``, ``cameras``…) as column -> value, or ``None``."""
        if table not in CHILD_TABLES:
            raise ValueError(f"unknown child table {table!r}")
        if CHILD_TABLES[table][2] is None:
            from psycopg.rows import dict_row

            with self._conn.cursor(row_factory=dict_row) as cur:
                found = cur.execute(f'SELECT * FROM "{table}" WHERE fid = %s', (fid,)).fetchone()
            return None if found is None else dict(found)
        return self._row(table, "fid", fid, CHILD_TABLES[table][2] == "location")

    def child_fids(self, table: str, code: str) -> list[int]:
        """The ``fid`` of each row of ``table`` belonging to estate ``code``, in fid order ([] without the table)."""
        if self._conn.execute("SELECT to_regclass(%s)", (f'public."{table}"',)).fetchone()[0] is None:
            return []  # checked first: a failed query would spoil the caller's transaction
        rows = self._conn.execute(f'SELECT fid FROM "{table}" WHERE estate_code = %s ORDER BY fid', (code,))
        return [int(row[0]) for row in rows]

    def may_write(self) -> bool:
        """Whether this login may change estates at all (an editor or administrator; a viewer may not)."""
        return bool(self._conn.execute("SELECT has_table_privilege('estates', 'UPDATE')").fetchone()[0])

    def next_code(self) -> str:
        """A code no estate on the server has: the inventory's county code and the next free sequence."""
        taken = {row[0] for row in self._conn.execute("SELECT code FROM estates")}
        return free_code(self.meta("county_code"), taken)

    # -- an estate's own row ---------------------------------------------------------------------

    def move_estate(self, code: str, location: tuple[float, float] | None, *, expected: Expected = None) -> bool:
        """Set (or clear) the estate's point; False, writing nothing, when it is already there."""
        with self._one():
            self._locked(code)
            row = self.estate_row(code)
            self._check("estates", code, row, expected)
            new = None if location is None else (float(location[0]), float(location[1]))
            if location_of(row["geom"]) == new:  # type: ignore[index]
                return False
            self._conn.execute(
                "UPDATE estates SET geom = ST_GeomFromWKB(%s, 4326), updated_at = %s WHERE code = %s",
                (server_geometry(point_blob(new)), timestamp(), code),
            )
        return True

    def set_outline(self, code: str, outline: BaseGeometry | None, *, expected: Expected = None) -> bool:
        """Replace the estate's outline (范围面), ``None`` removes it; False when it is already that one."""
        with self._one():
            self._locked(code)
            self._check("estates", code, self.estate_row(code), expected)
            olds = self.child_fids("estate_areas", code)
            new = None if outline is None else encode(as_multipolygon(outline))
            if (new is None and not olds) or (
                new is not None and len(olds) == 1 and same_geometry(encode(self.outline(code)) or b"", new)
            ):
                return False
            self._conn.execute("DELETE FROM estate_areas WHERE estate_code = %s", (code,))
            if new is not None:
                self._conn.execute(
                    "INSERT INTO estate_areas (estate_code, geom) VALUES (%s, ST_Multi(ST_GeomFromWKB(%s, 4326)))",
                    (code, server_geometry(new)),
                )
            self._conn.execute("UPDATE estates SET updated_at = %s WHERE code = %s", (timestamp(), code))
        return True

    def delete_estate(self, code: str, *, expected: Expected = None) -> None:
        """Delete an estate; its outline and child rows go with it (each deletion audited by the server)."""
        with self._one():
            self._locked(code)
            self._check("estates", code, self.estate_row(code), expected)
            self._conn.execute("DELETE FROM estates WHERE code = %s", (code,))

    def add_estate(self, estate: Estate) -> int:
        """Insert an estate with its outline and child rows (an undone delete, a new estate); its fid."""
        with self._one():
            if self._conn.execute("SELECT 1 FROM estates WHERE code = %s", (estate.code,)).fetchone():
                raise InventoryError("duplicate_code", detail=estate.code)
            values = estate_values(estate)
            values["updated_at"] = timestamp()
            fid = self._insert("estates", values, "fid")
            if estate.outline is not None:
                self.set_outline(estate.code, estate.outline)
            for table, attr in CHILD_LISTS.items():
                for item in getattr(estate, attr):
                    item.estate_code = estate.code
                    self.add_child(table, item)
        return fid

    # -- child rows -------------------------------------------------------------------------------

    def add_child(self, table: str, item: Any) -> int:
        """Insert a Building, Contact, Camera, Funding, RenovationItem or Sensor; returns its fid."""
        with self._one():
            return self._insert(table, child_values(table, item), "fid")

    def update_child(self, table: str, fid: int, *, expected: Expected = None, **changes: Any) -> list[str]:
        """Change fields of one child row (``geom`` as a blob); returns the fields really changed."""
        columns = CHILD_TABLES[table][1]
        if set(changes) - set(columns) - {"geom"}:
            raise ValueError(f"not {table} fields: {sorted(set(changes) - set(columns))}")
        with self._one():
            old = self._locked_child(table, fid)
            self._check(table, f"{old['estate_code']}/{fid}", old, expected)
            new = storable(table, changes)
            changed = [k for k, v in new.items() if differs(old[k], v)]
            if changed:
                sets = ", ".join(f'"{k}" = {_placeholder(k)}' for k in changed)
                params = [server_geometry(new[k]) if k == "geom" else new[k] for k in changed]
                self._conn.execute(f'UPDATE "{table}" SET {sets} WHERE fid = %s', [*params, fid])
        return changed

    def delete_child(self, table: str, fid: int, *, expected: Expected = None) -> None:
        """Delete one child row (the server audits it with its old values)."""
        with self._one():
            old = self._locked_child(table, fid)
            self._check(table, f"{old['estate_code']}/{fid}", old, expected)
            self._conn.execute(f'DELETE FROM "{table}" WHERE fid = %s', (fid,))

    def _locked_child(self, table: str, fid: int) -> dict[str, Any]:
        """The child row as the file gives it, locked (``denied`` when row-level security hides it from writes)."""
        if table not in CHILD_TABLES:
            raise ValueError(f"unknown child table {table!r}")
        self._locked(fid, table)
        row = self.child_row(table, fid)
        assert row is not None  # locked just now
        return row

    def _insert(self, table: str, values: dict[str, Any], key: str) -> int:
        values.update(storable(table, values, links_parsed=True))
        names = ", ".join(f'"{k}"' for k in values)
        marks = ", ".join(_placeholder(k) for k in values)
        params = [server_geometry(v) if k == "geom" else v for k, v in values.items()]
        found = self._conn.execute(
            f'INSERT INTO "{table}" ({names}) VALUES ({marks}) RETURNING "{key}"', params
        ).fetchone()
        return int(found[0])

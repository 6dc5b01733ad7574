"""Reading a shared inventory: the same answers as the file's reads, from PostGIS.

The ``--where`` language is the file's (:mod:`onemap.store.where`): its SQL uses only quoted
column names from a fixed list, and every value is a parameter; here only the placeholders and
the always-true filter are respelled for PostgreSQL.  Box queries go through the GiST index.
"""

from __future__ import annotations

from typing import Any

import shapely

from onemap.model import ESTATE_COLUMNS, Estate
from onemap.store.audit import AuditEntry
from onemap.store.geometry import encode
from onemap.store.reads import AdminArea, as_filter
from onemap.store.rows import CHILD_LISTS, CHILD_TABLES, child_from_row, estate_from_row, point_blob
from onemap.store.where import Filter

_ORDER = "township, name, code"
#: the file's order exactly: SQLite compares bytes and puts blanks first, whatever the server's locale
_PG_ORDER = 'township COLLATE "C" NULLS FIRST, name COLLATE "C", code COLLATE "C"'
_ESTATE_SELECT = (  # the point as two numbers: no geometry parsing on either side
    "SELECT " + ", ".join(f'"{c}"' for c in ESTATE_COLUMNS) + ", ST_X(geom) AS lon, ST_Y(geom) AS lat FROM estates"
)


def pg_filter(where: Filter | str | list[str] | None) -> tuple[str, list[Any]]:
    """The filter's SQL and parameters for psycopg (``%s`` placeholders, ``TRUE`` for no filter)."""
    flt = as_filter(where)
    text = "TRUE" if flt.sql == "1" else flt.sql.replace("?", "%s")
    text = text.replace(" LIKE ", " ILIKE ")  # SQLite's LIKE ignores case (ASCII); PostgreSQL's does not
    return text, list(flt.params)


def estate_of(row: dict[str, Any]) -> Estate:
    """An Estate from a server row (``lon``/``lat`` instead of the file's blob)."""
    values = {k: v for k, v in row.items() if k != "geom"}
    estate = estate_from_row(values)
    estate.location = None if row.get("lon") is None else (row["lon"], row["lat"])
    return estate


def file_blob(wkb: bytes | None, point: bool) -> bytes | None:
    """Server WKB as the GeoPackage blob the model's readers decode."""
    if wkb is None:
        return None
    geom = shapely.from_wkb(bytes(wkb))
    return point_blob((geom.x, geom.y)) if point else encode(geom)


class ServerReads:
    """The read half of :class:`~onemap.store.server.inventory.ServerInventory`."""

    _conn: Any

    def _rows(self, query: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        from psycopg.rows import dict_row

        with self._conn.cursor(row_factory=dict_row) as cur:
            return list(cur.execute(query, params))

    def meta(self, key: str, default: str | None = None) -> str | None:
        """A value from ``onemap_meta`` (county_code, county_name, ...)."""
        row = self._conn.execute("SELECT value FROM onemap_meta WHERE key = %s", (key,)).fetchone()
        return default if row is None else row[0]

    def count(self, where: Filter | str | list[str] | None = None) -> int:
        """How many estates match the filter (all when ``None``)."""
        text, params = pg_filter(where)
        return int(self._conn.execute(f"SELECT count(*) FROM estates WHERE {text}", params).fetchone()[0])

    def estates(self, where: Filter | str | list[str] | None = None, order_by: str = _ORDER) -> list[Estate]:
        """Estates matching the filter, without their child rows."""
        if order_by != _ORDER:
            raise ValueError("the server lists estates in the file's order only")
        text, params = pg_filter(where)
        return [estate_of(row) for row in self._rows(f"{_ESTATE_SELECT} WHERE {text} ORDER BY {_PG_ORDER}", params)]

    def estate_version(self, code: str) -> int:
        """The row version of an estate as it is now (what an edit must name); ``no_estate`` when absent."""
        row = self._conn.execute("SELECT row_version FROM estates WHERE code = %s", (code,)).fetchone()
        if row is None:
            from onemap.store.errors import InventoryError

            raise InventoryError("no_estate", detail=code)
        return int(row[0])

    def codes_within(self, minx: float, miny: float, maxx: float, maxy: float) -> list[str]:
        """Codes of located estates whose point falls in a lon/lat box, edges included (GiST index lookup).

        Exact: the index's single-precision boxes only preselect (the file's R-tree answer may
        hold a few points just outside, rounded in).
        """
        rows = self._conn.execute(
            "SELECT code FROM estates WHERE ST_Intersects(geom, ST_MakeEnvelope(%s, %s, %s, %s, 4326))",
            (minx, miny, maxx, maxy),
        )
        return [row[0] for row in rows]

    def estate(self, code: str) -> Estate:
        """One estate with its outline and every child row (``no_estate`` when absent)."""
        rows = self._rows(f"{_ESTATE_SELECT} WHERE code = %s", (code,))
        if not rows:
            from onemap.store.errors import InventoryError

            raise InventoryError("no_estate", detail=code)
        estate = estate_of(rows[0])
        estate.outline = self.outline(code)
        for table in CHILD_TABLES:
            found = self._rows(
                f'SELECT *, ST_AsBinary(geom) AS wkb FROM "{table}" WHERE estate_code = %s ORDER BY fid'
                if CHILD_TABLES[table][2]
                else f'SELECT * FROM "{table}" WHERE estate_code = %s ORDER BY fid',
                (code,),
            )
            for row in found:
                if "wkb" in row:
                    row["geom"] = file_blob(row["wkb"], CHILD_TABLES[table][2] == "location")
            setattr(estate, CHILD_LISTS[table], [child_from_row(table, row) for row in found])
        return estate

    def outline(self, code: str) -> Any:
        """The estate's outline (MultiPolygon) or ``None``."""
        row = self._conn.execute(
            "SELECT ST_AsBinary(geom) FROM estate_areas WHERE estate_code = %s ORDER BY fid LIMIT 1", (code,)
        ).fetchone()
        return None if row is None or row[0] is None else shapely.from_wkb(bytes(row[0]))

    def sensors_by_estate(self) -> dict[str, list[Any]]:
        """Every sensor, grouped by estate code (one query: exports)."""
        grouped: dict[str, list[Any]] = {}
        for row in self._rows("SELECT *, ST_AsBinary(geom) AS wkb FROM sensors ORDER BY fid"):
            row["geom"] = file_blob(row["wkb"], True)
            grouped.setdefault(row["estate_code"], []).append(child_from_row("sensors", row))
        return grouped

    def has_sensors_table(self) -> bool:
        """The server always has the live watch's tables."""
        return True

    def admin_areas(self, levels: list[str] | None = None, *, code: str | None = None) -> list[AdminArea]:
        """Administrative areas (outline as a file blob), as the file's reader gives them."""
        query, params = "SELECT code, name, level, ST_AsBinary(geom) FROM admin_areas WHERE TRUE", list[Any]()
        if levels is not None:
            query += " AND level = ANY(%s)"
            params.append(list(levels))
        if code is not None:
            query += " AND code = %s"
            params.append(code)
        rows = self._conn.execute(query + " ORDER BY fid", params).fetchall()
        return [AdminArea(c, n, lv, file_blob(wkb, False)) for c, n, lv, wkb in rows]

    def history(self, code: str | None, limit: int | None = 50) -> list[AuditEntry]:
        """Audit entries for an estate and its rows (``None``: all), newest first, readable."""
        from onemap.store.trail import _shown

        query = "SELECT at, who, action, table_name, row_key, field, old_value, new_value FROM audit_log"
        params: list[Any] = []
        if code is not None:
            query += " WHERE row_key = %s OR starts_with(row_key, %s)"
            params += [code, code + "/"]
        query += " ORDER BY fid DESC"
        if limit is not None:
            query += " LIMIT %s"
            params.append(limit)
        return [
            AuditEntry(at, who, action, table, key, field, _shown(old), _shown(new))
            for at, who, action, table, key, field, old, new in self._conn.execute(query, params)
        ]

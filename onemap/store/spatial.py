"""The inventory's reads by place: features in a box or under a point (through the GeoPackage R-tree)
and whole layers for the 3D scene.  Geometries come as GeoPackage geometry blobs."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, cast

from onemap.store.opening import translated
from onemap.store.reads import Box, plain_rows

#: layers with an ``estate_code`` and polygons, read by view
_POLYGON_LAYERS = frozenset(("estate_areas", "buildings"))
_NEAR_LIMIT = 2000  # a briefing map never draws more


def _polygons(table: str) -> str:
    if table not in _POLYGON_LAYERS:
        raise ValueError(f"unknown polygon layer {table!r}")
    return table


class SpatialReads:
    """Read methods of :class:`~onemap.store.inventory.Inventory` that ask "what is here"."""

    _conn: sqlite3.Connection
    path: Path

    @translated
    def fids_within(self, table: str, box: Box, limit: int) -> list[int]:
        """Row ids of ``table`` (``estate_areas``, ``buildings``) whose box meets ``box`` (at most ``limit``)."""
        west, south, east, north = box
        rows = self._conn.execute(
            f'SELECT id FROM "rtree_{_polygons(table)}_geom" WHERE maxx >= ? AND minx <= ? AND maxy >= ? '
            "AND miny <= ? LIMIT ?",
            (west, east, south, north, limit),
        )
        return [int(row[0]) for row in rows]

    @translated
    def features(self, table: str, fids: Sequence[int]) -> list[tuple[int, str, bytes | None]]:
        """``(fid, estate_code, geom)`` of the given rows of ``table`` (one query per 900 rows)."""
        out: list[tuple[int, str, bytes | None]] = []
        for start in range(0, len(fids), 900):
            chunk = list(fids[start : start + 900])
            out += plain_rows(
                self._conn,
                f'SELECT fid, estate_code, geom FROM "{_polygons(table)}" WHERE fid IN ({",".join("?" * len(chunk))})',
                chunk,
            )
        return out

    @translated
    def features_at(self, table: str, lon: float, lat: float) -> list[tuple[str, bytes | None]]:
        """``(estate_code, geom)`` of the rows of ``table`` whose box holds the point."""
        rows = self._conn.execute(
            f'SELECT t.estate_code, t.geom FROM "{_polygons(table)}" t JOIN "rtree_{table}_geom" r ON t.fid = r.id '
            "WHERE r.maxx >= ? AND r.minx <= ? AND r.maxy >= ? AND r.miny <= ?",
            (lon, lon, lat, lat),
        )
        return [(row[0], row[1]) for row in rows]

    @translated
    def building_rows(self) -> list[tuple[str, Any, Any, bytes]]:
        """``(estate_code, floors, height_m, geom)`` of every building with a footprint, by estate."""
        rows = plain_rows(
            self._conn,
            "SELECT estate_code, floors, height_m, geom FROM buildings "
            "WHERE geom IS NOT NULL ORDER BY estate_code, fid",
        )
        return cast(list[tuple[str, Any, Any, bytes]], rows)

    def building_row_chunks(self, codes: Sequence[str], size: int = 900) -> Iterator[list[tuple[str, Any, Any, bytes]]]:
        """:meth:`building_rows` of the buildings of ``codes`` only, ``size`` estates a query (a 3D tile's)."""
        wanted = sorted(set(codes))
        for start in range(0, len(wanted), size):
            chunk = wanted[start : start + size]
            sql = (
                "SELECT estate_code, floors, height_m, geom FROM buildings WHERE geom IS NOT NULL "
                f"AND estate_code IN ({','.join('?' * len(chunk))}) ORDER BY estate_code, fid"
            )
            yield cast(list[tuple[str, Any, Any, bytes]], plain_rows(self._conn, sql, chunk))

    def building_box_chunks(
        self, codes: Sequence[str] | None = None, size: int = 100_000
    ) -> Iterator[list[tuple[str, Any, Any, float, float, float, float]]]:
        """``(estate_code, floors, height_m, minx, miny, maxx, maxy)`` of every building with a footprint
        (only ``codes``' when given), its box from the R-tree (lon/lat, no blob decoded), in lists of
        at most ``size`` rows: a national inventory's 1.6 million never sit in memory at once."""
        sql = (
            "SELECT b.estate_code, b.floors, b.height_m, r.minx, r.miny, r.maxx, r.maxy "
            "FROM rtree_buildings_geom r JOIN buildings b ON b.fid = r.id"
        )
        if codes is not None:
            wanted = sorted(set(codes))
            for start in range(0, len(wanted), 900):
                chunk = wanted[start : start + 900]
                rows = plain_rows(self._conn, f"{sql} WHERE b.estate_code IN ({','.join('?' * len(chunk))})", chunk)
                yield cast(list[tuple[str, Any, Any, float, float, float, float]], rows)
            return
        cursor = self._conn.cursor()
        cursor.row_factory = None
        cursor.execute(sql)
        while rows := cursor.fetchmany(size):
            yield cast(list[tuple[str, Any, Any, float, float, float, float]], rows)

    @translated
    def outline_rows_of(self, codes: Sequence[str]) -> list[tuple[str, bytes]]:
        """``(estate_code, geom)`` of the outlines of ``codes`` (the estates an edit changed)."""
        wanted, out = sorted(set(codes)), []
        for start in range(0, len(wanted), 900):
            chunk = wanted[start : start + 900]
            out += plain_rows(
                self._conn,
                "SELECT estate_code, geom FROM estate_areas WHERE geom IS NOT NULL "
                f"AND estate_code IN ({','.join('?' * len(chunk))}) ORDER BY estate_code, fid",
                chunk,
            )
        return cast(list[tuple[str, bytes]], out)

    @translated
    def outline_rows(self) -> list[tuple[str, bytes]]:
        """``(estate_code, geom)`` of every estate outline, by estate."""
        rows = plain_rows(
            self._conn, "SELECT estate_code, geom FROM estate_areas WHERE geom IS NOT NULL ORDER BY estate_code, fid"
        )
        return cast(list[tuple[str, bytes]], rows)

    # -- near an estate, for its briefing map (at most 2000 of each) ----------------------

    def outlines_near(self, box: Box) -> list[tuple[str, Any, Any, bytes | None]]:
        """``(code, name, status, outline)`` of estate outlines meeting ``box``."""
        return self._near(
            "estate_areas", box, "e.code, e.name, e.status, t.geom", "JOIN estates e ON e.code = t.estate_code"
        )

    def points_near(self, box: Box) -> list[tuple[str, Any, Any, bytes | None]]:
        """``(code, name, status, point)`` of located estates meeting ``box``."""
        return self._near("estates", box, "t.code, t.name, t.status, t.geom")

    def buildings_near(self, box: Box, *, besides: str) -> list[bytes | None]:
        """Footprints meeting ``box`` of every estate but ``besides``."""
        rows = self._near("buildings", box, "t.geom", where="t.estate_code != ?", params=(besides,))
        return [row[0] for row in rows]

    @translated
    def _near(
        self, table: str, box: Box, columns: str, join: str = "", where: str = "1", params: tuple[Any, ...] = ()
    ) -> list[Any]:
        minx, miny, maxx, maxy = box
        sql = (
            f"SELECT {columns} FROM {table} t JOIN rtree_{table}_geom r ON t.fid = r.id {join} "
            f"WHERE r.maxx >= ? AND r.minx <= ? AND r.maxy >= ? AND r.miny <= ? AND {where} LIMIT {_NEAR_LIMIT}"
        )
        return [tuple(row) for row in self._conn.execute(sql, (minx, maxx, miny, maxy, *params))]

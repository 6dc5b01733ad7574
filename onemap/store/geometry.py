"""GeoPackage binary geometry (GPKG header + ISO WKB) and the ST_* SQL functions.

The header is: magic ``GP``, version 0, a flags byte (byte order, envelope kind, empty
flag), the SRS id, an optional ``[minx, maxx, miny, maxy]`` envelope, then WKB.  Points
carry no envelope (as GDAL writes them); everything else carries the xy envelope so
the R-tree triggers never have to parse WKB.
"""

from __future__ import annotations

import math
import sqlite3
import struct
from collections.abc import Sequence

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

STORAGE_SRS_ID = 4490
_FLAG_LITTLE_ENDIAN = 0x01
_FLAG_XY_ENVELOPE = 0x02
_FLAG_EMPTY = 0x10
_ENVELOPE_DOUBLES = {0: 0, 1: 4, 2: 6, 3: 6, 4: 8}


def encode(geom: BaseGeometry | None, srs_id: int = STORAGE_SRS_ID) -> bytes | None:
    """Encode a shapely geometry as a GeoPackage geometry blob (``None`` stays NULL)."""
    if geom is None:
        return None
    wkb = bytes(shapely.to_wkb(geom, flavor="iso", byte_order=1, output_dimension=2))
    return _header(geom, srs_id) + wkb


def encode_many(geoms: Sequence[BaseGeometry | None], srs_id: int = STORAGE_SRS_ID) -> list[bytes | None]:
    """Encode many geometries at once (vectorised WKB and bounds, for bulk loads)."""
    array = np.asarray(geoms, dtype=object)
    present = np.array([g is not None for g in geoms], dtype=bool)
    blobs: list[bytes | None] = [None] * len(geoms)
    if not present.any():
        return blobs
    shapes = array[present]
    wkbs = shapely.to_wkb(shapes, flavor="iso", byte_order=1, output_dimension=2)
    bounds = shapely.bounds(shapes).tolist()
    empty = shapely.is_empty(shapes).tolist()
    points = (shapely.get_type_id(shapes) == 0).tolist()
    plain = struct.pack("<2sBBi", b"GP", 0, _FLAG_LITTLE_ENDIAN, srs_id)
    hollow = struct.pack("<2sBBi", b"GP", 0, _FLAG_LITTLE_ENDIAN | _FLAG_EMPTY, srs_id)
    flags = _FLAG_LITTLE_ENDIAN | _FLAG_XY_ENVELOPE
    for at, index in enumerate(np.flatnonzero(present).tolist()):
        if empty[at]:
            header = hollow
        elif points[at]:
            header = plain
        else:  # same header as _header: the xy envelope
            minx, miny, maxx, maxy = bounds[at]
            header = struct.pack("<2sBBi4d", b"GP", 0, flags, srs_id, minx, maxx, miny, maxy)
        blobs[index] = header + bytes(wkbs[at])
    return blobs


def _header(geom: BaseGeometry, srs_id: int) -> bytes:
    if geom.is_empty:
        return struct.pack("<2sBBi", b"GP", 0, _FLAG_LITTLE_ENDIAN | _FLAG_EMPTY, srs_id)
    if isinstance(geom, Point):
        return struct.pack("<2sBBi", b"GP", 0, _FLAG_LITTLE_ENDIAN, srs_id)
    minx, miny, maxx, maxy = geom.bounds
    flags = _FLAG_LITTLE_ENDIAN | _FLAG_XY_ENVELOPE
    return struct.pack("<2sBBi4d", b"GP", 0, flags, srs_id, minx, maxx, miny, maxy)


def decode(blob: bytes | None) -> BaseGeometry | None:
    """Decode a GeoPackage geometry blob to shapely (NULL stays ``None``)."""
    if blob is None:
        return None
    offset = _wkb_offset(blob)
    return shapely.from_wkb(bytes(blob[offset:]))


def srs_id_of(blob: bytes) -> int:
    """The SRS id recorded in a blob's header."""
    order = "<" if blob[3] & _FLAG_LITTLE_ENDIAN else ">"
    return int(struct.unpack_from(order + "i", blob, 4)[0])


def _wkb_offset(blob: bytes) -> int:
    if len(blob) < 8 or blob[0:2] != b"GP":
        raise ValueError("not a GeoPackage geometry blob (missing 'GP' magic)")
    envelope_kind = (blob[3] >> 1) & 0x07
    if envelope_kind not in _ENVELOPE_DOUBLES:
        raise ValueError(f"invalid GeoPackage envelope indicator {envelope_kind}")
    return 8 + 8 * _ENVELOPE_DOUBLES[envelope_kind]


def envelope(blob: bytes | None) -> tuple[float, float, float, float] | None:
    """``(minx, maxx, miny, maxy)`` of a blob, from its header when it has one.

    ``None`` for NULL or empty geometries: the R-tree holds neither.
    """
    if blob is None or len(blob) < 8 or blob[3] & _FLAG_EMPTY:
        return None
    order = "<" if blob[3] & _FLAG_LITTLE_ENDIAN else ">"
    if (blob[3] >> 1) & 0x07:
        minx, maxx, miny, maxy = struct.unpack_from(order + "4d", blob, 8)
        return minx, maxx, miny, maxy
    point = _point_xy(blob)
    if point is not None:
        x, y = point
        return None if math.isnan(x) or math.isnan(y) else (x, x, y, y)
    geom = decode(blob)
    if geom is None or geom.is_empty:
        return None
    minx, miny, maxx, maxy = geom.bounds
    if math.isnan(minx):
        return None
    return minx, maxx, miny, maxy


def _point_xy(blob: bytes) -> tuple[float, float] | None:
    """A 2D point's coordinates straight from its WKB (points carry no header envelope)."""
    offset = _wkb_offset(blob)
    if len(blob) != offset + 21:
        return None
    order = "<" if blob[offset] == 1 else ">"
    if struct.unpack_from(order + "I", blob, offset + 1)[0] != 1:
        return None
    x, y = struct.unpack_from(order + "2d", blob, offset + 5)
    return float(x), float(y)


def is_empty(blob: bytes | None) -> int | None:
    """1 when the blob is an empty geometry, 0 when not, NULL for NULL (SQL semantics)."""
    if blob is None:
        return None
    return 1 if envelope(blob) is None else 0


def _envelope_part(index: int):  # type: ignore[no-untyped-def]
    def part(blob: bytes | None) -> float | None:
        env = envelope(blob)
        return None if env is None else env[index]

    return part


def register_functions(conn: sqlite3.Connection) -> None:
    """Register the ST_* functions that GeoPackage R-tree triggers call.

    Every connection that writes a feature table must have them, or SQLite refuses the
    write with "no such function: ST_IsEmpty".
    """
    conn.create_function("ST_MinX", 1, _envelope_part(0), deterministic=True)
    conn.create_function("ST_MaxX", 1, _envelope_part(1), deterministic=True)
    conn.create_function("ST_MinY", 1, _envelope_part(2), deterministic=True)
    conn.create_function("ST_MaxY", 1, _envelope_part(3), deterministic=True)
    conn.create_function("ST_IsEmpty", 1, is_empty, deterministic=True)


def as_multipolygon(geom: BaseGeometry | None) -> MultiPolygon | None:
    """Promote a Polygon to a MultiPolygon for MULTIPOLYGON columns (GeoPackage is strict)."""
    if geom is None or isinstance(geom, MultiPolygon):
        return geom
    if isinstance(geom, Polygon):
        return MultiPolygon([geom])
    raise TypeError(f"expected a polygon outline, got {geom.geom_type}")

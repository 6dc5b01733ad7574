"""Web Mercator (EPSG:3857) XYZ tile arithmetic for offline MBTiles basemaps.

Tiles are addressed XYZ-style (row 0 at the north edge) everywhere in OneMap; MBTiles
files store TMS rows (row 0 at the south edge), so convert with :func:`tms_row` at the
file boundary and nowhere else.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

#: Half the width of the Web Mercator square, in metres (pi * WGS84 semi-major axis).
ORIGIN_SHIFT_M = math.pi * 6378137.0
#: Latitude at which Web Mercator's square ends.
MAX_LAT = math.degrees(math.atan(math.sinh(math.pi)))

_SNAP_TILES = 1e-7  # a micrometre even at zoom 22

Bbox = tuple[float, float, float, float]


def lonlat_to_tile(lon: float, lat: float, zoom: int) -> tuple[int, int]:
    """Return the XYZ tile ``(x, y)`` containing a lon/lat point at ``zoom``.

    Latitudes beyond Web Mercator's +-85.0511 are clamped to its edge rows.
    """
    n = 1 << zoom
    lat_rad = math.radians(min(max(lat, -MAX_LAT), MAX_LAT))
    x = (lon + 180.0) / 360.0 * n
    y = (1.0 - math.asinh(math.tan(lat_rad)) / math.pi) / 2.0 * n
    return _clamp(int(math.floor(x)), n), _clamp(int(math.floor(y)), n)


def tile_bounds_3857(x: int, y: int, z: int) -> Bbox:
    """Return the ``(minx, miny, maxx, maxy)`` of XYZ tile ``(x, y, z)`` in EPSG:3857 metres."""
    size = _tile_size_m(z)
    minx = -ORIGIN_SHIFT_M + x * size
    maxy = ORIGIN_SHIFT_M - y * size
    return minx, maxy - size, minx + size, maxy


def tms_row(y: int, z: int) -> int:
    """Flip a tile row between XYZ (north origin) and TMS (south origin); its own inverse."""
    return (1 << z) - 1 - y


def tile_range(bbox_3857: Bbox, zoom: int) -> tuple[int, int, int, int]:
    """Return the inclusive XYZ ``(x_min, y_min, x_max, y_max)`` of tiles meeting a bbox.

    A bbox edge lying exactly on a tile edge does not pull in the neighbouring tile.
    """
    minx, miny, maxx, maxy = bbox_3857
    n, size = 1 << zoom, _tile_size_m(zoom)
    # Edges computed from tile_bounds_3857 come back a few ulps off the tile grid; snap
    # anything within _SNAP_TILES of a grid line onto it.
    x_min = _clamp(math.floor((minx + ORIGIN_SHIFT_M) / size + _SNAP_TILES), n)
    y_min = _clamp(math.floor((ORIGIN_SHIFT_M - maxy) / size + _SNAP_TILES), n)
    x_max = _clamp(math.ceil((maxx + ORIGIN_SHIFT_M) / size - _SNAP_TILES) - 1, n)
    y_max = _clamp(math.ceil((ORIGIN_SHIFT_M - miny) / size - _SNAP_TILES) - 1, n)
    # A zero-width bbox on a tile edge would otherwise give an empty range.
    return x_min, y_min, max(x_min, x_max), max(y_min, y_max)


def tiles_covering(bbox_3857: Bbox, zoom: int) -> Iterator[tuple[int, int]]:
    """Yield the XYZ ``(x, y)`` of every tile meeting ``bbox_3857`` at ``zoom``, row by row.

    Parameters
    ----------
    bbox_3857 : tuple of float
        ``(minx, miny, maxx, maxy)`` in EPSG:3857 metres.
    zoom : int
        Zoom level; a county at zoom 18 is ~10^5 tiles, hence a generator. Use
        :func:`tile_range` to count them first.
    """
    x_min, y_min, x_max, y_max = tile_range(bbox_3857, zoom)
    for y in range(y_min, y_max + 1):
        for x in range(x_min, x_max + 1):
            yield x, y


def _tile_size_m(zoom: int) -> float:
    return 2.0 * ORIGIN_SHIFT_M / (1 << zoom)


def _clamp(index: int, n: int) -> int:
    return min(max(index, 0), n - 1)

"""Which basemap tiles a view needs, at which zoom, and which parent tile stands in meanwhile."""

from __future__ import annotations

import math

from onemap.geo.tiles import ORIGIN_SHIFT_M, tile_bounds_3857, tile_range
from onemap.view.extent import Extent

TILE_PX = 256
TileKey = tuple[int, int, int]  # (z, x, y) XYZ


def zoom_for(resolution_m_per_px: float, minzoom: int = 0, maxzoom: int = 22, tile_px: int = TILE_PX) -> int:
    """The tile zoom whose pixels are closest to (not coarser than ~1.4x) the view's pixels."""
    if resolution_m_per_px <= 0 or not math.isfinite(resolution_m_per_px):
        return minzoom
    z = math.log2(2 * ORIGIN_SHIFT_M / (tile_px * resolution_m_per_px))
    return int(min(max(round(z), minzoom), maxzoom))


def tiles_for(extent: Extent, zoom: int, limit: int = 400) -> list[TileKey]:
    """XYZ keys of the tiles covering ``extent`` at ``zoom``, from the centre outwards.

    At most ``limit`` tiles (a guard against a runaway request when the view is huge).
    """
    x0, y0, x1, y1 = tile_range(extent.as_tuple(), zoom)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    keys = [(zoom, x, y) for y in range(y0, y1 + 1) for x in range(x0, x1 + 1)]
    keys.sort(key=lambda k: (k[1] - cx) ** 2 + (k[2] - cy) ** 2)
    return keys[:limit]


def parent(key: TileKey, levels: int = 1) -> TileKey | None:
    """The tile ``levels`` zooms up that contains ``key`` (``None`` above zoom 0)."""
    z, x, y = key
    if levels > z:
        return None
    return z - levels, x >> levels, y >> levels


def bounds(key: TileKey) -> Extent:
    """The tile's box in EPSG:3857 metres."""
    z, x, y = key
    return Extent(*tile_bounds_3857(x, y, z))

"""The basemap as a texture for the 3D ground: tiles of any tile source resampled onto the terrain grid.

The source's Web Mercator tiles over the ground's extent are pasted into one mosaic at the zoom
whose pixels best match the texture's (at most :data:`MAX_TILES` tiles; a missing one is cut from
its nearest ancestor), then each texture pixel
looks up its place in the mosaic. The local-frame -> mosaic mapping is smooth over a county, so
it is computed exactly on a coarse lattice and interpolated between (a million exact transforms
would cost a second).
"""

from __future__ import annotations

import io
import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

from onemap.geo.crs import CGCS2000, WEB_MERCATOR, transformer
from onemap.geo.tiles import ORIGIN_SHIFT_M, tile_range
from onemap.scene.frame import SceneFrame
from onemap.scene.terrain import Extent

TEXTURE_PX = 2048
MAX_TILES = 144
#: how many zooms up a missing tile is looked for (a 256 px tile stretched from 4 px at most)
MAX_ANCESTOR_UP = 6
#: the mapping is computed exactly on this many lattice points a side
_LATTICE = 33
#: where no tile covers the ground (as the 3D view's plain ground)
GROUND_RGBA = (236, 233, 226, 255)


def plain_texture(rgba: tuple[int, int, int, int] = GROUND_RGBA) -> NDArray[np.uint8]:
    """A one-colour texture (no basemap)."""
    return np.tile(np.asarray(rgba, dtype=np.uint8), (2, 2, 1))


def drape_texture(source: Any, frame: SceneFrame, extent: Extent, size_px: int = TEXTURE_PX) -> NDArray[np.uint8]:
    """The basemap over ``extent`` as an RGBA ``(size, size, 4)`` texture, row 0 at the south.

    Parameters
    ----------
    source : TileSource
        Anything with ``minzoom``, ``maxzoom`` and ``tile(z, x, y_xyz) -> bytes | None``.
    frame : SceneFrame
    extent : tuple of float
        ``(x0, y0, x1, y1)``, local metres (the terrain's).
    size_px : int
    """
    mx, my = _mercator_lattice(frame, extent)
    box = (float(mx.min()), float(my.min()), float(mx.max()), float(my.max()))
    zoom = _zoom(source, box, size_px)
    x0, y0, x1, y1 = tile_range(box, zoom)
    mosaic = _mosaic(source, zoom, x0, y0, x1, y1)
    tile_m = 2.0 * ORIGIN_SHIFT_M / (1 << zoom)
    col = ((mx + ORIGIN_SHIFT_M - x0 * tile_m) / tile_m * 256.0).astype(np.float32)
    row = ((ORIGIN_SHIFT_M - my - y0 * tile_m) / tile_m * 256.0).astype(np.float32)
    cols, rows = _resampled(col, size_px), _resampled(row, size_px)
    # nearest mosaic pixel: the mosaic's zoom already matches the texture's pixels, and one gather
    # of 4 million pixels takes a tenth of the time (and memory) bilinear sampling would
    r = np.clip(rows, 0, mosaic.shape[0] - 1).astype(np.int32)
    c = np.clip(cols, 0, mosaic.shape[1] - 1).astype(np.int32)
    del rows, cols
    return np.ascontiguousarray(mosaic[r, c])


def _resampled(lattice: NDArray[np.float32], size: int) -> NDArray[np.float32]:
    """A lattice of values at cell centres, bilinearly resampled to ``size`` x ``size`` cell centres."""
    n = lattice.shape[0]
    t = np.clip((np.arange(size) + 0.5) * n / size - 0.5, 0.0, n - 1.0)
    i = np.minimum(np.floor(t).astype(np.int64), n - 2)
    f = (t - i).astype(np.float32)
    across = lattice[:, i] * (1.0 - f) + lattice[:, i + 1] * f
    return np.asarray(across[i] * (1.0 - f)[:, None] + across[i + 1] * f[:, None], dtype=np.float32)


def _mercator_lattice(frame: SceneFrame, extent: Extent) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Web Mercator metres of a lattice over the extent, row 0 at the south (the texture's order)."""
    x0, y0, x1, y1 = extent
    # cell centres of a _LATTICE grid, as scipy's grid_mode zoom expects
    step_x, step_y = (x1 - x0) / _LATTICE, (y1 - y0) / _LATTICE
    gx, gy = np.meshgrid(x0 + step_x * (np.arange(_LATTICE) + 0.5), y0 + step_y * (np.arange(_LATTICE) + 0.5))
    lon, lat = frame.to_lonlat(gx, gy)
    mx, my = transformer(CGCS2000, WEB_MERCATOR).transform(lon, lat)
    return np.asarray(mx, dtype=np.float64), np.asarray(my, dtype=np.float64)


def _zoom(source: Any, box: tuple[float, float, float, float], size_px: int) -> int:
    span = max(box[2] - box[0], box[3] - box[1], 1.0)
    zoom = math.ceil(math.log2(2.0 * ORIGIN_SHIFT_M * size_px / (256.0 * span)))
    zoom = min(max(zoom, int(source.minzoom)), int(source.maxzoom))
    while zoom > int(source.minzoom) and _count(box, zoom) > MAX_TILES:
        zoom -= 1
    return zoom


def _count(box: tuple[float, float, float, float], zoom: int) -> int:
    x0, y0, x1, y1 = tile_range(box, zoom)
    return (x1 - x0 + 1) * (y1 - y0 + 1)


def _mosaic(source: Any, zoom: int, x0: int, y0: int, x1: int, y1: int) -> NDArray[np.uint8]:
    """The tiles ``x0..x1`` by ``y0..y1`` over the plain ground colour, as one opaque RGBA array.

    Tiles are composited as they are pasted (PIL, in C): a half-transparent orthophoto edge stays
    soft and a missing tile leaves plain ground.
    """
    from PIL import Image

    mosaic = Image.new("RGBA", ((x1 - x0 + 1) * 256, (y1 - y0 + 1) * 256), GROUND_RGBA)
    parents: dict[tuple[int, int, int], Any] = {}
    for y in range(y0, y1 + 1):
        for x in range(x0, x1 + 1):
            image = _tile_image(source, zoom, x, y) or _from_ancestor(source, zoom, x, y, parents)
            if image is not None:
                mosaic.alpha_composite(image, dest=((x - x0) * 256, (y - y0) * 256))
    return np.asarray(mosaic)


def _tile_image(source: Any, z: int, x: int, y: int) -> Any:
    """Tile ``(z, x, y)`` as a 256 px RGBA image, ``None`` when missing or damaged."""
    from PIL import Image

    data = source.tile(z, x, y)
    if not data:
        return None
    try:
        image = Image.open(io.BytesIO(data)).convert("RGBA")
    except (OSError, ValueError):  # one damaged tile leaves a plain patch, not a failed view
        return None
    return image if image.size == (256, 256) else image.resize((256, 256))


def _from_ancestor(source: Any, z: int, x: int, y: int, parents: dict[tuple[int, int, int], Any]) -> Any:
    """A missing tile's part of its nearest ancestor, stretched (as the 2D map does): no hard-edged holes
    where a basemap keeps deep tiles only round the towns."""
    for up in range(1, min(MAX_ANCESTOR_UP, z - int(source.minzoom)) + 1):
        key = (z - up, x >> up, y >> up)
        if key not in parents:
            parents[key] = _tile_image(source, *key)
        if parents[key] is not None:
            side = 256 >> up
            left, top = (x & ((1 << up) - 1)) * side, (y & ((1 << up) - 1)) * side
            return parents[key].crop((left, top, left + side, top + side)).resize((256, 256))
    return None

"""The ground under the 3D scene: a height grid in the scene's local frame, from a user's DEM.

A DEM GeoTIFF (CGCS2000 Gauss-Kruger, WGS84 or any CRS GDAL knows, any resolution) is warped
onto a regular grid of the scene frame that suits the view -- at most :data:`MAX_CELLS` cells a
side, averaged from the overview nearest that cell size -- as float32 metres above the lowest
point of the grid (``base_m``), so heights stay small like the building mesh's. Without a DEM
the ground is :func:`flat_terrain`: the same grid type at height 0, so the basemap drapes the
same way. OneMap ships no invented terrain.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from onemap.geo.rastererror import RasterError
from onemap.scene.frame import SceneFrame

#: the grid has at most this many cells a side (257 x 257 vertices: cheap for llvmpipe)
MAX_CELLS = 256
#: the light comes from the south-west at this height above the horizon (as on the buildings)
SUN_ALTITUDE_DEG = 40.0
#: megabytes of GDAL block cache while a DEM is read
GDAL_CACHE_MB = 16
SHADE_RANGE = (0.45, 1.08)
#: how strongly slopes brighten and darken (1: plain Lambert; less keeps a light basemap readable)
SHADE_STRENGTH = 0.9

Extent = tuple[float, float, float, float]


@dataclass(frozen=True)
class Terrain:
    """Heights on a regular grid of the scene frame.

    Attributes
    ----------
    heights : ndarray of float32, shape (ny, nx)
        Metres above ``base_m``; row 0 is the southern edge, column 0 the western.
    x0, y0 : float
        Local metres of the south-western grid point.
    cell : float
        Grid spacing, metres.
    base_m : float
        The elevation (metres above sea level) drawn at z = 0.
    relief : bool
        Whether the heights come from elevation data (False: flat ground).
    """

    heights: NDArray[np.float32]
    x0: float
    y0: float
    cell: float
    base_m: float = 0.0
    relief: bool = False

    @property
    def extent(self) -> Extent:
        """``(x0, y0, x1, y1)`` of the grid in local metres."""
        ny, nx = self.heights.shape
        return self.x0, self.y0, self.x0 + (nx - 1) * self.cell, self.y0 + (ny - 1) * self.cell

    def height_at(self, x: ArrayLike, y: ArrayLike) -> NDArray[np.float64]:
        """Bilinear ground height at local points (clamped to the grid's edge outside it)."""
        ny, nx = self.heights.shape
        fx = np.clip((np.asarray(x, dtype=np.float64) - self.x0) / self.cell, 0.0, nx - 1.0)
        fy = np.clip((np.asarray(y, dtype=np.float64) - self.y0) / self.cell, 0.0, ny - 1.0)
        i0 = np.minimum(np.floor(fx).astype(np.int64), max(nx - 2, 0))
        j0 = np.minimum(np.floor(fy).astype(np.int64), max(ny - 2, 0))
        i1, j1 = np.minimum(i0 + 1, nx - 1), np.minimum(j0 + 1, ny - 1)
        tx, ty = fx - i0, fy - j0
        h = self.heights.astype(np.float64)
        south = h[j0, i0] * (1 - tx) + h[j0, i1] * tx
        north = h[j1, i0] * (1 - tx) + h[j1, i1] * tx
        return np.asarray(south * (1 - ty) + north * ty, dtype=np.float64)

    def grid_mesh(
        self,
    ) -> tuple[NDArray[np.float32], NDArray[np.float32], NDArray[np.float32], NDArray[np.uint32]]:
        """``(positions (n, 3), texcoords (n, 2), shade (n,), triangle indices (3m,))`` of the grid.

        Texture coordinates run 0..1 west to east and south to north over the extent; the shade is
        a hillshade (1 on flat ground) that the view multiplies into the draped basemap.
        """
        ny, nx = self.heights.shape
        xs = self.x0 + self.cell * np.arange(nx)
        ys = self.y0 + self.cell * np.arange(ny)
        gx, gy = np.meshgrid(xs, ys)
        positions = np.column_stack([gx.ravel(), gy.ravel(), self.heights.ravel()]).astype(np.float32)
        u, v = np.meshgrid(np.linspace(0.0, 1.0, nx), np.linspace(0.0, 1.0, ny))
        texcoords = np.column_stack([u.ravel(), v.ravel()]).astype(np.float32)
        corner = (np.arange(ny - 1)[:, None] * nx + np.arange(nx - 1)[None, :]).ravel()
        quads = np.column_stack([corner, corner + 1, corner + nx + 1, corner, corner + nx + 1, corner + nx])
        return positions, texcoords, hillshade(self.heights, self.cell).ravel(), quads.ravel().astype(np.uint32)


def hillshade(heights: NDArray[np.float32], cell: float) -> NDArray[np.float32]:
    """Light on each grid point from the south-west sun, 1.0 on flat ground."""
    from onemap.scene.mesh import LIGHT_FROM_XY

    dz_dy, dz_dx = np.gradient(heights.astype(np.float64), cell) if min(heights.shape) > 1 else (0.0, 0.0)
    normal = np.stack(np.broadcast_arrays(-np.asarray(dz_dx), -np.asarray(dz_dy), np.ones(heights.shape)), axis=-1)
    normal /= np.linalg.norm(normal, axis=-1, keepdims=True)
    alt = math.radians(SUN_ALTITUDE_DEG)
    sun = np.array([LIGHT_FROM_XY[0] * math.cos(alt), LIGHT_FROM_XY[1] * math.cos(alt), math.sin(alt)])
    lambert = normal @ sun / math.sin(alt)
    return np.asarray(np.clip(1.0 + SHADE_STRENGTH * (lambert - 1.0), *SHADE_RANGE), dtype=np.float32)


def flat_terrain(extent: Extent) -> Terrain:
    """Flat ground over ``extent`` (two triangles' worth of grid)."""
    x0, y0, x1, y1 = extent
    cell = max(x1 - x0, y1 - y0, 1.0)
    return Terrain(np.zeros((2, 2), dtype=np.float32), x0, y0, cell)


def ground_extent(lo: ArrayLike, hi: ArrayLike, pad_fraction: float = 0.25, min_pad_m: float = 1500.0) -> Extent:
    """The square-celled ground around a scene box ``lo``-``hi``: grown so the view meets ground."""
    lo_, hi_ = np.asarray(lo, dtype=np.float64), np.asarray(hi, dtype=np.float64)
    pad = max(pad_fraction * float(np.max(hi_[:2] - lo_[:2])), min_pad_m)
    return float(lo_[0] - pad), float(lo_[1] - pad), float(hi_[0] + pad), float(hi_[1] + pad)


def load_dem(path: str | Path, frame: SceneFrame, extent: Extent, max_cells: int = MAX_CELLS) -> Terrain:
    """The heights of a DEM GeoTIFF over ``extent`` (local metres of ``frame``).

    Parameters
    ----------
    path : str or Path
        A one-band elevation GeoTIFF in metres, in any CRS (CGCS2000, WGS84, ...).
    frame : SceneFrame
    extent : tuple of float
        ``(x0, y0, x1, y1)`` in local metres; the grid covers it with square cells.
    max_cells : int
        Cells along the longer side.

    Raises
    ------
    RasterError
        Missing, unreadable, no or unknown CRS, an image rather than elevations, or a DEM that
        does not reach the scene.
    """
    from onemap.geo.geotiff import is_elevation, open_dataset

    path = Path(path)
    ds = open_dataset(path)
    try:
        if not is_elevation(ds):
            raise RasterError("not_dem", path, f"{ds.count} × {ds.dtypes[0]}")
        heights = _warped(ds, path, frame, extent, max_cells)
    finally:
        ds.close()
    x0, y0, x1, y1 = extent
    cell = max(x1 - x0, y1 - y0) / max_cells
    base = float(np.min(heights))
    return Terrain((heights - base).astype(np.float32), x0, y0, cell, base, relief=True)


def _warped(ds: Any, path: Path, frame: SceneFrame, extent: Extent, max_cells: int) -> NDArray[np.float32]:
    """Elevations on the grid points of ``extent`` (south row first), gaps filled from the nearest value."""
    from contextlib import nullcontext

    import rasterio
    from affine import Affine
    from rasterio.enums import Resampling
    from rasterio.warp import reproject

    x0, y0, x1, y1 = extent
    cell = max(x1 - x0, y1 - y0) / max_cells
    nx, ny = int(round((x1 - x0) / cell)) + 1, int(round((y1 - y0) / cell)) + 1
    west, north = frame.origin_x + x0 - cell / 2.0, frame.origin_y + y0 + (ny - 0.5) * cell
    grid = np.full((ny, nx), np.nan, dtype=np.float32)
    level = _overview_near(ds, cell)
    # a small block cache: the grid is read once, and GDAL's default (5 % of RAM) stays allocated after
    with (
        rasterio.Env(GDAL_CACHEMAX=GDAL_CACHE_MB),
        rasterio.open(path, overview_level=level) if level >= 0 else nullcontext(ds) as src,
    ):
        reproject(
            source=rasterio.band(src, 1),
            destination=grid,
            dst_transform=Affine(cell, 0.0, west, 0.0, -cell, north),
            dst_crs=f"EPSG:{frame.epsg}",
            dst_nodata=np.nan,
            resampling=Resampling.average,
            warp_mem_limit=GDAL_CACHE_MB,
        )
    grid = grid[::-1]  # rasters run north to south; the terrain's rows south to north
    valid = np.isfinite(grid) & (grid > -1000.0)  # -32768 and the like where nodata was not declared
    if not valid.any():
        raise RasterError("dem_outside", path)
    if not valid.all():  # beyond the DEM's edge: its edge heights carried on (GDAL's fill, no new library)
        from rasterio.fill import fillnodata

        grid = fillnodata(np.where(valid, grid, 0.0).astype(np.float32), valid.astype(np.uint8), max(ny, nx), 0)
    return np.asarray(grid, dtype=np.float32)


def _overview_near(ds: Any, cell_m: float) -> int:
    """The coarsest overview of the DEM still finer than ``cell_m`` (-1: the full grid), so a big DEM reads fast."""
    res = abs(float(ds.transform.a))
    if ds.crs.is_geographic:
        res *= 111_320.0 * 0.8  # a degree of longitude at China's latitudes, roughly: only picks a level
    level = -1
    for k, factor in enumerate(ds.overviews(1)):
        if res * factor <= cell_m:
            level = k
    return level

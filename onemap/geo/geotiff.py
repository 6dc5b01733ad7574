"""GeoTIFF / Cloud-Optimized GeoTIFF orthophotos as a Web Mercator tile source.

A drone survey's orthophoto comes in whatever CRS the surveyor used -- often CGCS2000
Gauss-Kruger (EPSG:4545 and its neighbours) -- and OneMap's maps ask for XYZ tiles. Each
tile is warped on the fly (``rasterio.vrt.WarpedVRT`` onto the tile's 256 x 256 grid) from
the overview whose pixels are nearest the tile's, so a zoomed-out county reads the small
overview, not the full image. Tiles are PNG with transparency outside the image.

>>> source = GeoTiffSource("正射影像.tif")       # doctest: +SKIP
>>> png = source.tile(17, 104_000, 52_300)        # doctest: +SKIP
"""

from __future__ import annotations

import io
import math
import threading
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from onemap.geo.rastererror import RasterError
from onemap.geo.tiles import ORIGIN_SHIFT_M, tile_bounds_3857

TILE_PX = 256
#: metres on the ground of one Web Mercator pixel at zoom 0 on the equator
_Z0_PIXEL_M = 2.0 * ORIGIN_SHIFT_M / TILE_PX
_IMAGE_DTYPES = ("uint8",)


def open_dataset(path: Path | str) -> Any:
    """Open a raster with rasterio, its CRS checked; every failure is a :class:`RasterError`."""
    import warnings

    import rasterio
    from rasterio.errors import CRSError, NotGeoreferencedWarning, RasterioIOError

    path = Path(path)
    if not path.is_file():
        raise RasterError("missing", path)
    try:
        with warnings.catch_warnings():  # no georeferencing gets its own sentence below
            warnings.simplefilter("ignore", NotGeoreferencedWarning)
            dataset = rasterio.open(path)
    except RasterioIOError as error:
        raise RasterError("unreadable", path, _short(error)) from error
    try:
        if dataset.crs is None:
            raise RasterError("no_crs", path)
        dataset.crs.to_wkt()
        if not (dataset.crs.is_geographic or dataset.crs.is_projected):
            raise RasterError("unknown_crs", path, str(dataset.crs)[:60])
    except CRSError as error:
        dataset.close()
        raise RasterError("unknown_crs", path, _short(error)) from error
    except RasterError:
        dataset.close()
        raise
    return dataset


def _short(error: BaseException) -> str:
    return str(error).splitlines()[0][:120] if str(error) else type(error).__name__


def is_elevation(dataset: Any) -> bool:
    """Whether a raster looks like elevation data: one band of other than 8-bit values."""
    return int(dataset.count) == 1 and dataset.dtypes[0] not in _IMAGE_DTYPES and _colormap(dataset) is None


class GeoTiffSource:
    """An orthophoto GeoTIFF read as XYZ Web Mercator PNG tiles (the ``TileSource`` protocol).

    Parameters
    ----------
    path : str or Path
        A GeoTIFF or COG in any CRS GDAL knows (its internal overviews are used when zoomed out).

    Raises
    ------
    RasterError
        Missing or unreadable file, no or unknown CRS, or a DEM (one elevation band) given as an image.
    """

    format = "png"

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()  # a GDAL dataset handle is not for two threads at once
        self._datasets: dict[int, Any] = {}
        ds = open_dataset(self.path)
        self._datasets[-1] = ds
        if is_elevation(ds):
            ds.close()
            raise RasterError("dem_as_basemap", self.path, ds.dtypes[0])
        self._bands = _colour_bands(ds)
        self._stretch = _stretch_of(ds, self._bands)
        self.bounds_lonlat = _lonlat_bounds(ds)
        self._bounds_3857 = _mercator_bounds(self.bounds_lonlat)
        self.resolution_m = _resolution_m(ds, self.bounds_lonlat)
        self._overview_m = [self.resolution_m * f for f in ds.overviews(1)]
        self.minzoom, self.maxzoom = _zooms(self.bounds_lonlat, self.resolution_m)
        self.attribution: str | None = ds.tags().get("attribution") or ds.tags().get("TIFFTAG_COPYRIGHT")

    def close(self) -> None:
        """Release the file."""
        with self._lock:
            for ds in self._datasets.values():
                ds.close()
            self._datasets.clear()

    def __enter__(self) -> GeoTiffSource:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def tile(self, z: int, x: int, y_xyz: int) -> bytes | None:
        """The PNG of XYZ tile ``(z, x, y)``, transparent outside the image; None where it has no pixels."""
        rgba = self.tile_rgba(z, x, y_xyz)
        if rgba is None:
            return None
        from PIL import Image

        out = io.BytesIO()
        Image.fromarray(rgba, "RGBA").save(out, "PNG", optimize=False)
        return out.getvalue()

    def tile_rgba(self, z: int, x: int, y_xyz: int) -> NDArray[np.uint8] | None:
        """Tile ``(z, x, y)`` as a ``(256, 256, 4)`` uint8 array (None when it misses the image)."""
        from affine import Affine
        from rasterio.enums import Resampling
        from rasterio.vrt import WarpedVRT

        west, south, east, north = tile_bounds_3857(x, y_xyz, z)
        if not self._meets(west, south, east, north):
            return None
        grid = Affine((east - west) / TILE_PX, 0.0, west, 0.0, -(north - south) / TILE_PX, north)
        with self._lock:
            ds = self._dataset_for(_Z0_PIXEL_M / (1 << z) * math.cos(math.radians(self._mid_lat())))
            options: dict[str, Any] = {"crs": "EPSG:3857", "transform": grid, "width": TILE_PX, "height": TILE_PX}
            if ds.nodata is None and not _has_alpha(ds):
                options["add_alpha"] = True
            with WarpedVRT(ds, resampling=Resampling.bilinear, **options) as vrt:
                data = vrt.read(indexes=self._bands)
                mask = vrt.dataset_mask()
        if not mask.any():
            return None
        rgba = np.empty((TILE_PX, TILE_PX, 4), dtype=np.uint8)
        rgba[..., :3] = _as_rgb(data, self._stretch, _colormap(ds))
        rgba[..., 3] = mask
        return rgba

    def _mid_lat(self) -> float:
        return (self.bounds_lonlat[1] + self.bounds_lonlat[3]) / 2.0

    def _meets(self, west: float, south: float, east: float, north: float) -> bool:
        w, s, e, n = self._bounds_3857
        return west < e and east > w and south < n and north > s

    def _dataset_for(self, pixel_m: float) -> Any:
        """The full image or the coarsest overview still at least as fine as ``pixel_m``."""
        level = -1
        for k, metres in enumerate(self._overview_m):
            if metres <= pixel_m:
                level = k
        if level not in self._datasets:
            import rasterio

            self._datasets[level] = rasterio.open(self.path, overview_level=level)
        return self._datasets[level]


def _colour_bands(ds: Any) -> list[int]:
    from rasterio.enums import ColorInterp

    interp = list(ds.colorinterp)
    if ds.count >= 3:
        picks = [interp.index(c) + 1 for c in (ColorInterp.red, ColorInterp.green, ColorInterp.blue) if c in interp]
        return picks if len(picks) == 3 else [1, 2, 3]
    return [1]


def _has_alpha(ds: Any) -> bool:
    from rasterio.enums import ColorInterp

    return ColorInterp.alpha in ds.colorinterp


def _colormap(ds: Any) -> dict[int, tuple[int, ...]] | None:
    try:
        return dict(ds.colormap(1))
    except ValueError:  # no colour table
        return None


def _stretch_of(ds: Any, bands: list[int]) -> tuple[float, float] | None:
    """Low and high values mapped to 0 and 255 for 16-bit or float imagery (None for 8-bit)."""
    if ds.dtypes[0] in _IMAGE_DTYPES:
        return None
    small = ds.overviews(1)[-1] if ds.overviews(1) else max(1, max(ds.width, ds.height) // 512)
    sample = ds.read(bands, out_shape=(len(bands), max(1, ds.height // small), max(1, ds.width // small)), masked=True)
    values = sample.compressed()
    if values.size == 0:
        return (0.0, 1.0)
    lo, hi = np.percentile(values, [2, 98])
    return float(lo), float(max(hi, lo + 1e-6))


def _as_rgb(
    data: NDArray[Any], stretch: tuple[float, float] | None, colormap: dict[int, tuple[int, ...]] | None
) -> NDArray[np.uint8]:
    if stretch is not None:
        lo, hi = stretch
        data = np.clip((data.astype(np.float32) - lo) * (255.0 / (hi - lo)), 0, 255).astype(np.uint8)
    if colormap is not None and len(data) == 1:
        table = np.zeros((256, 3), dtype=np.uint8)
        for value, colour in colormap.items():
            if 0 <= value < 256:
                table[value] = colour[:3]
        return np.asarray(table[data[0]], dtype=np.uint8)
    planes = [data[0]] * 3 if len(data) == 1 else list(data[:3])
    return np.stack(planes, axis=-1).astype(np.uint8)


def _lonlat_bounds(ds: Any) -> tuple[float, float, float, float]:
    from rasterio.warp import transform_bounds

    west, south, east, north = transform_bounds(ds.crs, "EPSG:4326", *ds.bounds, densify_pts=21)
    return float(west), float(south), float(east), float(north)


def _mercator_bounds(lonlat: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    from onemap.geo.crs import WEB_MERCATOR, WGS84, transformer

    west, south, east, north = transformer(WGS84, WEB_MERCATOR).transform_bounds(*lonlat)
    return float(west), float(south), float(east), float(north)


def _resolution_m(ds: Any, lonlat: tuple[float, float, float, float]) -> float:
    """The image's pixel size on the ground, metres."""
    res = float(min(abs(ds.transform.a), abs(ds.transform.e)))
    if ds.crs.is_geographic:
        return res * 111_320.0 * math.cos(math.radians((lonlat[1] + lonlat[3]) / 2.0))
    return res * float(ds.crs.linear_units_factor[1])


def _zooms(lonlat: tuple[float, float, float, float], resolution_m: float) -> tuple[int, int]:
    """Zooms from the one where the whole image fits in a tile to the one matching its pixels."""
    west, south, east, north = lonlat
    cos_lat = math.cos(math.radians((south + north) / 2.0))
    extent_m = max((east - west) * 111_320.0 * cos_lat, (north - south) * 111_320.0, resolution_m)
    maxzoom = math.ceil(math.log2(_Z0_PIXEL_M * cos_lat / max(resolution_m, 1e-3)))
    minzoom = math.floor(math.log2(_Z0_PIXEL_M * TILE_PX * cos_lat / extent_m))
    maxzoom = min(max(maxzoom, 0), 24)
    # three zooms further out the image is still 32 pixels across: a patch worth showing
    return min(max(minzoom - 3, 0), maxzoom), maxzoom

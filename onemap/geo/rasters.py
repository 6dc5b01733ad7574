"""``open_raster(path)``: the tile source of a local raster file, chosen by its suffix.

GeoTIFF/COG (``.tif``/``.tiff``) orthophotos, ``.pmtiles`` and ``.mbtiles`` all give an object
with ``minzoom``, ``maxzoom``, ``format``, ``attribution`` and ``tile(z, x, y_xyz)`` (the
``TileSource`` protocol of :mod:`onemap.brief.basemap`). A general ``open_source(spec)``
(URLs, tile servers) hands local paths here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from onemap.geo.rastererror import RasterError

GEOTIFF_SUFFIXES = (".tif", ".tiff", ".gtiff")
RASTER_SUFFIXES = (*GEOTIFF_SUFFIXES, ".pmtiles", ".mbtiles")


def is_raster_path(spec: str | Path) -> bool:
    """Whether ``spec`` names a local raster file OneMap reads by its suffix."""
    return Path(str(spec)).suffix.lower() in RASTER_SUFFIXES


def open_raster(path: str | Path) -> Any:
    """Open a local raster basemap as a tile source.

    Parameters
    ----------
    path : str or Path
        ``.tif``/``.tiff`` (GeoTIFF, COG), ``.pmtiles`` or ``.mbtiles``.

    Raises
    ------
    RasterError
        Unsupported suffix, missing or unreadable file, no or unknown CRS, a DEM as basemap.
    onemap.geo.mbtiles.MBTilesError
        A bad MBTiles file.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in GEOTIFF_SUFFIXES:
        from onemap.geo.geotiff import GeoTiffSource

        return GeoTiffSource(path)
    if suffix == ".pmtiles":
        from onemap.geo.pmtiles_source import PMTilesSource

        return PMTilesSource(path)
    if suffix == ".mbtiles":
        from onemap.geo.mbtiles import MBTiles

        return MBTiles(path)
    raise RasterError("unsupported", path)

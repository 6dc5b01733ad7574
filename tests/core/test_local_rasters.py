"""GeoTIFF orthophotos (any CRS) and PMTiles files as Web Mercator tile sources."""

from __future__ import annotations

import io
import math
from pathlib import Path

import numpy as np
import pytest
import rasterio
from PIL import Image
from rasterio.transform import from_origin

from onemap.geo.crs import transformer
from onemap.geo.geotiff import GeoTiffSource
from onemap.geo.rastererror import RasterError
from onemap.geo.rasters import open_raster

LON, LAT = 105.0, 33.15  # on the central meridian of EPSG:4545 (CGCS2000 GK, CM 105E)
RED, BLUE = (200, 0, 0), (0, 0, 220)


def pixel_at(lon: float, lat: float, z: int) -> tuple[int, int, int, int]:
    """``(tile x, tile y, column, row)`` of a lon/lat point at zoom ``z``."""
    n = 1 << z
    fx = (lon + 180.0) / 360.0 * n
    fy = (1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n
    return int(fx), int(fy), int((fx % 1) * 256), int((fy % 1) * 256)


def rgba_at(source: GeoTiffSource, lon: float, lat: float, z: int) -> tuple[int, ...] | None:
    tx, ty, col, row = pixel_at(lon, lat, z)
    png = source.tile(z, tx, ty)
    return (
        None if png is None else tuple(int(v) for v in Image.open(io.BytesIO(png)).convert("RGBA").getpixel((col, row)))
    )


def two_colour_image(path: Path, crs: str, res: float, centre: tuple[float, float], size=(800, 600)) -> Path:
    """West half red, east half blue, centred on ``centre`` (in ``crs`` units), with overviews."""
    w, h = size
    data = np.zeros((3, h, w), np.uint8)
    data[0, :, : w // 2] = RED[0]
    data[2, :, w // 2 :] = BLUE[2]
    x, y = centre
    with rasterio.open(
        path, "w", driver="GTiff", width=w, height=h, count=3, dtype="uint8", crs=crs,
        transform=from_origin(x - w * res / 2, y + h * res / 2, res, res), tiled=True,
    ) as ds:  # fmt: skip
        ds.write(data)
        ds.build_overviews([2, 4, 8])
    return path


@pytest.fixture
def gk_image(tmp_path: Path) -> Path:
    x, y = transformer("EPSG:4490", 4545).transform(LON, LAT)
    return two_colour_image(tmp_path / "正射影像.tif", "EPSG:4545", 0.5, (x, y))


def test_a_gauss_kruger_orthophoto_is_reprojected_to_web_mercator_tiles(gk_image: Path) -> None:
    source = GeoTiffSource(gk_image)
    z = source.maxzoom
    assert rgba_at(source, LON - 0.0015, LAT, z) == (*RED, 255)
    assert rgba_at(source, LON + 0.0015, LAT, z) == (*BLUE, 255)


def test_a_tile_is_transparent_outside_the_image_and_absent_far_away(gk_image: Path) -> None:
    source = GeoTiffSource(gk_image)
    # the image is 400 m x 300 m: 0.0025 degrees north of the centre is ~280 m, beyond its edge
    assert rgba_at(source, LON, LAT + 0.0025, 17)[3] == 0
    assert source.tile(17, *pixel_at(LON + 1.0, LAT, 17)[:2]) is None


def test_zooms_follow_the_resolution_and_extent(gk_image: Path) -> None:
    source = GeoTiffSource(gk_image)
    # 0.5 m pixels at 33 N: zoom 18 has 0.50 m pixels; the 400 m image fits one tile at zoom 16
    assert source.maxzoom == 18
    assert source.minzoom == 16 - 3
    assert source.format == "png"


def test_a_zoomed_out_tile_reads_an_overview_not_the_full_image(gk_image: Path) -> None:
    source = GeoTiffSource(gk_image)
    source.tile(14, *pixel_at(LON, LAT, 14)[:2])
    assert set(source._datasets) == {-1, 2}  # 0.5 m x 8 = 4 m, still finer than zoom 14's 8 m pixels
    rgba = rgba_at(source, LON - 0.0015, LAT, 14)
    assert rgba is not None and rgba[:3] == RED


def test_a_wgs84_orthophoto_is_placed_where_it_says(tmp_path: Path) -> None:
    path = two_colour_image(tmp_path / "wgs.tif", "EPSG:4326", 5e-6, (LON, LAT))
    source = open_raster(path)
    assert isinstance(source, GeoTiffSource)
    z = source.maxzoom
    assert rgba_at(source, LON - 0.0008, LAT, z) == (*RED, 255)
    assert rgba_at(source, LON + 0.0008, LAT, z) == (*BLUE, 255)
    assert rgba_at(source, LON, LAT + 0.0025, z - 2)[3] == 0


def test_a_dem_given_as_a_basemap_is_refused_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "dem.tif"
    with rasterio.open(
        path, "w", driver="GTiff", width=10, height=10, count=1, dtype="float32", crs="EPSG:4326",
        transform=from_origin(LON, LAT, 0.001, 0.001),
    ) as ds:  # fmt: skip
        ds.write(np.full((1, 10, 10), 600.0, np.float32))
    with pytest.raises(RasterError) as caught:
        open_raster(path)
    assert caught.value.kind == "dem_as_basemap"
    assert "高程数据" in str(caught.value) and "--dem" in caught.value.message("en")


def test_a_geotiff_without_a_crs_is_refused_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "nocrs.tif"
    with rasterio.open(path, "w", driver="GTiff", width=4, height=4, count=3, dtype="uint8") as ds:
        ds.write(np.zeros((3, 4, 4), np.uint8))
    with pytest.raises(RasterError) as caught:
        GeoTiffSource(path)
    assert caught.value.kind == "no_crs"
    assert "坐标系" in str(caught.value) and "coordinate system" in caught.value.message("en")


def test_a_broken_or_missing_geotiff_is_refused_with_a_sentence(tmp_path: Path) -> None:
    broken = tmp_path / "broken.tif"
    broken.write_bytes(b"II*\x00 not really a tiff")
    with pytest.raises(RasterError) as caught:
        open_raster(broken)
    assert caught.value.kind == "unreadable" and "broken.tif" in caught.value.message("en")
    with pytest.raises(RasterError) as missing:
        open_raster(tmp_path / "gone.tif")
    assert missing.value.kind == "missing"
    with pytest.raises(RasterError) as other:
        open_raster(tmp_path / "map.jpg")
    assert other.value.kind == "unsupported"


def test_raster_paths_are_told_by_their_suffix(tmp_path: Path) -> None:
    from onemap.geo.rasters import is_raster_path

    assert all(is_raster_path(tmp_path / name) for name in ("a.TIF", "b.tiff", "c.pmtiles", "d.mbtiles"))
    assert not any(is_raster_path(name) for name in ("https://t0.tianditu.gov.cn/{z}/{x}/{y}", "e.png", "f"))

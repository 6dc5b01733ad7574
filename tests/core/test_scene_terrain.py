"""The 3D ground: a DEM warped onto the scene frame, buildings standing on it, the basemap draped."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import rasterio
import shapely
from affine import Affine

from onemap.geo.crs import transformer
from onemap.geo.rastererror import RasterError
from onemap.scene.drape import GROUND_RGBA, drape_texture, plain_texture
from onemap.scene.frame import SceneFrame
from onemap.scene.ground import on_ground
from onemap.scene.scene import build_scene
from onemap.scene.source import BuildingRows
from onemap.scene.terrain import flat_terrain, ground_extent, load_dem

LON, LAT = 106.67, 33.15  # Mian's seat
FRAME = SceneFrame.around(LON, LAT)
#: the synthetic DEM: 600 m at the seat, rising 50 m per km to the north (a valley side)
BASE_M, RISE_PER_M = 600.0, 0.05


def write_dem(path: Path, crs: str) -> Path:
    """A north-rising slope around the seat, in ``crs`` (a projected GK zone or lon/lat)."""
    half = 6000.0
    if crs == "EPSG:4326":
        step, n = 0.0005, 300
        west, north = LON - step * n / 2, LAT + step * n / 2
        lons, lats = np.meshgrid(west + step * (np.arange(n) + 0.5), north - step * (np.arange(n) + 0.5))
        _x, y = FRAME.to_local(lons, lats)
        transform = Affine(step, 0, west, 0, -step, north)
    else:
        cx, cy = transformer("EPSG:4490", crs).transform(LON, LAT)
        step, n = 40.0, int(2 * half / 40.0)
        west, north = cx - half, cy + half
        xs, ys = np.meshgrid(west + step * (np.arange(n) + 0.5), north - step * (np.arange(n) + 0.5))
        lon, lat = transformer(crs, "EPSG:4490").transform(xs, ys)
        _x, y = FRAME.to_local(lon, lat)
        transform = Affine(step, 0, west, 0, -step, north)
    heights = (BASE_M + RISE_PER_M * y).astype(np.float32)
    with rasterio.open(
        path, "w", driver="GTiff", width=n, height=n, count=1, dtype="float32", crs=crs,
        transform=transform, nodata=-9999.0,
    ) as ds:  # fmt: skip
        ds.write(heights[None])
    return path


@pytest.mark.parametrize("crs", ["EPSG:4326", "EPSG:4545", "EPSG:4546"])
def test_a_dem_in_any_crs_gives_its_heights_on_the_scene_grid(tmp_path: Path, crs: str) -> None:
    dem = write_dem(tmp_path / "dem.tif", crs)
    terrain = load_dem(dem, FRAME, (-3000.0, -3000.0, 3000.0, 3000.0), max_cells=60)
    assert terrain.relief and terrain.heights.dtype == np.float32 and terrain.heights.shape == (61, 61)
    # the grid is relative to its lowest point: 3 km south of the seat, 600 - 150 m
    assert terrain.base_m == pytest.approx(BASE_M - 3000 * RISE_PER_M, abs=3.0)
    for y in (-2000.0, 0.0, 2500.0):
        expected = BASE_M + RISE_PER_M * y - terrain.base_m
        assert float(terrain.height_at(100.0, y)) == pytest.approx(expected, abs=3.0)


def test_an_image_given_as_a_dem_is_refused_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "photo.tif"
    with rasterio.open(
        path, "w", driver="GTiff", width=8, height=8, count=3, dtype="uint8", crs="EPSG:4326",
        transform=Affine(0.001, 0, LON, 0, -0.001, LAT),
    ) as ds:  # fmt: skip
        ds.write(np.zeros((3, 8, 8), np.uint8))
    with pytest.raises(RasterError) as caught:
        load_dem(path, FRAME, (-100.0, -100.0, 100.0, 100.0))
    assert caught.value.kind == "not_dem" and "DEM" in caught.value.message("en")


def test_a_dem_far_from_the_county_is_refused_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.tif"
    with rasterio.open(
        path, "w", driver="GTiff", width=8, height=8, count=1, dtype="int16", crs="EPSG:4326",
        transform=Affine(0.001, 0, 116.0, 0, -0.001, 40.0), nodata=-32768,
    ) as ds:  # fmt: skip
        ds.write(np.full((1, 8, 8), 50, np.int16))
    with pytest.raises(RasterError) as caught:
        load_dem(path, FRAME, (-100.0, -100.0, 100.0, 100.0))
    assert caught.value.kind == "dem_outside"


def two_estates() -> BuildingRows:
    """One building at the seat and one 2 km north of it (uphill on the DEM)."""
    lon, lat = FRAME.to_lonlat(np.array([0.0, 0.0]), np.array([0.0, 2000.0]))
    boxes = [shapely.box(x - 0.0002, y - 0.0002, x + 0.0002, y + 0.0002) for x, y in zip(lon, lat, strict=True)]
    return BuildingRows(np.array(["A", "B"], dtype=object), np.array([18.0, 30.0]), np.array(boxes, dtype=object))


def test_buildings_stand_on_the_ground_and_keep_their_heights(tmp_path: Path) -> None:
    rows = two_estates()
    none = np.empty(0, dtype=object)
    scene = build_scene(rows, none, none, {"A": "甲", "B": "乙"}, FRAME)
    terrain = load_dem(write_dem(tmp_path / "dem.tif", "EPSG:4545"), FRAME, ground_extent(*scene.bounds()), 80)
    placed = on_ground(scene, terrain)
    for code, height in (("A", 18.0), ("B", 30.0)):
        i = placed.mesh.estate_index(code)
        faces = placed.mesh.positions[3 * placed.mesh.estate_faces[i] : 3 * placed.mesh.estate_faces[i + 1]]
        x, y = faces[:, 0].mean(), faces[:, 1].mean()
        ground = float(terrain.height_at(x, y))
        assert faces[:, 2].min() == pytest.approx(ground, abs=2.0)  # on the ground, not at z = 0
        assert faces[:, 2].max() - faces[:, 2].min() == pytest.approx(height, abs=2.0)
    b = placed.index_of("B")
    assert placed.anchors[b, 2] - scene.anchors[b, 2] == pytest.approx(
        BASE_M + 2000 * RISE_PER_M - terrain.base_m, abs=4.0
    )
    assert placed.terrain is terrain


def test_flat_ground_leaves_the_scene_where_it_was() -> None:
    none = np.empty(0, dtype=object)
    scene = build_scene(two_estates(), none, none, {}, FRAME)
    flat = on_ground(scene, flat_terrain(ground_extent(*scene.bounds())))
    assert np.array_equal(flat.mesh.positions, scene.mesh.positions)
    assert flat.terrain is not None and not flat.terrain.relief


def test_the_hillshade_lights_the_slopes_facing_the_sun_and_shades_the_others(tmp_path: Path) -> None:
    terrain = load_dem(write_dem(tmp_path / "dem.tif", "EPSG:4326"), FRAME, (-2000, -2000, 2000, 2000), 40)
    _pos, _tex, shade, indices = terrain.grid_mesh()
    # the slope faces south, towards the south-west sun: brighter than flat ground
    assert shade.min() > 1.0 and len(indices) == 40 * 40 * 6
    flat = flat_terrain((-10.0, -10.0, 10.0, 10.0)).grid_mesh()[2]
    assert np.allclose(flat, 1.0)


class Stripes:
    """A tile source whose every tile is red in its west half and blue in its east half."""

    minzoom, maxzoom, format, attribution = 12, 12, "png", None

    def tile(self, z: int, x: int, y: int) -> bytes:
        import io

        from PIL import Image

        image = Image.new("RGBA", (256, 256), (0, 0, 255, 255))
        image.paste((255, 0, 0, 255), (0, 0, 128, 256))
        out = io.BytesIO()
        image.save(out, "PNG")
        return out.getvalue()


def test_the_basemap_is_draped_where_its_tiles_lie() -> None:
    from onemap.geo.tiles import lonlat_to_tile, tile_bounds_3857

    extent = (-10000.0, -10000.0, 10000.0, 10000.0)  # wider than a zoom-12 tile (8 km here)
    texture = drape_texture(Stripes(), FRAME, extent, size_px=256)
    assert texture.shape == (256, 256, 4) and (texture[..., 3] == 255).all()
    # the zoom-12 tile under the seat: its west quarter is red, its east quarter blue
    z = 12
    west, south, east, north = tile_bounds_3857(*lonlat_to_tile(LON, LAT, z), z)
    lon, lat = transformer("EPSG:3857", "EPSG:4490").transform(
        [west + 0.2 * (east - west), west + 0.8 * (east - west)], [(south + north) / 2] * 2
    )
    x, y = FRAME.to_local(lon, lat)
    cols = ((x - extent[0]) / 20000.0 * 256).astype(int)
    rows = ((y - extent[1]) / 20000.0 * 256).astype(int)
    assert ((cols > 0) & (cols < 256) & (rows > 0) & (rows < 256)).all()
    assert tuple(texture[rows[0], cols[0], :3]) == (255, 0, 0)
    assert tuple(texture[rows[1], cols[1], :3]) == (0, 0, 255)
    assert tuple(plain_texture()[0, 0]) == GROUND_RGBA


class DeepOnlyRoundOneTile(Stripes):
    """A basemap like the generated one: zoom 11 everywhere, zoom 12 only in one tile (round a town)."""

    minzoom, maxzoom = 11, 12

    def __init__(self, town: tuple[int, int]) -> None:
        self.town = town

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        return super().tile(z, x, y) if z == 11 or (x, y) == self.town else None


def test_a_missing_deep_tile_is_cut_from_its_ancestor_so_the_ground_has_no_plain_holes() -> None:
    from onemap.geo.tiles import lonlat_to_tile

    texture = drape_texture(DeepOnlyRoundOneTile(lonlat_to_tile(LON, LAT, 12)), FRAME, (-10000, -10000, 10000, 10000))
    plain = np.all(texture[..., :3] == GROUND_RGBA[:3], axis=-1)
    assert plain.mean() == 0.0  # before: every zoom-12 tile but the town's was a plain rectangle

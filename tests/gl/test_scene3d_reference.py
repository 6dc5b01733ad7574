"""The 3D ground shows the reference layers, says what went wrong with it, and pans over its hills."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from onemap.demo.reflayers import write_demo_layers
from onemap.gui.scene3d.snapshot import render_3d_png
from onemap.gui.settings import Settings
from tests.gl.test_scene3d_terrain import write_valley_dem
from tests.gui.guikit import make_window

pytestmark = pytest.mark.gl
STREETS = (0xC9, 0xB4, 0x8F)  # the demo's 城区道路（示意） line colour
RIVER = (0x6F, 0xA8, 0xDC)  # 汉江（示意）


SIZE = (1600, 1000)  # the snapshot's default: the seat's streets show round its estates


def rgb(path: Path) -> np.ndarray:
    from PIL import Image

    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"))


def coloured(pixels: np.ndarray, colour: tuple[int, int, int], slack: int = 10) -> int:
    """How many pixels are within ``slack`` of ``colour`` on every channel."""
    near = np.abs(pixels[..., :3].astype(int) - np.array(colour)).max(axis=-1) <= slack
    return int(near.sum())


@pytest.fixture
def with_layers(demo_file: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "勉县 参考.gpkg"
    shutil.copy(demo_file, copy)
    write_demo_layers(copy)
    return copy


def test_the_3d_snapshot_paints_the_sidecar_streets_and_river_on_the_ground(
    gl_ready, demo_file: Path, with_layers: Path, tmp_path: Path
) -> None:
    painted = rgb(render_3d_png(with_layers, tmp_path / "ref.png", size=SIZE, basemap=None))
    bare = rgb(render_3d_png(demo_file, tmp_path / "bare.png", size=SIZE, basemap=None))
    assert coloured(painted, STREETS) > 30 and coloured(painted, RIVER) > 100
    assert coloured(bare, STREETS) == 0 and coloured(bare, RIVER) == 0


def test_a_layer_file_given_to_the_3d_snapshot_is_painted_in_its_own_style(
    gl_ready, demo_file: Path, with_layers: Path, tmp_path: Path
) -> None:
    said: list[str] = []
    sidecar = with_layers.with_name("勉县 参考.layers.gpkg")
    out = rgb(render_3d_png(demo_file, tmp_path / "l.png", size=SIZE, basemap=None, layers=[sidecar], said=said))
    # a GeoPackage given on the command line keeps the colours its OneMap metadata names (it was default grey)
    assert coloured(out, STREETS) > 30 and coloured(out, RIVER) > 100 and not said


def write_far_dem(path: Path) -> Path:
    """A real DEM of a patch near Beijing: it does not reach Mian."""
    import rasterio
    from affine import Affine

    with rasterio.open(
        path, "w", driver="GTiff", width=8, height=8, count=1, dtype="int16", crs="EPSG:4326",
        transform=Affine(0.001, 0, 116.0, 0, -0.001, 40.0), nodata=-32768,
    ) as ds:  # fmt: skip
        ds.write(np.full((1, 8, 8), 50, np.int16))
    return path


@pytest.fixture
def window(qtbot, gl_ready, with_layers: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    w = make_window(qtbot, Settings(tmp_path / "OneMap.ini"), with_layers)
    w.views.setCurrentIndex(w.scene3d.index)
    qtbot.waitUntil(lambda: w.scene3d.view.scene is not None and w.scene3d.job is None, timeout=20_000)
    yield w
    w.close()


def test_the_3d_tab_paints_the_layers_the_dock_shows_and_drops_a_hidden_one(window) -> None:  # type: ignore[no-untyped-def]
    view = window.scene3d.view
    assert coloured(view.layers.texture, STREETS, 2) > 100
    specs = window.layers.reference.specs
    hidden = [replace(s, visible=False) if "道路" in s.label else s for s in specs]
    window.reflayers.change(hidden)
    texture = view.layers.texture
    assert coloured(texture, STREETS, 2) == 0 and coloured(texture, RIVER, 2) > 100


def test_a_dem_failing_in_the_3d_build_is_said_once_in_the_status_bar(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from onemap.gui.scene3d.dem_menu import set_dem

    tab = window.scene3d
    builds = tab.builds
    assert set_dem(window, write_far_dem(tmp_path / "北京.tif"))
    qtbot.waitUntil(lambda: tab.builds > builds and tab.job is None, timeout=30_000)
    message = window.status.currentMessage()
    assert "北京.tif" in message and message == str(tab.ground_warnings[0])  # Chinese, the test's language
    window.status.clearMessage()
    tab.rebuild()
    qtbot.waitUntil(lambda: tab.job is None, timeout=30_000)
    assert window.status.currentMessage() == ""  # the same problem is not said again


def test_panning_in_3d_keeps_the_centre_on_the_hills(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from onemap.gui.scene3d.dem_menu import set_dem

    tab = window.scene3d
    builds = tab.builds
    assert set_dem(window, write_valley_dem(tmp_path / "高程.tif"))
    qtbot.waitUntil(lambda: tab.builds > builds and tab.job is None, timeout=30_000)
    canvas, terrain = tab.view.canvas, tab.view.scene.terrain
    canvas.pan(120, 40, 0, relative="view-upright")
    c = canvas.camera().center
    assert terrain.relief and c[2] == pytest.approx(float(terrain.height_at(c[0], c[1])), abs=0.01)
    assert abs(c[2]) > 50.0  # the valley DEM lies hundreds of metres above the frame's zero


def test_close_to_an_estate_the_streets_are_lines_not_a_blur_over_its_ground(
    gl_ready, with_layers: Path, tmp_path: Path
) -> None:
    from onemap.scene.scene import load_scene

    scene = load_scene(with_layers)
    seat = np.array([106.67, 33.15])
    lon, lat = scene.frame.to_lonlat(*scene.estate_bounds[:, :, :2].mean(axis=1).T)
    code = scene.estate_codes[int(np.argmin(np.hypot(lon - seat[0], lat - seat[1])))]
    out = rgb(render_3d_png(with_layers, tmp_path / "e.png", size=SIZE, basemap=None, estate_code=code))
    share = coloured(out, STREETS, 12) / (SIZE[0] * SIZE[1])
    # the county's texture alone painted the whole ground round the estate in the street colour
    assert 0.001 < share < 0.2, share


def test_selecting_an_estate_in_the_3d_tab_gives_its_ground_a_finer_texture(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    tab = window.scene3d
    terrain_item = tab.view.layers.terrain
    assert terrain_item.detail is None
    scene = tab.view.scene
    seat = np.array([106.67, 33.15])
    lon, lat = scene.frame.to_lonlat(*scene.estate_bounds[:, :, :2].mean(axis=1).T)
    code = str(scene.estate_codes[int(np.argmin(np.hypot(lon - seat[0], lat - seat[1])))])
    window.session.state.select([code], current=code)
    qtbot.waitUntil(lambda: terrain_item.detail is not None, timeout=20_000)
    texture, (u0, v0, u1, v1) = terrain_item.detail
    assert 0.0 < u0 < u1 < 1.0 and 0.0 < v0 < v1 < 1.0 and (u1 - u0) < 0.2  # a few km of a county's ground
    share = coloured(texture, STREETS, 2) / texture.shape[0] / texture.shape[1]
    assert 0.005 < share < 0.3, share  # the streets as lines round the estate
    window.session.state.select([], current=None)
    qtbot.waitUntil(lambda: terrain_item.detail is None, timeout=5_000)

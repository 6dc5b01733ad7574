"""The viewer's 3D tab stands on the DEM chosen for the inventory (kept in the settings) and drapes its basemap."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from onemap.gui.scene3d.dem_menu import set_dem
from onemap.gui.settings import Settings
from tests.gl.test_scene3d_terrain import write_green_photo, write_valley_dem
from tests.gui.guikit import make_window

pytestmark = pytest.mark.gl


@pytest.fixture
def window(qtbot, gl_ready, demo_copy: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    w = make_window(qtbot, Settings(tmp_path / "OneMap.ini"), demo_copy)
    w.views.setCurrentIndex(w.scene3d.index)
    qtbot.waitUntil(lambda: w.scene3d.view.scene is not None, timeout=20_000)
    yield w
    w.close()


def test_a_dem_chosen_for_the_inventory_raises_the_3d_ground_and_is_remembered(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = window.scene3d
    assert tab.view.scene.terrain is not None and not tab.view.scene.terrain.relief
    builds = tab.builds
    dem = write_valley_dem(tmp_path / "高程.tif")
    assert set_dem(window, dem)
    qtbot.waitUntil(lambda: tab.builds > builds and tab.job is None, timeout=30_000)
    terrain = tab.view.scene.terrain
    assert terrain is not None and terrain.relief and float(np.ptp(terrain.heights)) > 500.0
    assert tab.view.layers.terrain.vertex_count > 10_000
    assert window.settings.dem_for(window.session.path) == str(dem)
    window.settings.q.sync()
    assert Settings(window.settings.path).dem_for(window.session.path) == str(dem)


def test_an_image_chosen_as_the_dem_gets_a_sentence_and_changes_nothing(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    photo = write_green_photo(tmp_path / "photo.tif")
    assert not set_dem(window, photo)
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "DEM" in boxes[-1].text()
    assert window.settings.dem_for(window.session.path) == ""
    assert not window.scene3d.view.scene.terrain.relief


def test_the_map_menu_offers_the_dem_entries(window) -> None:  # type: ignore[no-untyped-def]
    choose, clear = window.dem_actions
    assert choose.text().startswith("三维地形") and clear.text().startswith("三维地形")
    assert choose in window.findChild(type(window.menuBar().actions()[0].menu()), "mapMenu").actions()


def test_a_dem_that_misses_the_county_leaves_flat_ground_and_says_why(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import rasterio
    from affine import Affine

    far = tmp_path / "北京.tif"
    with rasterio.open(
        far, "w", driver="GTiff", width=8, height=8, count=1, dtype="int16", crs="EPSG:4326",
        transform=Affine(0.001, 0, 116.0, 0, -0.001, 40.0), nodata=-32768,
    ) as ds:  # fmt: skip
        ds.write(np.full((1, 8, 8), 50, np.int16))
    tab = window.scene3d
    builds = tab.builds
    assert set_dem(window, far)  # its header is a DEM's: accepted, then found not to reach the county
    qtbot.waitUntil(lambda: tab.builds > builds and tab.job is None, timeout=30_000)
    assert not tab.view.scene.terrain.relief
    assert tab.ground_warnings and "北京.tif" in tab.ground_warnings[0]
    assert tab.view.scene.estate_codes  # the scene is still there

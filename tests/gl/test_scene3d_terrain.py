"""3D with ground under a real OpenGL context: relief from a DEM, the basemap draped, an oblique home view."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import rasterio
from affine import Affine
from PySide6.QtGui import QImage

from onemap.geo.crs import transformer
from onemap.gui.scene3d import Scene3DView
from onemap.gui.scene3d.snapshot import SnapshotError, render_3d_png
from onemap.gui.scene3d.view import HOME_ELEVATION
from onemap.said import error_text
from onemap.scene.scene import load_scene

pytestmark = pytest.mark.gl
SIZE = (800, 500)
SEAT = (106.67, 33.15)


def grey(path: Path) -> np.ndarray:
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_Grayscale8)
    raw = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.bytesPerLine() * image.height())
    return raw.reshape(image.height(), image.bytesPerLine())[:, : image.width()].astype(np.float64)


def rgb(path: Path) -> np.ndarray:
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB888)
    # copied while the image lives: a view of its bits read freed memory once it was gone (a flaky pixel)
    raw = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.bytesPerLine() * image.height()).copy()
    return raw.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 3].reshape(*SIZE[::-1], 3)


def write_valley_dem(path: Path) -> Path:
    """Ridges running east-west across the county, 500 m cells, in CGCS2000 GK zone 35 (EPSG:4545)."""
    cx, cy = transformer("EPSG:4490", "EPSG:4545").transform(*SEAT)
    step, n = 500.0, 240
    west, north = cx - n * step / 2, cy + n * step / 2
    xs, ys = np.meshgrid(west + step * (np.arange(n) + 0.5), north - step * (np.arange(n) + 0.5))
    heights = 550.0 + 600.0 * (1.0 + np.sin((ys - cy) / 6000.0)) + 150.0 * np.sin((xs - cx) / 4000.0)
    with rasterio.open(
        path, "w", driver="GTiff", width=n, height=n, count=1, dtype="float32", crs="EPSG:4545",
        transform=Affine(step, 0, west, 0, -step, north), nodata=-9999.0,
    ) as ds:  # fmt: skip
        ds.write(heights.astype(np.float32)[None])
    return path


def write_green_photo(path: Path) -> Path:
    """A plain green 'orthophoto' 0.2 degrees square round the county seat (WGS84)."""
    n, step = 400, 0.0005
    with rasterio.open(
        path, "w", driver="GTiff", width=n, height=n, count=3, dtype="uint8", crs="EPSG:4326",
        transform=Affine(step, 0, SEAT[0] - n * step / 2, 0, -step, SEAT[1] + n * step / 2),
    ) as ds:  # fmt: skip
        ds.write(np.stack([np.full((n, n), v, np.uint8) for v in (40, 170, 60)]))
    return path


def test_the_county_snapshot_with_a_dem_shows_relief_a_flat_ground_cannot(
    gl_ready, demo_file: Path, tmp_path: Path
) -> None:
    flat = render_3d_png(demo_file, tmp_path / "flat.png", size=SIZE, basemap=None)
    relief = render_3d_png(
        demo_file, tmp_path / "relief.png", size=SIZE, basemap=None, dem=write_valley_dem(tmp_path / "dem.tif")
    )
    a, b = ground_greys(flat), ground_greys(relief)
    # a flat ground of one colour is one grey wherever it shows; hill-shaded ridges are light and dark
    assert a.size > 50_000 and b.size > 50_000
    assert np.std(a) < 2.0, np.std(a)
    assert np.std(b) > 6.0, np.std(b)
    assert np.percentile(b, 95) - np.percentile(b, 5) > 20.0


def ground_greys(path: Path) -> np.ndarray:
    """The grey values of the ground's pixels in the lower two thirds (near-neutral, light: not dots, lines,
    nor the place names written on it with their white halos)."""
    from scipy.ndimage import binary_dilation

    pixels = rgb(path)[SIZE[1] // 3 :].astype(int)
    r, g, b = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    neutral = (np.abs(r - g) < 14) & (np.abs(g - b) < 18) & (np.minimum(np.minimum(r, g), b) > 120)
    ink = np.minimum(np.minimum(r, g), b) < 110
    names = binary_dilation(ink, iterations=6)  # the letters and their halos
    return np.asarray((r + g + b)[neutral & ~names] / 3.0)


def test_an_orthophoto_basemap_is_draped_on_the_ground(gl_ready, demo_file: Path, tmp_path: Path) -> None:
    photo = write_green_photo(tmp_path / "正射影像.tif")
    out = render_3d_png(demo_file, tmp_path / "draped.png", size=SIZE, basemap=photo)
    pixels = rgb(out).astype(int)
    green = (pixels[..., 1] > 140) & (pixels[..., 0] < 90) & (pixels[..., 2] < 100)
    assert green.sum() > 2000  # the photo's patch round the seat, seen obliquely
    plain = rgb(render_3d_png(demo_file, tmp_path / "plain.png", size=SIZE, basemap=None)).astype(int)
    assert ((plain[..., 1] > 140) & (plain[..., 0] < 90) & (plain[..., 2] < 100)).sum() == 0


def test_an_image_given_as_the_dem_is_refused_with_a_sentence(gl_ready, demo_file: Path, tmp_path: Path) -> None:
    with pytest.raises(SnapshotError) as caught:
        render_3d_png(demo_file, tmp_path / "x.png", size=SIZE, basemap=None, dem=write_green_photo(tmp_path / "p.tif"))
    assert "DEM" in str(caught.value) and "elevation" in error_text(caught.value, "en")
    assert not (tmp_path / "x.png").exists()


def test_the_county_home_view_is_oblique(qtbot, gl_ready, demo_file: Path) -> None:
    view = Scene3DView(toolbar=False)
    qtbot.addWidget(view)
    view.resize(*SIZE)
    view.show()
    qtbot.waitExposed(view)
    view.set_scene(load_scene(demo_file))
    camera = view.camera()
    assert camera is not None and camera.elevation == HOME_ELEVATION < 45.0

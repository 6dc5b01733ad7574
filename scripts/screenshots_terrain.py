"""Render the 3D ground screenshots into docs/screenshots/: the demo county in 3D over its draped basemap,
reference layers and place names, with relief from a synthetic DEM (said so in the README), and without.

The DEM is invented for the picture: a valley floor at 550 m along the Han river's line through the county
seat, rising to about 1,800 m in ridges north (Qinling) and south (Micang), written with rasterio in
CGCS2000 Gauss-Kruger (EPSG:4545).  The demo itself ships no terrain.

Usage: xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python scripts/screenshots_terrain.py [--out DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
SEAT = (106.673, 33.153)


def write_valley_dem(path: Path) -> Path:
    """The invented Han valley: 250 m cells over 110 km, EPSG:4545."""
    import rasterio
    from affine import Affine

    from onemap.geo.crs import transformer

    cx, cy = transformer("EPSG:4490", "EPSG:4545").transform(*SEAT)
    step, n = 250.0, 440
    west, north = cx - n * step / 2, cy + n * step / 2
    xs, ys = np.meshgrid(west + step * (np.arange(n) + 0.5), north - step * (np.arange(n) + 0.5))
    off = (ys - cy - 0.04 * (xs - cx)) / 1000.0  # km from the river's line (it runs a little north-east)
    rise = np.clip((np.abs(off) - 2.5) / 22.0, 0.0, 1.0)
    rise = rise * rise * (3 - 2 * rise)  # smoothstep: a flat floor, then the mountains' flanks
    ridges = np.full(xs.shape, 0.8)
    rng = np.random.default_rng(610725)  # the same invented hills every run
    for _ in range(9):  # waves 5-25 km long in random directions: spurs and valleys, no washboard
        angle, length, phase = rng.uniform(0, np.pi), rng.uniform(5000, 25000), rng.uniform(0, 2 * np.pi)
        along = xs * np.cos(angle) + ys * np.sin(angle)
        ridges += 0.09 * np.sin(2 * np.pi * along / length + phase)
    heights = 550.0 + np.where(off > 0, 1250.0, 1150.0) * rise * ridges
    with rasterio.open(
        path, "w", driver="GTiff", width=n, height=n, count=1, dtype="float32", crs="EPSG:4545",
        transform=Affine(step, 0, west, 0, -step, north), nodata=-9999.0,
    ) as ds:  # fmt: skip
        ds.write(heights.astype(np.float32)[None])
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    from screenshots import private_home

    home = private_home()
    import os

    os.environ.pop("QT_QPA_PLATFORM", None)  # GL needs the X server (xvfb-run)
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QCoreApplication, Qt

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    from onemap.demo import make_demo
    from onemap.demo.reflayers import write_demo_layers
    from onemap.gui.scene3d.snapshot import render_3d_png

    inventory = home / "勉县演示清单.gpkg"
    make_demo(inventory).close()
    write_demo_layers(inventory)
    dem = write_valley_dem(home / "示意地形.tif")
    args.out.mkdir(parents=True, exist_ok=True)
    shots = [
        render_3d_png(inventory, args.out / "snapshot-3d-relief.png", size=(1600, 1000), dem=dem),
        render_3d_png(inventory, args.out / "snapshot-3d-reference.png", size=(1600, 1000)),
    ]
    for path in shots:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

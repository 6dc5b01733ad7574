"""Screenshots of the 生活圈 dock for the README: gaps, a service area, a what-if place.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_living_circles.py [--out docs/screenshots]

Makes a demo inventory and a 示意 street grid (GeoJSON) in a temporary folder, opens the
main window on them and saves ``living-circles-gaps.png`` (straight lines x detour),
``living-circles-isochrone.png`` (primary schools along the network) and
``living-circles-what-if.png`` (a kindergarten placed at an estate that lacks one).

Runs in a private temporary home like ``scripts/screenshots.py``: with the machine's own
settings the window restored its saved dock layout, and Qt's ``restoreState`` over the
tabified docks left stale tab bars (属性表 at the top left, 筛选|图层 inside the filter dock)
that the grab drew.  The shots also wait for the inventory's basemap, so no progress bar shows.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from screenshots import private_home  # noqa: E402
from screenshots import settle as settle_window  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    folder = private_home()  # no saved window layout, settings or basemap cache of this machine
    sys.path.insert(0, str(ROOT))
    from onemap.demo import make_demo
    from onemap.demo.facilities import SEAT_LONLAT, demo_streets
    from onemap.gui.appsetup import make_application
    from onemap.gui.jobs import wait_for_jobs
    from onemap.gui.main_window import MainWindow
    from onemap.gui.settings import Settings
    from onemap.io.walk_lines import read_network
    from onemap.view.extent import Extent, to_display

    app = make_application(offscreen=True)

    def settle() -> None:
        settle_window(window)

    make_demo(folder / "勉县.gpkg").close()
    streets = folder / "示意道路.geojson"
    features = [
        {
            "type": "Feature",
            "properties": {"name": "示意道路"},
            "geometry": {"type": "LineString", "coordinates": p.tolist()},
        }
        for p in demo_streets()
    ]
    streets.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    window = MainWindow(Settings(folder / "OneMap.ini"))
    window.resize(1500, 950)
    window.show()
    window.open_inventory(folder / "勉县.gpkg")
    while window.layers.basemap.mbtiles is None:  # the first start builds the inventory's own basemap
        app.processEvents()
        time.sleep(0.02)
    x, y = to_display(np.array([SEAT_LONLAT[0]]), np.array([SEAT_LONLAT[1]]))
    window.canvas.show_extent(Extent(x[0] - 2520, y[0] - 1800, x[0] + 2520, y[0] + 1800))
    dock = window.living_circles
    dock.show()
    dock.raise_()
    dock.run()
    wait_for_jobs()
    settle()
    args.out.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(args.out / "living-circles-gaps.png"))
    dock.network = read_network(streets)
    dock.run()
    wait_for_jobs()
    dock.kind.setCurrentIndex(dock.kind.findData("primary_school"))
    dock.show_area.setChecked(True)
    settle()
    window.grab().save(str(args.out / "living-circles-isochrone.png"))
    dock.show_area.setChecked(False)
    dock.kind.setCurrentIndex(dock.kind.findData("kindergarten"))
    dock.what_if_button.setChecked(True)
    lacking = [e for e in dock.estates if "kindergarten" in dock.result[e.code].gaps]
    if lacking:
        dock.try_place(lacking[0].location)
    settle()
    window.grab().save(str(args.out / "living-circles-what-if.png"))
    window.close()


if __name__ == "__main__":
    main()

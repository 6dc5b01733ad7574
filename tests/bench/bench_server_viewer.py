"""The viewer on PostGIS: opening one county of a big shared inventory, and reading polygons by view as it pans.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_server_viewer.py
          [--source /tmp/m/d220k.gpkg] [--repeat 5] [--views 50]

Starts a throwaway PostgreSQL + PostGIS cluster (as the tests do), loads a copy of the source with
``onemap server init``, exports one county of it to a GeoPackage (what an office would open on
its own), then times, interleaved and as medians over ``--repeat`` runs:

* the map session on the county (``open_for_viewing(URL?county=…)`` + ``MapSession``), against
  ``MapSession.open`` of the county's GeoPackage;
* the main window opening it (``MainWindow.open_inventory``: map, docks, listener), server URL
  against the county file;
* ``--views`` pans: one view's outlines and buildings read (GiST box query + geometries, what the
  worker thread does), against the file's R-tree read of the same view.

Figures are printed, not asserted; ``uptime`` is printed beside them.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from onemap.store import Inventory  # noqa: E402
from onemap.store.server.init import init_server  # noqa: E402
from onemap.store.server.viewreads import open_for_viewing, view_url  # noqa: E402
from onemap.view.extent import Extent  # noqa: E402
from onemap.view.polygons import FeatureSource  # noqa: E402
from onemap.view.session import MapSession  # noqa: E402
from tests.core.pg_cluster import remove_cluster, start_cluster  # noqa: E402


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} s"


def _session_open(spec: str | Path) -> tuple[float, int]:
    start = time.perf_counter()
    session = open_for_viewing(spec) if isinstance(spec, str) else None
    session_ = MapSession(session) if session is not None else MapSession.open(spec)
    seconds = time.perf_counter() - start
    n = len(session_.table.code)
    session_.close()
    return seconds, n


def _views(spec: str | Path, views: list[Extent]) -> tuple[float, int]:
    inventory = open_for_viewing(spec) if isinstance(spec, str) else Inventory.open(spec, readonly=True)
    with inventory:
        sources = [FeatureSource(inventory, t) for t in ("estate_areas", "buildings")]
        start = time.perf_counter()
        found = sum(len(source.within(view)) for view in views for source in sources)
        return (time.perf_counter() - start) / len(views), found


def _window_opens(url: str, county_file: Path, repeat: int, work: Path) -> dict[str, list[float]]:
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication([])
    from onemap.gui.appsetup import configure
    from onemap.gui.main_window import MainWindow
    from onemap.gui.server.control import settings_path
    from onemap.gui.settings import Settings

    configure(app)  # type: ignore[arg-type]
    settings = Settings(work / "OneMap.ini")
    for spec in (settings_path(url), county_file):
        settings.set_basemap_for(spec, "")  # no basemap generated: not what is measured
    window = MainWindow(settings)
    window.resize(1400, 900)
    window.show()
    figures: dict[str, list[float]] = {"window, server county": [], "window, county file": []}
    for _ in range(repeat + 1):  # the first round warms Qt up and is dropped
        for name, spec in (("window, server county", url), ("window, county file", county_file)):
            start = time.perf_counter()
            assert window.open_inventory(spec)
            window.server.opening.settle()  # a server county opens in a worker
            figures[name].append(time.perf_counter() - start)
            for _ in range(20):
                app.processEvents()  # type: ignore[union-attr]
    window.close_session()
    window.close()
    return {k: v[1:] for k, v in figures.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", type=Path, default=Path("/tmp/m/d20k.gpkg"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--views", type=int, default=50)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="onemap-bench-viewer-"))
    copy = work / args.source.name
    shutil.copy(args.source, copy)  # the shared benchmark file stays untouched
    cluster = start_cluster()
    try:
        base = cluster.url(cluster.new_database())
        start = time.perf_counter()
        summary = init_server(base, ["000000"], copy)
        print(f"server init --from {args.source.name}: {time.perf_counter() - start:.1f} s "
              f"({summary['loaded']['estates']} estates); {_uptime()}")  # fmt: skip
        with Inventory.open(copy, readonly=True) as inventory:
            codes = [row[0] for row in inventory.estate_columns(["code"])]
            county = codes[len(codes) // 2][:6]
            from onemap.io.export import export_gpkg

            county_file = work / f"{county}.gpkg"
            export_gpkg(inventory, county_file, [f"编码>={county}0000", f"编码<{int(county) + 1}0000"])
        url = view_url(base, [county])
        with open_for_viewing(url) as view:
            located = [r[0] for r in view.estate_columns(["code", "geom"]) if r[1] is not None]
            points = [tuple(v) for v in view._conn.execute(
                "SELECT ST_X(geom), ST_Y(geom) FROM estates WHERE starts_with(code, %s) AND geom IS NOT NULL",
                (county,))]  # fmt: skip
        rng = random.Random(7)
        views = []
        for _ in range(args.views):  # a street-level view (about 1.5 km across) around one of the county's estates
            from onemap.geo.crs import lonlat_to_web_mercator

            x, y = lonlat_to_web_mercator(*rng.choice(points))
            views.append(Extent(x - 750, y - 500, x + 750, y + 500))
        figures: dict[str, list[float]] = {"session, server county": [], "session, county file": [],
                                           "one view, server": [], "one view, file": []}  # fmt: skip
        counts: dict[str, int] = {}
        for _ in range(args.repeat):  # interleaved: the machine's load falls on both alike
            for name, spec in (("server county", url), ("county file", county_file)):
                seconds, counts[name] = _session_open(spec)
                figures[f"session, {name}"].append(seconds)
            for name, spec in (("server", url), ("file", county_file)):
                seconds, counts[f"view {name}"] = _views(spec, views)
                figures[f"one view, {name}"].append(seconds)
        figures.update(_window_opens(url, county_file, args.repeat, work))
        print(f"county {county}: {counts['server county']} estates on the server, {counts['county file']} in "
              f"its file ({len(located)} located); {_uptime()}")  # fmt: skip
        for name, values in figures.items():
            print(f"{name:24s} median {_median(values)} over {len(values)}")
        print(f"polygons per view: server {counts['view server'] / args.views:.0f}, file "
              f"{counts['view file'] / args.views:.0f}; {_uptime()}")  # fmt: skip
    finally:
        remove_cluster(cluster)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

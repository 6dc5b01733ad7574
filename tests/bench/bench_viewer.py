"""Speed of the map viewer: first paint, pan/zoom repaints, identify, search and filter.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_viewer.py FILE.gpkg [FILE.gpkg ...]

For each inventory: the time from asking the window to open the file to its first
painted map, the median and 90th-percentile repaint over a scripted tour of pans and
zooms at three scales (whole extent, one county, a county seat), the deferred R-tree
read of outlines/buildings, identify under the cursor, and search/filter/table
refreshes.  Repaints are synchronous (``viewport().repaint()``) and include the layers'
own updates.  Figures are printed, never asserted: this machine is shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np

from onemap.gui.appsetup import make_application
from onemap.view.extent import Extent
from onemap.view.filters import EstateFilter

SIZE = (1600, 1000)


def median_ms(times: list[float]) -> str:
    ordered = sorted(times)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    median = statistics.median(times)
    digits = 1 if median >= 0.001 else 3
    return f"median {median * 1000:.{digits}f} ms, p90 {p90 * 1000:.{digits}f} ms, n={len(times)}"


COLD_START = """
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from pathlib import Path
from onemap.gui.appsetup import make_application
app = make_application()
from onemap.gui.main_window import MainWindow
from onemap.gui.settings import Settings
settings = Settings(Path(sys.argv[2]))
settings.set_basemap_for(Path(sys.argv[1]), "")
window = MainWindow(settings)
window.resize(1600, 1000)
window.show()
window.open_inventory(Path(sys.argv[1]))
window.repaint()
"""


def cold_start(path: Path) -> float:
    """Seconds for a new process to import everything, show the window, open ``path`` and paint it."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", COLD_START, str(path), str(Path(folder) / "s.ini")], check=True, capture_output=True
        )
        return time.perf_counter() - start


def timed(fn: Callable[[], object], repeat: int = 1) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def tour(window, extent: Extent, steps: int = 24) -> list[float]:  # type: ignore[no-untyped-def]
    """Pan and zoom around ``extent``; time each view change plus its repaint."""
    from PySide6.QtWidgets import QApplication

    canvas = window.canvas
    canvas.show_extent(extent)
    window.layers.settle()
    QApplication.processEvents()
    moves = [(0.1, 0.0), (0.0, 0.1), (-0.1, 0.0), (0.0, -0.1)]
    times = []
    for i in range(steps):
        start = time.perf_counter()
        if i % 3 == 2:
            canvas.zoom(0.8 if (i // 3) % 2 == 0 else 1.25)
        else:
            canvas.pan(*moves[i % 4])
        canvas.viewport().repaint()
        times.append(time.perf_counter() - start)
    return times


def settle_time(window) -> list[float]:  # type: ignore[no-untyped-def]
    """The deferred work after a view settles: R-tree reads of outlines/buildings and a repaint."""
    times = []
    for dx in (0.3, -0.3, 0.3, -0.3):
        window.canvas.pan(dx, 0.0)
        start = time.perf_counter()
        window.layers.settle()
        window.canvas.viewport().repaint()
        times.append(time.perf_counter() - start)
    return times


def boundary_settle_time(window) -> list[float]:  # type: ignore[no-untyped-def]
    """After a zoom step shows the stretched boundaries: the repaint once the view rests (crisp again)."""
    times = []
    for factor in (0.8, 1.25, 0.8, 1.25):
        window.canvas.zoom(factor)
        window.canvas.viewport().repaint()
        start = time.perf_counter()
        window.layers.admin.settle()
        window.canvas.viewport().repaint()
        times.append(time.perf_counter() - start)
    return times


def wait_for_jobs(window, timeout: float = 600.0) -> float:  # type: ignore[no-untyped-def]
    """Process events until the window's background jobs are done; seconds waited."""
    from PySide6.QtWidgets import QApplication

    start = time.perf_counter()
    deadline = start + 2.0  # the pinyin job starts 1.5 s after opening
    while time.perf_counter() < deadline or any(job.isRunning() for job in window.jobs):
        QApplication.processEvents()
        time.sleep(0.01)
        if time.perf_counter() - start > timeout:
            break
    return time.perf_counter() - start


def bench(path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from onemap.gui.main_window import MainWindow
    from onemap.gui.settings import Settings

    settings = Settings(Path(os.environ.get("TMPDIR", "/tmp")) / "onemap-bench-settings.ini")
    settings.set_basemap_for(path, "")  # a basemap is measured on its own below
    window = MainWindow(settings)
    window.resize(*SIZE)
    window.show()
    QApplication.processEvents()
    start = time.perf_counter()
    window.open_inventory(path)
    opened = time.perf_counter()
    window.canvas.viewport().repaint()
    painted = time.perf_counter()
    state = window.session.state
    n = len(state.table)
    print(f"[{path.name}: {n:,} estates]")
    print(f"  open (read estates, admin areas, build layers): {(opened - start) * 1000:.0f} ms")
    print(f"  first paint after asking to open: {(painted - start) * 1000:.0f} ms")
    print(f"  cold start in a new process (imports, window, open, paint, exit): {cold_start(path):.1f} s")
    waited = wait_for_jobs(window)  # the pinyin index is built in a thread after opening: tour the map without it
    print(f"  background jobs after opening (pinyin index) finished {waited:.1f} s later")
    home = state.home
    t = state.table
    mian = Extent.around(t.x[: min(n, 600)], t.y[: min(n, 600)])
    seat_x, seat_y = float(np.median(t.x[:100])), float(np.median(t.y[:100]))
    seat = Extent(seat_x - 2500, seat_y - 1600, seat_x + 2500, seat_y + 1600)
    for name, extent in (("whole extent", home), ("one county", mian), ("county seat, outlines", seat)):
        times = tour(window, extent)
        print(f"  pan/zoom repaint, {name} (res {state.resolution:.0f} m/px): {median_ms(times)}")
    print(f"  deferred outline+building read and repaint at the seat: {median_ms(settle_time(window))}")
    window.canvas.show_extent(home)
    print(f"  boundaries drawn again once a zoom rests, whole extent: {median_ms(boundary_settle_time(window))}")
    rng = np.random.default_rng(1)
    window.canvas.show_extent(seat)
    QApplication.processEvents()
    session = window.session
    e = state.extent
    clicks = np.column_stack([rng.uniform(e.minx, e.maxx, 500), rng.uniform(e.miny, e.maxy, 500)])
    ident = [timed(lambda p=p: session.estates_at(float(p[0]), float(p[1])))[0] for p in clicks]
    print(f"  identify a click at the seat (nearest point, else outline under it): {median_ms(ident)}")
    window.canvas.show_extent(home)
    QApplication.processEvents()
    picks = rng.choice(np.flatnonzero(t.located), 500)
    ident = [timed(lambda r=r: state.identify(float(t.x[r]) + 3.0, float(t.y[r])))[0] for r in picks]
    print(f"  identify nearest estate anywhere (whole extent): {median_ms(ident)}")
    ready = state.search.pinyin_ready
    first = timed(lambda: state.set_filter(EstateFilter(text="gy")))
    print(
        f"  first search 'gy' (map, table, legend, status bar refreshed): {first[0] * 1000:.0f} ms"
        f"{'' if ready else ', including building the pinyin index'}"
    )
    again = timed(lambda: (state.set_filter(EstateFilter(text="gyjy")), state.set_filter(EstateFilter(text="gy"))), 3)
    print(f"  search again (two filter changes): {median_ms(again)}")
    status = timed(
        lambda: (
            state.set_filter(EstateFilter(statuses=frozenset({"under_construction"}))),
            state.set_filter(EstateFilter()),
        ),
        3,
    )
    print(f"  status filter on and off (everything refreshed): {median_ms(status)}")
    kinds = timed(lambda: [state.set_symbology(k) for k in ("year", "category", "status")], 2)
    print(f"  three symbology switches: {median_ms(kinds)}")
    window.close()


def bench_basemap(path: Path) -> None:
    from onemap.gui.basemap_builder import build_basemap, plan_zooms
    from onemap.view.session import MapSession

    session = MapSession.open(path)
    plan = plan_zooms(session)
    out = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-{path.stem}.mbtiles"
    seconds = timed(lambda: build_basemap(session, out))[0]
    tiles = sum(len(v) for v in plan.values())
    print(
        f"  generated basemap: {tiles} tiles (zoom {min(plan)}-{max(plan)}) in {seconds:.1f} s, "
        f"{out.stat().st_size / 1e6:.1f} MB"
    )
    session.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("inventories", type=Path, nargs="+")
    parser.add_argument("--basemap", action="store_true", help="also time building the generated basemap")
    args = parser.parse_args()
    make_application(sys.argv[:1], offscreen=True)
    for path in args.inventories:
        bench(path)
        if args.basemap:
            bench_basemap(path)


if __name__ == "__main__":
    main()

"""Speed of the map viewer: first paint, pan/zoom repaints, identify, search and filter.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_viewer.py FILE.gpkg [FILE.gpkg ...]

For each inventory: the time from asking to open the file to its first painted map,
taking ``onemap FILE``'s own path (the preloading thread, ``app.start``); the same as a
cold start in a new process (bench_startup's probe, which quits cleanly); then, once every
background read of the opening has ended, the median and 90th-percentile repaint (wall and
CPU) over a scripted tour of pans and zooms at three scales (whole extent, one county, a
county seat), the deferred R-tree read of outlines/buildings, identify under the cursor, and
search/filter/table refreshes.  Repaints are synchronous (``viewport().repaint()``) and
include the layers' own updates.  Figures are printed, never asserted: this machine is shared.

Issue 12 round 5, d220k, old tree then new at load 4.0-5.1: whole-extent pan/zoom repaint median 13.8 /
p90 20.0 ms (CPU 9.8 / 12.3) -> 15.7 / 24.2 ms (CPU 9.1 / 11.9); the frames once a zoom rests (boundaries
drawn again) median 34.8 / p90 67.9 -> 19.7 / 25.6 ms (the rings now stroked 8 ms at a time between
frames: crisp 73 -> 196 ms after the rest).
Issue 12 session 6, task C (the demo files' facilities: d220k 2,059,252, d20k 186,694; the old layer drew
every one on every repaint, ~1.3 s of CPU a frame at d20k, ~15 s at d220k, so the old tree's tour is not
run): new tree, d220k at load 9: whole extent median 15.0 / p90 21.9 ms (CPU 7.6 / 9.9), one county
39.8 / 51.4 ms (CPU 19.1 / 21.3), county seat 32.8 / 50.0 ms (CPU 16.2 / 23.3), open to the first map
2.75 s in process, cold start 4.17 s; d20k at load 9.3: whole extent 35.2 / 41.2 ms (CPU 17.4 / 21.2),
county 35.9 / 47.5 (CPU 18.2 / 21.7), seat 14.3 / 22.4 ms (CPU 14.0 / 17.8).
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


def cold_start(path: Path) -> float:
    """Seconds for ``python -m onemap FILE`` in a new process to its map painted (bench_startup's probe).

    The process then quits the way a user's does (the probe quits the application after the
    camera marks are read; jobs still running are parked until they end), so a non-zero exit
    is a real failure, not the benchmark's.
    """
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_startup import one_run  # type: ignore[import-not-found]

    repo = Path(__import__("onemap").__file__).resolve().parent.parent
    return one_run(path, 0.5, repo)["map"]


def timed(fn: Callable[[], object], repeat: int = 1) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def tour(window, extent: Extent, steps: int = 48) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    """Pan and zoom around ``extent``; wall and CPU seconds of each view change plus its repaint.

    The CPU seconds (the process's, all threads) are the figure to compare on a shared machine:
    a loaded machine stretches the wall times of a frame by whatever else runs then.
    """
    from PySide6.QtWidgets import QApplication

    canvas = window.canvas
    canvas.show_extent(extent)
    window.layers.settle()
    QApplication.processEvents()
    moves = [(0.1, 0.0), (0.0, 0.1), (-0.1, 0.0), (0.0, -0.1)]
    times, cpu = [], []
    for i in range(steps):
        start, start_cpu = time.perf_counter(), time.process_time()
        if i % 3 == 2:
            canvas.zoom(0.8 if (i // 3) % 2 == 0 else 1.25)
        else:
            canvas.pan(*moves[i % 4])
        canvas.viewport().repaint()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return times, cpu


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


def boundary_settle_time(window) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    """After a zoom step shows the stretched boundaries and the view rests: the frames the UI thread paints
    (the one when the view rests, the one with the crisp boundaries) and how long until they are crisp."""
    from PySide6.QtWidgets import QApplication

    item = window.layers.admin.lines
    frames, crisp = [], []
    for factor in (0.8, 1.25, 0.8, 1.25, 0.8, 1.25):
        window.canvas.zoom(factor)
        window.canvas.viewport().repaint()
        item.timer.stop()
        rest = time.perf_counter()
        item._on_settled()  # the view rested (what the boundaries' timer does)
        window.canvas.viewport().repaint()
        frames.append(time.perf_counter() - rest)
        while item.stale:  # the boundaries stroked beside the UI thread (old trees: in the frame above)
            QApplication.processEvents()
            time.sleep(0.001)
        start = time.perf_counter()
        window.canvas.viewport().repaint()
        frames.append(time.perf_counter() - start)
        crisp.append(time.perf_counter() - rest)
    return frames, crisp


def background_busy(window) -> str:  # type: ignore[no-untyped-def]
    """What the viewer still reads in the background after opening ("" when nothing): the later
    columns, the camera and sensor marks, the search's pinyin, the map's facilities, every Job the window runs."""
    session = window.session
    if session is None:
        return ""
    if not session.table.is_complete:
        return "later columns"
    if getattr(getattr(window, "watch_marks", None), "_loading", None) is not None:
        return "camera and sensor marks"
    if not session.state.search.pinyin_ready:
        return "search's pinyin"
    if getattr(getattr(window, "living_circles", None), "_reading", None) is not None:
        return "the map's facilities"  # issue 12 round 6: read in a job (a helper process at 220,000)
    return ", ".join(job.objectName() for job in window.jobs if job.isRunning())


def wait_for_jobs(window, timeout: float = 600.0) -> float:  # type: ignore[no-untyped-def]
    """Process events until the window's background reads are done (and 1 s more); seconds waited."""
    from PySide6.QtWidgets import QApplication

    start = time.perf_counter()
    while background_busy(window) and time.perf_counter() - start < timeout:
        QApplication.processEvents()
        time.sleep(0.005)
    end = time.perf_counter() + 1.0  # a timer may start one more job (the heap given back)
    while time.perf_counter() < end:
        QApplication.processEvents()
        time.sleep(0.01)
    return time.perf_counter() - start


def open_like_a_user(path: Path):  # type: ignore[no-untyped-def]
    """``onemap FILE``'s own open path in this process: the preloading thread and ``start``.

    Returns the window and the seconds from asking to open to the first painted map frame.
    (The old ``window.open_inventory(path)`` read every column synchronously: 10 s at
    220,000 estates, a path no user's start takes.)
    """
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    import onemap.gui.main_window  # noqa: F401  -- the imports are the cold start's, below
    from onemap.gui.app import SessionPreload, start
    from onemap.gui.settings import Settings

    settings = Settings(Path(os.environ.get("TMPDIR", "/tmp")) / "onemap-bench-settings.ini")
    settings.set_basemap_for(path, "")  # a basemap is measured on its own below
    begin = time.perf_counter()
    preload = SessionPreload(path)
    preload.result()
    window, hook = start(path, settings, preload=preload)
    window.setWindowState(Qt.WindowState.WindowNoState)  # the same size on every machine
    window.resize(*SIZE)
    painted: list[float] = []
    window.canvas.frame_painted.connect(lambda: painted or painted.append(time.perf_counter()))
    while not painted and time.perf_counter() - begin < 120:
        QApplication.processEvents()
        time.sleep(0.001)
    return window, hook, (painted[0] if painted else float("nan")) - begin


def bench(path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    print(f"[{path.name}]")
    # first, while no window of this process holds the file's writers' lock (a second viewer opens read-only)
    print(f"  cold start, onemap FILE to the map painted (new process, exits cleanly): {cold_start(path):.2f} s")
    window, hook, first = open_like_a_user(path)
    state = window.session.state
    n = len(state.table)
    print(f"  {n:,} estates: open to the first painted map, in this process (imports done): {first * 1000:.0f} ms")
    waited = wait_for_jobs(window)  # the tours measure the viewer at rest: later columns, marks, pinyin read
    print(f"  background reads after opening finished {waited:.1f} s later")
    home = state.home
    t = state.table
    mian = Extent.around(t.x[: min(n, 600)], t.y[: min(n, 600)])
    seat_x, seat_y = float(np.median(t.x[:100])), float(np.median(t.y[:100]))
    seat = Extent(seat_x - 2500, seat_y - 1600, seat_x + 2500, seat_y + 1600)
    for name, extent in (("whole extent", home), ("one county", mian), ("county seat, outlines", seat)):
        times, cpu = tour(window, extent)
        print(f"  pan/zoom repaint, {name} (res {state.resolution:.0f} m/px): {median_ms(times)}")
        print(f"    the same, CPU: {median_ms(cpu)}")
    print(f"  deferred outline+building read and repaint at the seat: {median_ms(settle_time(window))}")
    window.canvas.show_extent(home)
    frames, crisp = boundary_settle_time(window)
    print(f"  repaints once a zoom rests (the boundaries drawn again), whole extent: {median_ms(frames)}")
    print(f"    from the view resting to crisp boundaries on screen: {median_ms(crisp)}")
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
    hook.uninstall()


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

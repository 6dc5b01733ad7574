"""Memory and frame times of the viewer with the 3D tab hidden, shown and orbiting, and after edits.

Run (GL needs X with GLX; on a server Xvfb + Mesa llvmpipe):
  xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python tests/bench/bench_viewer_memory.py FILE.gpkg [--frames N]

FILE is copied first (the edits write to the copy); when missing, a demo of ``--estates``
estates (20,000 by default, ~20 s: the CI-sized form) is made there first. Peak RSS is the process's
high-water mark so far (``getrusage``), current RSS is ``VmRSS`` (Linux; "n/a" elsewhere).
Figures are printed, never asserted: the machine is shared.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

SIZE = (1600, 1000)


def peak_mb() -> float | None:
    """The process's peak resident memory so far, in MB (None where getrusage is missing)."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def current_mb() -> float | None:
    """Resident memory now, in MB (Linux only)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def trim_heap() -> str:
    """Give glibc's free heap pages back to the system, to tell live data from fragmentation."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        return "not glibc: skipped"
    return "malloc_trim(0)"


def memory(label: str, seconds: float | None = None) -> None:
    def mb(v: float | None) -> str:
        return "n/a" if v is None else f"{v:,.0f} MB"

    took = "" if seconds is None else f" ({seconds:.2f} s)"
    print(f"{label}{took}: peak RSS {mb(peak_mb())}, RSS now {mb(current_mb())}", flush=True)


def wait_until(app, done, timeout: float = 600.0) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    while not done():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("the viewer did not get there in time")
        app.processEvents()
        time.sleep(0.005)
    return time.perf_counter() - start


def settle(app, seconds: float) -> None:  # type: ignore[no-untyped-def]
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def build_idle(tab) -> bool:  # type: ignore[no-untyped-def]
    return tab.job is None or tab.job.isFinished()


def orbit_frames(app, view, frames: int) -> list[float]:  # type: ignore[no-untyped-def]
    """Seconds per frame on screen while the camera circles the county."""
    swaps: list[int] = []
    view.canvas.frameSwapped.connect(lambda: swaps.append(1))
    start_camera = view.camera()
    times = []
    for i in range(frames + 1):
        c = start_camera
        view.canvas.set_camera(type(c)(c.center, c.distance, c.elevation, c.azimuth + 3.0 * i, c.fov))
        seen, start = len(swaps), time.perf_counter()
        view.canvas.update()
        while len(swaps) == seen:
            app.processEvents()
        if i:  # the first frame uploads buffers
            times.append(time.perf_counter() - start)
    return times


def percentiles_ms(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"p50 {statistics.median(times) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, n={len(times)}"


def edit_once(app, window, n: int) -> float:  # type: ignore[no-untyped-def]
    """Move one estate a few metres, as a drag on the map does; seconds until the window is idle again."""
    table = window.session.state.table
    row = next(i for i in range(len(table.code)) if table.lon[i] == table.lon[i])  # first located estate
    code, lon, lat = str(table.code[row]), float(table.lon[row]), float(table.lat[row])
    start = time.perf_counter()
    assert window.editing.move_estate(code, (lon + 0.00001 * (n + 1), lat))
    wait_until(app, lambda: build_idle(window.scene3d))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("inventory", type=Path)
    parser.add_argument("--frames", type=int, default=60)
    parser.add_argument("--estates", type=int, default=20_000, help="size of the demo made when FILE is missing")
    args = parser.parse_args()
    if not args.inventory.exists():
        from onemap.demo import make_demo

        make_demo(args.inventory, estates=args.estates).close()
    from PySide6.QtCore import QCoreApplication, Qt

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    from onemap.gui.appsetup import make_application
    from onemap.gui.main_window import MainWindow
    from onemap.gui.settings import Settings

    app = make_application()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / args.inventory.name
        shutil.copy(args.inventory, path)
        settings = Settings(Path(folder) / "OneMap.ini")
        settings.set_basemap_for(path, "")
        memory("started")
        window = MainWindow(settings)
        window.resize(*SIZE)
        window.show()
        start = time.perf_counter()
        window.open_inventory(path)
        tab = window.scene3d
        wait_until(app, lambda: build_idle(tab))
        opened = time.perf_counter() - start
        settle(app, 2.0)
        print(f"3D builds started with the tab hidden: {getattr(tab, 'builds', 'not counted (older code)')}")
        memory("opened, 3D tab hidden", opened)
        if not tab.view.available:
            print(f"no OpenGL here ({tab.view.unavailable_reason}): run under xvfb-run")
            return
        start = time.perf_counter()
        window.views.setCurrentIndex(tab.index)
        wait_until(app, lambda: tab.view.scene is not None and build_idle(tab))
        memory("3D tab shown, scene built", time.perf_counter() - start)
        times = orbit_frames(app, tab.view, args.frames)
        memory(f"orbiting, frames on screen {percentiles_ms(times)}")
        for n in range(3):
            seconds = edit_once(app, window, n)
            settle(app, 1.0)
            memory(f"after edit {n + 1} (3D tab shown)", seconds)
        window.views.setCurrentIndex(0)
        for n in range(3, 6):
            seconds = edit_once(app, window, n)
            settle(app, 1.0)
            memory(f"after edit {n - 2} (3D tab hidden again)", seconds)
        trimmed = trim_heap()
        memory(f"heap trimmed ({trimmed}: freed but unreturned memory, not live data)")
        window.close()
        app.processEvents()


if __name__ == "__main__":
    main()

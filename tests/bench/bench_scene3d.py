"""Speed of the 3D scene: building the mesh, and orbiting the demo county on this machine's renderer.

Run (GL needs X with GLX; on a server Xvfb + Mesa llvmpipe):
  xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python tests/bench/bench_scene3d.py [--big FILE] [--frames N]

``--big`` is an inventory of ~150,000 buildings (``onemap demo big.gpkg --estates 20000``);
without it one is generated in a temporary folder (a minute or two). Figures are printed,
not asserted: the machine is shared. Frame rates are given two ways: GL work alone
(paintGL + glFinish) and frames on screen (update, then wait for Qt to paint and compose
the QOpenGLWidget into the window: what a user dragging the mouse gets).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from onemap.demo import make_demo
from onemap.scene import BuildingRows, load_scene
from onemap.scene.mesh import build_building_mesh
from onemap.scene.scene import frame_for
from onemap.scene.source import read_buildings
from onemap.store import Inventory


def timed(fn, repeat: int = 3) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    """Median seconds over ``repeat`` calls, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def bench_mesh(big: Path) -> None:
    with Inventory.open(big, readonly=True) as inventory:
        seconds, rows = timed(lambda: read_buildings(inventory), repeat=1)
    print(f"read + decode {len(rows):,} footprints: {seconds:.2f} s")  # type: ignore[arg-type]
    for n in (20_000, len(rows)):  # type: ignore[arg-type]
        part = BuildingRows(rows.estate_codes[:n], rows.heights_m[:n], rows.footprints_lonlat[:n])  # type: ignore[union-attr]
        frame = frame_for(part.footprints_lonlat)
        seconds, mesh = timed(lambda p=part, f=frame: build_building_mesh(p, f), repeat=3 if n <= 20_000 else 1)
        print(f"build mesh, {n:,} buildings: {seconds:.2f} s ({mesh.n_faces:,} triangles)")  # type: ignore[union-attr]
    seconds, _ = timed(lambda: load_scene(big), repeat=1)
    print(f"load_scene (read + mesh + outlines + labels), {len(rows):,} buildings: {seconds:.2f} s")  # type: ignore[arg-type]


def bench_orbit(path: Path, frames: int, size: tuple[int, int], label: str) -> None:
    from OpenGL import GL
    from PySide6.QtWidgets import QApplication

    from onemap.gui.scene3d import Scene3DView

    app = QApplication.instance()
    view = Scene3DView(toolbar=False)
    view.resize(*size)
    view.show()
    app.processEvents()
    view.load(path)
    scene = view.scene
    swaps: list[int] = []
    view.canvas.frameSwapped.connect(lambda: swaps.append(1))
    app.processEvents()
    tallest = view.scene.mesh.estate_codes[
        int(view.scene.mesh.building_estate[np.nanargmax(view.scene.mesh.building_bounds[:, 1, 2])])
    ]
    for where, move in (("whole county", view.reset_view), ("one estate", lambda: view.fly_to(tallest, False))):
        move()
        start_camera = view.camera()

        def orbit(i: int, c=start_camera) -> None:  # type: ignore[no-untyped-def]
            view.canvas.set_camera(type(c)(c.center, c.distance, c.elevation, c.azimuth + 3.0 * i, c.fov))

        view.canvas.makeCurrent()
        gl_seconds = _run(frames, orbit, lambda: (view.canvas.paintGL(), GL.glFinish()))
        view.canvas.doneCurrent()
        full_seconds = _run(frames, orbit, lambda: _next_frame(app, view.canvas, swaps))
        print(
            f"orbit {label}, {where}, {size[0]}x{size[1]}, {scene.mesh.n_faces:,} triangles: "
            f"GL {frames / gl_seconds:.0f} frames/s, on screen {frames / full_seconds:.0f} frames/s"
        )
    view.close()


def _next_frame(app, canvas, swaps: list[int]) -> None:  # type: ignore[no-untyped-def]
    """Let Qt paint and compose one frame into the window, as it does for a user dragging the mouse."""
    seen = len(swaps)
    canvas.update()
    while len(swaps) == seen:
        app.processEvents()


def _run(frames: int, orbit, draw) -> float:  # type: ignore[no-untyped-def]
    draw()
    start = time.perf_counter()
    for i in range(frames):
        orbit(i)
        draw()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--big", type=Path, help="an inventory with ~150,000 buildings (made when missing)")
    parser.add_argument("--frames", type=int, default=120)
    args = parser.parse_args()
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication([])  # noqa: F841  (kept alive for the views)
    with tempfile.TemporaryDirectory() as folder:
        county = Path(folder) / "demo.gpkg"
        make_demo(county).close()
        big = args.big or Path(folder) / "big.gpkg"
        if not big.exists():
            make_demo(big, estates=20_000).close()
        bench_mesh(big)
        bench_orbit(county, args.frames, (1280, 800), "demo county")
        bench_orbit(county, args.frames, (1920, 1080), "demo county")
        bench_orbit(big, max(args.frames // 4, 10), (1280, 800), "20,000-estate inventory")


if __name__ == "__main__":
    main()

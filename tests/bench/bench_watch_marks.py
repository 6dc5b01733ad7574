"""Speed of the live watch's marks on the map: repaints with 200 open alerts pulsing over a real county.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_watch_marks.py COPY.gpkg

``COPY.gpkg`` is written (alerts are recorded into it): give a copy of a benchmark inventory
(``cp /tmp/m/d20k.gpkg /tmp/x/d20k.gpkg``).  The load is the issue's: 18 cameras and 500 gas
detectors of the county seat reporting, 200 alerts open and ``new`` (so all 200 pulse): each of
the 18 cameras with four types and 128 detectors with a gas alarm, recorded by the real
:class:`~onemap.watch.alerts.AlertBook`.  Printed, never asserted (the machine is shared):

- loading every mark when the file opens, and one ``refresh_estates((), ["alerts"])``;
- the full repaint (``viewport().repaint()``) at the county view and at estate zoom in the seat,
  with the watch's layers on and off, interleaved;
- one pulse frame as the viewer paints it (the timer's tick, then the event loop's partial repaint);
- a pan/zoom tour at the seat with the layers on.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np

from onemap.gui.appsetup import make_application
from onemap.store import Inventory
from onemap.view.extent import Extent
from onemap.watch.event import AlertType
from tests.watch_marks_kit import CAMERA_TYPES, camera_event, gas_event, record

SIZE = (1600, 1000)
KINDS = 4  # alert types per camera: 18 x 4 + 128 gas alarms = 200 open alerts
WATCH_LAYERS = ("cameras", "sensors", "alerts")


def median_ms(times: list[float]) -> str:
    ordered = sorted(times)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return f"median {statistics.median(times) * 1000:.1f} ms, p90 {p90 * 1000:.1f} ms, n={len(times)}"


def seat_devices(path: Path) -> tuple[list[str], list[str], tuple[float, float]]:
    """18 GB/T 28181 IDs and 500 IMEIs nearest the county seat (the first estates' median point)."""
    with Inventory.open(path, readonly=True) as inventory:
        cams, sensors = inventory.camera_marks(), inventory.sensor_marks()
    from onemap.view.watch_marks import MarkColumns

    c, s = MarkColumns(cams), MarkColumns(sensors)
    seat = (float(np.nanmedian(c.x[:300])), float(np.nanmedian(c.y[:300])))
    has_id = np.array([bool(g) for g in c["gb_id"]])
    near_c = np.argsort(np.hypot(c.x - seat[0], c.y - seat[1]) + np.where(has_id, 0, np.inf))[:18]
    near_s = np.argsort(np.hypot(s.x - seat[0], s.y - seat[1]))[:500]
    return [str(c["gb_id"][i]) for i in near_c], [str(s["imei"][i]) for i in near_s], seat


def load_alerts(path: Path, gb_ids: list[str], imeis: list[str]) -> int:
    kinds = list(enumerate(CAMERA_TYPES[:KINDS]))
    events = [camera_event(g, kind, 1 + k % 4, seconds=k) for g in gb_ids for k, kind in kinds]
    events += [gas_event(i, level=1 + n % 2, value=30.0 + n % 40, seconds=n) for n, i in enumerate(imeis[:128])]
    stored = record(path, events)
    assert all(a is not None for a in stored), "every event should reach an alert"
    return len({a.id for a in stored if a is not None})


def repaints(window, n: int = 15) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(n):
        start = time.perf_counter()
        window.canvas.viewport().repaint()
        out.append(time.perf_counter() - start)
    return out


def set_watch(window, on: bool) -> None:  # type: ignore[no-untyped-def]
    for key in WATCH_LAYERS:
        window.session.state.set_layer_visible(key, on)


def compare(window, name: str, rounds: int = 4) -> None:  # type: ignore[no-untyped-def]
    """Full repaints with the watch's layers on and off, interleaved."""
    from PySide6.QtWidgets import QApplication

    on: list[float] = []
    off: list[float] = []
    for _ in range(rounds):
        for flag, bucket in ((True, on), (False, off)):
            set_watch(window, flag)
            QApplication.processEvents()
            window.canvas.viewport().repaint()
            bucket.extend(repaints(window, 6))
    set_watch(window, True)
    print(f"  full repaint, {name}: marks on {median_ms(on)}; off {median_ms(off)}")


def pulse_frames(window, n: int = 30) -> list[float]:  # type: ignore[no-untyped-def]
    """The timer's tick and the partial repaint the event loop then makes."""
    from PySide6.QtWidgets import QApplication

    pulse = window.watch_marks.pulse
    pulse.timer.stop()
    QApplication.processEvents()
    out = []
    for _ in range(n):
        start = time.perf_counter()
        pulse.tick()
        QApplication.processEvents()
        out.append(time.perf_counter() - start)
    pulse.timer.start()
    return out


def arrivals(window, path: Path, gb_ids: list[str], n: int = 12) -> list[float]:  # type: ignore[no-untyped-def]
    """Commit one alert as the collector does, then the viewer's poll, re-read and repaint of the marks."""
    out = []
    for i in range(n):
        record(path, [camera_event(gb_ids[i % len(gb_ids)], AlertType.SMOKE_FIRE, 1, seconds=3600 + i * 900)])
        start = time.perf_counter()
        assert window.refresher.poll()
        window.refresher.settle()  # the trail is read on a worker
        window.canvas.viewport().repaint()
        out.append(time.perf_counter() - start)
    return out


def tour(window, extent: Extent, steps: int = 24) -> list[float]:  # type: ignore[no-untyped-def]
    canvas = window.canvas
    canvas.show_extent(extent)
    window.layers.settle()
    moves = [(0.1, 0.0), (0.0, 0.1), (-0.1, 0.0), (0.0, -0.1)]
    out = []
    for i in range(steps):
        start = time.perf_counter()
        if i % 3 == 2:
            canvas.zoom(0.8 if (i // 3) % 2 == 0 else 1.25)
        else:
            canvas.pan(*moves[i % 4])
        canvas.viewport().repaint()
        out.append(time.perf_counter() - start)
    return out


def bench(path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from onemap.gui.main_window import MainWindow
    from onemap.gui.settings import Settings

    gb_ids, imeis, seat = seat_devices(path)
    opened = load_alerts(path, gb_ids, imeis)
    settings = Settings(Path(os.environ.get("TMPDIR", "/tmp")) / "onemap-bench-marks.ini")
    settings.set_basemap_for(path, "")
    window = MainWindow(settings)
    window.resize(*SIZE)
    window.show()
    window.open_inventory(path)
    QApplication.processEvents()
    marks = window.watch_marks
    marks.settle()
    print(f"[{path.name}: {len(window.session.table):,} estates; load {os.getloadavg()[0]:.2f}]")
    print(
        f"  marks: {len(marks.model.cameras):,} cameras, {len(marks.model.sensors):,} sensors, "
        f"{len(marks.model.alerts)} open alerts ({opened} recorded, all new, pulsing)"
    )
    loads = []
    for _ in range(3):
        start = time.perf_counter()
        marks.bind(window.session)
        marks.settle()
        loads.append(time.perf_counter() - start)
    blocked = []
    for _ in range(3):
        start = time.perf_counter()
        marks.bind(window.session)  # what the UI thread spends before the background read of the devices
        blocked.append(time.perf_counter() - start)
        marks.settle()
    print(f"  read and draw every mark (an opening; devices read in the background): {median_ms(loads)}")
    print(f"    of which the UI thread waits (open alerts read and drawn, read started): {median_ms(blocked)}")
    follows = []
    for _ in range(10):
        start = time.perf_counter()
        window.refresh_estates((), ["alerts"])
        follows.append(time.perf_counter() - start)
    print(f"  refresh_estates((), ['alerts']) with 200 open alerts: {median_ms(follows)}")
    window.canvas.home()
    window.layers.settle()
    QApplication.processEvents()
    assert marks.pulse.timer.isActive()
    compare(window, "county view (alerts only: devices need estate zoom)")
    print(f"  one pulse frame, county view: {median_ms(pulse_frames(window))}")
    window.canvas.show_extent(Extent(seat[0] - 900, seat[1] - 550, seat[0] + 900, seat[1] + 550))
    window.layers.settle()
    QApplication.processEvents()
    shown = len(marks.cameras.data), len(marks.sensors.data)
    res = window.session.state.resolution
    compare(window, f"county seat at {res:.1f} m/px ({shown[0]} camera and {shown[1]} sensor marks in reach)")
    print(f"  one pulse frame, county seat: {median_ms(pulse_frames(window))}")
    print(f"  pan/zoom tour at the seat, marks on: {median_ms(tour(window, window.session.state.extent))}")
    print(f"  a new alert from another connection to its mark drawn: {median_ms(arrivals(window, path, gb_ids))}")
    print("    (plus the wait for the viewer's poll of the file: 0-400 ms, 200 ms on average)")
    print(f"  load after: {os.getloadavg()[0]:.2f}")
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("inventory", type=Path, help="a copy: alerts are recorded into it")
    args = parser.parse_args()
    make_application(sys.argv[:1], offscreen=True)
    bench(args.inventory)


if __name__ == "__main__":
    main()

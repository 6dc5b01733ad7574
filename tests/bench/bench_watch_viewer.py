"""The viewer while alerts arrive: repaint time and publish → refresh-done latency, through a real Mosquitto.

Run (offscreen Qt)::

    QT_QPA_PLATFORM=offscreen PYTHONPATH=$PWD .venv/bin/python tests/bench/bench_watch_viewer.py \
        [--inventory /tmp/m/d20k.gpkg] [--burst 1000] [--seconds 10] [--separate]

``--separate`` runs the collector and the devices' load in a process of their own
(:mod:`watch_load`), as in real use, so they share no interpreter lock with the viewer;
``ONEMAP_TREE=/work/main`` runs the same bench against another tree (before/after figures).

A copy of the inventory is opened in a real :class:`MainWindow` whose settings point at a
Mosquitto on loopback (``max_queued_messages 0``: no drop for a subscriber behind a burst).
A collector (:class:`onemap.watch.collector.Collector` over :class:`MqttBus`, recording with
:class:`AlertBook` on its own connection, as ``onemap watch`` does) runs on a thread (or in
the separate process).  For ``--seconds`` 18 of the file's cameras publish one OneMap JSON
event a second each, 500 of its gas sensors one reading every 5 s each, and a burst source
``--burst`` events a second; every event carries its publish time (ISO, microseconds).
Meanwhile the UI thread repaints the map every 50 ms (``viewport().repaint()``, timed in wall
time and in the UI thread's CPU time: on a loaded machine the first is mostly waiting for a
core) and the feed's ``delivered`` signal gives each alert's publish → shown latency (the map
marks and the dock updated).  Printed: figures only, no asserts on time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(os.environ.get("ONEMAP_TREE") or Path(__file__).resolve().parents[2])))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication
from watch_load import backlog, caught_up, collector_thread, devices, publish_load

from onemap.watch.event import SHANGHAI
from tests.core.watch_broker import running_mosquitto


class InProcess:
    """The collector on a thread and the load on another, in the viewer's process."""

    def __init__(self, path: Path, port: int, county: str, burst: int, seconds: float) -> None:
        self.cameras, self.sensors, _county = devices(path)
        self.port, self.burst, self.seconds = port, burst, seconds
        self.stop, self.published = threading.Event(), {}
        self.thread, self.out = collector_thread(path, port, county, self.stop, self.published)
        self.result: dict = {}
        self.load = threading.Thread(target=self._load)
        self.load_end = self.finish = 0.0

    def ready(self) -> bool:
        return bool(self.out.get("ready")) or not self.thread.is_alive()

    def go(self) -> None:
        self.load.start()

    def _load(self) -> None:
        self.result["sent"] = publish_load(self.port, self.cameras, self.sensors, self.burst, self.seconds)
        self.load_end = time.monotonic()

    def done(self) -> bool:
        """The load is over and the collector caught up."""
        if self.load.is_alive() or not self.load_end:
            return False
        if caught_up(self.out, self.load_end):
            self.finish = self.finish or time.monotonic()
            return True
        return False

    def results(self) -> dict:
        dropped = backlog(self.out)
        self.stop.set()
        self.thread.join(120)
        return {
            "sent": self.result.get("sent"),
            "lag": self.finish - self.load_end,
            "backlog": dropped,
            "book": dict(self.out["book"].counts),
            "summary": self.out.get("summary", {}),
        }


class Separate:
    """The collector and the load in a process of their own (tests/bench/watch_load.py)."""

    def __init__(self, path: Path, port: int, county: str, burst: int, seconds: float) -> None:
        script = Path(__file__).with_name("watch_load.py")
        args = [sys.executable, str(script), str(path), str(port), county, str(burst), str(seconds)]
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.published: dict = {}

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.strip())

    def _say(self, word: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(word + "\n")
        self.proc.stdin.flush()

    def ready(self) -> bool:
        return "ready" in self.lines or self.proc.poll() is not None

    def go(self) -> None:
        self._say("go")

    def done(self) -> bool:
        return any(line.startswith("{") for line in self.lines) or self.proc.poll() is not None

    def results(self) -> dict:
        found = next((json.loads(line) for line in self.lines if line.startswith("{")), {})
        for key, at in found.pop("published", {}).items():
            alert_id, count = key.split(":")
            self.published[(int(alert_id), int(count))] = at
        self._say("stop")
        self.proc.wait(120)
        return found


def load_average() -> float:
    """The 1-minute load average (NaN where the OS has none, as on Windows)."""
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def figures(name: str, values: list[float]) -> str:
    if not values:
        return f"  {name}: none"
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
    return (
        f"  {name}: median {statistics.median(values) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
        f"max {values[-1] * 1000:.1f} ms, n={len(values)}"
    )


def pulse_frames(app: QApplication, window, n: int = 40) -> tuple[list[float], str]:  # type: ignore[no-untyped-def]
    """UI-thread CPU time of the map's paints that ``n`` pulse ticks cause, and the area they repaint.

    The pulse's own timer is held; each tick is followed by the event loop until the map
    painted (from the viewport's paint event, seen by an event filter, to the canvas's
    ``frame_painted``).
    """
    from PySide6.QtCore import QEvent, QObject

    pulse, canvas = window.watch_marks.pulse, window.canvas
    if not len(pulse.x) or not pulse.isVisible():
        return [], "no alert pulsing"
    pulse.timer.stop()
    paints: list[tuple[float, int]] = []
    started: list[float] = []

    class Watch(QObject):
        def eventFilter(self, _obj, ev):  # type: ignore[no-untyped-def]
            if ev.type() == QEvent.Type.Paint:
                r = ev.region().boundingRect()
                started.append(time.thread_time())
                paints.append((0.0, r.width() * r.height()))
            return False

    def painted() -> None:
        if started:
            paints[-1] = (time.thread_time() - started.pop(), paints[-1][1])

    watch = Watch()
    canvas.viewport().installEventFilter(watch)
    canvas.frame_painted.connect(painted)
    frames: list[float] = []
    areas: list[int] = []
    try:
        for _ in range(5):
            app.processEvents()
        for _ in range(n):
            paints.clear()
            started.clear()
            pulse.tick()
            deadline = time.monotonic() + 1.0
            while not paints and time.monotonic() < deadline:
                app.processEvents()
            frames.append(sum(c for c, _a in paints))
            areas.append(sum(a for _c, a in paints))
            time.sleep(0.03)
    finally:
        canvas.viewport().removeEventFilter(watch)
        canvas.frame_painted.disconnect(painted)
    return frames, f"{len(pulse.x)} rings, median {statistics.median(areas):,.0f} px² repainted"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inventory", type=Path, default=Path("/tmp/m/d20k.gpkg"))
    parser.add_argument("--burst", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--separate", action="store_true", help="collector and load in a process of their own")
    args = parser.parse_args()
    from onemap.gui.appsetup import configure
    from onemap.gui.main_window import MainWindow
    from onemap.gui.settings import Settings
    from onemap.gui.watch.broker import KEYS

    app = QApplication.instance() or QApplication([])
    configure(app)
    folder = Path(tempfile.mkdtemp(prefix="bench-watch-viewer-"))
    path = folder / args.inventory.name
    shutil.copy(args.inventory, path)
    where = "a separate process" if args.separate else "the viewer's process"
    print(f"{args.inventory.name}: collector and load in {where}, load {load_average():.2f}")
    with running_mosquitto(folder, options=("max_queued_messages 0",)) as broker:
        settings = Settings(folder / "OneMap.ini")
        for key, value in (("host", "127.0.0.1"), ("port", broker.port), ("tls", False), ("user", "")):
            settings.q.setValue(KEYS[key], value)
        county = devices(path)[2]
        # as in real use, a separate collector holds the file first (sharing alert steps); in-process it shares
        # the viewer's lock, so it starts after the window opened the file
        source: InProcess | Separate | None = None
        if args.separate:
            source = Separate(path, broker.port, county, args.burst, args.seconds)
            while not source.ready():
                time.sleep(0.01)
        window = MainWindow(settings)
        window.resize(1400, 900)
        window.show()
        opened = time.perf_counter()
        window.open_inventory(path)
        print(f"  opened in {time.perf_counter() - opened:.1f} s", flush=True)
        until = time.monotonic() + 15
        while window.feed.state() != "已连接" and time.monotonic() < until:
            app.processEvents()
        source = source or InProcess(path, broker.port, county, args.burst, args.seconds)
        while not source.ready():
            app.processEvents()
            time.sleep(0.01)
        print(f"  feed: {window.feed.state()}", flush=True)
        latencies: list[float] = []
        done_at: list[tuple[float, list[tuple[int, int]]]] = []
        costs: list[float] = []
        batches: list[int] = []

        def delivered(bodies: list[dict]) -> None:
            now = datetime.now(SHANGHAI)
            batches.append(len(bodies))
            latencies.extend((now - datetime.fromisoformat(b["time"])).total_seconds() for b in bodies)
            done_at.append((time.time(), [(b["alert"]["id"], b["alert"]["count"]) for b in bodies]))
            costs.append(window.feed.last_cost)

        window.feed.delivered.connect(delivered)
        baseline: list[float] = []
        baseline_cpu: list[float] = []
        for _ in range(40):  # the same repaints before any alert: the reference
            app.processEvents()
            start, cpu = time.perf_counter(), time.thread_time()
            window.canvas.viewport().repaint()
            baseline.append(time.perf_counter() - start)
            baseline_cpu.append(time.thread_time() - cpu)
            time.sleep(0.05)
        repaints: list[float] = []
        repaints_cpu: list[float] = []
        source.go()
        next_paint, finish = time.monotonic(), float("inf")
        while time.monotonic() < finish:  # repaint while alerts arrive, and 2 s after the collector caught up
            app.processEvents()
            if time.monotonic() >= next_paint:
                start, cpu = time.perf_counter(), time.thread_time()
                window.canvas.viewport().repaint()
                repaints.append(time.perf_counter() - start)
                repaints_cpu.append(time.thread_time() - cpu)
                next_paint = time.monotonic() + 0.05
            time.sleep(0.002)
            if finish == float("inf") and source.done():
                finish = time.monotonic() + 2.0
        found = source.results()
        for _ in range(20):
            app.processEvents()
            time.sleep(0.02)
        published = source.published
        viewer_part = [at - published[key] for at, keys in done_at for key in keys if key in published]
        summary, book = found.get("summary", {}), found.get("book", {})
        print(
            f"  sent {found.get('sent')} events; the collector received {summary.get('received_mqtt')}, recorded "
            f"{summary.get('events')} ({book}; rejected {summary.get('rejected')}), published "
            f"{summary.get('published')} messages for {summary.get('alerts')} alert results "
            f"({summary.get('coalesced', 0)} coalesced); {found.get('backlog')} still queued a minute after the "
            f"load (dropped); the collector caught up {found.get('lag', 0):.1f} s after the load stopped"
        )
        print(
            f"  the viewer: {len(latencies)} alerts in {len(batches)} batches, "
            f"dock lists {window.alert_dock.model.rowCount()}"
        )
        print(figures("map repaint before any alert", baseline))
        print(figures("map repaint while alerts arrive", repaints))
        print(figures("map repaint before any alert, UI-thread CPU time (no wait for a core)", baseline_cpu))
        print(figures("map repaint while alerts arrive, UI-thread CPU time", repaints_cpu))
        print(figures("UI-thread cost of one batch (marks + dock)", costs))
        frames, area = pulse_frames(app, window)
        print(figures(f"pulse frame (80 ms tick) paint, UI-thread CPU time, {area}", frames))
        print(figures("device publish → refresh done (marks + dock), end to end", latencies))
        print(figures("collector publish → refresh done (broker + viewer)", viewer_part))
        print(f"  load after: {load_average():.2f}")
        window.close()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

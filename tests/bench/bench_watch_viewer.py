"""The viewer while alerts arrive: repaint time and publish → refresh-done latency, through a real Mosquitto.

Run (offscreen Qt)::

    QT_QPA_PLATFORM=offscreen PYTHONPATH=$PWD .venv/bin/python tests/bench/bench_watch_viewer.py \
        [--inventory /tmp/m/d20k.gpkg] [--burst 1000] [--seconds 10]

A copy of the inventory is opened in a real :class:`MainWindow` whose settings point at a
Mosquitto on loopback (``max_queued_messages 0``: no drop for a subscriber behind a burst).
A collector (:class:`onemap.watch.collector.Collector` over :class:`MqttBus`, recording with
:class:`AlertBook` on its own connection, as ``onemap watch`` does) runs on a thread.  For
``--seconds`` 18 of the file's cameras publish one OneMap JSON event a second each, 500 of
its gas sensors one reading every 5 s each, and a burst source ``--burst`` events a second;
every event carries its publish time (ISO, microseconds).  Meanwhile the UI thread repaints
the map every 50 ms (timed, ``viewport().repaint()``) and the feed's ``delivered`` signal
gives each alert's publish → refresh-done latency (the refresh of its estates and the dock
finished).  Printed: figures only, no asserts on time.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import queue
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion
from PySide6.QtWidgets import QApplication

from onemap.store import Inventory
from onemap.watch.alerts import AlertBook
from onemap.watch.collector import Collector
from onemap.watch.config import Broker
from onemap.watch.event import SHANGHAI
from onemap.watch.mqtt import MqttBus
from tests.core.watch_broker import running_mosquitto

KINDS = ("intrusion", "illegal_parking", "smoke_fire", "absent_post")


def devices(path: Path) -> tuple[list[str], list[str], str]:
    """18 camera GB IDs, 500 sensor IDs and the county code of the file."""
    with Inventory.open(path, readonly=True) as inventory:
        cameras: list[str] = []
        for code in inventory.camera_counts():
            for fid in inventory.child_fids("cameras", code):
                gb = (inventory.child_row("cameras", fid) or {}).get("gb_id")
                if gb:
                    cameras.append(str(gb))
            if len(cameras) >= 18:
                break
        sensors = [s.device_id or s.imei for s in inventory.sensors()[:500]]
        return cameras[:18], sensors, inventory.meta("county_code") or ""


def event(device: str, kind: str, level: int, value: float | None = None) -> bytes:
    body = {"device": device, "type": kind, "time": datetime.now(SHANGHAI).isoformat(), "level": level}
    if value is not None:
        body["value"] = value
    return json.dumps(body).encode()


def publish_load(port: int, cameras: list[str], sensors: list[str], burst: int, seconds: float) -> int:
    """Publish the steady load and the burst for ``seconds``; returns the events sent."""
    client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="bench-devices")
    client.max_inflight_messages_set(1000)
    client.connect("127.0.0.1", port)
    client.loop_start()
    sent, start, tick = 0, time.monotonic(), 0
    while (elapsed := time.monotonic() - start) < seconds:
        for i, camera in enumerate(cameras):  # one a second each
            if tick % 10 == i % 10:
                client.publish(f"onemap/events/{camera}", event(camera, KINDS[i % 4], 3), qos=1)
                sent += 1
        for i, sensor in enumerate(sensors):  # one every 5 s each
            if tick % 50 == i % 50:
                client.publish(f"onemap/events/{sensor}", event(sensor, "gas_leak", 2, 30.0), qos=1)
                sent += 1
        for j in range(burst // 10):  # the burst, 1/10 of it each 100 ms
            camera = cameras[j % len(cameras)]
            client.publish(f"onemap/events/{camera}", event(camera, KINDS[j % 4], 2), qos=1)
            sent += 1
        tick += 1
        time.sleep(max(0.0, tick * 0.1 - elapsed - 0.0))
    client.loop_stop()
    client.disconnect()
    return sent


def collector_thread(
    path: Path, port: int, county: str, stop: threading.Event, published: dict
) -> tuple[threading.Thread, dict]:
    """The collector on its own thread; ``published[(alert id, count)]`` = when it published that alert."""
    out: dict = {}

    def stamped(bus: MqttBus):  # type: ignore[no-untyped-def]
        plain = bus.publish

        def publish(topic: str, payload: bytes, qos: int = 1, retain: bool = False) -> bool:
            alert = json.loads(payload)["alert"]
            published[(alert["id"], alert["count"])] = time.perf_counter()
            return plain(topic, payload, qos, retain)

        bus.publish = publish  # type: ignore[method-assign]
        return bus

    def run() -> None:
        with Inventory.open(path, user="采集器") as inventory:
            bus = stamped(MqttBus(Broker("127.0.0.1", port, client_id="bench-collector")))
            book = AlertBook(inventory)
            collector = Collector(bus, book.record, county)
            out["collector"], out["book"] = collector, book
            collector.start()
            bus.connected.wait(10)
            out["ready"] = True
            collector.run(stop)
            bus.stop()
            out["summary"] = collector.summary()

    thread = threading.Thread(target=run, name="bench-collector")
    thread.start()
    return thread, out


def load_average() -> float:
    """The 1-minute load average (NaN where the OS has none, as on Windows)."""
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def load_end_lag(load_end: float, finish: float) -> float:
    """Seconds from the end of the load to the collector's queue running empty (the 2 s tail taken off)."""
    return finish - 2.0 - load_end


def figures(name: str, values: list[float]) -> str:
    if not values:
        return f"  {name}: none"
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
    return (
        f"  {name}: median {statistics.median(values) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
        f"max {values[-1] * 1000:.1f} ms, n={len(values)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inventory", type=Path, default=Path("/tmp/m/d20k.gpkg"))
    parser.add_argument("--burst", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=10.0)
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
    cameras, sensors, county = devices(path)
    print(f"{args.inventory.name}: {len(cameras)} cameras, {len(sensors)} sensors, load {load_average():.2f}")
    with running_mosquitto(folder, options=("max_queued_messages 0",)) as broker:
        settings = Settings(folder / "OneMap.ini")
        for key, value in (("host", "127.0.0.1"), ("port", broker.port), ("tls", False), ("user", "")):
            settings.q.setValue(KEYS[key], value)
        window = MainWindow(settings)
        window.resize(1400, 900)
        window.show()
        opened = time.perf_counter()
        window.open_inventory(path)
        print(f"  opened in {time.perf_counter() - opened:.1f} s", flush=True)
        until = time.monotonic() + 15
        while window.feed.state() != "已连接" and time.monotonic() < until:
            app.processEvents()
        stop = threading.Event()
        published: dict = {}
        thread, out = collector_thread(path, broker.port, county, stop, published)
        print(f"  feed: {window.feed.state()}", flush=True)
        while not out.get("ready") and thread.is_alive():
            app.processEvents()
            time.sleep(0.01)
        latencies: list[float] = []
        viewer_part: list[float] = []
        costs: list[float] = []
        batches: list[int] = []

        def delivered(bodies: list[dict]) -> None:
            now, done = datetime.now(SHANGHAI), time.perf_counter()
            batches.append(len(bodies))
            latencies.extend((now - datetime.fromisoformat(b["time"])).total_seconds() for b in bodies)
            sent = (published.get((b["alert"]["id"], b["alert"]["count"])) for b in bodies)
            viewer_part.extend(done - t for t in sent if t is not None)
            costs.append(window.feed.last_cost)

        window.feed.delivered.connect(delivered)
        result: dict = {}
        load = threading.Thread(
            target=lambda: result.setdefault(
                "sent", publish_load(broker.port, cameras, sensors, args.burst, args.seconds)
            )
        )
        baseline: list[float] = []
        for _ in range(40):  # the same repaints before any alert: the reference
            app.processEvents()
            start = time.perf_counter()
            window.canvas.viewport().repaint()
            baseline.append(time.perf_counter() - start)
            time.sleep(0.05)
        repaints: list[float] = []
        load.start()
        next_paint, finish, load_end = time.monotonic(), float("inf"), time.monotonic()
        while time.monotonic() < finish:  # repaint while alerts arrive, and 2 s after the load stops
            app.processEvents()
            if time.monotonic() >= next_paint:
                start = time.perf_counter()
                window.canvas.viewport().repaint()
                repaints.append(time.perf_counter() - start)
                next_paint = time.monotonic() + 0.05
            time.sleep(0.002)
            if (
                not load.is_alive()
                and finish == float("inf")
                and (out["collector"].queue.empty() or time.monotonic() > load_end + 60)
            ):  # the collector has worked off what queued up (or a minute passed)
                finish = time.monotonic() + 2.0
            if load.is_alive():
                load_end = time.monotonic()
        collector = out["collector"]
        backlog = 0
        with contextlib.suppress(queue.Empty):  # what the collector had not reached after a minute is dropped
            while True:
                collector.queue.get_nowait()
                backlog += 1
        stop.set()
        thread.join(120)
        for _ in range(20):
            app.processEvents()
            time.sleep(0.02)
        summary = out.get("summary", {})
        book = out["book"].counts
        print(
            f"  sent {result.get('sent')} events; the collector received {summary.get('received_mqtt')}, recorded "
            f"{summary.get('events')} ({dict(book)}; rejected {summary.get('rejected')}), published "
            f"{summary.get('published')} messages for {summary.get('alerts')} alert results "
            f"({summary.get('coalesced', 0)} coalesced); {backlog} still queued a minute after the load (dropped); "
            f"the collector caught up {load_end_lag(load_end, finish):.1f} s after the load stopped"
        )
        print(
            f"  the viewer: {len(latencies)} alerts in {len(batches)} batches, "
            f"dock lists {window.alert_dock.model.rowCount()}"
        )
        print(figures("map repaint before any alert", baseline))
        print(figures("map repaint while alerts arrive", repaints))
        print(figures("UI-thread cost of one batch (refresh_estates + dock)", costs))
        print(figures("device publish → refresh done (estates + dock), end to end", latencies))
        print(figures("collector publish → refresh done (broker + viewer)", viewer_part))
        print(f"  load after: {load_average():.2f}")
        window.close()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

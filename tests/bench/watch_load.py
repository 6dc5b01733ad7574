"""The device load and the collector of ``bench_watch_viewer.py``: in the viewer's process, or in one of their own.

``python tests/bench/watch_load.py PATH PORT COUNTY BURST SECONDS`` is the separate process (as in
real use: the collector is ``onemap watch`` on another PC or at least another process).  It
opens the collector on the inventory, prints ``ready``, waits for ``go`` on stdin, publishes
the load, waits for the collector's queue to run empty and prints one JSON line of results
(``published`` maps ``"<alert id>:<count>"`` to the wall-clock time of its publication), then
stops at ``stop`` (or end of input).
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(os.environ.get("ONEMAP_TREE") or Path(__file__).resolve().parents[2])
sys.path.insert(0, str(ROOT))

import paho.mqtt.client as mqtt  # noqa: E402
from paho.mqtt.enums import CallbackAPIVersion  # noqa: E402

from onemap.store import Inventory  # noqa: E402
from onemap.watch.alerts import AlertBook  # noqa: E402
from onemap.watch.collector import Collector  # noqa: E402
from onemap.watch.config import Broker  # noqa: E402
from onemap.watch.event import SHANGHAI  # noqa: E402
from onemap.watch.mqtt import MqttBus  # noqa: E402

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
        time.sleep(max(0.0, tick * 0.1 - elapsed))
    client.loop_stop()
    client.disconnect()
    return sent


def collector_thread(
    path: Path, port: int, county: str, stop: threading.Event, published: dict
) -> tuple[threading.Thread, dict]:
    """The collector on its own thread; ``published[(alert id, count)]`` = when (wall clock) it published that alert."""
    out: dict = {}

    def stamped(bus: MqttBus):  # type: ignore[no-untyped-def]
        plain = bus.publish

        def publish(topic: str, payload: bytes, qos: int = 1, retain: bool = False) -> bool:
            alert = json.loads(payload)["alert"]
            published[(alert["id"], alert["count"])] = time.time()
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


def caught_up(out: dict, load_end: float, limit_s: float = 60.0) -> bool:
    """Whether the collector has worked off what queued up (or ``limit_s`` passed since the load ended)."""
    return out["collector"].queue.empty() or time.monotonic() > load_end + limit_s


def backlog(out: dict) -> int:
    """Take what the collector had not reached (dropped) and say how much it was."""
    dropped = 0
    with contextlib.suppress(queue.Empty):
        while True:
            out["collector"].queue.get_nowait()
            dropped += 1
    return dropped


def child(path: Path, port: int, county: str, burst: int, seconds: float) -> None:
    from onemap.store.alert_steps import ALERT_STEPS
    from onemap.store.editlock import EditLock

    cameras, sensors, _county = devices(path)
    lock = EditLock.acquire(path, "采集器", shares=(ALERT_STEPS,))  # as `onemap watch` holds it: viewers beside
    stop, published = threading.Event(), {}
    thread, out = collector_thread(path, port, county, stop, published)
    while not out.get("ready") and thread.is_alive():
        time.sleep(0.01)
    print("ready", flush=True)
    sys.stdin.readline()  # go
    sent = publish_load(port, cameras, sensors, burst, seconds)
    load_end = time.monotonic()
    while not caught_up(out, load_end):
        time.sleep(0.02)
    lag = time.monotonic() - load_end
    dropped = backlog(out)
    time.sleep(0.5)  # the last batch's publications
    result = {
        "sent": sent,
        "lag": lag,
        "backlog": dropped,
        "book": dict(out["book"].counts),
        "summary": out["collector"].summary(),
        "published": {f"{i}:{c}": t for (i, c), t in list(published.items())},
    }
    print(json.dumps(result), flush=True)
    sys.stdin.readline()  # stop
    stop.set()
    thread.join(120)
    lock.release()


if __name__ == "__main__":
    child(Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), float(sys.argv[5]))

"""Collector load through a real Mosquitto: 18 cameras and 500 gas sensors reporting, plus a burst.

Run: ``PYTHONPATH=$PWD .venv/bin/python tests/bench/bench_watch.py [--burst 1000] [--seconds 10]``.

For ``--seconds`` the 18 cameras publish one OneMap JSON event a second each, the 500 sensors
(Tuya data points on ``tuya/<IMEI>``) one reading every 5 s each, and a burst source publishes
``--burst`` OneMap JSON events a second (QoS 1).  The collector (paho, persistent session,
QoS 1) records every event with a recording callable; printed: events sent and received (no
loss means equal), alerts published to a second client, and publish→collector latency (median,
p95, max) taken from each event's own ISO time stamped at publish.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from onemap.watch import SHANGHAI, Event
from onemap.watch.collector import Collector
from onemap.watch.config import Broker
from onemap.watch.mqtt import MqttBus
from tests.core.watch_broker import running_mosquitto
from tests.core.watch_collector_support import Listener, running, until

CAMERAS = [f"6107250001132{i:07d}" for i in range(18)]
SENSORS = [f"86{i:013d}" for i in range(500)]


class Timed:
    """Records each event's arrival delay (arrival − the time stamped in it at publish)."""

    def __init__(self) -> None:
        self.delays: list[float] = []
        self.count = 0

    def __call__(self, event: Event) -> dict[str, object] | None:
        self.count += 1
        if event.source == "onemap":  # OneMap JSON carries the publish time to the microsecond
            self.delays.append((datetime.now(SHANGHAI) - event.time).total_seconds())
            return {"id": f"A{self.count}", "estate_code": "6107250001"}
        return None


def publish_load(sender: Listener, seconds: float, burst: int) -> int:
    """Publish the load, paced in 10 ms slices; the number of messages sent."""
    client, sent, start = sender.client, 0, time.monotonic()
    for tick in range(int(seconds * 100)):
        now_s = tick / 100
        batch = []
        batch += [("onemap/events/burst", "61072500011320009999", 2, "intrusion")] * (burst // 100)
        if tick % 100 == 0:
            batch += [("onemap/events/cam", cam, 3, "illegal_parking") for cam in CAMERAS]
        batch += [("tuya/" + s, s, 0, "") for s in SENSORS[(tick % 500) :: 500]]  # each sensor every 5 s
        for topic, device, level, kind in batch:
            if level:
                body = {"device": device, "type": kind, "level": level, "time": datetime.now(SHANGHAI).isoformat()}
            else:
                body = {"devId": device, "dps": {"1": "normal", "2": 30}}
            client.publish(topic, json.dumps(body).encode(), qos=1)
            sent += 1
        pause = start + now_s + 0.01 - time.monotonic()
        if pause > 0:
            time.sleep(pause)
    return sent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--burst", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--conf", action="append", help="mosquitto.conf line (default: max_queued_messages 0)")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as folder,
        running_mosquitto(Path(folder), options=tuple(args.conf or ["max_queued_messages 0"])) as broker,
    ):
        timed = Timed()
        collector = Collector(MqttBus(Broker("127.0.0.1", broker.port, client_id="bench-collector")), timed, "610725")
        viewer = Listener(broker.port, "onemap/alerts/#")
        sender = Listener(broker.port, "bench/none")
        with running(collector):
            assert until(collector.bus.connected.is_set)  # type: ignore[attr-defined]
            began = time.monotonic()
            sent = publish_load(sender, args.seconds, args.burst)
            took = time.monotonic() - began
            until(lambda: timed.count >= sent, 60)
            until(lambda: len(viewer.messages) >= collector.counts["published"] > 0, 30)
        viewer.close()
        sender.close()
    delays = sorted(timed.delays)
    p95 = delays[int(0.95 * (len(delays) - 1))] if delays else float("nan")
    print(f"mosquitto.conf extra: {args.conf or ['max_queued_messages 0']}")
    print(f"load: {os.getloadavg()[0]:.2f} (1-min) | published {sent} messages in {took:.1f} s")
    print(f"received by the collector: {timed.count} / {sent} (lost {sent - timed.count})")
    print(f"alerts published {collector.counts['published']}, received by a second client {len(viewer.messages)}")
    print(
        f"publish→collector latency over {len(delays)} timed events: median {statistics.median(delays) * 1000:.1f} ms,"
        f" p95 {p95 * 1000:.1f} ms, max {delays[-1] * 1000:.1f} ms"
    )
    print(f"rejected: {dict(collector.rejected)}")
    return 0 if timed.count == sent else 1


if __name__ == "__main__":
    raise SystemExit(main())

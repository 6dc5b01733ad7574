"""Shared pieces of the collector tests: a recording ``record``, a running collector, an MQTT listener."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import paho.mqtt.client as mqtt

from onemap.watch import Event, State
from onemap.watch.collector import Collector

DATA = Path(__file__).parent / "data" / "watch"


class Recorder:
    """Stands where the alerts store will: keeps every event, answers an alert per active one."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.lock = threading.Lock()

    def __call__(self, event: Event) -> dict[str, Any] | None:
        with self.lock:
            self.events.append(event)
            number = len(self.events)
        if event.state is not State.ACTIVE:
            return None
        return {"id": f"A{number}", "estate_code": "6107250001", "count": 1, "raw": event.raw}

    def take(self, events: list[Event]) -> None:
        """A puller's ``on_events``."""
        for event in events:
            self(event)

    def wait_for(self, count: int, seconds: float = 10.0) -> list[Event]:
        until(lambda: len(self.events) >= count, seconds)
        with self.lock:
            return list(self.events)


def until(condition: Callable[[], bool], seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


@contextmanager
def running(collector: Collector) -> Iterator[threading.Event]:
    """The collector started and working on a thread; stopped (and drained) afterwards."""
    stop = threading.Event()
    collector.start()
    worker = threading.Thread(target=collector.run, args=(stop,), kwargs={"tick": 0.2})
    worker.start()
    try:
        yield stop
    finally:
        stop.set()
        worker.join(10)
        collector.bus.stop()


class Listener:
    """A second, independent paho client: what a viewer on another PC would receive."""

    def __init__(self, port: int, topic: str, user: str = "", password: str = "") -> None:
        self.messages: list[tuple[str, dict[str, Any]]] = []
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"viewer-{id(self)}")
        if user:
            self.client.username_pw_set(user, password)
        ready = threading.Event()
        self.client.on_connect = lambda c, *_: (c.subscribe(topic, 1), None)[1]
        self.client.on_subscribe = lambda *_: ready.set()
        self.client.on_message = lambda _c, _u, m: self.messages.append((m.topic, json.loads(m.payload)))
        self.client.connect("127.0.0.1", port)
        self.client.loop_start()
        assert ready.wait(10), "the listener could not subscribe"

    def publish(self, topic: str, payload: bytes) -> None:
        self.client.publish(topic, payload, qos=1).wait_for_publish(10)

    def close(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()

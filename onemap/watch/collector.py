"""The collector's core: every source's events through one queue to ``record``, alerts out to the bus.

Sources run on their own threads (paho's network loop, the push listener's request threads, one
thread per pulled camera, the demo feed); they parse what they got and put events on one queue.
A single worker (:meth:`Collector.run`, the caller's thread) takes what queued up in batches, has
the alerts store record them (``record(event)``, or its ``record_all`` for a batch in one
transaction — it folds floods and owns the SQLite writes, so it sees one thread only) and
publishes each alert once per batch, as it stands after the batch, on ``onemap/alerts/<county>``
(QoS 1, not retained; payload in :func:`onemap.watch.relay.alert_payload`), then hands it to
dispatch; a step dispatch makes (new → dispatched) is published the same way once committed
(:func:`onemap.watch.relay.step_payload`).  Every event is accounted for: recorded (stored,
folded, cleared), settled without a write (heartbeat, unknown device: the store's counts), or
refused with a counted reason.  Bad input is counted by reason and logged without its content;
nothing a source sends stops it.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any, Protocol

from onemap.watch.config import WatchConfig
from onemap.watch.event import Event, State
from onemap.watch.recognise import parse_mqtt
from onemap.watch.rejection import Rejection
from onemap.watch.relay import Relay, alert_payload, step_payload

log = logging.getLogger("onemap.watch.collector")

#: what the alerts store offers: an event in, the alert it opened or updated (or None) out
Record = Callable[[Event], object | None]
#: the most queued items recorded in one transaction
BATCH = 500
DEMO_TOPIC = "onemap/events/demo"


class Bus(Protocol):
    """The in-process bus or the MQTT link (:mod:`onemap.watch.bus`, :mod:`onemap.watch.mqtt`)."""

    def subscribe(self, topics: list[str] | str, handler: Callable[[str, bytes], None]) -> Callable[[], None]: ...
    def publish(self, topic: str, payload: bytes, qos: int = 1, retain: bool = False) -> bool: ...
    def start(self) -> None: ...
    def stop(self) -> None: ...
    def state(self) -> str: ...


def alerts_topic(county: str) -> str:
    """Where the collector publishes alerts: ``onemap/alerts/<county code>``."""
    return f"onemap/alerts/{county or 'unknown'}"


class Collector:
    """Takes events from every source, records them and publishes the alerts."""

    def __init__(
        self, bus: Bus, record: Record, county: str = "", config: WatchConfig | None = None, relay: Relay | None = None
    ) -> None:
        self.bus, self.record, self.county = bus, record, county
        #: a burst in one transaction: the ``record_all`` of the object ``record`` belongs to (an AlertBook's)
        self.record_all: Callable[[list[Event]], list[Any]] | None = getattr(
            getattr(record, "__self__", None), "record_all", None
        )
        self.config = config or WatchConfig()
        self.relay = relay
        if relay is not None:  # a step dispatch made reaches every open viewer at once, not at its next look
            relay.on_step = self._publish_steps
        self.topic = alerts_topic(county)
        self.queue: queue.Queue[Event | tuple[str, bytes]] = queue.Queue()
        self.counts: Counter[str] = Counter()
        self.rejected: Counter[str] = Counter()
        self._lock = threading.Lock()

    def topics(self) -> list[str]:
        """What the collector subscribes to: OneMap's events, Frigate's and the gas sensors'."""
        prefix = self.config.frigate_prefix
        return ["onemap/events/#", f"{prefix}/events", f"{prefix}/reviews"] + [
            f"{p}/#" for p in self.config.sensor_prefixes
        ]

    def start(self) -> None:
        """Subscribe and connect the bus."""
        self.bus.subscribe(self.topics(), self.on_message)
        self.bus.start()

    def on_message(self, topic: str, payload: bytes) -> None:
        """A broker message (the network thread): queued unparsed, so the broker's acks never wait."""
        self._count("received_mqtt")
        self.queue.put((topic, payload))

    def _parse(self, topic: str, payload: bytes) -> list[Event]:
        parsed = parse_mqtt(topic, payload, self.config.frigate_prefix, self.config.sensor_prefixes)
        if isinstance(parsed, Rejection):
            self.refused(parsed, "mqtt", topic)
            return []
        if topic.startswith(DEMO_TOPIC):  # the synthetic feed says so in every alert it causes
            return [replace(event, source="demo") for event in parsed]
        return parsed

    def take(self, events: list[Event], via: str) -> None:
        """Events from any source (any thread) for the worker."""
        self._count(f"received_{via}", len(events))
        for event in events:
            self.queue.put(event)

    def refused(self, rejection: Rejection, via: str, where: str) -> None:
        """Count and log a refusal: the reason and where (topic or camera address), never the payload."""
        with self._lock:
            self.rejected[rejection.reason] += 1
        log.warning("%s input refused at %s: %s (%s)", via, where[:60], rejection.reason, rejection.message.en)

    def run(self, stop: threading.Event, seconds: float | None = None, tick: float = 2.0) -> None:
        """Work until ``stop`` is set or ``seconds`` have passed, then handle what is already queued.

        What has queued up meanwhile is taken in one go (up to :data:`BATCH` items), so a burst
        costs one commit per batch instead of one per event.
        """
        deadline = None if seconds is None else time.monotonic() + seconds
        next_tick = time.monotonic() + tick
        while not stop.is_set() and (deadline is None or time.monotonic() < deadline):
            with contextlib.suppress(queue.Empty):
                self.handle_all([self.queue.get(timeout=0.2), *self._queued(BATCH - 1)])
            if time.monotonic() >= next_tick:
                next_tick = time.monotonic() + tick
                self.tick()
        self.drain()

    def _queued(self, limit: int) -> list[Event | tuple[str, bytes]]:
        """Up to ``limit`` items already waiting, without waiting for more."""
        items: list[Event | tuple[str, bytes]] = []
        with contextlib.suppress(queue.Empty):
            while len(items) < limit:
                items.append(self.queue.get_nowait())
        return items

    def tick(self) -> None:
        """Dispatch's timers: stop what was accepted, tell escalation steps and retries that fell due."""
        if self.relay is None:
            return
        try:
            self._count(more=self.relay.tick())
        except Exception:
            self._count("dispatch_tick_failed")
            log.exception("a dispatch tick failed; the collector goes on")

    def drain(self) -> None:
        """Handle every event still queued (at stop, and in tests)."""
        while items := self._queued(BATCH):
            self.handle_all(items)

    def handle(self, item: Event | tuple[str, bytes]) -> None:
        """Record one event (parsing a broker message first); publish and dispatch the alert it gives."""
        self.handle_all([item])

    def handle_all(self, items: list[Event | tuple[str, bytes]]) -> None:
        """Record events (broker messages parsed first) in one transaction when the recorder can,
        then publish and dispatch the alerts they give; a batch that fails is recorded event by event."""
        events = [e for item in items for e in (self._parse(*item) if isinstance(item, tuple) else [item])]
        for event in events:
            self._count("heartbeats" if event.state is State.HEARTBEAT else "events")
        if self.record_all is not None and len(events) > 1:
            try:
                alerts = self.record_all(events)
            except Exception:
                log.warning("recording a batch of %d events failed; recording them one by one", len(events))
            else:
                self._publish_all(list(zip(alerts, events, strict=True)))
                return
        self._publish_all([(self._record_one(event), event) for event in events])

    def _record_one(self, event: Event) -> object | None:
        try:
            return self.record(event)
        except Exception:
            self._count("record_failed")
            log.exception("recording an event of %s failed; the collector goes on", event.device.kind)
            return None

    def _publish_all(self, recorded: list[tuple[object | None, Event]]) -> None:
        """One publication per alert per batch: a flood folded 500 times in a batch is one message
        carrying the latest count and last time (with the latest event), not 500.  Dispatch
        hears of each alert once per batch too, with the first event that gave it (as before)."""
        latest: dict[object, tuple[object, Event, Event]] = {}
        for alert, event in recorded:
            if alert is None:
                continue
            self._count("alerts")
            key = _alert_key(alert)
            first = latest[key][2] if key in latest else event
            latest[key] = (alert, event, first)
        self._count("coalesced", sum(1 for a, _e in recorded if a is not None) - len(latest))
        for alert, event, first in latest.values():
            self._publish(alert, event, first)

    def _publish(self, alert: object, event: Event, first: Event) -> None:
        published = self.bus.publish(self.topic, alert_payload(alert, event), qos=1, retain=False)
        self._count("published" if published else "publish_failed")
        if self.relay is not None:
            self._count(more=self.relay.dispatch(alert, first))

    def _publish_steps(self, alerts: list[Any]) -> None:
        for alert in alerts:
            published = self.bus.publish(self.topic, step_payload(alert, alert.status), qos=1, retain=False)
            self._count("published_steps" if published else "publish_failed")

    def _count(self, key: str = "", n: int = 1, more: dict[str, int] | None = None) -> None:
        with self._lock:
            if key:
                self.counts[key] += n
            self.counts.update(more or {})

    def summary(self) -> dict[str, Any]:
        """The counts, for the status line and the report printed at stop."""
        with self._lock:
            counted: dict[str, Any] = dict(self.counts)
            counted["rejected"] = dict(self.rejected)
        counted["bus"] = self.bus.state()
        return counted


def _alert_key(alert: object) -> object:
    """What tells alerts apart: their id (an :class:`Alert`'s or a mapping's); one without is its own."""
    key = alert.get("id") if isinstance(alert, Mapping) else getattr(alert, "id", None)
    return id(alert) if key is None else key

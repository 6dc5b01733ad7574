"""The demo feed: a synthetic, clearly labelled stream of alerts from the inventory's own devices.

It publishes OneMap JSON on ``onemap/events/demo/<device>``; the collector marks every event
from that topic ``source="demo"`` and every alert it publishes ``"demo": true``, so nothing
synthetic passes for real.  Rates follow what a county sees (DOMAIN.md: ~109 alerts a week from
56 cameras, so about two per camera a week), sped up ``speed`` times (600: a week in 17 minutes).
The mix by type is :data:`MIX`; some episodes escalate: a gas leak's %LEL climbs through the low
(≤25) and high (≤50) set points, its level rising from 3 to 1, then clears; a fire goes from a
level-2 smoke detection to level 1; an intrusion comes as a flood of repeats the store folds.
"""

from __future__ import annotations

import heapq
import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

from onemap.watch.event import SHANGHAI, AlertType, DeviceKey, Event, State, key_for_id

#: type → share of alerts (illegal parking and intrusion dominate; fires are rare, as in the field)
MIX: dict[AlertType, float] = {
    AlertType.ILLEGAL_PARKING: 0.34,
    AlertType.INTRUSION: 0.24,
    AlertType.ABSENT_POST: 0.12,
    AlertType.SMOKE_FIRE: 0.05,
    AlertType.GAS_LEAK: 0.08,
    AlertType.DEVICE_OFFLINE: 0.09,
    AlertType.DEVICE_FAULT: 0.05,
    AlertType.OTHER: 0.03,
}
PER_CAMERA_WEEK = 109 / 56
WEEK = 7 * 24 * 3600.0
TOPIC = "onemap/events/demo"


def weekly_rate(cameras: int) -> float:
    """Alerts a week from ``cameras`` cameras at the field rate."""
    return PER_CAMERA_WEEK * max(cameras, 1)


class DemoFeed:
    """Publishes the synthetic feed from a thread; ``cameras``/``sensors`` are device IDs."""

    def __init__(
        self,
        cameras: Sequence[str],
        sensors: Sequence[str],
        publish: Callable[[str, bytes], object],
        speed: float = 600.0,
        seed: int | None = None,
    ) -> None:
        if not cameras:
            raise ValueError("the demo feed needs at least one camera")
        self.cameras, self.publish, self.speed = list(cameras), publish, speed
        # without a sensors layer, one labelled pseudo-sensor per ten cameras carries the gas alerts
        self.sensors = list(sensors) or [f"DEMO-GAS-{i:03d}" for i in range(max(1, len(cameras) // 10))]
        self.random = random.Random(seed)
        self.sent = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="onemap-demo", daemon=True)

    def start(self) -> None:
        """Start publishing."""
        self._thread.start()

    def stop(self) -> None:
        """Stop publishing."""
        self._stop.set()
        self._thread.join(2.0)

    def mean_gap(self) -> float:
        """Mean real seconds between two episodes."""
        return WEEK / weekly_rate(len(self.cameras)) / self.speed

    def episode(self, kind: AlertType, now: datetime) -> list[tuple[float, Event]]:
        """One episode of ``kind``: (real seconds from now, event) pairs."""
        pick = self.random.choice
        step = max(60.0 / self.speed, 0.3)  # a minute of county time, never faster than the eye
        if kind is AlertType.GAS_LEAK:
            sensor, out = key_for_id(pick(self.sensors)), []
            for i, (lel, level) in enumerate(((8.0, 3), (18.0, 3), (27.0, 2), (42.0, 1), (55.0, 1))):
                out.append((i * step, _event(sensor, kind, level, now, State.ACTIVE, lel)))
            return out + [(6 * step, _event(sensor, kind, 1, now, State.CLEARED, 3.0))]
        camera = key_for_id(pick(self.cameras))
        if kind is AlertType.SMOKE_FIRE:
            return [(0.0, _event(camera, kind, 2, now)), (step, _event(camera, kind, 1, now))]
        if kind is AlertType.INTRUSION:  # a flood of repeats, then the end of the episode
            flood = [(i * 0.05, _event(camera, kind, 3, now)) for i in range(self.random.randint(3, 12))]
            return flood + [(2 * step, _event(camera, kind, 3, now, State.CLEARED))]
        level = {AlertType.ILLEGAL_PARKING: 4, AlertType.ABSENT_POST: 3, AlertType.OTHER: 4}.get(kind, 3)
        return [(0.0, _event(camera, kind, level, now))]

    def _loop(self) -> None:
        kinds, weights = list(MIX), list(MIX.values())
        due: list[tuple[float, int, Event]] = []
        serial = 0
        next_episode = time.monotonic()
        while not self._stop.is_set():
            now = time.monotonic()
            if now >= next_episode:
                kind = self.random.choices(kinds, weights)[0]
                for offset, event in self.episode(kind, datetime.now(SHANGHAI)):
                    serial += 1
                    heapq.heappush(due, (now + offset, serial, event))
                next_episode = now + self.random.expovariate(1.0 / self.mean_gap())
            while due and due[0][0] <= now:
                event = heapq.heappop(due)[2]
                event = replace(event, time=datetime.now(SHANGHAI))
                self.publish(f"{TOPIC}/{event.device.value}", event.to_json())
                self.sent += 1
            wake = min([next_episode] + ([due[0][0]] if due else []))
            self._stop.wait(max(0.0, min(wake - time.monotonic(), 0.5)))


def _event(
    device: DeviceKey,
    kind: AlertType,
    level: int,
    now: datetime,
    state: State = State.ACTIVE,
    value: float | None = None,
) -> Event:
    return Event("demo", device, kind, level, now, state, str(kind), value)

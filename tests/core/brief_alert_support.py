"""Alerts recorded into a demo inventory the way the collector does it: real Events through AlertBook.

Times are set back from now (the handling steps are stamped with the clock), and the report date
is today in Beijing; every in-window alert lies 3 hours to 25 days back and every old one 40 days
back or more, so the 30-day window holds the same alerts at any time of day.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from onemap.store import Inventory
from onemap.watch.alerts import AlertBook
from onemap.watch.event import SHANGHAI, AlertType, DeviceKey, Event, State

#: a township name with markup in it: it must print as written
TRICKY_TOWNSHIP = "A&B<新区>镇"
CAMERA_TYPES = [AlertType.SMOKE_FIRE, AlertType.INTRUSION, AlertType.ILLEGAL_PARKING, AlertType.ABSENT_POST]


@dataclass
class Recorded:
    """What was recorded: the report date, the estates with alerts, the flood's estate and size."""

    report_date: date
    codes: list[str]
    flood_code: str
    flood_count: int
    quiet_code: str


def _event(device: DeviceKey, kind: AlertType, at: datetime, *, level: int = 2, value: float | None = None,
           state: State = State.ACTIVE) -> Event:  # fmt: skip
    return Event(source="onemap", device=device, type=kind, level=level, time=at, state=state, value=value)


def record_demo_alerts(path: Path, seed: int = 7) -> Recorded:
    """Record a month of alerts into the demo inventory at ``path`` and move some through the cycle."""
    rng = random.Random(seed)
    now = datetime.now(SHANGHAI).replace(microsecond=0)
    with Inventory.open(path, user="值班员") as inventory:
        codes = [e.code for e in inventory.estates()]
        with_cameras = [inventory.estate(c) for c in codes[:60]]
        with_cameras = [e for e in with_cameras if any(c.gb_id for c in e.cameras)][:14]
        sensors = inventory.sensors()
        with inventory.transaction():
            inventory.update_estate(with_cameras[2].code, township=TRICKY_TOWNSHIP)
        book = AlertBook(inventory)
        flood = with_cameras[0]
        flood_key = DeviceKey("gb28181", next(c.gb_id for c in flood.cameras if c.gb_id))
        start = now - timedelta(hours=3)
        flood_alert = book.record_all([_event(flood_key, AlertType.SMOKE_FIRE, start + timedelta(seconds=s), level=1)
                                       for s in range(0, 120, 3)])[-1]  # fmt: skip
        assert flood_alert is not None
        book.advance(flood_alert.id, "accepted", "物业-王经理")
        book.advance(flood_alert.id, "closed", "物业-王经理", "已到场处置，电话 13812345678")
        for i, estate in enumerate(with_cameras[1:], start=1):
            key = DeviceKey("gb28181", next(c.gb_id for c in estate.cameras if c.gb_id))
            old = book.record(_event(key, AlertType.INTRUSION, now - timedelta(days=40 + i), level=3))
            assert old is not None  # recorded first: events come in time order, as from a camera
            for n in range(1 + i % 3):
                at = now - timedelta(hours=rng.uniform(4, 25 * 24))
                kind = CAMERA_TYPES[(i + n) % len(CAMERA_TYPES)]
                alert = book.record(_event(key, kind, at, level=1 + (i + n) % 4))
                assert alert is not None
                _handle(book, alert.id, (i + n) % 5)
        sensor = sensors[0]
        gas = DeviceKey("device_id", sensor.device_id or "")
        at = now - timedelta(days=1)
        alert = book.record(_event(gas, AlertType.GAS_LEAK, at, level=1, value=35.0))
        book.record(_event(gas, AlertType.GAS_LEAK, at + timedelta(minutes=5), state=State.CLEARED))
        assert alert is not None
        _handle(book, alert.id, 2)
    quiet = next(c for c in codes if c not in {e.code for e in with_cameras} and c != sensor.estate_code)
    return Recorded(now.date(), sorted({e.code for e in with_cameras} | {sensor.estate_code}), flood.code, 40, quiet)


def _handle(book: AlertBook, alert_id: int, how: int) -> None:
    """Leave it new (0), accept it (1), accept, handle and close it (2), call it a false alarm (3),
    or dispatch it (4)."""
    if how == 1:
        book.advance(alert_id, "accepted", "网格员")
    elif how == 2:
        for step in ("accepted", "handled"):
            book.advance(alert_id, step, "物业")
        book.advance(alert_id, "closed", "物业", "已处理")
    elif how == 3:
        book.advance(alert_id, "false_alarm", "网格员", "树影晃动")
    elif how == 4:
        book.advance(alert_id, "dispatched", "值班员")

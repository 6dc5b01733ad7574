"""Real alerts in a real inventory for the marks' tests and benchmark: events recorded by the AlertBook.

The events are what the collector would have parsed (OneMap's own JSON shape): keyed by a demo
camera's GB/T 28181 ID or a demo gas detector's IMEI, so the alert book finds the device, its
estate and its point exactly as it does for a live feed.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from onemap.store import Inventory
from onemap.watch.alert import Alert
from onemap.watch.alerts import AlertBook
from onemap.watch.event import SHANGHAI, AlertType, DeviceKey, Event, State

T0 = datetime(2026, 12, 6, 16, 20, tzinfo=SHANGHAI)
CAMERA_TYPES = (
    AlertType.SMOKE_FIRE,
    AlertType.INTRUSION,
    AlertType.ILLEGAL_PARKING,
    AlertType.ABSENT_POST,
    AlertType.DEVICE_FAULT,
    AlertType.DEVICE_OFFLINE,
    AlertType.OTHER,
)


def camera_event(gb_id: str, kind: AlertType, level: int, seconds: float = 0.0, state: State = State.ACTIVE) -> Event:
    """A camera's event, as the collector normalises OneMap's JSON."""
    return Event("onemap", DeviceKey("gb28181", gb_id), kind, level, T0 + timedelta(seconds=seconds), state)


def gas_event(imei: str, level: int = 1, value: float = 31.5, seconds: float = 0.0) -> Event:
    """A gas detector's alarm with its %LEL reading."""
    return Event(
        "ctwing", DeviceKey("imei", imei), AlertType.GAS_LEAK, level, T0 + timedelta(seconds=seconds), value=value
    )


def devices(path: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """``(estate code, GB/T 28181 ID)`` of every camera with one, and ``(estate code, IMEI)`` of every sensor."""
    with Inventory.open(path, readonly=True) as inventory:
        cameras = inventory.camera_marks()
        sensors = inventory.sensor_marks()
    cams = [(str(c), str(g)) for c, g in zip(cameras["estate_code"], cameras["gb_id"], strict=True) if g]
    return cams, [(str(c), str(i)) for c, i in zip(sensors["estate_code"], sensors["imei"], strict=True) if i]


def record(path: Path, events: list[Event]) -> list[Alert | None]:
    """Record events into the file, as the collector does (one transaction per burst)."""
    with Inventory.open(path, user="监控中心") as inventory:
        return AlertBook(inventory).record_all(events)


def advance(path: Path, alert_id: int, to_status: str, note: str | None = None) -> Alert:
    """Move an alert through the handling cycle, as the alert dock or ``onemap alerts --close`` does."""
    with Inventory.open(path, user="值班员") as inventory:
        return AlertBook(inventory).advance(alert_id, to_status, "值班员", note)

"""Helpers for the alert dock and live feed tests: real alerts recorded in a real demo inventory."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from onemap.store import Inventory
from onemap.watch.alert import Alert
from onemap.watch.alerts import AlertBook
from onemap.watch.event import SHANGHAI, AlertType, DeviceKey, Event, State

#: two cameras of the demo inventory (seed 1): estates 6107250001 and 6107250002
CAMERA_1 = "61072500011320000011"
CAMERA_2 = "61072500011320000021"
SENSOR_1 = "15083124868134040000018"


def jpeg(colour: str = "#c62828", size: int = 64) -> bytes:
    """A real JPEG, as a camera would attach to a push."""
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "JPEG")
    return bytes(data.data())


def demo_event(
    device: str = CAMERA_1,
    kind: AlertType = AlertType.INTRUSION,
    *,
    minutes_ago: float = 0.0,
    level: int = 2,
    pictures: tuple[bytes, ...] = (),
    state: State = State.ACTIVE,
    source: str = "hikvision",
) -> Event:
    """One event from a device of the demo inventory, ``minutes_ago`` before now."""
    kind_of_key = "device_id" if device == SENSOR_1 else "gb28181"
    return Event(
        source=source,
        device=DeviceKey(kind_of_key, device),
        type=kind,
        level=level,
        time=datetime.now(SHANGHAI) - timedelta(minutes=minutes_ago),
        state=state,
        value=None,
        raw=b"<EventNotificationAlert/>",
        pictures=pictures,
    )


def record(path: Path, *events: Event) -> list[Alert]:
    """Record events as a collector would, on its own connection to the file."""
    with Inventory.open(path, user="采集器") as inventory:
        book = AlertBook(inventory)
        alerts = [book.record(e) for e in events]
    assert all(a is not None for a in alerts)
    return [a for a in alerts if a is not None]


def wait_until(condition: Callable[[], object], seconds: float = 5.0) -> float:
    """Process Qt events until ``condition()`` holds; returns the seconds it took (fails after ``seconds``)."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > seconds:
            raise AssertionError(f"not within {seconds} s")
        QApplication.processEvents()
        time.sleep(0.005)
    return time.monotonic() - start

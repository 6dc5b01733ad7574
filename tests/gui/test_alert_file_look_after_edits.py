"""After another program edits an estate the alert feed reads no alerts, and it still finds a new one."""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime

from onemap.gui.main_window import MainWindow
from onemap.store import Inventory
from onemap.store.geometry import register_functions
from onemap.watch.alerts import AlertBook
from onemap.watch.event import SHANGHAI, AlertType, DeviceKey, Event
from tests.gui.guikit import settle


def quick_look(window: MainWindow) -> None:
    """The feed's look for new alerts (not its look at the whole listed range, due every few seconds)."""
    window.feed.follow.full_at = time.monotonic()
    window.feed.poll()


def test_another_programs_estate_edit_is_not_followed_by_a_read_of_alerts_but_a_new_alert_is_found(
    window: MainWindow,
) -> None:
    assert window.session is not None
    follow, path = window.feed.follow, window.session.path
    assert window.feed.bus is None or window.feed.bus.state() not in ("connected", "local")  # the file brings alerts
    quick_look(window)
    settle(window)
    reads = follow.reads
    code = str(window.session.table.code[3])
    for households in (611, 612):
        other = sqlite3.connect(path)
        register_functions(other)
        with other:
            other.execute("UPDATE estates SET households = ? WHERE code = ?", (households, code))
        other.close()
        version = follow.version
        quick_look(window)
        assert follow.version != version  # the file did change: the look happened, and stopped short
    assert follow.reads == reads
    with Inventory.open(path, user="监控中心") as collector:
        camera = next(str(g) for g in collector.camera_marks()["gb_id"] if g)
        event = Event("onemap", DeviceKey("gb28181", camera), AlertType.SMOKE_FIRE, 2, datetime.now(SHANGHAI))
        alert = AlertBook(collector).record(event)
    assert alert is not None
    quick_look(window)
    assert follow.reads == reads + 1
    assert alert.id in window.feed.dock.model.known

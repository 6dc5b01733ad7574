"""A flood on the bus reaches the viewer as one row per alert: the newest message of each alert is kept on the
bus's thread, the estates they name are refreshed once, and a fold overtaken on the way never shows an older count."""

from __future__ import annotations

from pathlib import Path

from onemap.gui.main_window import MainWindow
from onemap.store import Inventory
from onemap.watch.alerts import AlertBook
from onemap.watch.bus import LocalBus
from onemap.watch.relay import alert_payload
from tests.gui.alert_kit import CAMERA_1, CAMERA_2, demo_event, wait_until
from tests.gui.test_alert_dock import reopen

TOPIC = "onemap/alerts/610725"


def test_a_flood_of_folds_is_one_batch_one_refresh_of_the_named_estates_and_the_newest_count(
    window: MainWindow, demo_copy: Path
) -> None:
    reopen(window, demo_copy)
    flood, other = [demo_event(CAMERA_1, minutes_ago=3 - i / 100) for i in range(200)], demo_event(CAMERA_2)
    with Inventory.open(demo_copy, user="采集器") as inventory:  # what a collector publishes, fold by fold
        book = AlertBook(inventory)
        payloads = [alert_payload(book.record(e), e) for e in (*flood, other)]
    bus, refreshed, delivered = LocalBus(), [], []
    plain = window.refresh_estates
    window.refresh_estates = lambda codes, tables=None: refreshed.append(set(codes)) or plain(codes, tables)  # type: ignore[method-assign]
    window.feed.delivered.connect(delivered.append)
    window.feed.listen(bus, "610725")
    for payload in payloads[:150] + payloads[160:] + payloads[150:160]:  # ten folds overtaken on the way
        bus.publish(TOPIC, payload)
    wait_until(lambda: delivered)
    assert refreshed == [{"6107250001", "6107250002"}]
    assert sorted(b["alert"]["count"] for b in delivered[0]) == [1, 200]
    model = window.alert_dock.model
    assert sorted(a.count for a in model.rows if a.estate_code in ("6107250001", "6107250002")) == [1, 200]
    assert (window.feed.received, window.feed.superseded) == (201, 199)

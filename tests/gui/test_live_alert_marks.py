"""Live batches patch the alert marks in memory: the same marks as a read of the file, and no read on the UI thread."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from onemap.gui.main_window import MainWindow
from onemap.store import Inventory
from onemap.view.watch_marks import MarkColumns
from onemap.watch.alerts import AlertBook
from onemap.watch.event import AlertType
from onemap.watch.relay import alert_payload, step_payload
from tests.gui.alert_kit import CAMERA_1, CAMERA_2, SENSOR_1, demo_event, record
from tests.gui.guikit import settle

TOPIC = "onemap/alerts/610725"  # the demo inventory's county


def _same(patched: MarkColumns, read: MarkColumns) -> None:
    assert len(patched) == len(read) > 0
    for name, column in read.columns.items():
        mine = patched.columns[name]
        if column.dtype.kind == "f":
            assert np.allclose(mine, column, equal_nan=True), name
        else:
            assert mine.tolist() == column.tolist(), name
    for attr in ("x", "y", "rank"):
        assert np.allclose(getattr(patched, attr), getattr(read, attr), equal_nan=True), attr


def _deliver(window: MainWindow, pairs: list) -> None:  # type: ignore[type-arg]
    for alert, event in pairs:
        window.feed.on_message(TOPIC, alert_payload(alert, event))
    window.feed.drain()


def test_marks_patched_from_live_batches_equal_the_open_alerts_read_from_the_file(
    window: MainWindow, demo_copy: Path
) -> None:
    events = [
        demo_event(CAMERA_1),
        demo_event(CAMERA_2, AlertType.SMOKE_FIRE, level=1),
        demo_event(SENSOR_1, AlertType.GAS_LEAK, level=2),
    ]
    alerts = record(demo_copy, *events)
    _deliver(window, list(zip(alerts, events, strict=True)))
    fold = demo_event(CAMERA_1, level=1)  # a fold raises the first alert's level
    (folded,) = record(demo_copy, fold)
    with Inventory.open(demo_copy, user="网格员") as inventory:  # and the second one is closed
        closed = AlertBook(inventory).advance(alerts[1].id, "false_alarm", "网格员", "误报")
    _deliver(window, [(folded, fold), (closed, events[1])])
    with Inventory.open(demo_copy, readonly=True) as inventory:
        read = MarkColumns(inventory.open_alert_marks())
    _same(window.watch_marks.model.alerts, read)
    assert alerts[1].id not in window.watch_marks.model.alerts["fid"].tolist()


def test_while_the_feed_is_live_a_step_written_elsewhere_is_read_off_the_ui_thread(
    window: MainWindow, demo_copy: Path
) -> None:
    session = window.session
    assert session is not None
    event = demo_event(CAMERA_2)
    (alert,) = record(demo_copy, event)
    _deliver(window, [(alert, event)])
    settle(window)
    window.refresher.poll()  # the collector's write, seen through the file
    window.refresher.settle()  # the trail is read on a worker
    with Inventory.open(demo_copy, user="网格员") as inventory:  # `onemap alerts --close` meanwhile
        AlertBook(inventory).advance(alert.id, "closed", "网格员", "已处置")
    statements: list[str] = []
    session.inventory._conn.set_trace_callback(statements.append)  # type: ignore[attr-defined]
    try:
        assert window.refresher.poll()
        window.refresher.settle()  # the trail is read on a worker
    finally:
        session.inventory._conn.set_trace_callback(None)  # type: ignore[attr-defined]
    assert not [s for s in statements if "FROM alerts a LEFT JOIN estates" in s]  # no read of every open alert
    assert alert.id in window.watch_marks.model.alerts["fid"].tolist()
    window.watch_marks.reread.settle()
    assert alert.id not in window.watch_marks.model.alerts["fid"].tolist()
    assert window.watch_marks.reread.reads == 1


def test_a_step_the_collector_publishes_moves_the_dock_row_and_the_mark_at_once(
    window: MainWindow, demo_copy: Path
) -> None:
    event = demo_event(CAMERA_2)
    (alert,) = record(demo_copy, event)
    _deliver(window, [(alert, event)])
    with Inventory.open(demo_copy, user="采集器") as inventory:  # dispatch's first successful send, committed
        moved = AlertBook(inventory).advance(alert.id, "dispatched", "采集器", "已通过“sms”派发")
    window.feed.on_message(TOPIC, step_payload(moved, "dispatched"))
    window.feed.drain()
    row = window.alert_dock.model.row_of_id(alert.id)
    assert window.alert_dock.model.alert_at(row).status == "dispatched"  # type: ignore[union-attr]
    marks = window.watch_marks.model.alerts
    assert marks["status"][marks["fid"] == alert.id].tolist() == ["dispatched"]

"""A flood on the bus reaches the viewer as one row per alert: the newest message of each alert is kept on the
bus's thread, the marks take each batch once, and a fold overtaken on the way never shows an older count."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import QTableView

from onemap.gui.docks.alert_model import AlertTableModel
from onemap.gui.main_window import MainWindow
from onemap.gui.watch.broker import KEYS
from onemap.store import Inventory
from onemap.watch.alert import Alert
from onemap.watch.alerts import AlertBook
from onemap.watch.bus import LocalBus
from onemap.watch.relay import alert_payload
from tests.core.alert_support import T0
from tests.gui.alert_kit import CAMERA_1, CAMERA_2, demo_event, wait_until
from tests.gui.test_alert_dock import reopen

TOPIC = "onemap/alerts/610725"


def test_a_flood_of_folds_is_one_batch_one_patch_of_the_marks_for_the_named_estates_and_the_newest_count(
    window: MainWindow, demo_copy: Path, tmp_path: Path
) -> None:
    reopen(window, demo_copy)
    flood, other = [demo_event(CAMERA_1, minutes_ago=3 - i / 100) for i in range(200)], demo_event(CAMERA_2)
    elsewhere = tmp_path / "采集器.gpkg"  # the alerts reach this viewer by the bus only, not through its file
    shutil.copy(demo_copy, elsewhere)
    with Inventory.open(elsewhere, user="采集器") as inventory:  # what a collector publishes, fold by fold
        book = AlertBook(inventory)
        payloads = [alert_payload(book.record(e), e) for e in (*flood, other)]
    bus, refreshed, delivered = LocalBus(), [], []
    plain = window.watch_marks.take_alerts  # the marks take the batch as it came: no re-read of the file
    window.watch_marks.take_alerts = lambda alerts: refreshed.append({a.estate_code for a in alerts}) or plain(alerts)  # type: ignore[method-assign]
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


def _alert(i: int, minutes: float, count: int = 1) -> Alert:
    at = T0 + timedelta(minutes=minutes)
    return Alert(i, f"61072500{i:02d}", "小区", "勉阳街道", "camera", "dev", "intrusion", 2, None, "new", count, at, at,
                 None, 106.7, 33.1)  # fmt: skip


def test_a_burst_moving_many_rows_is_one_layout_change_and_the_clicked_alert_stays_current(qtbot) -> None:  # type: ignore[no-untyped-def]
    model, view = AlertTableModel(), QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.reset([_alert(i, i) for i in range(100)])
    view.setCurrentIndex(model.index(model.row_of_id(10), 0))
    moves: list[str] = []
    model.layoutChanged.connect(lambda: moves.append("layout"))
    model.rowsInserted.connect(lambda *_: moves.append("insert"))
    model.upsert([_alert(i, 200 + i, count=2) for i in range(0, 100, 2)], live=True)  # 50 folds jump to the top
    assert moves == ["layout"]
    assert [a.id for a in model.rows] == [98 - 2 * k for k in range(50)] + [99 - 2 * k for k in range(50)]
    assert model.alert_at(view.currentIndex().row()).id == 10  # type: ignore[union-attr]
    assert model.upsert([_alert(5, 300)]) == [] and moves == ["layout", "insert"]  # a few: row by row


def test_a_new_alert_beeps_once_when_the_sound_is_on_and_a_fold_or_a_quiet_setting_does_not(
    window: MainWindow, demo_copy: Path, tmp_path: Path
) -> None:
    reopen(window, demo_copy)
    bus, delivered = LocalBus(), []
    window.feed.delivered.connect(delivered.append)
    window.feed.listen(bus, "610725")
    elsewhere = tmp_path / "采集器.gpkg"  # the alerts reach this viewer by the bus only, not through its file
    shutil.copy(demo_copy, elsewhere)
    with Inventory.open(elsewhere, user="采集器") as inventory:
        book, events = AlertBook(inventory), [demo_event(CAMERA_1, minutes_ago=2), demo_event(CAMERA_1, minutes_ago=1)]
        first, fold = (alert_payload(book.record(e), e) for e in events)
        quiet_event = demo_event(CAMERA_2)
        quiet = alert_payload(book.record(quiet_event), quiet_event)
    for sound, payload, beeps in (("true", first, 1), ("true", fold, 1), ("false", quiet, 1)):
        window.settings.q.setValue(KEYS["sound"], sound)
        before = len(delivered)
        bus.publish(TOPIC, payload)
        wait_until(lambda: len(delivered) > before)  # noqa: B023 - waited for within this iteration
        assert window.feed.beeps == beeps

"""The details dock lists the estate's sensors and its alerts of the last 30 days, newest first, refreshed in place."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtGui import QPalette

from onemap.gui.main_window import MainWindow
from onemap.style import ALERT_LEVEL_STYLES
from onemap.watch.alert import stamp
from tests.gui.guikit import settle


def _estate_with_sensors(window: MainWindow) -> str:
    assert window.session is not None
    return next(s.estate_code for s in window.session.inventory.sensors() if s.status == "online")


def _add_alert(window: MainWindow, code: str, kind: str, level: int, ago: timedelta, count: int, status: str) -> None:
    assert window.editing.history is not None
    inventory = window.editing.history.inventory  # the window's writer (the session reads)
    when = stamp(datetime.now(UTC) - ago)
    values = {
        "estate_code": code,
        "device_kind": "sensor",
        "device_fid": None,
        "device": "测试设备",
        "type": kind,
        "level": level,
        "first_time": when,
        "last_time": when,
        "count": count,
        "status": status,
    }
    with inventory.transaction():
        inventory.insert_alert(values, None)


def _dock_queries(statements: list[str]) -> list[str]:
    """The details dock's alert queries (one estate's alerts), not the map's read of every open alert."""
    return [s for s in statements if "FROM alerts" in s and "a.estate_code = " in s]


@pytest.fixture
def shown(window: MainWindow) -> tuple[MainWindow, str]:
    code = _estate_with_sensors(window)
    window.details.show()
    window.session.state.select([code])  # type: ignore[union-attr]
    settle(window)
    return window, code


def test_an_estate_without_alerts_says_so_and_lists_its_sensors_with_their_status(shown) -> None:  # type: ignore[no-untyped-def]
    window, code = shown
    panel = window.details.watch
    assert panel.alert_texts() == [["近30天无告警"]]
    sensors = window.session.inventory.sensors(code)  # type: ignore[union-attr]
    texts = panel.sensor_texts()
    assert len(texts) == len(sensors) and panel.sensors_box.isVisibleTo(window.details)
    assert texts[0][1] == f"IMEI {sensors[0].imei}" and texts[0][3] == "在线"
    assert texts[0][2] == f"{sensors[0].low_lel:g}/{sensors[0].high_lel:g} %LEL"


def test_alerts_written_and_refreshed_appear_newest_first_with_level_colour_type_count_and_status(shown) -> None:  # type: ignore[no-untyped-def]
    window, code = shown
    _add_alert(window, code, "illegal_parking", 3, timedelta(days=2), 1, "dispatched")
    _add_alert(window, code, "gas_leak", 1, timedelta(hours=1), 5, "new")
    _add_alert(window, code, "intrusion", 2, timedelta(days=40), 1, "closed")  # older than 30 days
    window.refresh_estates([code], ["alerts"])
    settle(window)
    rows = window.details.watch.alert_texts()
    assert [(r[0], r[2], r[3], r[4]) for r in rows] == [
        (ALERT_LEVEL_STYLES[1].zh, "燃气泄漏", "5 次", "新告警"),
        (ALERT_LEVEL_STYLES[3].zh, "违停占道", "", "已派遣"),
    ]
    chip = window.details.watch.alert_rows.rows[0][0]
    assert chip.palette().color(QPalette.ColorRole.Window).name() == ALERT_LEVEL_STYLES[1].color.lower()


def test_a_refresh_of_other_tables_makes_no_alert_query_and_another_estate_reuses_the_labels(shown) -> None:  # type: ignore[no-untyped-def]
    window, code = shown
    _add_alert(window, code, "intrusion", 2, timedelta(hours=3), 1, "new")
    window.refresh_estates([code], ["alerts"])
    settle(window)
    label = window.details.watch.alert_rows.rows[0][2]
    statements: list[str] = []
    window.session.inventory._conn.set_trace_callback(statements.append)  # type: ignore[union-attr]
    window.refresh_estates([code], ["contacts"])
    settle(window)
    window.session.inventory._conn.set_trace_callback(None)  # type: ignore[union-attr]
    assert not _dock_queries(statements)
    other = next(s.estate_code for s in window.session.inventory.sensors() if s.estate_code != code)  # type: ignore[union-attr]
    _add_alert(window, other, "absent_post", 4, timedelta(hours=5), 2, "accepted")
    window.session.state.select([other])  # type: ignore[union-attr]
    settle(window)
    assert window.details.watch.alert_rows.rows[0][2] is label and label.text() == "离岗睡岗"


def test_a_hidden_dock_puts_the_alert_query_off_until_it_is_shown(shown) -> None:  # type: ignore[no-untyped-def]
    window, code = shown
    other = next(str(c) for c in window.session.table.code if str(c) != code)  # type: ignore[union-attr]
    _add_alert(window, other, "smoke_fire", 1, timedelta(minutes=5), 1, "new")
    window.refresher.poll()  # the window takes the write in now, not during the traced part
    window.refresher.settle()  # the trail is read on a worker
    window.details.hide()
    statements: list[str] = []
    conn = window.session.inventory._conn  # type: ignore[union-attr]
    conn.set_trace_callback(statements.append)
    window.session.state.select([other])  # type: ignore[union-attr]
    settle(window)
    assert not _dock_queries(statements)
    window.details.show()
    settle(window)
    conn.set_trace_callback(None)
    assert len(_dock_queries(statements)) == 1
    assert window.details.watch.alert_texts()[0][2] == "烟雾明火"


def test_a_sensor_status_written_by_another_connection_reaches_the_dock_at_the_next_poll(shown) -> None:  # type: ignore[no-untyped-def]
    window, code = shown
    writer = window.editing.history.inventory  # a second connection to the file, as a collector's would be
    first = writer.sensors(code)[0]
    with writer.transaction():
        writer.update_sensor(first.fid, status="alarming")
    assert window.refresher.poll()
    window.refresher.settle()  # the trail is read on a worker
    settle(window)
    assert window.details.watch.sensor_texts()[0][3] == "报警中"


def test_an_alert_a_collector_writes_reaches_the_dock_of_the_estate_on_show_at_the_next_poll(shown) -> None:  # type: ignore[no-untyped-def]
    window, code = shown
    assert window.details.watch.alert_texts() == [["近30天无告警"]]
    _add_alert(window, code, "gas_leak", 1, timedelta(minutes=1), 3, "new")  # the trail names no estate for it
    assert window.refresher.poll()
    window.refresher.settle()  # the trail is read on a worker
    settle(window)
    assert [r[2] for r in window.details.watch.alert_texts()] == ["燃气泄漏"]

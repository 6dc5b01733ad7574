"""The alert dock on a real demo inventory: listing, filters, click → estate and pictures, the handling cycle."""

from __future__ import annotations

from pathlib import Path

from onemap.gui.docks.alert_model import cell_text
from onemap.gui.editing.session import audit_user
from onemap.gui.main_window import MainWindow
from onemap.store import Inventory
from onemap.store.audit import default_user
from onemap.watch.event import AlertType
from tests.gui.alert_kit import CAMERA_1, CAMERA_2, SENSOR_1, demo_event, jpeg, record, wait_until
from tests.gui.guikit import settle
from tests.store_access import connection


def reopen(window: MainWindow, path: Path) -> None:
    assert window.open_inventory(path)
    settle(window)


def test_the_dock_lists_the_files_alerts_newest_first_with_words_in_chinese(
    window: MainWindow, demo_copy: Path
) -> None:
    record(
        demo_copy,
        demo_event(CAMERA_1, AlertType.INTRUSION, minutes_ago=30),
        demo_event(CAMERA_2, AlertType.SMOKE_FIRE, minutes_ago=5, level=1),
        demo_event(SENSOR_1, AlertType.GAS_LEAK, minutes_ago=60 * 30, level=3),
    )
    reopen(window, demo_copy)
    model = window.alert_dock.model
    assert model.rowCount() == 3
    assert [cell_text(model.rows[i], 3) for i in range(3)] == ["烟雾明火", "区域入侵", "燃气泄漏"]
    assert {cell_text(a, 5) for a in model.rows} == {"新告警"}
    assert model.rows[0].estate_code == "6107250002" and cell_text(model.rows[0], 2)  # township shown
    assert window.alert_dock.count_label.text() == "3 条"


def test_the_filters_narrow_by_type_status_township_and_time(window: MainWindow, demo_copy: Path) -> None:
    alerts = record(
        demo_copy,
        demo_event(CAMERA_1, AlertType.INTRUSION, minutes_ago=30),
        demo_event(CAMERA_2, AlertType.SMOKE_FIRE, minutes_ago=5, level=1),
        demo_event(SENSOR_1, AlertType.GAS_LEAK, minutes_ago=60 * 30, level=3),
        demo_event(CAMERA_2, AlertType.ILLEGAL_PARKING, minutes_ago=60 * 24 * 10, level=4),
    )
    with Inventory.open(demo_copy, user="值班员") as inventory:
        from onemap.watch.alerts import AlertBook

        AlertBook(inventory).advance(alerts[0].id, "closed", "值班员", "已到场处理")
    reopen(window, demo_copy)
    dock = window.alert_dock
    assert dock.model.rowCount() == 3  # 7 days by default: the ten-day-old one is out
    dock.range_box.setCurrentIndex(dock.range_box.findData("30d"))
    assert dock.model.rowCount() == 4
    dock.type_box.setCurrentIndex(dock.type_box.findData("smoke_fire"))
    assert [a.type for a in dock.model.rows] == ["smoke_fire"]
    dock.type_box.setCurrentIndex(0)
    dock.status_box.setCurrentIndex(dock.status_box.findData("open"))
    assert sorted(a.type for a in dock.model.rows) == ["gas_leak", "illegal_parking", "smoke_fire"]
    dock.status_box.setCurrentIndex(dock.status_box.findData("closed"))
    assert [a.id for a in dock.model.rows] == [alerts[0].id]
    dock.status_box.setCurrentIndex(0)
    township = dock.model.rows[0].township
    dock.township_box.setCurrentIndex(dock.township_box.findData(township))
    assert dock.model.rowCount() >= 1 and {a.township for a in dock.model.rows} == {township}
    dock.township_box.setCurrentIndex(0)
    dock.range_box.setCurrentIndex(dock.range_box.findData("24h"))
    assert sorted(a.type for a in dock.model.rows) == ["intrusion", "smoke_fire"]


def test_clicking_an_alert_selects_its_estate_flies_there_and_shows_its_picture(
    window: MainWindow, demo_copy: Path
) -> None:
    red, blue = jpeg("#c62828"), jpeg("#1565c0")
    record(demo_copy, demo_event(CAMERA_2, AlertType.SMOKE_FIRE, pictures=(red, blue)), demo_event(CAMERA_1))
    reopen(window, demo_copy)
    assert window.session is not None
    dock = window.alert_dock
    row = next(i for i, a in enumerate(dock.model.rows) if a.type == "smoke_fire")
    zooms: list[object] = []
    window.session.state.zoom_requested.connect(zooms.append)
    opened: list[int] = []
    window.open_live_view = opened.append  # type: ignore[attr-defined]  # the video dock's entry point
    dock.view.clicked.emit(dock.model.index(row, 1))
    settle(window)
    assert window.session.state.selection == ("6107250002",)
    assert len(zooms) == 1
    camera = window.session.inventory.camera_by_gb_id(CAMERA_2)
    assert camera is not None and opened == [camera.fid]
    dialog = dock.cycle.pictures
    assert dialog is not None and dialog.isVisible()
    assert "1 / 2" in dialog.caption.text()
    shown = dialog.image.pixmap().toImage()
    centre = shown.pixelColor(shown.width() // 2, shown.height() // 2)
    assert centre.red() > 150 and centre.blue() < 100  # the red picture, decoded
    dialog.next.click()
    shown = dialog.image.pixmap().toImage()
    assert shown.pixelColor(shown.width() // 2, shown.height() // 2).blue() > 150


def test_the_cycle_buttons_write_audited_steps_and_refuse_a_move_the_cycle_forbids(
    window: MainWindow, demo_copy: Path
) -> None:
    (alert,) = record(demo_copy, demo_event(CAMERA_1))
    reopen(window, demo_copy)
    dock = window.alert_dock
    actions = dock.cycle
    actions.buttons["dispatched"].click()
    assert actions.message.text() == "请先在列表中选择一条告警。"
    dock.view.clicked.emit(dock.model.index(0, 0))
    actions.buttons["dispatched"].click()
    actions.buttons["accepted"].click()
    assert dock.model.rows[0].status == "accepted" and cell_text(dock.model.rows[0], 5) == "已签收"
    actions.buttons["dispatched"].click()  # back from accepted to dispatched: not allowed
    assert "不能直接改为“已派遣”" in actions.message.text()
    actions.buttons["closed"].click()  # closing needs a note
    assert "须填写说明" in actions.message.text()
    actions.note.setText("物业已清理通道")
    actions.buttons["closed"].click()
    assert dock.model.rows[0].status == "closed" and actions.message.text() == "告警已改为“已办结”。"
    with Inventory.open(demo_copy, readonly=True) as inventory:
        steps = inventory.alert_steps(alert.id)
        audited = (
            connection(inventory)
            .execute(
                "SELECT who, old_value, new_value FROM audit_log WHERE table_name = 'alerts' AND row_key = ? "
                "AND field = 'status' ORDER BY fid",
                (f"alerts/{alert.id}",),
            )
            .fetchall()
        )
    assert [(s.from_status, s.to_status) for s in steps] == [
        ("new", "dispatched"),
        ("dispatched", "accepted"),
        ("accepted", "closed"),
    ]
    assert steps[-1].note == "物业已清理通道"
    who = audit_user(window) or default_user()
    assert [tuple(r) for r in audited] == [
        (who, "new", "dispatched"),
        (who, "dispatched", "accepted"),
        (who, "accepted", "closed"),
    ]


def test_an_alert_another_program_writes_reaches_the_dock_without_a_broker_and_without_a_reset(
    window: MainWindow, demo_copy: Path
) -> None:
    record(demo_copy, demo_event(CAMERA_1, minutes_ago=10))
    reopen(window, demo_copy)
    dock = window.alert_dock
    assert dock.model.rowCount() == 1 and window.feed.state() == "未配置"
    resets: list[int] = []
    dock.model.modelReset.connect(lambda: resets.append(1))
    (fresh,) = record(demo_copy, demo_event(CAMERA_2, AlertType.ABSENT_POST))
    wait_until(lambda: dock.model.rowCount() == 2)
    assert dock.model.rows[0].id == fresh.id and fresh.id in dock.model.fresh  # newest first, highlighted
    assert not resets
    dock.view.clicked.emit(dock.model.index(0, 0))
    assert fresh.id not in dock.model.fresh


def test_the_buttons_act_on_the_clicked_alert_even_when_arrivals_move_its_row(
    window: MainWindow, demo_copy: Path
) -> None:
    clicked, other = record(
        demo_copy,
        demo_event(CAMERA_1, AlertType.ABSENT_POST, minutes_ago=8),  # within the fold window of 10 minutes
        demo_event(CAMERA_2, minutes_ago=5),
    )
    reopen(window, demo_copy)
    dock = window.alert_dock
    dock.view.clicked.emit(dock.model.index(dock.model.row_of_id(clicked.id), 0))
    assert dock.model.row_of_id(clicked.id) == 1
    record(demo_copy, demo_event(CAMERA_1, AlertType.ABSENT_POST))  # folds into it: it moves to the top
    wait_until(lambda: dock.model.known[clicked.id].count == 2)
    assert dock.model.row_of_id(clicked.id) == 0 and dock.view.currentIndex().row() == 0
    dock.cycle.buttons["accepted"].click()
    assert dock.model.known[clicked.id].status == "accepted" and dock.model.known[other.id].status == "new"


def test_thousands_of_alerts_update_row_by_row_in_the_order_a_fresh_read_gives(
    window: MainWindow, demo_copy: Path
) -> None:
    from onemap.watch.alerts import AlertBook
    from tests.gui.alert_kit import demo_event

    with Inventory.open(demo_copy, readonly=True) as inventory:
        cameras = [
            str((inventory.child_row("cameras", fid) or {})["gb_id"])
            for code in inventory.camera_counts()
            for fid in inventory.child_fids("cameras", code)
        ]
    kinds = (AlertType.INTRUSION, AlertType.ILLEGAL_PARKING, AlertType.ABSENT_POST, AlertType.SMOKE_FIRE)
    first = [demo_event(c, k, minutes_ago=5 + i % 5) for i, (c, k) in enumerate((c, k) for c in cameras for k in kinds)]
    with Inventory.open(demo_copy, user="采集器") as inventory:
        AlertBook(inventory).record_all(first)
    reopen(window, demo_copy)
    model = window.alert_dock.model
    assert model.rowCount() == len(first) > 1000
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    again = [demo_event(c, AlertType.INTRUSION, minutes_ago=i % 5) for i, c in enumerate(cameras[::2])]
    again += [demo_event(SENSOR_1, AlertType.GAS_LEAK)]  # and one new alert
    with Inventory.open(demo_copy, user="采集器") as inventory:  # folds: counts and times move, rows reorder
        folded = [a for a in AlertBook(inventory).record_all(again) if a is not None]
    model.upsert(folded, live=True)
    assert window.session is not None
    fresh = AlertBook(window.session.inventory).alerts(since=model.filter.since(), limit=None)
    assert not resets and model.rowCount() == len(first) + 1 == len(fresh)
    assert [a.id for a in model.rows] == [a.id for a in fresh]
    assert sum(a.count for a in model.rows) == len(first) + len(again)
    assert [a.count for a in model.rows] == [a.count for a in fresh]


def test_a_sensor_alert_has_no_video_and_says_so(window: MainWindow, demo_copy: Path) -> None:
    record(demo_copy, demo_event(SENSOR_1, AlertType.GAS_LEAK, level=1))
    reopen(window, demo_copy)
    dock = window.alert_dock
    dock.view.clicked.emit(dock.model.index(0, 0))
    assert dock.cycle.pictures is None  # no pictures: no window
    dock.cycle.video.click()
    assert dock.cycle.message.text() == "这条告警不是摄像头发出的，没有视频。"

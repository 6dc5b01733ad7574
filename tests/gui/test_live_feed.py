"""The viewer's live feed against a real Mosquitto: publish → dock and map, two viewers, reconnects, the password."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion

from onemap.gui.main_window import MainWindow
from onemap.gui.settings import Settings
from onemap.gui.watch.broker import KEYS, PASSWORD_KEY, store_password
from onemap.watch.config import KEYRING_SERVICE
from onemap.watch.relay import alert_payload
from tests.core.watch_broker import Broker, running_mosquitto
from tests.gui.alert_kit import CAMERA_1, CAMERA_2, demo_event, record, wait_until
from tests.gui.guikit import make_window
from tests.keyring_kit import MemoryKeyring

keyring = pytest.importorskip("keyring")
pytestmark = pytest.mark.broker
TOPIC = "onemap/alerts/610725"  # the demo inventory's county
PASSWORD = "Xq7-broker-secret"


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[Broker]:
    with running_mosquitto(tmp_path) as running:
        yield running


def point_at(settings: Settings, broker: Broker, user: str = "") -> None:
    for key, value in (("host", "127.0.0.1"), ("port", broker.port), ("tls", False), ("user", user)):
        settings.q.setValue(KEYS[key], value)


def publisher(port: int, user: str = "", password: str = "") -> mqtt.Client:
    client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=f"test-collector-{time.monotonic_ns()}")
    if user:
        client.username_pw_set(user, password)
    client.connect("127.0.0.1", port)
    client.loop_start()
    return client


def viewer(qtbot, settings: Settings, path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, settings, path)
    wait_until(lambda: window.feed.state() == "已连接", 10)
    return window


def test_a_publish_on_the_broker_reaches_the_dock_and_the_password_shows_nowhere(
    qtbot, settings: Settings, demo_copy: Path, tmp_path: Path, memory_keyring: MemoryKeyring, caplog
) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.DEBUG)
    assert store_password(PASSWORD)
    assert memory_keyring.secrets == {(KEYRING_SERVICE, PASSWORD_KEY): PASSWORD}
    with running_mosquitto(tmp_path, users={"viewer": PASSWORD, "collector": "c0llect"}) as running:
        point_at(settings, running, "viewer")
        window = viewer(qtbot, settings, demo_copy)
        event = demo_event(CAMERA_2)
        (alert,) = record(demo_copy, event)
        client = publisher(running.port, "collector", "c0llect")
        try:
            client.publish(TOPIC, alert_payload(alert, event), qos=1).wait_for_publish(5)
            wait_until(lambda: window.alert_dock.model.row_of_id(alert.id) == 0)
        finally:
            client.loop_stop()
            client.disconnect()
        shown = window.alert_dock.model.rows[0]
        assert (shown.estate_code, shown.type, shown.status) == ("6107250002", "intrusion", "new")
        # its mark on the map: from the message, or from the file's trail read on a worker, whichever comes first
        wait_until(lambda: "6107250002" in set(window.watch_marks.model.alerts["estate_code"].tolist()))
        label = window.feed.label
        assert label.text() == "实时告警：已连接" and "viewer" in label.toolTip()
        settings.sync()
        written = (settings.q.fileName() and Path(settings.q.fileName()).read_text("utf-8")) or ""
        assert PASSWORD not in label.toolTip() + label.text() + caplog.text + written
        window.close()


def test_two_viewers_both_receive_the_same_alert_within_a_second(
    qtbot, broker: Broker, demo_copy: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    windows = []
    for name in ("a", "b"):
        settings = Settings(tmp_path / name / "OneMap.ini")
        settings.q.setValue("settings/language", "zh")
        point_at(settings, broker)
        copy = tmp_path / name / "清单.gpkg"
        copy.parent.mkdir(exist_ok=True)
        copy.write_bytes(demo_copy.read_bytes())
        windows.append(viewer(qtbot, settings, copy))
    client = publisher(broker.port)
    delays: list[float] = []
    arrived: dict[int, float] = {}
    for i, w in enumerate(windows):
        w.feed.delivered.connect(lambda _b, i=i: arrived.setdefault(i, time.perf_counter()))
    try:
        for minutes, camera in ((2, CAMERA_1), (0, CAMERA_2)):  # the first one warms the path
            event = demo_event(camera, minutes_ago=minutes)
            (alert,) = record(windows[0].session.path, event)  # type: ignore[union-attr]
            arrived.clear()
            sent = time.perf_counter()
            client.publish(TOPIC, alert_payload(alert, event), qos=1)
            wait_until(lambda: len(arrived) == 2, 5)
            delays = [arrived[i] - sent for i in range(2)]
            assert all(w.alert_dock.model.row_of_id(alert.id) >= 0 for w in windows)
    finally:
        client.loop_stop()
        client.disconnect()
    print(f"publish → both docks: {delays[0] * 1000:.1f} ms and {delays[1] * 1000:.1f} ms")
    assert max(delays) < 1.0
    for w in windows:
        w.close()


def test_the_status_bar_says_reconnecting_while_the_broker_is_away_and_connected_when_back(
    qtbot, settings: Settings, broker: Broker, demo_copy: Path
) -> None:  # type: ignore[no-untyped-def]
    point_at(settings, broker)
    window = viewer(qtbot, settings, demo_copy)
    broker.stop()
    wait_until(lambda: window.feed.label.text() == "实时告警：重连中", 10)
    broker.start()
    wait_until(lambda: window.feed.label.text() == "实时告警：已连接", 15)
    event = demo_event(CAMERA_1)
    (alert,) = record(demo_copy, event)
    client = publisher(broker.port)
    try:
        client.publish(TOPIC, alert_payload(alert, event), qos=1)
        wait_until(lambda: window.alert_dock.model.row_of_id(alert.id) >= 0)
    finally:
        client.loop_stop()
        client.disconnect()
    window.close()
    assert window.feed.label.text() == "实时告警：未配置"


def viewer_threads() -> set[str]:
    """Threads the demo collector may start: its own, the feed's, the push listener's."""
    import threading

    return {
        t.name for t in threading.enumerate() if t.name.startswith(("onemap-viewer-demo", "onemap-demo", "onemap-push"))
    }


def test_demo_mode_writes_labelled_alerts_into_the_demo_file_and_stops_without_leaking_threads(
    window: MainWindow, demo_copy: Path
) -> None:
    from onemap.store import Inventory

    assert not viewer_threads()
    action = window.demo_mode.action
    assert action.isEnabled() and not action.isChecked()
    assert window.feed.start_demo(speed=6000)  # a county week in 100 seconds
    window.demo_mode.follow(True)
    assert action.isChecked() and window.feed.label.text() == "实时告警：演示数据"
    assert "演示数据" in window.feed.label.toolTip()
    dock = window.alert_dock
    wait_until(lambda: dock.model.rowCount() >= 3, 20)
    assert {a.source for a in dock.model.rows} == {"demo"}
    assert {dock.model.data(dock.model.index(r, 6)) for r in range(dock.model.rowCount())} == {"演示数据"}
    assert viewer_threads() >= {"onemap-viewer-demo", "onemap-demo"}
    action.setChecked(False)  # the menu stops it
    assert window.feed.demo is None and not viewer_threads()
    with Inventory.open(demo_copy, readonly=True) as inventory:
        stored = inventory.alert_rows(limit=None)
    assert stored and {row.source for row in stored} == {"demo"}
    assert {a.id for a in dock.model.rows} <= {row.fid for row in stored}
    action.setChecked(True)  # again from the menu (a demo inventory: no question asked)
    assert window.feed.demo is not None and window.feed.demo.running
    window.close()  # closing the window stops it too
    assert window.feed.demo is None and not viewer_threads()


def test_demo_mode_on_a_real_inventory_asks_first(window: MainWindow, demo_copy: Path) -> None:
    from onemap.store import Inventory
    from tests.store_access import connection

    window.close_session()
    with Inventory.open(demo_copy) as inventory, inventory.transaction():
        connection(inventory).execute("DELETE FROM onemap_meta WHERE key = 'demo_seed'")
    assert window.open_inventory(demo_copy)
    window.demo_mode.action.setChecked(True)
    question = window.demo_mode.question
    assert question is not None and "不是演示清单" in question.text()
    assert window.feed.demo is None and not window.demo_mode.action.isChecked()
    question.button(question.StandardButton.Yes).click()
    assert window.feed.demo is not None and window.demo_mode.action.isChecked()
    window.close()
    assert not viewer_threads()


def test_the_settings_group_keeps_the_broker_password_in_the_keyring_and_the_feed_follows_it(
    window: MainWindow, settings: Settings, broker: Broker, memory_keyring: MemoryKeyring
) -> None:
    from onemap.gui.dialogs.settings_dialog import SettingsDialog

    assert window.feed.label.text() == "实时告警：未配置"
    dialog = SettingsDialog(settings.q, window)
    group = dialog.broker
    assert group.password.echoMode() == group.password.EchoMode.Password
    assert "尚未保存密码" in group.password_note.text()
    group.host.setText("127.0.0.1")
    group.port.setValue(broker.port)
    group.user.setText("值班员")
    group.password.setText(PASSWORD)
    group.sound.setChecked(True)
    dialog.accept()
    assert memory_keyring.secrets[(KEYRING_SERVICE, PASSWORD_KEY)] == PASSWORD
    settings.sync()
    stored = Path(settings.q.fileName()).read_text("utf-8")
    assert "127.0.0.1" in stored and PASSWORD not in stored
    wait_until(lambda: window.feed.label.text() == "实时告警：已连接", 10)  # anonymous broker: the user is let in
    assert "值班员" in window.feed.label.toolTip() and PASSWORD not in window.feed.label.toolTip()
    again = SettingsDialog(settings.q, window).broker
    assert again.password.text() == "" and "已保存密码" in again.password_note.text()
    assert again.sound.isChecked() and again.port.value() == broker.port

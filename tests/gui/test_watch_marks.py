"""Cameras, sensors and open alerts on the 2D map: real alerts recorded into a real demo file, a real window."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from onemap.gui.main_window import MainWindow
from onemap.gui.watch.marks import DEVICE_MAX_RES
from onemap.gui.watch.symbols import CAMERA_COLOURS, LEVEL_COLOURS
from onemap.model import Camera
from onemap.store import Inventory
from onemap.view.extent import Extent
from onemap.watch.event import AlertType
from tests.gui.guikit import settle
from tests.watch_marks_kit import advance, camera_event, devices, gas_event, record

GB_ID = "61072500031320000099"
HALF_M = 600.0  # half the view around an alert: estate-level zoom on a 1400-pixel canvas


def show_point(window: MainWindow, x: float, y: float, half_m: float = HALF_M) -> None:
    window.canvas.show_extent(Extent(x - half_m, y - half_m, x + half_m, y + half_m))
    settle(window)


def colour_pixels(window: MainWindow, x: float, y: float, colour: str, box_px: int = 14, tol: int = 12) -> int:
    """Pixels of ``colour`` (within ``tol`` per channel) in a box round a display point on the canvas."""
    image = window.canvas.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    ratio = image.devicePixelRatio()
    at = window.canvas.to_widget(x, y)
    cx, cy = round(at.x() * ratio), round(at.y() * ratio)
    ptr = image.constBits()
    pixels = np.frombuffer(ptr, dtype=np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    half = round(box_px * ratio)
    patch = pixels[max(cy - half, 0) : cy + half, max(cx - half, 0) : cx + half, :3].astype(int)
    target = QColor(colour)
    bgr = np.array([target.blue(), target.green(), target.red()])
    return int((np.abs(patch - bgr).max(axis=2) <= tol).sum())


def alert_xy(window: MainWindow, fid: int) -> tuple[float, float]:
    alerts = window.watch_marks.model.alerts
    row = int(np.flatnonzero(alerts["fid"] == fid)[0])
    return float(alerts.x[row]), float(alerts.y[row])


def test_an_open_alert_is_drawn_in_its_level_colour_at_its_point_and_goes_when_closed(
    window: MainWindow, demo_copy: Path
) -> None:
    cameras, _sensors = devices(demo_copy)
    code, gb_id = cameras[5]
    (alert,) = record(demo_copy, [camera_event(gb_id, AlertType.SMOKE_FIRE, 1)])
    assert alert is not None
    assert window.refresh_estates((), ["alerts"])
    x, y = alert_xy(window, alert.id)
    show_point(window, x, y)
    assert colour_pixels(window, x, y, LEVEL_COLOURS[1]) > 60

    advance(demo_copy, alert.id, "closed", "现场核实为烧烤油烟，已处置")
    assert window.refresh_estates((), ["alerts"])
    settle(window)
    assert len(window.watch_marks.model.alerts) == 0
    assert colour_pixels(window, x, y, LEVEL_COLOURS[1]) == 0


def test_the_pulse_runs_while_an_alert_is_new_and_stops_when_none_is(window: MainWindow, demo_copy: Path) -> None:
    cameras, _ = devices(demo_copy)
    (alert,) = record(demo_copy, [camera_event(cameras[0][1], AlertType.INTRUSION, 2)])
    assert alert is not None and not window.watch_marks.pulse.timer.isActive()
    window.refresh_estates((), ["alerts"])
    pulse = window.watch_marks.pulse
    assert pulse.timer.isActive() and pulse.isVisible()
    before = pulse.ticks
    settle(window, ms=400)
    assert pulse.ticks > before  # it animates

    advance(demo_copy, alert.id, "dispatched")
    window.refresh_estates((), ["alerts"])
    assert not pulse.timer.isActive() and not pulse.isVisible()
    assert window.watch_marks.alerts.isVisible()  # still open, no longer new: drawn, not pulsing


def test_an_alert_written_by_another_program_appears_at_the_next_poll_and_a_fold_raises_its_level(
    window: MainWindow, demo_copy: Path
) -> None:
    _cameras, sensors = devices(demo_copy)
    (alert,) = record(demo_copy, [gas_event(sensors[0][1], level=3, value=18.0)])
    assert alert is not None
    assert window.refresher.poll()  # the viewer's own 400 ms watch on the file
    window.refresher.settle()  # the trail is read on a worker
    assert window.watch_marks.model.alerts["level"].tolist() == [3]
    x, y = alert_xy(window, alert.id)
    show_point(window, x, y)
    assert colour_pixels(window, x, y, LEVEL_COLOURS[3]) > 60

    record(demo_copy, [gas_event(sensors[0][1], level=1, value=55.0, seconds=30)])  # folded: count 2, level 1
    assert window.refresher.poll()
    window.refresher.settle()  # the trail is read on a worker
    settle(window)
    assert window.watch_marks.model.alerts["level"].tolist() == [1]
    assert colour_pixels(window, x, y, LEVEL_COLOURS[1]) > 60


def test_cameras_and_sensors_show_only_at_estate_zoom_and_alerts_at_every_zoom(
    window: MainWindow, demo_copy: Path
) -> None:
    cameras, _ = devices(demo_copy)
    record(demo_copy, [camera_event(cameras[3][1], AlertType.ILLEGAL_PARKING, 3)])
    window.refresh_estates((), ["alerts"])
    marks = window.watch_marks
    window.canvas.home()
    settle(window)
    assert window.session is not None and window.session.state.resolution > DEVICE_MAX_RES
    assert not marks.cameras.isVisible() and not marks.sensors.isVisible() and marks.alerts.isVisible()

    x, y = alert_xy(window, int(marks.model.alerts["fid"][0]))
    show_point(window, x, y)
    assert marks.cameras.isVisible() and marks.sensors.isVisible()
    shown = marks.cameras.data["data"].tolist()
    view = window.session.state.extent
    in_view = marks.model.cameras.in_box(view).tolist()
    assert set(in_view) <= set(shown) and len(shown) < len(marks.model.cameras)
    assert len(marks.model.cameras) == 383  # every demo camera is there to draw


def test_a_camera_turns_alerting_with_an_open_alert_and_online_or_offline_with_a_check(
    window: MainWindow, demo_copy: Path
) -> None:
    cameras, _ = devices(demo_copy)
    code, gb_id = cameras[0]
    model = window.watch_marks.model
    assert set(model.camera_states({}).tolist()) == {0}  # unknown until checked
    window.details.camera_panel.check_finished.emit(code, [True, False, True])
    settle(window)
    states = model.camera_states(window.camera_marks.results)
    rows = np.flatnonzero(model.cameras["estate_code"] == code)
    assert states[rows[:3]].tolist() == [1, 2, 1]

    record(demo_copy, [camera_event(gb_id, AlertType.SMOKE_FIRE, 1)])
    window.refresh_estates((), ["alerts"])
    states = model.camera_states(window.camera_marks.results)
    assert states[rows[0]] == 3  # alerting
    x, y = float(model.cameras.x[rows[1]]), float(model.cameras.y[rows[1]])
    show_point(window, x, y, half_m=150.0)
    spots = window.watch_marks.cameras.data
    brushes = {int(d): b.color().name() for d, b in zip(spots["data"], spots["brush"], strict=True)}
    assert brushes[int(rows[1])] == CAMERA_COLOURS["offline"] and brushes[int(rows[0])] == LEVEL_COLOURS[1]


def test_layer_checkboxes_show_and_hide_cameras_sensors_and_alerts(window: MainWindow, demo_copy: Path) -> None:
    cameras, _ = devices(demo_copy)
    record(demo_copy, [camera_event(cameras[2][1], AlertType.ABSENT_POST, 3)])
    window.refresh_estates((), ["alerts"])
    marks = window.watch_marks
    show_point(window, *alert_xy(window, int(marks.model.alerts["fid"][0])))
    items = {"cameras": marks.cameras, "sensors": marks.sensors, "alerts": marks.alerts}
    for key, item in items.items():
        assert item.isVisible()
        window.layer_list.item(key).setCheckState(Qt.CheckState.Unchecked)
        assert not item.isVisible()
        window.layer_list.item(key).setCheckState(Qt.CheckState.Checked)
        assert item.isVisible()
    window.layer_list.item("alerts").setCheckState(Qt.CheckState.Unchecked)
    assert not marks.pulse.timer.isActive()  # nothing pulses unseen


def test_a_camera_added_with_a_password_in_its_link_is_drawn_and_its_tip_holds_no_password(
    window: MainWindow, demo_copy: Path
) -> None:
    code, location = "6107250003", (106.6801, 33.1602)
    with Inventory.open(demo_copy, user="录入员") as inventory, inventory.transaction():
        link = "rtsp://admin:Pa@ss1234@10.7.9.9:554/Streaming/Channels/101"
        inventory.add_child("cameras", Camera(code, "新装东门", "枪机", link, GB_ID, 1, location))
    before = len(window.watch_marks.model.cameras)
    assert window.refresh_estates([code], ["cameras"])
    cameras = window.watch_marks.model.cameras
    assert len(cameras) == before + 1
    row = int(np.flatnonzero(cameras["gb_id"] == GB_ID)[0])
    x, y = float(cameras.x[row]), float(cameras.y[row])
    show_point(window, x, y, half_m=100.0)
    tip = window.controller.tooltip_at(x, y)
    assert "新装东门" in tip and GB_ID in tip
    assert "Pa@ss1234" not in tip and "admin" not in tip and "rtsp" not in tip

    (alert,) = record(demo_copy, [camera_event(GB_ID, AlertType.SMOKE_FIRE, 1)])
    window.refresh_estates((), ["alerts"])
    tip = window.controller.tooltip_at(x, y)  # the alert's badge is over its camera
    assert alert is not None and tip.startswith("烟雾明火 · 1 级 · 新告警") and "Pa@ss1234" not in tip


@pytest.mark.parametrize("kind", ["cameras", "sensors"])
def test_a_sensor_or_camera_tip_says_what_it_is(window: MainWindow, kind: str) -> None:
    marks = window.watch_marks
    columns = getattr(marks.model, kind)
    x, y = float(columns.x[0]), float(columns.y[0])
    show_point(window, x, y, half_m=150.0)
    tip = marks.tooltip_at(x, y)
    assert str(columns["name"][0]) in tip and str(columns["estate_code"][0]) in tip


def test_a_camera_added_while_the_devices_are_read_in_the_background_is_not_lost(
    window: MainWindow, demo_copy: Path
) -> None:
    code = "6107250005"
    marks = window.watch_marks
    marks.bind(window.session)  # the background read starts again, as at an opening
    with Inventory.open(demo_copy, user="录入员") as inventory, inventory.transaction():
        inventory.add_child("cameras", Camera(code, "临时球机", "球机", None, None, None, None))
    window.refresh_estates([code], ["cameras"])
    settle(window)
    names = marks.model.cameras["name"][marks.model.cameras["estate_code"] == code].tolist()
    assert "临时球机" in names and len(marks.model.cameras) == 384


def test_the_devices_own_ids_are_held_as_numpy_strings_equal_to_the_store(window: MainWindow, demo_copy: Path) -> None:
    """Issue 12: a 20-digit ID a camera was a ``str`` object a row (43 MB at 562,537 cameras): numpy strings
    now, made by the store's read a batch at a time, the same values (``None`` where a device has none)."""
    with Inventory.open(demo_copy, readonly=True) as inventory:
        stored = inventory.camera_marks(), inventory.sensor_marks()
    held = window.watch_marks.model.cameras, window.watch_marks.model.sensors
    for columns, read, names in zip(held, stored, (("gb_id",), ("imei", "device_id")), strict=True):
        assert len(columns) == len(read["fid"]) > 0
        assert columns["fid"].tolist() == read["fid"].tolist()
        for name in names:
            assert columns[name].dtype != object and read[name].dtype != object
            assert columns[name].tolist() == read[name].tolist()
            assert all(v is None or isinstance(v, str) for v in columns[name].tolist())

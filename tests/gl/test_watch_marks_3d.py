"""Cameras, sensors and open alerts in the 3D tab: poles and heads placed from the same marks as the map."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QColor

from onemap.gui.scene3d.watchmarks import ALERT_POLE_M, rgba
from onemap.gui.settings import Settings
from onemap.gui.watch.symbols import LEVEL_COLOURS
from onemap.scene.camera import OrbitCamera
from onemap.watch.event import AlertType
from tests.gui.guikit import make_window, settle
from tests.watch_marks_kit import advance, camera_event, devices, record

pytestmark = pytest.mark.gl


@pytest.fixture
def window(qtbot, gl_ready, demo_copy: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    w = make_window(qtbot, Settings(tmp_path / "OneMap.ini"), demo_copy)
    yield w
    w.close()


def show_3d(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.views.setCurrentIndex(window.scene3d.index)
    qtbot.waitUntil(lambda: window.scene3d.view.scene is not None, timeout=20_000)
    settle(window)


def red_pixels(image, box: tuple[int, int, int, int]) -> int:  # type: ignore[no-untyped-def]
    red = QColor(LEVEL_COLOURS[1])
    x0, y0, x1, y1 = box
    count = 0
    for y in range(y0, y1, 2):
        for x in range(x0, x1, 2):
            c = image.pixelColor(x, y)
            count += (
                abs(c.red() - red.red()) < 30 and abs(c.green() - red.green()) < 30 and abs(c.blue() - red.blue()) < 30
            )
    return count


def test_the_3d_marks_are_made_only_when_the_tab_is_shown(qtbot, window, demo_copy: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.scene3d_if_made is None and not hasattr(window, "watch_marks_3d")
    show_3d(qtbot, window)
    assert window.watch_marks_3d.alerts.visible() is False  # no alert yet


def test_a_new_alert_stands_on_a_red_pole_that_pulses_and_goes_when_closed(qtbot, window, demo_copy: Path) -> None:  # type: ignore[no-untyped-def]
    show_3d(qtbot, window)
    marks, view = window.watch_marks_3d, window.scene3d.view
    cameras, _ = devices(demo_copy)
    code, gb_id = cameras[4]
    lon_lat = window.watch_marks.model.cameras
    row = int(np.flatnonzero(lon_lat["gb_id"] == gb_id)[0])
    x, y = view.scene.frame.to_local(lon_lat["lon"][row : row + 1], lon_lat["lat"][row : row + 1])
    view.set_camera(OrbitCamera((float(x[0]), float(y[0]), 0.0), 5000.0, 35.0, 0.0, 60.0))  # devices not drawn
    qtbot.wait(50)
    image = view.grab_image()
    box = (0, 0, image.width(), image.height())
    before = red_pixels(image, box)

    (alert,) = record(demo_copy, [camera_event(gb_id, AlertType.SMOKE_FIRE, 1)])
    assert alert is not None
    window.refresh_estates((), ["alerts"])
    assert marks.alerts.visible() and len(marks.alerts.pos) == 1
    assert marks.alerts.color[0].tolist() == pytest.approx(list(rgba(LEVEL_COLOURS[1])))
    assert marks.timer.isActive()
    ticks = marks.ticks
    qtbot.wait(400)
    assert marks.ticks > ticks
    marks.timer.stop()  # a still frame to look at
    marks.pulse.setVisible(False)
    qtbot.wait(50)
    image = view.grab_image()
    image.save(str(demo_copy.with_suffix(".alert.png")))
    assert red_pixels(image, box) > before + 20
    assert len(marks.poles.pos) == 2 and marks.poles.pos[1][2] == ALERT_POLE_M  # the alert's pole

    advance(demo_copy, alert.id, "false_alarm", "施工焊接，已确认")
    window.refresh_estates((), ["alerts"])
    assert not marks.alerts.visible() and not marks.timer.isActive()
    qtbot.wait(50)
    assert red_pixels(view.grab_image(), box) == before


def test_cameras_and_sensors_stand_near_the_3d_camera_only(qtbot, window, demo_copy: Path) -> None:  # type: ignore[no-untyped-def]
    show_3d(qtbot, window)
    marks = window.watch_marks_3d
    view = window.scene3d.view
    view.reset_view()
    qtbot.wait(50)
    if view.canvas.camera().distance > 3000:
        assert not marks.devices.visible()
    cams = window.watch_marks.model.cameras
    x, y = view.scene.frame.to_local(cams["lon"][:1], cams["lat"][:1])
    view.set_camera(OrbitCamera((float(x[0]), float(y[0]), 0.0), 300.0, 40.0, 0.0, 60.0))
    qtbot.wait(50)
    assert marks.devices.visible()
    shown = len(marks.devices.pos)
    assert 0 < shown < len(cams) + len(window.watch_marks.model.sensors)
    assert np.allclose(marks.devices.pos[:, 2][marks.devices.pos[:, 2] > 0].max(), 8.0)

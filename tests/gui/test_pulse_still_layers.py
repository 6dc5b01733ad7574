"""While a new alert pulses, the layers under the rings are held as pictures: a frame draws the same pixels
and no longer draws the layers again."""

from __future__ import annotations

import sys
from pathlib import Path
from types import FrameType

import pytest
from PySide6.QtGui import QImage, QPixmapCache
from PySide6.QtWidgets import QGraphicsItem

from onemap.gui.canvas.labels import LabelItem
from onemap.gui.main_window import MainWindow
from onemap.watch.event import AlertType
from tests.gui.guikit import settle
from tests.gui.test_watch_marks import alert_xy, show_point
from tests.watch_marks_kit import advance, camera_event, devices, record

_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache


def frame(window: MainWindow) -> QImage:
    return window.canvas.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)


def pulsing(window: MainWindow, demo_copy: Path) -> tuple[float, float, int]:
    """A new alert recorded and shown, its pulse held at one phase; its point and the alert's id."""
    cameras, _ = devices(demo_copy)
    (alert,) = record(demo_copy, [camera_event(cameras[0][1], AlertType.INTRUSION, 2)])
    assert alert is not None
    window.refresh_estates((), ["alerts"])
    x, y = alert_xy(window, alert.id)
    show_point(window, x, y, half_m=3000.0)  # estates, labels and the ring in one view
    window.watch_marks.pulse.timer.stop()  # the same phase for every grab
    settle(window)
    return x, y, alert.id


@pytest.mark.parametrize("half_m", [600.0, 3000.0, None])  # outlines and buildings; estates and labels; the county
def test_a_pulsing_frame_has_the_pixels_it_has_when_every_layer_is_drawn_directly(
    window: MainWindow, demo_copy: Path, half_m: float | None
) -> None:
    x, y, _id = pulsing(window, demo_copy)
    if half_m is None:
        window.canvas.home()
        settle(window)
    else:
        show_point(window, x, y, half_m=half_m)
    still = window.watch_marks.pulse.still
    assert still.held and all(item.cacheMode() == _CACHE for item in still.held)
    assert window.layers is not None and window.layers.labels.item in still.held
    held = [frame(window), frame(window)]  # the first draws the pictures, the second copies them back
    still.hold(False)
    assert not still.held
    direct = frame(window)
    assert held[0] == direct and held[1] == direct


def test_a_pulse_frame_does_not_draw_the_labels_again_and_the_pictures_go_with_the_pulse(
    window: MainWindow, demo_copy: Path
) -> None:
    limit = QPixmapCache.cacheLimit()
    _x, _y, alert_id = pulsing(window, demo_copy)
    labels = window.layers.labels.item  # type: ignore[union-attr]
    assert labels.isVisible() and labels in window.watch_marks.pulse.still.held
    drawn: list[int] = []
    code = LabelItem.paint.__code__

    def seen(f: FrameType, event: str, _arg: object) -> None:
        if event == "call" and f.f_code is code:
            drawn.append(1)

    sys.setprofile(seen)  # Qt calls paint from C++: a profiler sees the call, a patched attribute would not
    try:
        labels.update()  # the labels changed: drawn again, once
        window.canvas.viewport().repaint()
        before = len(drawn)
        for _ in range(3):
            window.watch_marks.pulse.tick()
            settle(window, ms=50)
    finally:
        sys.setprofile(None)
    assert before >= 1  # the labels drew (into their picture)
    assert window.watch_marks.pulse.ticks >= 3 and len(drawn) == before  # the rings moved; the labels were copied

    advance(demo_copy, alert_id, "dispatched")  # no longer new: the pulse stops
    window.refresh_estates((), ["alerts"])
    assert not window.watch_marks.pulse.still.held
    assert labels.cacheMode() == QGraphicsItem.CacheMode.NoCache and QPixmapCache.cacheLimit() == limit

"""The alert badges shown from one image of the view (same pixels as drawn one by one), and a bounded pulse."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter, QTransform

from onemap.gui.main_window import MainWindow
from onemap.gui.watch.alert_marks import pulsing
from onemap.gui.watch.items import PULSE_MAX, AlertBadges
from onemap.view.watch_marks import MarkColumns
from onemap.watch.event import AlertType
from tests.gui.guikit import settle
from tests.watch_marks_kit import camera_event, devices, record


def _blank(width: int = 300, height: int = 200) -> QImage:
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    return image


def _pixels(image: QImage) -> np.ndarray:
    return np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine()).copy()


def test_badges_from_the_views_image_have_the_pixels_of_badges_drawn_one_by_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    badges = AlertBadges()
    x, y = np.array([10.0, 55.5, 120.25, 250.0, np.nan]), np.array([20.0, 60.0, 150.5, 10.0, 5.0])
    kinds = ["smoke_fire", "intrusion", "gas_leak", "illegal_parking", "other"]
    badges.set_alerts(x, y, kinds, [1, 2, 3, 4, 1], 1.0)
    transform = QTransform.fromTranslate(7.0, 3.0)
    direct, cached = _blank(), _blank()
    painter = QPainter(direct)
    badges._draw(painter, transform, 1.0)
    painter.end()
    corner, image = badges._render(transform, 1.0, cached.width(), cached.height())
    painter = QPainter(cached)
    painter.drawImage(corner, image)
    painter.end()
    assert not image.isNull() and image.width() < cached.width()  # only the part the badges cover
    assert (_pixels(direct) != 255).sum() > 500
    assert np.array_equal(_pixels(direct), _pixels(cached))


def test_repaints_between_two_batches_draw_the_badges_once(window: MainWindow, demo_copy: Path) -> None:
    cameras, _sensors = devices(demo_copy)
    record(demo_copy, [camera_event(gb_id, AlertType.INTRUSION, 2) for _code, gb_id in cameras[:5]])
    assert window.refresh_estates((), ["alerts"])
    settle(window)
    badges = window.watch_marks.alerts
    window.canvas.viewport().repaint()
    before = badges.drawn
    assert before >= 1 and badges.isVisible()
    for _ in range(3):
        window.canvas.viewport().repaint()
    assert badges.drawn == before
    record(demo_copy, [camera_event(cameras[6][1], AlertType.SMOKE_FIRE, 1)])
    assert window.refresh_estates((), ["alerts"])
    window.canvas.viewport().repaint()
    window.canvas.viewport().repaint()
    assert badges.drawn == before + 1


def test_at_most_a_few_dozen_new_alerts_pulse_the_most_severe_and_newest_first() -> None:
    n = PULSE_MAX + 30
    times = [f"2026-12-06T0{h}:00:00.000Z" for h in range(10)]
    columns = {
        "fid": np.arange(n, dtype=np.int64),
        "estate_code": np.array([f"{i:04d}" for i in range(n)], dtype=object),
        "status": np.array(["new"] * (n - 5) + ["accepted"] * 5, dtype=object),
        "level": np.array([1 + i % 4 for i in range(n)], dtype=np.int64),
        "last_time": np.array([times[i % 10] for i in range(n)], dtype=object),
        "lon": np.full(n, 106.7),
        "lat": np.full(n, 33.1),
    }
    marks = MarkColumns(columns)
    rows = pulsing(marks)
    assert len(rows) == PULSE_MAX
    levels = marks["level"][rows]
    assert (np.diff(levels) >= 0).all() and set(levels.tolist()) <= {1, 2, 3}
    ones = marks["last_time"][rows][levels == 1].tolist()
    assert ones == sorted(ones, reverse=True)
    assert "accepted" not in marks["status"][rows].tolist()
    few = MarkColumns({k: v[:10] for k, v in columns.items()})
    assert pulsing(few).tolist() == list(range(10))

"""County boundaries go through an image of the view: zoom steps stretch it, the resting map is unchanged."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from onemap.gui.canvas.boundaries import BoundaryItem
from onemap.gui.main_window import MainWindow
from onemap.gui.settings import Settings
from tests.gui.guikit import make_window, settle


class DirectLines(pg.GraphicsObject):
    """The boundaries drawn straight onto the map, ring by ring: what the image must equal."""

    def __init__(self, item: BoundaryItem) -> None:
        super().__init__()
        self.rings, self.pen = item.rings, item.pen
        rect = QRectF()
        for ring in self.rings:
            rect = rect.united(ring.boundingRect())
        self._rect = rect

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, *_args: object) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(self.pen)
        for ring in self.rings:
            painter.drawPolyline(ring)


def pixels(window: MainWindow) -> np.ndarray:
    image = window.canvas.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    raw = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes())
    return raw.reshape(image.height(), -1, 4)[:, : image.width()].astype(int)


def drawn_directly(window: MainWindow) -> np.ndarray:
    item = window.layers.admin.lines  # type: ignore[union-attr]
    direct = DirectLines(item)
    direct.setZValue(item.zValue())
    window.canvas.vb.addItem(direct, ignoreBounds=True)
    item.setVisible(False)
    try:
        return pixels(window)
    finally:
        item.setVisible(True)
        window.canvas.vb.removeItem(direct)


def test_a_zoom_step_stretches_the_last_image_and_the_resting_map_is_drawn_as_before(  # type: ignore[no-untyped-def]
    qtbot, settings: Settings, demo_copy: Path
) -> None:
    window = make_window(qtbot, settings, demo_copy)
    window.canvas.home()
    settle(window)
    item = window.layers.admin.lines  # type: ignore[union-attr]
    assert item.rings and item.image is not None
    renders = item.renders
    window.canvas.zoom(0.8)
    window.canvas.viewport().repaint()
    assert item.stale and item.renders == renders  # a stretched preview, nothing stroked
    qtbot.waitUntil(lambda: not item.stale and item.renders == renders + 1, timeout=2000)
    at_rest = pixels(window)
    assert np.abs(at_rest - drawn_directly(window)).max() <= 2  # compositing through an image rounds by 1-2
    window.close()


def test_after_pans_the_resting_boundaries_match_drawing_them_directly(  # type: ignore[no-untyped-def]
    qtbot, settings: Settings, demo_copy: Path
) -> None:
    window = make_window(qtbot, settings, demo_copy)
    window.canvas.home()
    settle(window)
    for fx, fy in ((0.1, 0.0), (0.0, -0.137), (-0.05, 0.02)):
        window.canvas.pan(fx, fy)
        window.canvas.viewport().repaint()
    settle(window)
    at_rest = pixels(window)
    assert np.abs(at_rest - drawn_directly(window)).max() <= 2
    window.close()

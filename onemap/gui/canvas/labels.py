"""Estate names where they fit, placed by :mod:`onemap.view.labels`.

Text is drawn in screen pixels with a white halo so names stay readable over the
basemap and the outlines; each name is rendered once, halo and all, into a cached
image, because stroking a halo costs most of a millisecond and a screen holds hundreds.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache
from math import ceil

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QApplication

from onemap.gui.canvas.estates import EstateLayer
from onemap.gui.canvas.layer import MapLayer, ViewportItem, begin_device, device_xy
from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.gui.canvas.markers import brush
from onemap.view.labels import PlacedLabel
from onemap.view.session import MapSession

LABEL_PX = 12
TEXT = "#1c1c1c"
HALO = "#ffffff"
HALO_PX = 2
_CACHE = 4000


def label_font(pixel_size: int = LABEL_PX, bold: bool = False) -> QFont:
    """The application's (CJK-capable) font at a pixel size (a copy: callers may change it)."""
    return QFont(_label_font(QApplication.font().key(), pixel_size, bold))


@lru_cache(maxsize=32)
def _label_font(_app_font: str, pixel_size: int, bold: bool) -> QFont:
    # made once per application font and size: the overlay asks for two on every frame
    font = QFont(QApplication.font())
    font.setPixelSize(pixel_size)
    font.setBold(bold)
    return font


class LabelItem(ViewportItem):
    """Paints the placed names in screen pixels."""

    def __init__(self) -> None:
        super().__init__()
        self.font = label_font()
        self.metrics = QFontMetricsF(self.font)
        self.placed: list[PlacedLabel] = []
        self.origin = (0.0, 0.0, 1.0)  # display x, y of the view's top-left, display metres per pixel
        self._images: OrderedDict[tuple[str, float], QImage] = OrderedDict()
        self._halo = QPen(brush(HALO).color(), 2 * HALO_PX - 1)
        self._halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)

    def text_image(self, text: str, ratio: float) -> QImage:
        """``text`` with its white halo, rendered once into a transparent image and cached."""
        key = (text, ratio)
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
            return image
        width = self.metrics.horizontalAdvance(text) + 2 * HALO_PX
        height = self.metrics.height() + 2 * HALO_PX
        image = QImage(
            max(1, ceil(width * ratio)), max(1, ceil(height * ratio)), QImage.Format.Format_ARGB32_Premultiplied
        )
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        path = QPainterPath()
        path.addText(HALO_PX, HALO_PX + self.metrics.ascent(), self.font, text)
        painter.strokePath(path, self._halo)
        painter.fillPath(path, brush(TEXT))
        painter.end()
        self._images[key] = image
        if len(self._images) > _CACHE:
            self._images.popitem(last=False)
        return image

    def paint(self, painter: QPainter, *_args: object) -> None:
        transform = begin_device(painter)
        x0, y0, res = self.origin
        (ox,), (oy,) = device_xy(transform, np.array([x0]), np.array([y0]))
        k = transform.m11() * res
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        for label in self.placed:
            at = QPointF(round(ox + label.left * k - HALO_PX), round(oy + label.top * k - HALO_PX))
            painter.drawImage(at, self.text_image(label.text, ratio))


class LabelLayer(MapLayer):
    """Names of estates that fit, most important first (never over an aggregate)."""

    name = "labels"
    z = 30.0

    def __init__(self, canvas: MapCanvas, session: MapSession, estates: EstateLayer) -> None:
        self.estates = estates
        super().__init__(canvas, session, LabelItem())

    def refresh(self) -> None:
        self._on_extent_change()

    def _on_selection_change(self) -> None:
        self.refresh()

    def _on_extent_change(self) -> None:
        item: LabelItem = self.item  # type: ignore[assignment]
        item.set_rect(self.canvas.view_rect())
        if not self.visible:
            return
        ext, state = self.state.extent, self.state
        item.origin = (ext.minx, ext.maxy, state.resolution)
        item.placed = []
        if self.estates.plan is None or not state.layer_visible("estates"):
            return
        item.placed = self.session.planner.labels(
            item.metrics.horizontalAdvance, item.metrics.height(), marker_px=self.estates.marker_px + 2
        )

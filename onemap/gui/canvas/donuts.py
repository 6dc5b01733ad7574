"""Aggregates drawn as rings of class shares with the estate count inside.

A ring shows how the estates of one aggregate split over the legend's classes (by
status, year or category), so a zoomed-out county still tells its story; its count
sits on white in the middle, readable on any basemap.  Each distinct ring is rendered
once into an image and reused.
"""

from __future__ import annotations

from collections import OrderedDict
from math import ceil

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication

from onemap.gui.i18n.language import ui_language

_STEPS = 72  # ring shares are rounded to 5 degrees: fewer distinct images, no visible difference
_CACHE = 2000


def format_count(count: int) -> str:
    """An aggregate's count as shown in its ring: 87, 1,204, 1.2万 (English: 12k)."""
    if count < 10000:
        return f"{count:,}"
    return f"{count / 1000:.0f}k" if ui_language() == "en" else f"{count / 10000:.1f}万"


def ring_width(diameter: float) -> float:
    """Width of the ring of class shares."""
    return max(3.0, min(diameter * 0.2, 7.0))


def count_font(diameter: float, text: str) -> QFont:
    """Bold application font sized so ``text`` fits inside the ring."""
    inner = diameter - 2 * ring_width(diameter) - 2
    font = QFont(QApplication.font())
    font.setPixelSize(max(8, min(14, int(inner / (0.62 * max(len(text), 2))))))
    font.setBold(True)
    return font


class DonutPainter:
    """Renders and caches ring images."""

    def __init__(self) -> None:
        self._images: OrderedDict[tuple[object, ...], QImage] = OrderedDict()

    def image(
        self, shares: np.ndarray, colors: list[str], diameter: float, count: int | None, ratio: float = 1.0
    ) -> QImage:
        """The ring of ``shares`` (one per class, any scale) ``diameter`` pixels across, ``count`` inside."""
        steps = np.round(shares / max(shares.sum(), 1) * _STEPS).astype(int)
        key = (tuple(steps.tolist()), round(diameter), count, ui_language(), ratio, tuple(colors))
        image = self._images.get(key)
        if image is None:
            image = self._render(steps, colors, diameter, count, ratio)
            self._images[key] = image
            if len(self._images) > _CACHE:
                self._images.popitem(last=False)
        else:
            self._images.move_to_end(key)
        return image

    @staticmethod
    def _render(steps: np.ndarray, colors: list[str], diameter: float, count: int | None, ratio: float) -> QImage:
        side = ceil((diameter + 2) * ratio)
        image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        p = QPainter(image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        outer = QRectF(1, 1, diameter, diameter)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#ffffff"))
        p.drawEllipse(outer)
        ring = ring_width(diameter)
        inner = outer.adjusted(ring, ring, -ring, -ring)
        start = 90 * 16  # 12 o'clock, clockwise
        total = max(int(steps.sum()), 1)
        for share, color in zip(steps.tolist(), colors, strict=True):
            if share <= 0:
                continue
            span = -round(share / total * 360 * 16)
            p.setBrush(QColor(color))
            p.drawPie(outer.adjusted(0.5, 0.5, -0.5, -0.5), start, span)
            start += span
        p.setBrush(QColor("#ffffff"))
        p.drawEllipse(inner)
        p.setPen(QPen(QColor("#333333"), 1.0))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(outer.adjusted(0.5, 0.5, -0.5, -0.5))
        if count is not None:
            text = format_count(count)
            p.setFont(count_font(diameter, text))
            p.setPen(QColor("#111111"))
            p.drawText(QRectF(0, 0, diameter + 2, diameter + 2), Qt.AlignmentFlag.AlignCenter, text)
        p.end()
        return image


def draw_donuts(
    painter: QPainter,
    donuts: DonutPainter,
    centers: tuple[np.ndarray, np.ndarray],
    hist: np.ndarray,
    counts: np.ndarray,
    diameters: np.ndarray,
    colors: list[str],
) -> None:
    """Draw rings centred on device-pixel ``centers`` (the painter is in device pixels)."""
    device = painter.device()
    ratio = device.devicePixelRatioF() if device is not None else 1.0
    for px, py, shares, count, d in zip(*centers, hist, counts.tolist(), diameters.tolist(), strict=True):
        image = donuts.image(shares, colors, d, int(count), ratio)
        painter.drawImage(QPointF(round(px - d / 2 - 1), round(py - d / 2 - 1)), image)

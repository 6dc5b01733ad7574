"""Marker shapes, brushes and pens shared by the map, the legend and the snapshot.

A few shared QBrush/QPen objects per symbology (never one per estate): pyqtgraph caches
one rendered marker per distinct (shape, size, pen, brush), so sharing keeps that
cache tiny and repaints fast.
"""

from __future__ import annotations

from functools import cache

from pyqtgraph.graphicsItems.ScatterPlotItem import Symbols
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPixmap, QTransform

from onemap.style import AREA_STYLES, MARKER_EDGE
from onemap.view.symbology import SymbolClass

MARKER_PX = 11.0
OUTLINE = MARKER_EDGE


@cache
def brush(color: str, alpha: int = 255) -> QBrush:
    """A shared solid brush."""
    c = QColor(color)
    c.setAlpha(alpha)
    return QBrush(c)


@cache
def pen(color: str = OUTLINE, width: float = 1.0, alpha: int = 255, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    """A shared cosmetic pen (its width is in screen pixels at every zoom)."""
    c = QColor(color)
    c.setAlpha(alpha)
    p = QPen(c, width)
    p.setCosmetic(True)
    p.setStyle(style)
    p.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return p


@cache
def area_pen(layer: str, width: float | None = None) -> QPen:
    """The Qt pen of an area layer's line in the style table (its dash pattern included)."""
    look = AREA_STYLES[layer]
    p = QPen(pen(look.line, look.width if width is None else width))
    if look.dash:
        p.setDashPattern(list(look.dash))  # Qt counts dashes in pen widths, as the table does
    return p


def area_brush(layer: str, color: str | None = None) -> QBrush:
    """The Qt brush of an area layer's fill (``color`` overrides its colour, e.g. a class's); none if unfilled."""
    look = AREA_STYLES[layer]
    fill = color or look.fill
    return brush(fill, look.fill_alpha) if fill else QBrush(Qt.BrushStyle.NoBrush)


def marker_path(marker: str, size: float) -> QPainterPath:
    """The marker's outline centred on (0, 0), ``size`` pixels across (y down, as on screen)."""
    path = Symbols.get(marker, Symbols["o"])
    return QTransform().scale(size, size).map(path)


def draw_marker(painter: QPainter, center: QPointF, cls: SymbolClass, size: float = MARKER_PX) -> None:
    """Draw one class's marker at a screen position (legend swatches, snapshots)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.translate(center)
    painter.setPen(pen(OUTLINE, 1.0) if cls.marker != "x" else pen(cls.color, 2.0))
    painter.setBrush(brush(cls.color))
    painter.drawPath(marker_path(cls.marker, size))
    painter.restore()


def swatch(cls: SymbolClass, size: int = 18, device_ratio: float = 1.0) -> QPixmap:
    """A legend swatch: the class's marker on a transparent square."""
    pixmap = QPixmap(round(size * device_ratio), round(size * device_ratio))
    pixmap.setDevicePixelRatio(device_ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    draw_marker(painter, QRectF(0, 0, size, size).center(), cls, size * 0.7)
    painter.end()
    return pixmap


def area_swatch(layer: str, size: int = 18) -> QPixmap:
    """A legend swatch for an area or line layer, in the style table's fill and line."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(area_pen(layer))
    if AREA_STYLES[layer].fill is None:  # a line layer (boundaries): a stretch of its line, as the PDF legend
        painter.drawLine(QPointF(1, size / 2), QPointF(size - 1, size / 2))
    else:
        painter.setBrush(area_brush(layer))
        painter.drawRect(QRectF(2.5, 3.5, size - 5, size - 7))
    painter.end()
    return pixmap


def selection_swatch(size: int = 18) -> QPixmap:
    """The selection highlight: a black ring over a white one."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    center, radius = QPointF(size / 2, size / 2), size / 2 - 3
    for width, color in ((4.0, "#ffffff"), (1.8, "#000000")):
        painter.setPen(pen(color, width))
        painter.drawEllipse(center, radius, radius)
    painter.end()
    return pixmap

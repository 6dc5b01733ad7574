"""What every map carries on top: a scale bar, a north arrow and the basemap's attribution.

Drawn in the view's own pixels (the item is a child of the view box, not of the map),
so it stays put while the map moves.  The snapshot draws the same overlay.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPolygonF

from onemap.gui.canvas.labels import label_font
from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.gui.canvas.markers import brush, pen
from onemap.gui.i18n import tr
from onemap.gui.i18n.language import ui_language
from onemap.view.extent import ground_factor
from onemap.view.scale import scale_bar

MARGIN = 12.0


class MapOverlay(pg.GraphicsObject):
    """Scale bar (bottom left), north arrow (top right), attribution (bottom right)."""

    def __init__(self, canvas: MapCanvas) -> None:
        super().__init__()
        self.canvas = canvas
        self.attribution = ""
        self.credit = ""  # the reference layers' (示意 for the demo's), after the basemap's
        self.setParentItem(canvas.vb)
        self.setZValue(1e6)
        canvas.vb.sigRangeChanged.connect(self._changed)
        canvas.vb.sigResized.connect(self._changed)
        canvas.installEventFilter(self)  # a language switch: the scale bar's unit (米 / m) follows

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.update()
        return False

    def _changed(self, *_args: object) -> None:
        self.prepareGeometryChange()
        self.update()

    def set_attribution(self, text: str) -> None:
        """The basemap's credit line (empty for none)."""
        self.attribution = text
        self.update()

    def set_credit(self, text: str) -> None:
        """The reference layers' credit line (empty for none), shown after the basemap's."""
        self.credit = text
        self.update()

    def boundingRect(self) -> QRectF:
        return self.canvas.vb.boundingRect()

    def paint(self, painter: QPainter, *_args: object) -> None:
        rect = self.boundingRect()
        if rect.width() < 50 or rect.height() < 50:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        view = self.canvas.vb.viewRect()
        resolution = view.width() / rect.width()
        ground = resolution * ground_factor(view.center().y())
        paint_scale_bar(painter, rect, ground)
        paint_north_arrow(painter, QPointF(rect.right() - MARGIN, rect.top() + MARGIN))
        if line := "；".join(t for t in (self.attribution, self.credit) if t):
            paint_attribution(painter, rect, line)


def paint_scale_bar(painter: QPainter, rect: QRectF, ground_m_per_px: float) -> None:
    """A two-tone bar of a round length at the bottom left of ``rect``."""
    bar = scale_bar(ground_m_per_px, max_px=min(160.0, rect.width() / 4), lang=ui_language())
    if bar.length_px <= 0:
        return
    font = label_font(12)
    metrics = QFontMetricsF(font)
    x, y = rect.left() + MARGIN + 6, rect.bottom() - MARGIN - 8
    width = max(bar.length_px, metrics.horizontalAdvance(bar.label)) + 12
    box = QRectF(x - 6, y - metrics.height() - 10, width, metrics.height() + 16)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(brush("#ffffff", 200))
    painter.drawRoundedRect(box, 3, 3)
    half = bar.length_px / 2
    painter.setPen(pen("#000000", 1.0))
    painter.setBrush(brush("#000000"))
    painter.drawRect(QRectF(x, y - 4, half, 4))
    painter.setBrush(brush("#ffffff"))
    painter.drawRect(QRectF(x + half, y - 4, half, 4))
    painter.setFont(font)
    painter.setPen(brush("#111111").color())
    painter.drawText(QPointF(x, y - 8), bar.label)


def paint_north_arrow(painter: QPainter, top_right: QPointF, width: float = 30.0) -> None:
    """A north arrow under 北 in a small box hanging from ``top_right`` (Web Mercator keeps north up)."""
    box = QRectF(top_right.x() - width, top_right.y(), width, width * 1.7)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(brush("#ffffff", 200))
    painter.drawRoundedRect(box, 3, 3)
    font = label_font(12, bold=True)
    painter.setFont(font)
    painter.setPen(brush("#000000").color())
    text_h = QFontMetricsF(font).height()
    painter.drawText(QRectF(box.left(), box.top() + 2, width, text_h), Qt.AlignmentFlag.AlignCenter, tr("北"))
    cx, top, bottom = box.center().x(), box.top() + text_h + 4, box.bottom() - 5
    half = width * 0.28
    tip, notch = QPointF(cx, top), QPointF(cx, bottom - (bottom - top) * 0.3)
    left, right = QPointF(cx - half, bottom), QPointF(cx + half, bottom)
    painter.setPen(pen("#000000", 1.0))
    painter.setBrush(brush("#000000"))
    painter.drawPolygon(QPolygonF([tip, notch, left]))
    painter.setBrush(brush("#ffffff"))
    painter.drawPolygon(QPolygonF([tip, right, notch]))


def paint_attribution(painter: QPainter, rect: QRectF, text: str) -> None:
    """The basemap's credit in small grey type at the bottom right."""
    font = label_font(11)
    metrics = QFontMetricsF(font)
    width = min(metrics.horizontalAdvance(text) + 10, rect.width() * 0.6)
    box = QRectF(rect.right() - width - 4, rect.bottom() - metrics.height() - 6, width, metrics.height() + 4)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(brush("#ffffff", 190))
    painter.drawRect(box)
    painter.setFont(font)
    painter.setPen(brush("#444444").color())
    elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width - 8)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, elided)

"""The measure tool's drawing: the clicked line or polygon, a rubber band to the cursor, the result."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPolygonF

from onemap.gui.canvas.labels import label_font
from onemap.gui.canvas.layer import ViewportItem, begin_device, device_xy
from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.gui.canvas.markers import brush, pen
from onemap.gui.i18n.language import ui_language
from onemap.view.extent import to_display
from onemap.view.measure import Measurement

LINE = "#d55e00"


class MeasureItem(ViewportItem):
    """Draws a :class:`~onemap.view.measure.Measurement` over the map."""

    def __init__(self, canvas: MapCanvas, measurement: Measurement) -> None:
        super().__init__()
        self.canvas = canvas
        self.measurement = measurement
        self.hover: tuple[float, float] | None = None
        self.setZValue(50.0)
        canvas.vb.addItem(self, ignoreBounds=True)
        measurement.changed.connect(self.refresh)
        canvas.vb.sigRangeChanged.connect(self.refresh)

    def close(self) -> None:
        """Stop drawing and unsubscribe."""
        self.measurement.changed.disconnect(self.refresh)
        self.canvas.vb.sigRangeChanged.disconnect(self.refresh)
        self.canvas.vb.removeItem(self)

    def refresh(self, *_args: object) -> None:
        """Repaint over the current view."""
        self.set_rect(self.canvas.view_rect())

    def paint(self, painter: QPainter, *_args: object) -> None:
        points = self.measurement.points
        if not points:
            return
        lon, lat = np.array([p[0] for p in points]), np.array([p[1] for p in points])
        x, y = to_display(lon, lat)
        transform = begin_device(painter)
        dx, dy = device_xy(transform, x, y)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        corners = [QPointF(a, b) for a, b in zip(dx, dy, strict=True)]
        polygon = QPolygonF(corners)
        if self.measurement.mode == "area" and len(points) > 2:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(brush(LINE, 50))
            painter.drawPolygon(polygon)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(pen("#ffffff", 4.0))
        painter.drawPolyline(polygon)
        painter.setPen(pen(LINE, 2.0))
        painter.drawPolyline(polygon)
        if self.hover is not None:
            hx, hy = device_xy(transform, np.array([self.hover[0]]), np.array([self.hover[1]]))
            painter.setPen(pen(LINE, 1.5, style=Qt.PenStyle.DashLine))
            painter.drawLine(corners[-1], QPointF(hx[0], hy[0]))
        painter.setPen(pen("#ffffff", 1.5))
        painter.setBrush(brush(LINE))
        for point in corners:
            painter.drawEllipse(point, 4.0, 4.0)
        self._paint_result(painter, corners[-1])

    def _paint_result(self, painter: QPainter, at: QPointF) -> None:
        text = self.measurement.text(ui_language())
        font = label_font(12, bold=True)
        metrics = QFontMetricsF(font)
        box = QRectF(at.x() + 10, at.y() + 8, metrics.horizontalAdvance(text) + 12, metrics.height() + 6)
        painter.setPen(pen(LINE, 1.0))
        painter.setBrush(brush("#ffffff", 235))
        painter.drawRoundedRect(box, 3, 3)
        painter.setFont(font)
        painter.setPen(brush("#111111").color())
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

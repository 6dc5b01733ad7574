"""A map's labels, markers, scale bar and north arrow written straight to the canvas.

These are a few dozen plain shapes a sheet (rects, strings, polygons, circles, lines, in
groups without transforms).  ReportLab's ``renderPDF`` walks them through its general
renderer: a drawing, a state stack and a diff of every graphics attribute per node, a
tenth of a sheet's time.  :func:`draw_flat` draws the same shapes with the canvas's own
calls, setting only what changes; anything it does not know (a transform, opacity, a
shape kind) goes to ``renderPDF`` as before.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String
from reportlab.pdfgen.canvas import Canvas

#: draw flat shapes directly (False: always through renderPDF; the tests compare pages)
ENABLED = True
_IDENTITY = (1, 0, 0, 1, 0, 0)
_ANCHORS = {"start": "drawString", "middle": "drawCentredString", "end": "drawRightString"}


def flat(node: Any) -> bool:
    """True when every shape under ``node`` is one :func:`draw_flat` writes itself."""
    if isinstance(node, Group):
        return tuple(node.transform) == _IDENTITY and all(flat(child) for child in node.contents)
    if getattr(node, "fillOpacity", None) is not None or getattr(node, "strokeOpacity", None) is not None:
        return False
    if isinstance(node, String):
        return node.textAnchor in _ANCHORS
    return isinstance(node, Rect | Polygon | Circle | Line) and not getattr(node, "strokeDashArray", None)


def draw_group(canvas: Canvas, group: Group, font: str, width: float, height: float) -> None:
    """Draw ``group`` (page points) on ``canvas``: directly when :func:`flat`, else by ``renderPDF``."""
    if ENABLED and flat(group):
        canvas.saveState()
        _Pen(canvas).draw(group)
        canvas.restoreState()
        return
    drawing = Drawing(width, height)
    drawing.initialFontName = font  # as mapdraw.new_drawing: ReportLab's Helvetica never enters the PDF
    drawing.add(group)
    renderPDF.draw(drawing, canvas, 0, 0)


class _Pen:
    """The canvas's fill, stroke, width and font as last set here (each set only when it changes)."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.fill: Any = object()
        self.stroke: Any = object()
        self.width: Any = None
        self.font: Any = None

    def draw(self, node: Any) -> None:
        if isinstance(node, Group):
            for child in node.contents:
                self.draw(child)
        elif isinstance(node, String):
            self._fill(node.fillColor)
            if self.font != (node.fontName, node.fontSize):
                self.canvas.setFont(node.fontName, node.fontSize)
                self.font = (node.fontName, node.fontSize)
            getattr(self.canvas, _ANCHORS[node.textAnchor])(node.x, node.y, node.text)
        else:
            fill = not isinstance(node, Line) and node.fillColor is not None
            stroke = node.strokeColor is not None and node.strokeWidth > 0
            if fill:
                self._fill(node.fillColor)
            if stroke:
                self._stroke(node.strokeColor, node.strokeWidth)
            if fill or stroke:
                self._shape(node, int(stroke), int(fill))

    def _shape(self, node: Any, stroke: int, fill: int) -> None:
        canvas = self.canvas
        if isinstance(node, Rect):
            canvas.rect(node.x, node.y, node.width, node.height, stroke=stroke, fill=fill)
        elif isinstance(node, Circle):
            canvas.circle(node.cx, node.cy, node.r, stroke=stroke, fill=fill)
        elif isinstance(node, Line):
            canvas.line(node.x1, node.y1, node.x2, node.y2)
        else:
            points = node.points
            path = canvas.beginPath()
            path.moveTo(points[0], points[1])
            for i in range(2, len(points), 2):
                path.lineTo(points[i], points[i + 1])
            path.close()
            canvas.drawPath(path, stroke=stroke, fill=fill)

    def _fill(self, color: Any) -> None:
        if color is not self.fill and color != self.fill:
            self.canvas.setFillColor(color)
            self.fill = color

    def _stroke(self, color: Any, width: float) -> None:
        if color is not self.stroke and color != self.stroke:
            self.canvas.setStrokeColor(color)
            self.stroke = color
        if width != self.width:
            self.canvas.setLineWidth(width)
            self.width = width

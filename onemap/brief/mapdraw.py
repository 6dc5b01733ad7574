"""Map pieces as ReportLab vector graphics: polygons, lines, labels, scale bar, north arrow.

All coordinates here are page points (see :class:`~onemap.brief.mapframe.MapFrame`).
Labels go through :class:`LabelPlacer`, which drops a label rather than let it overlap
another or leave the frame, so names stay readable.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import shapely
from reportlab.graphics.shapes import Drawing, Group, Line, Path, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from onemap.brief.mapframe import MapFrame, distance_label, nice_length
from onemap.brief.palette import line_style
from onemap.brief.typeset import Typesetter, shorten
from onemap.view.labels import Occupancy
from onemap.view.scale import round_denominator

WHITE = colors.white


def new_drawing(width: float, height: float, font: str) -> Drawing:
    """A Drawing whose default font is ``font`` (so ReportLab's Helvetica never enters the PDF)."""
    drawing = Drawing(width, height)
    drawing.initialFontName = font
    return drawing


def grey(level: float) -> colors.Color:
    """A neutral grey, 0 black to 1 white."""
    return colors.Color(level, level, level)


def polygon_path(
    geom: Any,
    fill: colors.Color | None,
    stroke: colors.Color | None,
    width: float = 0.5,
    dash: list[float] | None = None,
) -> Path | None:
    """A (multi)polygon in page points as one even-odd Path (holes stay holes)."""
    path = Path(fillColor=fill, strokeColor=stroke, strokeWidth=width, strokeDashArray=dash, strokeLineJoin=1)
    for polygon in shapely.get_parts(geom):
        if not isinstance(polygon, shapely.Polygon) or polygon.is_empty:
            continue
        for ring in (polygon.exterior, *polygon.interiors):
            coords = shapely.get_coordinates(ring)
            path.moveTo(float(coords[0, 0]), float(coords[0, 1]))
            for x, y in coords[1:-1]:
                path.lineTo(float(x), float(y))
            path.closePath()
    return path if path.points else None


def line_path(geom: Any, stroke: colors.Color, width: float = 0.6, dash: list[float] | None = None) -> Path | None:
    """(Multi)line strings in page points as one unfilled Path."""
    path = Path(fillColor=None, strokeColor=stroke, strokeWidth=width, strokeDashArray=dash)
    for line in shapely.get_parts(geom):
        coords = shapely.get_coordinates(line)
        if len(coords) < 2:
            continue
        path.moveTo(float(coords[0, 0]), float(coords[0, 1]))
        for x, y in coords[1:]:
            path.lineTo(float(x), float(y))
    return path if path.points else None


class LabelPlacer:
    """Places map labels on a white backing, skipping any that would collide or stick out.

    The collision test is the core's :class:`~onemap.view.labels.Occupancy`, shared with the
    screen's and the 3D scene's label placement.
    """

    def __init__(self, ts: Typesetter, frame: MapFrame) -> None:
        self.ts = ts
        x, y, w, h = frame.box
        self.inside = (x + 2, y + 2, x + w - 2, y + h - 2)  # labels keep 2 pt off the frame's edge
        self.taken = Occupancy()
        self.max_width = frame.box[2] * 0.6

    def reserve(self, box: tuple[float, float, float, float]) -> None:
        """Keep labels off ``box`` (x0, y0, x1, y1 in page points), e.g. a marker or an inset."""
        self.taken.take(box)

    def place(
        self, text: str, x: float, y: float, size: float, offsets: tuple[float, ...] = (0.0,), clamp: bool = False
    ) -> Group | None:
        """A label centred at ``(x, y + offset)`` for the first offset that is free.

        ``clamp`` slides the label back inside the frame (for features cut by its edge).
        """
        text = shorten(self.ts, self.ts.text(text), size, self.max_width)  # the sheet's header has it whole
        width = self.ts.width(text, size)
        if clamp:
            minx, miny, maxx, maxy = self.inside
            x = min(max(x, minx + width / 2 + 2), maxx - width / 2 - 2)
            y = min(max(y, miny + size), maxy - 2 * size)
        for offset in offsets:
            box = (x - width / 2 - 1, y + offset - size * 0.3, x + width / 2 + 1, y + offset + size * 0.95)
            if self._within(box) and self.taken.free(box):
                self.taken.take(box)
                minx, miny, maxx, maxy = box
                return Group(
                    Rect(minx, miny, maxx - minx, maxy - miny, fillColor=WHITE, strokeColor=None),
                    String(x, y + offset, text, fontName=self.ts.font.name, fontSize=size, textAnchor="middle"),
                )
        return None

    def _within(self, box: tuple[float, float, float, float]) -> bool:
        minx, miny, maxx, maxy = self.inside
        return minx <= box[0] and miny <= box[1] and box[2] <= maxx and box[3] <= maxy


def scale_bar(frame: MapFrame, ts: Typesetter) -> Group:
    """An alternating black/white scale bar in the frame's lower left corner."""
    x, y = frame.box[0] + 8, frame.box[1] + 8
    metres = nice_length(frame.metres_per_point * frame.box[2] * 0.28)
    length = metres / frame.metres_per_point
    label = f"{distance_label(metres)}（约 1:{round_denominator(frame.scale_denominator):,}）"
    group = Group(Rect(x - 4, y - 4, length + ts.width(label, 6.5) + 16, 16, fillColor=WHITE, strokeColor=None))
    for i in range(4):
        group.add(
            Rect(
                x + i * length / 4,
                y,
                length / 4,
                3.5,
                fillColor=colors.black if i % 2 == 0 else WHITE,
                strokeColor=colors.black,
                strokeWidth=0.4,
            )
        )
    group.add(String(x, y + 5.5, "0", fontName=ts.font.name, fontSize=6.5, textAnchor="middle"))
    group.add(String(x + length + 3, y + 5.5, label, fontName=ts.font.name, fontSize=6.5))
    return group


def north_arrow(frame: MapFrame, ts: Typesetter) -> Group:
    """A north arrow with 北 in the frame's upper right corner (north is up in Web Mercator)."""
    x, top = frame.box[0] + frame.box[2] - 14, frame.box[1] + frame.box[3] - 8
    return Group(
        Rect(x - 8, top - 30, 16, 30, fillColor=WHITE, strokeColor=None),
        Polygon(
            [x, top - 11, x - 5, top - 27, x, top - 23],
            fillColor=colors.black,
            strokeColor=colors.black,
            strokeWidth=0.5,
        ),
        Polygon(
            [x, top - 11, x + 5, top - 27, x, top - 23], fillColor=WHITE, strokeColor=colors.black, strokeWidth=0.5
        ),
        String(x, top - 9, "北", fontName=ts.font.name, fontSize=8, textAnchor="middle"),
    )


def draw_clipped(
    canvas: Canvas, frame: MapFrame, group: Group, font: str, underlay: Any = None, ops: Sequence[str] = ()
) -> None:
    """Draw ``group`` clipped to the frame, then its border; an underlay callable first, then
    ``ops`` (PDF operators of :mod:`~onemap.brief.pathops`), then the group."""
    x, y, w, h = frame.box
    canvas.saveState()
    clip = canvas.beginPath()
    clip.rect(x, y, w, h)
    canvas.clipPath(clip, stroke=0, fill=0)
    if underlay is not None:
        underlay()
    if ops:
        canvas.addLiteral("\n".join(ops))
    from onemap.brief.flatdraw import draw_group

    draw_group(canvas, group, font, x + w, y + h)
    canvas.restoreState()
    canvas.setLineWidth(0.6)
    canvas.rect(x, y, w, h, stroke=1, fill=0)


def legend_swatch(kind: str, x: float, y: float) -> Group:
    """A 12x7 pt legend swatch: ``own``, ``building``, ``neighbour`` or ``boundary``."""
    if kind == "boundary":
        line = line_style("admin_areas", 1.2)
        return Group(
            Line(x, y + 3.5, x + 12, y + 3.5, strokeColor=line.color, strokeWidth=line.width, strokeDashArray=line.dash)
        )
    fill, stroke, width = {
        "own": (grey(0.93), colors.black, 1.4),
        "building": (grey(0.45), colors.black, 0.3),
        "neighbour": (grey(0.97), grey(0.45), 0.5),
    }[kind]
    return Group(Rect(x, y, 12, 7, fillColor=fill, strokeColor=stroke, strokeWidth=width))

"""ReportLab adapter of the one style table (:mod:`onemap.style`): status fills, hatches and markers.

The seven statuses print in the screen's colours, dark to light in programme order, each
with its own marker shape and bar pattern, and every chart and legend also prints the
status name, so a black-and-white printout keeps them apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Group, Line, Polygon
from reportlab.lib import colors

from onemap import style as table
from onemap.style import STATUS_STYLES, AreaStyle, ClassStyle


def rl_color(hex_color: str) -> colors.Color:
    """A ``#rrggbb`` colour of the style table as a ReportLab colour."""
    return colors.HexColor(hex_color)


@dataclass(frozen=True)
class StatusStyle:
    """How one status prints: fill, pattern for bars, marker for maps (pyqtgraph's symbol codes)."""

    fill: colors.Color
    pattern: str
    marker: str

    @classmethod
    def of(cls, look: ClassStyle) -> StatusStyle:
        """The print style of a style-table entry."""
        return cls(rl_color(look.color), look.hatch, look.marker)

    @property
    def ink(self) -> colors.Color:
        """Black or white, whichever reads on :attr:`fill`."""
        return colors.white if _grey(self.fill) < 0.5 else colors.black


def _grey(color: colors.Color) -> float:
    return float(0.299 * color.red + 0.587 * color.green + 0.114 * color.blue)


STATUS_STYLES_PDF: dict[str | None, StatusStyle] = {key: StatusStyle.of(look) for key, look in STATUS_STYLES.items()}
UNKNOWN_STYLE = StatusStyle.of(table.BLANK)


def status_style(key: str | None) -> StatusStyle:
    """The print style of a status key (the blank grey cross for a blank or unknown one)."""
    return STATUS_STYLES_PDF.get(key, UNKNOWN_STYLE)


@dataclass(frozen=True)
class Stroke:
    """A line as ReportLab draws it: colour, width in points and dash array (None: solid)."""

    color: colors.Color
    width: float
    dash: list[float] | None


def line_style(layer: str, width: float | None = None) -> Stroke:
    """The stroke of an area layer's line in the style table (dashes scale with the width, as on screen)."""
    look: AreaStyle = table.AREA_STYLES[layer]
    w = look.width if width is None else width
    return Stroke(rl_color(look.line), w, [d * w for d in look.dash] or None)


def admin_line(level: str) -> Stroke:
    """The administrative boundary's stroke: the table's look, a county line heavier than a township's."""
    return line_style("admin_areas", 1.2 if level == "county" else 0.8)


#: pyqtgraph's symbol codes (the style table's) -> the shapes drawn here
SHAPES = {
    "o": "circle",
    "s": "square",
    "t1": "triangle",
    "d": "diamond",
    "p": "pentagon",
    "h": "hexagon",
    "star": "star",
    "x": "cross",
}


def marker(
    kind: str, x: float, y: float, r: float, fill: colors.Color, stroke: colors.Color = colors.black, width: float = 0.4
) -> Circle | Polygon | Group:
    """A map marker of ``kind`` (a shape name or pyqtgraph code) centred on ``(x, y)``, radius ``r`` points."""
    kind = SHAPES.get(kind, kind)
    if kind == "circle":
        return Circle(x, y, r, fillColor=fill, strokeColor=stroke, strokeWidth=width)
    if kind == "cross":  # drawn in its own colour, as on screen
        return Group(
            Line(x - r, y - r, x + r, y + r, strokeColor=fill, strokeWidth=1.4),
            Line(x - r, y + r, x + r, y - r, strokeColor=fill, strokeWidth=1.4),
        )
    sides, turn, scale = {
        "square": (4, 45, 1.15),
        "triangle": (3, 90, 1.3),
        "diamond": (4, 0, 1.25),
        "pentagon": (5, 90, 1.2),
        "triangle_down": (3, -90, 1.3),
        "hexagon": (6, 0, 1.1),
        "star": (10, 90, 1.4),
    }[kind]
    points: list[float] = []
    for i in range(sides):
        radius = r * scale * (0.45 if kind == "star" and i % 2 else 1.0)
        angle = math.radians(turn + 360.0 * i / sides)
        points += [x + radius * math.cos(angle), y + radius * math.sin(angle)]
    return Polygon(points, fillColor=fill, strokeColor=stroke, strokeWidth=width)


def hatch(
    box: tuple[float, float, float, float],
    pattern: str,
    spacing: float = 3.0,
    color: colors.Color = colors.black,
    width: float = 0.4,
) -> list[Line | Circle]:
    """Pattern strokes filling a rectangle ``(x, y, w, h)`` in points: diagonals, lines, cross-hatch or dots."""
    lines, dots = hatch_marks(box, pattern, spacing)
    if dots:
        return [Circle(cx, cy, r, fillColor=color, strokeColor=None) for cx, cy, r in dots]
    return [Line(*line, strokeColor=color, strokeWidth=width) for line in lines]


def hatch_marks(
    box: tuple[float, float, float, float], pattern: str, spacing: float = 3.0
) -> tuple[list[tuple[float, float, float, float]], list[tuple[float, float, float]]]:
    """The numbers of :func:`hatch`'s strokes without the shapes: lines ``(x1, y1, x2, y2)`` and dots
    ``(cx, cy, r)`` (a sheet's funding bar paints a few hundred; a shape costs more than its numbers)."""
    x, y, w, h = box
    if pattern == "none" or w <= 0 or h <= 0:
        return [], []
    if pattern == "dots":
        dots = []
        for j in range(int(h / spacing)):
            for i in range(int((w - spacing / 2) / spacing) + 1):
                cx = x + i * spacing + (spacing / 2 if j % 2 else spacing / 4)
                if cx < x + w:
                    dots.append((cx, y + (j + 0.5) * spacing, 0.45))
        return [], dots
    angles = {"diag": (45,), "back": (-45,), "horiz": (0,), "cross": (45, -45)}[pattern]
    return [(*a, *b) for angle in angles for a, b in _strokes(x, y, x + w, y + h, angle, spacing)], []


def _strokes(
    x0: float, y0: float, x1: float, y1: float, angle: float, spacing: float
) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Parallel lines ``spacing`` apart at ``angle`` degrees, clipped to the rectangle (slab method)."""
    dx, dy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    nx, ny = -dy, dx
    offsets = [nx * cx + ny * cy for cx in (x0, x1) for cy in (y0, y1)]
    lines = []
    t = min(offsets) + spacing / 2
    while t < max(offsets):
        px, py = nx * t, ny * t
        lo, hi = -math.inf, math.inf
        for p, d, a, b in ((px, dx, x0, x1), (py, dy, y0, y1)):
            if abs(d) < 1e-12:
                if not a <= p <= b:
                    lo, hi = 1.0, 0.0
                continue
            s1, s2 = sorted(((a - p) / d, (b - p) / d))
            lo, hi = max(lo, s1), min(hi, s2)
        if hi - lo > 0.2:
            lines.append(((px + lo * dx, py + lo * dy), (px + hi * dx, py + hi * dy)))
        t += spacing
    return lines

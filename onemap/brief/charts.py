"""Bar charts for the county summary, drawn to read on a black-and-white printout.

Every bar carries its value as text and its category on the axis; status bars also get
their status's shade and pattern (see :mod:`onemap.brief.palette`).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String

from onemap.brief.mapdraw import grey, new_drawing
from onemap.brief.palette import StatusStyle, hatch
from onemap.brief.typeset import Typesetter

BAR_GREY = grey(0.45)


def _bar(x: float, y: float, w: float, h: float, style: StatusStyle | None) -> Group:
    fill = style.fill if style else BAR_GREY
    group = Group(Rect(x, y, w, h, fillColor=fill, strokeColor=grey(0.1), strokeWidth=0.5))
    if style is not None and w > 1 and h > 1:
        for stroke in hatch((x, y, w, h), style.pattern, 3.2, style.ink, 0.45):
            group.add(stroke)
    return group


def column_chart(
    ts: Typesetter,
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    width: float,
    height: float,
    styles: Sequence[StatusStyle] | None = None,
    unit: str = "",
) -> Drawing:
    """Vertical bars with value labels; ``styles`` gives each bar a status look."""
    font = ts.font.name
    drawing = new_drawing(width, height, font)
    drawing.add(String(0, height - 10, title, fontName=font, fontSize=9))
    base, top = 16.0, height - 26.0
    peak = max(values, default=0) or 1
    step = width / max(len(values), 1)
    bar = min(step * 0.62, 38)
    drawing.add(Line(0, base, width, base, strokeColor=grey(0.2), strokeWidth=0.6))
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = i * step + (step - bar) / 2
        h = (top - base) * value / peak
        drawing.add(_bar(x, base, bar, h, styles[i] if styles else None))
        drawing.add(
            String(x + bar / 2, base + h + 2.5, _fmt(value) + unit, fontName=font, fontSize=7, textAnchor="middle")
        )
        drawing.add(String(x + bar / 2, base - 10, ts.text(label), fontName=font, fontSize=7, textAnchor="middle"))
    return drawing


def bar_chart(
    ts: Typesetter,
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    width: float,
    row: float = 13.0,
    unit: str = "",
) -> Drawing:
    """Horizontal bars, one labelled row per category (for townships)."""
    font = ts.font.name
    height = 18 + row * len(values)
    drawing = new_drawing(width, height, font)
    drawing.add(String(0, height - 10, title, fontName=font, fontSize=9))
    names = [ts.text(label) for label in labels]
    gutter = max((ts.width(n, 7.5) for n in names), default=0) + 6
    room = width - gutter - 36
    peak = max(values, default=0) or 1
    for i, (name, value) in enumerate(zip(names, values, strict=True)):
        y = height - 18 - (i + 1) * row + 2
        w = room * value / peak
        drawing.add(String(gutter - 4, y + 2, name, fontName=font, fontSize=7.5, textAnchor="end"))
        drawing.add(_bar(gutter, y, w, row - 4, None))
        drawing.add(String(gutter + w + 3, y + 2, _fmt(value) + unit, fontName=font, fontSize=7))
    return drawing


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 or float(value).is_integer() else f"{value:,.1f}"

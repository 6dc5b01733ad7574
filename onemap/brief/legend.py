"""The legend under a sheet's location map: the estate's status marker and four swatches.

Drawn from ReportLab shapes it cost 5 % of a sheet; it only changes with the status, the
map's place and the font, so it is recorded once for each (its words as text runs, see
:mod:`onemap.brief.recording`) and pasted: the same operators, encoded for each document.
"""

from __future__ import annotations

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.pdfgen.canvas import Canvas

from onemap.brief.context import BriefContext
from onemap.brief.mapdraw import legend_swatch, new_drawing
from onemap.brief.palette import marker, status_style
from onemap.brief.recording import Recording, RecordingCanvas, paste
from onemap.model import status_label

#: legends recorded once (their text as runs) by status, place and font, pasted into each sheet:
#: drawn from ReportLab shapes every time, the legend was 5 % of a sheet's cost
_LEGENDS: dict[tuple[object, ...], Recording] = {}


def draw_legend(canvas: Canvas, x: float, top: float, width: float, ctx: BriefContext, status: str | None) -> None:
    """The status marker and the four swatches, with their words, in a row from ``x`` below ``top``."""
    if not ctx.ts.font.embedded:  # a CID font's name is the document's: drawn each time
        renderPDF.draw(_legend_drawing(x, top, width, ctx, status), canvas, 0, 0)
        return
    key = (status, x, top, width, ctx.ts.font.name)
    recording = _LEGENDS.get(key)
    if recording is None:
        if len(_LEGENDS) >= 256:  # a county's sheets have a few dozen; never a growing cache
            _LEGENDS.clear()
        scratch = RecordingCanvas(ctx.options.pagesize, ctx.ts.font.name)
        renderPDF.draw(_legend_drawing(x, top, width, ctx, status), scratch, 0, 0)
        recording = _LEGENDS[key] = scratch.take()
    paste(canvas, recording)


def _legend_drawing(x: float, top: float, width: float, ctx: BriefContext, status: str | None) -> Drawing:
    name = ctx.ts.font.name
    legend = Group()
    look = status_style(status)
    legend.add(marker(look.marker, x + 4, top - 7, 3.4, look.fill))
    text = status_label(status)
    legend.add(String(x + 11, top - 9.5, text, fontName=name, fontSize=6.5))
    cursor = x + 15 + ctx.ts.width(text, 6.5)
    for kind, text in (
        ("own", "本小区范围"),
        ("building", "楼栋（数字为层数）"),
        ("neighbour", "相邻小区"),
        ("boundary", "县（镇）界"),
    ):
        legend.add(legend_swatch(kind, cursor, top - 10))
        legend.add(String(cursor + 15, top - 9.5, text, fontName=name, fontSize=6.5))
        cursor += 19 + ctx.ts.width(text, 6.5)
    drawing = new_drawing(x + width, top, name)
    drawing.add(legend)
    return drawing

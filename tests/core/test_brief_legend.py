"""A map's legend recorded once and pasted: the operators drawing it afresh writes, in every document."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.pdfgen.canvas import Canvas

from onemap.brief import BriefOptions, legend
from onemap.brief.context import BriefContext
from onemap.brief.parallel import RecordingCanvas, replay
from onemap.store import Inventory

ROWS = [("completed", 300.0, 434.0), ("planned", 300.0, 434.0), ("completed", 310.5, 420.25), (None, 300.0, 434.0)]


def _fresh(ctx: BriefContext) -> Canvas:
    return Canvas(io.BytesIO(), pagesize=ctx.options.pagesize, initialFontName=ctx.ts.font.name)


def test_a_pasted_legend_writes_what_drawing_it_writes_in_each_document_and_through_a_worker(demo_file: Path) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        ctx = BriefContext.create(inventory, BriefOptions())
    assert ctx.ts.font.embedded
    legend._LEGENDS.clear()
    for _document in range(2):  # the second document pastes what the first recorded
        direct, pasted, stitched = _fresh(ctx), _fresh(ctx), _fresh(ctx)
        recorder = RecordingCanvas(ctx.options.pagesize, ctx.ts.font.name)
        for status, x, top in ROWS:
            renderPDF.draw(legend._legend_drawing(x, top, 250, ctx, status), direct, 0, 0)
            legend.draw_legend(pasted, x, top, 250, ctx, status)
            legend.draw_legend(recorder, x, top, 250, ctx, status)
            replay(stitched, recorder.take())
            assert "\n".join(pasted._code) == "\n".join(direct._code)
            assert "\n".join(stitched._code) == "\n".join(direct._code)
    assert len(legend._LEGENDS) == len(ROWS)  # one recording per status and place, reused
    assert "本小区范围" not in "\n".join(direct._code)  # text encoded for the document, as drawn


def test_a_cached_swatch_is_painted_at_its_own_width_whatever_was_painted_before() -> None:
    from onemap.brief import widgets

    widgets._SWATCHES.clear()
    painted = []
    for width in (23.07144, 23.07086, 23.07144):  # the same to 3 decimals: a worker may meet them in either order
        canvas = Canvas(io.BytesIO())
        start = len(canvas._code)
        widgets.paint_swatch(canvas, 2, 0, 0, width, 11)
        painted.append(canvas._code[start:])
        fresh = Canvas(io.BytesIO())
        widgets._paint(fresh, 2, 0, 0, width, 11)
        assert canvas._code[start:] == fresh._code[start:]
    assert painted[0] == painted[2] != painted[1]

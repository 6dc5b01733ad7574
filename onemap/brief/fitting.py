"""Tables that fit a given height: show as many rows as fit, then "另有 N 项".

A sheet is one page by construction; every list on it is cut here, never allowed to
spill over.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from reportlab.platypus import Flowable, Table, TableStyle

from onemap.brief.mapdraw import grey
from onemap.brief.sheetgrid import SheetGrid
from onemap.brief.typeset import Typesetter

T = TypeVar("T")
CELL = 7.5
#: sheets' tables drawn by SheetGrid (False: ReportLab's Table; the tests compare both)
SHEET_GRID = True


def more_text(hidden: int) -> str:
    """The line that ends a cut list."""
    return f"……另有 {hidden} 项未列出（见 OneMap 清单）"


def grid(
    ts: Typesetter,
    rows: list[list[Any]],
    widths: Sequence[float],
    header: bool = True,
    more: int = 0,
    label_cols: Sequence[int] = (),
    fixed: bool = False,
) -> Any:
    """A thin-ruled table; a header row in light grey; ``more`` adds a spanning 另有 N 项 row.

    ``fixed``: a table that never splits (a sheet's), drawn by :class:`SheetGrid` (same PDF, a
    fraction of the time) unless :data:`SHEET_GRID` is off.
    """
    if more:
        rows = [*rows, [ts.markup(more_text(more), CELL, color="grey")] + [""] * (len(widths) - 1)]
    style = [
        ("FONT", (0, 0), (-1, -1), ts.font.name, CELL),
        ("GRID", (0, 0), (-1, -1), 0.3, grey(0.55)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), grey(0.88)))
    for col in label_cols:
        style.append(("BACKGROUND", (col, 0), (col, -1), grey(0.93)))
    if more:
        style.append(("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)))
    if fixed and SHEET_GRID:
        return SheetGrid(rows, widths, style)
    return Table(rows, colWidths=list(widths), style=TableStyle(style), hAlign="LEFT")


def fit_rows(
    make: Callable[[Sequence[T], int], Flowable], items: Sequence[T], width: float, height: float
) -> Flowable | None:
    """The flowable of the most leading ``items`` that fits ``height``.

    Parameters
    ----------
    make : callable
        ``make(shown, hidden)`` builds the flowable for the first items and a count of
        the rest (to print as 另有 N 项).
    items : sequence
        Everything the list would show.

    Returns
    -------
    Flowable or None
        ``None`` when not even the 另有 N 项 line fits.
    """
    flowable = make(items, 0)
    full = measure(flowable, width)
    if full <= height:
        return flowable
    per_row = full / (len(items) + 1.5)
    shown = max(0, min(len(items) - 1, int(height / per_row) - 1))
    while shown >= 0:
        flowable = make(items[:shown], len(items) - shown)
        if measure(flowable, width) <= height:
            return _grow(make, items, shown, flowable, width, height)
        shown -= 1
    return None


def _grow(
    make: Callable[[Sequence[T], int], Flowable],
    items: Sequence[T],
    shown: int,
    best: Flowable,
    width: float,
    height: float,
) -> Flowable:
    while shown + 1 < len(items):
        bigger = make(items[: shown + 1], len(items) - shown - 1)
        if measure(bigger, width) > height:
            break
        best, shown = bigger, shown + 1
    return best


def measure(flowable: Flowable, width: float) -> float:
    """The flowable's height at ``width``, wrapped once and remembered (tables are costly to wrap)."""
    cached = getattr(flowable, "_onemap_wrapped", None)
    if cached is not None and cached[0] == width:
        return float(cached[1])
    height = float(flowable.wrap(width, 10_000)[1])
    flowable._onemap_wrapped = (width, height)
    return height


def stack_height(flowables: Sequence[Flowable], width: float, gap: float = 3.0) -> float:
    """Total height of flowables stacked with ``gap`` between them."""
    return sum(measure(f, width) for f in flowables) + gap * max(len(flowables) - 1, 0)


def draw_stack(
    canvas: Any, flowables: Sequence[Flowable], x: float, top: float, width: float, gap: float = 3.0
) -> float:
    """Draw flowables downward from ``top``; returns the y where the stack ended."""
    for flowable in flowables:
        h = measure(flowable, width)  # the last wrap was at this width, so drawOn may follow
        flowable.drawOn(canvas, x, top - h)
        top -= h + gap
    return top + gap

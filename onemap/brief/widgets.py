"""Small drawn flowables for the sheet: section titles, the status steps, the funding bar."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from onemap.brief.mapdraw import grey
from onemap.brief.palette import hatch_marks
from onemap.brief.typeset import Typesetter
from onemap.model import STATUSES, status_label

#: shade and pattern of each funding source in the split bar and its table, light to dark
SOURCE_LOOKS: tuple[tuple[float, str], ...] = (
    (0.25, "none"),
    (0.55, "none"),
    (0.85, "none"),
    (0.95, "diag"),
    (0.7, "cross"),
    (1.0, "dots"),
    (0.4, "horiz"),
    (0.95, "back"),
)


class SectionTitle(Flowable):  # type: ignore[misc]
    """``一、基本情况`` with a rule under it."""

    def __init__(self, ts: Typesetter, text: str, size: float = 10.0) -> None:
        super().__init__()
        self.ts, self.text, self.size = ts, text, size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.size + 5

    def draw(self) -> None:
        self.canv.setFont(self.ts.font.name, self.size)
        self.canv.drawString(0, 4, self.text)
        self.canv.setLineWidth(0.8)
        self.canv.line(0, 1.5, self.width, 1.5)


class StatusSteps(Flowable):  # type: ignore[misc]
    """The seven statuses as steps, done ones grey, the current one black, then a progress bar."""

    def __init__(self, ts: Typesetter, status: str | None, progress: float | None) -> None:
        super().__init__()
        self.ts, self.status, self.progress = ts, status, progress

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, 30

    def draw(self) -> None:
        canvas, keys = self.canv, list(STATUSES)
        current = keys.index(self.status) if self.status in keys else -1
        step = self.width / len(keys)
        for i, key in enumerate(keys):
            fill = colors.black if i == current else grey(0.78) if i < current else colors.white
            canvas.setFillColor(fill)
            canvas.setStrokeColor(colors.black)
            canvas.setLineWidth(0.4)
            canvas.rect(i * step + 0.5, 16, step - 1.5, 13, stroke=1, fill=1)
            canvas.setFillColor(colors.white if i == current else colors.black)
            canvas.setFont(self.ts.font.name, 7.5)
            canvas.drawCentredString(i * step + step / 2, 19.5, status_label(key))
        self._bar(canvas, current)

    def _bar(self, canvas: object, current: int) -> None:
        c = self.canv
        label = "状态：" + status_label(self.status) + ("（不在标准流程中）" if current < 0 and self.status else "")
        pct = None if self.progress is None else max(0.0, min(100.0, float(self.progress)))
        label += f" · 进度 {pct:g}%" if pct is not None else " · 进度 未填"
        c.setFillColor(colors.black)
        c.setFont(self.ts.font.name, 7.5)
        c.drawString(0, 3, label)
        bar_x = self.ts.width(label, 7.5) + 6
        bar_w = max(self.width - bar_x, 10)
        c.setFillColor(colors.white)
        c.rect(bar_x, 2, bar_w, 8, stroke=1, fill=1)
        if pct:
            c.setFillColor(grey(0.3))
            c.rect(bar_x, 2, bar_w * pct / 100, 8, stroke=0, fill=1)


class SplitBar(Flowable):  # type: ignore[misc]
    """A 100 % bar of the funding split, one shade and pattern per source."""

    def __init__(self, shares: list[tuple[int, float]], height: float = 11.0) -> None:
        super().__init__()
        self.shares, self.bar_height = shares, height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.bar_height + 3

    def draw(self) -> None:
        total = sum(amount for _i, amount in self.shares) or 1.0
        x = 0.0
        for look, amount in self.shares:
            w = self.width * amount / total
            paint_swatch(self.canv, look, x, 1.5, w, self.bar_height)
            x += w


#: the operators of each swatch painted at the origin, by look and size (a sheet paints a dozen,
#: each hatch a few dozen strokes: worked out once, they cost a list copy)
_SWATCHES: dict[tuple[int, float, float], list[str]] = {}


def paint_swatch(canvas: Any, look: int, x: float, y: float, w: float, h: float) -> None:
    """Paint a rectangle in the shade and pattern of funding source number ``look``."""
    # keyed by the exact size: a rounded key handed a swatch the operators of a slightly different
    # width seen earlier, so a page's bytes depended on which process had drawn what before it
    key = (look % len(SOURCE_LOOKS), w, h)
    ops = _SWATCHES.get(key)
    if ops is None:
        if len(_SWATCHES) >= 1024:  # funding bars have a width per estate: never a growing cache
            _SWATCHES.clear()
        scratch = _scratch()
        start = len(scratch._code)
        _paint(scratch, key[0], 0, 0, w, h)
        ops = _SWATCHES[key] = scratch._code[start:]
        del scratch._code[start:]
    if x or y:
        canvas._code.extend(["q", f"1 0 0 1 {fp_str(x, y)} cm", *ops, "Q"])
    else:
        canvas._code.extend(ops)


_SCRATCH: list[Canvas] = []


def _scratch() -> Canvas:
    """One canvas to paint swatches on, kept: making one costs more than painting a swatch (each
    swatch's operators are taken off it, and its graphics state is restored by ``_paint``)."""
    if not _SCRATCH:
        _SCRATCH.append(Canvas(io.BytesIO()))
    return _SCRATCH[0]


def _paint(canvas: Any, look: int, x: float, y: float, w: float, h: float) -> None:
    shade, pattern = SOURCE_LOOKS[look % len(SOURCE_LOOKS)]
    canvas.saveState()
    canvas.setLineWidth(0.4)
    canvas.setFillColor(grey(shade))
    canvas.rect(x, y, w, h, stroke=1, fill=1)
    ink = colors.white if shade < 0.5 else colors.black
    lines, dots = hatch_marks((x, y, w, h), pattern, 2.6)
    canvas.setStrokeColor(ink)
    canvas.setFillColor(ink)
    canvas.setLineWidth(0.35)
    canvas.lines(lines)
    for cx, cy, r in dots:
        canvas.circle(cx, cy, r, stroke=0, fill=1)
    canvas.restoreState()


class Swatch(Flowable):  # type: ignore[misc]
    """A funding-source swatch for a table cell."""

    def __init__(self, look: int) -> None:
        super().__init__()
        self.look = look

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 14, 8

    def draw(self) -> None:
        paint_swatch(self.canv, self.look, 0, 0, 14, 8)

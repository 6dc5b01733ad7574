"""One estate on one page: header, sections and map laid out in fixed regions.

:class:`EstateSheet` takes the whole frame, so it always starts a page and never spills
onto the next; each region gets a height budget and its lists are cut to fit.  In a
layout pass (``skeleton``) it only occupies its page, which keeps the packet's
multi-pass build cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.platypus import Flowable

from onemap.brief import alertlist, blocks, lists
from onemap.brief.context import BriefContext
from onemap.brief.fitting import draw_stack, stack_height
from onemap.brief.header import draw_header
from onemap.brief.options import BriefOptions, Cancel, check_cancel
from onemap.brief.parallel import SheetFeed, replay
from onemap.brief.score_block import score_book, score_section
from onemap.brief.sheetdata import SheetFacts, sheet_facts
from onemap.brief.sheetmap import FOOT, draw_estate_map

GAP = 11.0
Builder = Callable[[float, float], list[Flowable]]


class EstateSheet(Flowable):  # type: ignore[misc]
    """The sheet of one estate, as one full-frame flowable with a bookmark and TOC entry."""

    def __init__(
        self,
        ctx: BriefContext,
        code: str,
        name: str,
        *,
        level: int = 2,
        progress: Callable[[], None] | None = None,
        cancel: Cancel | None = None,
    ) -> None:
        super().__init__()
        self.ctx, self.code, self.name = ctx, code, name
        self.toc_key, self.toc_title, self.toc_level = f"estate:{code}", name, level
        self.skeleton = False
        self.on_drawn, self.cancel = progress, cancel
        #: where a recording of this sheet comes from (drawn by a worker), and its place there
        self.feed: SheetFeed | None = None
        self.index = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _x, _y, self.width, height = self.ctx.options.frame
        self.height = height - 0.01
        return self.width, self.height

    def draw(self) -> None:
        check_cancel(self.cancel)
        if self.skeleton:
            return
        scale = self.ctx.options.sheet_scale
        self.canv.saveState()
        self.canv.scale(scale, scale)
        if self.feed is not None:
            replay(self.canv, self.feed.take(self.index))
        else:
            render_sheet(self.canv, self.ctx, facts_of(self.ctx, self.code), *sheet_area(self.ctx.options))
        self.canv.restoreState()
        if self.on_drawn is not None:
            self.on_drawn()


def sheet_area(options: BriefOptions) -> tuple[float, float]:
    """Width and height a sheet is drawn in, before its scale (A3 enlarges the A4 sheet)."""
    _x, _y, width, height = options.frame
    scale = options.sheet_scale
    return width / scale, (height - 0.01) / scale


def facts_of(ctx: BriefContext, code: str) -> SheetFacts:
    """What the sheet of ``code`` lists, its alerts those of the briefing's window."""
    return sheet_facts(ctx.inventory, code, ctx.alert_window.since, ctx.alert_window.until)


def render_sheet(canvas: object, ctx: BriefContext, facts: SheetFacts, width: float, height: float) -> None:
    """Draw a whole sheet into a ``width`` x ``height`` area whose origin is its lower left."""
    top = height - draw_header(canvas, ctx, facts.estate, width, height) - 6
    if ctx.options.landscape:
        _landscape(canvas, ctx, facts, width, top)
    else:
        _portrait(canvas, ctx, facts, width, top)


def _lower(ctx: BriefContext, facts: SheetFacts) -> dict[str, Builder]:
    """The builders of the sheet's lower lists: cameras and sensors, open issues, recent alerts."""
    ts, window = ctx.ts, ctx.alert_window
    return {
        "cameras": lambda w, h: lists.cameras(ts, facts.estate, w, h, facts.sensors),
        "issues": lambda w, h: lists.issues(ts, facts.issues, w, h),
        "alerts": lambda w, h: alertlist.alerts(ts, facts.alerts, window, w, h, "七"),
        "score": lambda w, h: score_section(ts, score_book(ctx), facts.estate.code, w, h),  # score_block.py
    }


class Section:
    """One sheet section in a column ``width``: its natural height, and its flowables for a budget."""

    def __init__(self, build: Builder, width: float) -> None:
        self.build, self.width = build, width
        self.draft = build(width, 10_000)
        self.natural = stack_height(self.draft, width)

    def fit(self, height: float) -> list[Flowable]:
        """The section cut to ``height`` (the draft itself when it fits)."""
        return self.draft if self.natural <= height + 0.01 else self.build(self.width, height)


def _portrait(canvas: object, ctx: BriefContext, facts: SheetFacts, width: float, top: float) -> None:
    ts, col, estate, lower = ctx.ts, (width - GAP) / 2, facts.estate, _lower(ctx, facts)
    row_a = min(col + FOOT, top * 0.46)
    _column(
        canvas,
        [
            Section(lambda w, h: blocks.overview(ts, estate, w, h), col),
            Section(lambda w, h: blocks.renovation(ts, estate, w, h), col),
        ],
        0,
        top,
        row_a,
    )
    draw_estate_map(canvas, (col + GAP, top - row_a + 2, col, row_a - 4), estate, ctx)
    top -= row_a + 6
    money = Section(lambda w, h: blocks.funding(ts, estate, w, h), col)
    people = Section(lambda w, h: lists.people(ts, estate.contacts, w, h), col)
    score = Section(lower["score"], col)  # under 四、责任人, where the funding table leaves room
    right = people.natural + (score.natural + 8 if score.draft else 0)
    bottom = [Section(lower[key], width) for key in ("cameras", "issues", "alerts")]
    row_b = allocate([max(money.natural, right), sum(s.natural + 8 for s in bottom)], top - 8)[0]
    _column(canvas, [money], 0, top, row_b)
    below = _column(canvas, [people], col + GAP, top, row_b)
    _column(canvas, [score], col + GAP, below, below - (top - row_b))
    top -= row_b + 8
    _column(canvas, bottom, 0, top, top)


def _landscape(canvas: object, ctx: BriefContext, facts: SheetFacts, width: float, top: float) -> None:
    ts, estate, lower = ctx.ts, facts.estate, _lower(ctx, facts)
    c1, c2 = width * 0.35, width * 0.33
    c3 = width - c1 - c2 - 2 * GAP
    row_a = top * 0.62
    _column(
        canvas,
        [
            Section(lambda w, h: blocks.overview(ts, estate, w, h), c1),
            Section(lambda w, h: blocks.renovation(ts, estate, w, h), c1),
        ],
        0,
        top,
        row_a,
    )
    draw_estate_map(canvas, (c1 + GAP, top - row_a + 2, c2, row_a - 4), estate, ctx)
    _column(
        canvas,
        [
            Section(lambda w, h: blocks.funding(ts, estate, w, h), c3),
            Section(lambda w, h: lists.people(ts, estate.contacts, w, h), c3),
        ],
        c1 + c2 + 2 * GAP,
        top,
        row_a,
    )
    top -= row_a + 6
    half = (width - GAP) / 2
    _column(canvas, [Section(lower[key], half) for key in ("cameras", "score")], 0, top, top)
    _column(canvas, [Section(lower[key], half) for key in ("issues", "alerts")], half + GAP, top, top)


def _column(canvas: object, sections: Sequence[Section], x: float, top: float, height: float) -> float:
    """Stack sections downward from ``top``, sharing ``height``: each gets what it needs or a fair part.
    Returns the height left under them."""
    budgets = allocate([s.natural for s in sections], height - 8 * (len(sections) - 1))
    for section, budget in zip(sections, budgets, strict=True):
        top = draw_stack(canvas, section.fit(budget), x, top, section.width) - 8
    return max(top, 0.0)


def allocate(needs: Sequence[float], total: float) -> list[float]:
    """Share ``total`` among ``needs``: small needs are met in full, the rest split evenly (water filling)."""
    budgets = [0.0] * len(needs)
    left, open_ = total, sorted(range(len(needs)), key=lambda i: needs[i])
    while open_:
        share = left / len(open_)
        i = open_[0]
        if needs[i] <= share:
            budgets[i] = needs[i]
            left -= needs[i]
            open_.pop(0)
        else:
            for j in open_:
                budgets[j] = share
            break
    return budgets

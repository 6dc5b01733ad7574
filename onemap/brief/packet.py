"""Build a briefing PDF: one document, laid out in passes until its page numbers settle.

The first pass lays out every page but leaves the estate sheets blank (each is one page
by construction), which costs little and tells the contents and the footer their page
numbers; the second pass draws everything and checks it put each bookmark on the page
the contents promised.  The PDF is written next to ``out`` and renamed into place only
when complete, so a cancelled or failed build leaves nothing behind.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.platypus import Flowable, PageBreak

from onemap.brief.context import BriefContext
from onemap.brief.cover import Cover
from onemap.brief.document import BriefDocument, Mark, body_pages
from onemap.brief.options import BriefResult, Cancel, Progress, check_cancel
from onemap.brief.packing import PackedCanvas
from onemap.brief.parallel import SheetFeed, usable
from onemap.brief.report import heading, summary_story
from onemap.brief.sheet import EstateSheet, sheet_area
from onemap.brief.toc import TocLines
from onemap.model import Estate
from onemap.view.order import estate_order, names_used_twice

MAX_PASSES = 4


def packet_story(
    ctx: BriefContext,
    estates: Sequence[Estate],
    selection: str,
    sheets: list[EstateSheet],
    pages: dict[str, int],
    skeleton: bool = False,
    extra: Sequence[Flowable] = (),
) -> list[Flowable]:
    """Cover, contents, county summary and overview map, ``extra`` parts (plan_section.py), then the sheets."""
    width = ctx.options.frame[2]
    summary = summary_story(ctx, estates, width, skeleton)
    entries = [m for f in [*summary, *extra, *sheets] for m in _marks(f)]
    contents = heading(ctx.ts, "目  录", "section:toc", 0, 16)
    return [
        Cover(ctx, estates, selection),
        body_pages(),
        PageBreak(),
        contents,
        TocLines(ctx.ts, entries, pages),
        PageBreak(),
        *summary,
        *extra,
        PageBreak(),
        *sheets,
    ]


def _marks(flowable: Any) -> list[Mark]:
    from onemap.brief.document import marks_of

    return marks_of(flowable)


def estate_sheets(
    ctx: BriefContext,
    estates: Sequence[Estate],
    *,
    part: str | None,
    tick: Callable[[], None],
    cancel: Cancel | None,
    skeleton: bool = False,
) -> list[EstateSheet]:
    """Sheets in township then name order (pinyin), with outline marks for the part and each township."""
    base = 0 if part is None else 1
    sheets: list[EstateSheet] = []
    township: object = object()
    twice = names_used_twice(estates)
    for estate in sorted(estates, key=estate_order):
        sheet = EstateSheet(ctx, estate.code, estate.name, level=base + 1, progress=tick, cancel=cancel)
        if estate.name in twice:  # two 幸福小区 in the contents: the code tells them apart
            sheet.toc_title = f"{estate.name}（{estate.code}）"
        marks: list[Mark] = [("part:sheets", part, 0)] if part is not None and not sheets else []
        if estate.township != township:
            township = estate.township
            marks.append((f"township:{township or ''}", township or "镇（街道）未填", base))
        sheet.toc_marks, sheet.skeleton = marks, skeleton
        sheets.append(sheet)
    if len(sheets) == 1 and part is None:  # a single sheet needs no township level
        sheets[0].toc_marks, sheets[0].toc_level = [], 0
    return sheets


def build_document(
    ctx: BriefContext,
    out: Path,
    make_story: Callable[[dict[str, int], bool], list[Flowable]],
    *,
    title: str,
    subject: str,
    cover: bool,
    progress: Progress | None,
    cancel: Cancel | None,
    codes: Sequence[str] = (),
    early: SheetFeed | None = None,
) -> BriefResult:
    """Lay out in passes until page numbers settle, then move the PDF into place.

    ``codes`` are the story's sheets in order: given, a worker starts on them before the
    layout pass, so it draws while this process lays out and reads the summary's data.
    ``early`` is a feed already started (:func:`start_feed`) to hand them to.
    """
    start = time.perf_counter()
    pages: dict[str, int] = {}
    total: int | None = None
    part = out.with_name(f".{out.name}.part")
    feed: SheetFeed | None = None
    try:
        feed, early = _feed(ctx, list(codes), early), None
        for attempt in range(MAX_PASSES):
            check_cancel(cancel)
            skeleton = attempt == 0
            _say(progress, 0.02 if skeleton else 0.05, "排版与页码…" if skeleton else "正在绘制…")
            doc = BriefDocument(
                io.BytesIO() if skeleton else str(part),
                ctx,
                title=title,
                subject=subject,
                total_pages=total,
                cover=cover,
            )
            doc._doSave = not skeleton  # a layout pass needs page numbers, not a file (nor a font subset)
            story = make_story(pages, skeleton)
            if not skeleton:
                feed = _attach(feed or _feed(ctx, _sheet_codes(story)), story)
            try:
                with fast_reportlab():
                    doc.build(story, canvasmaker=PackedCanvas)
            finally:
                if feed is not None and not skeleton:
                    feed.close()
                    feed = None
            if not skeleton and doc.pages == pages and doc.last_page == total:
                break
            pages, total = doc.pages, doc.last_page
        else:
            raise RuntimeError("page numbers did not settle")
        os.replace(part, out)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    finally:
        for unused in (feed, early):
            if unused is not None:
                unused.close()
    _say(progress, 1.0, "完成")
    return BriefResult(
        out,
        doc.last_page,
        0,
        ctx.ts.font.name,
        ctx.ts.font.embedded,
        dict(doc.pages),
        list(ctx.warnings),
        time.perf_counter() - start,
    )


def _feed(ctx: BriefContext, codes: list[str], early: SheetFeed | None = None) -> SheetFeed | None:
    """Hand the sheets ``codes`` to a worker process when that pays (see :mod:`onemap.brief.parallel`):
    to ``early``'s worker if one was started, else to a new one."""
    if early is not None and codes and not early.codes:
        early.assign(codes)
        return early
    if early is not None:
        early.close()
    workers = usable(ctx, len(codes))
    return SheetFeed(ctx, codes, workers, sheet_area(ctx.options)) if workers else None


def start_feed(ctx: BriefContext, sheets: int) -> SheetFeed | None:
    """Start the worker for about ``sheets`` sheets before they are put in order (None where
    they would be drawn here): it opens the inventory while this process sorts the estates."""
    workers = usable(ctx, sheets)
    return SheetFeed(ctx, [], workers, sheet_area(ctx.options)) if workers else None


def _sheet_codes(story: list[Flowable]) -> list[str]:
    return [f.code for f in story if isinstance(f, EstateSheet)]


def _attach(feed: SheetFeed | None, story: list[Flowable]) -> SheetFeed | None:
    """Let the story's sheets take their recordings from ``feed`` (which must hold them in order)."""
    if feed is not None and feed.codes != _sheet_codes(story):
        feed.close()
        feed = _feed(feed.ctx, _sheet_codes(story))
    sheets = [f for f in story if isinstance(f, EstateSheet)]
    for index, sheet in enumerate(sheets):
        sheet.feed, sheet.index = feed, index
    return feed


@contextmanager
def fast_reportlab() -> Iterator[None]:
    """ReportLab without ASCII85 stream wrapping (20 % smaller, faster) or shape validation.

    Both are process-wide ``rl_config`` switches, restored afterwards; the shapes OneMap
    builds are checked by its tests instead.
    """
    saved = rl_config.useA85, rl_config.shapeChecking
    rl_config.useA85, rl_config.shapeChecking = 0, 0
    try:
        yield
    finally:
        rl_config.useA85, rl_config.shapeChecking = saved


def _say(progress: Progress | None, fraction: float, message: str) -> None:
    if progress is not None:
        progress(fraction, message)


def sheet_ticker(progress: Progress | None, count: int) -> Callable[[], None]:
    """A callable that reports one more sheet drawn."""
    done = [0]

    def tick() -> None:
        done[0] += 1
        _say(progress, 0.05 + 0.93 * done[0] / max(count, 1), f"小区档案 {done[0]}/{count}")

    return tick


__all__ = ["build_document", "estate_sheets", "packet_story", "sheet_ticker", "start_feed"]

"""The public entry points: choose estates, build a packet, build bare sheets."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from reportlab.platypus import Flowable

from onemap.brief.context import BriefContext
from onemap.brief.options import BriefOptions, BriefResult, Cancel, Progress
from onemap.brief.packet import build_document, estate_sheets, packet_story, sheet_ticker, start_feed
from onemap.brief.parallel import MIN_SHEETS, SheetFeed, fork_safe, give_back_freed_memory
from onemap.brief.plan_section import extra_parts
from onemap.brief.score_block import print_scores_of, score_book, start_scores
from onemap.model import Estate
from onemap.store.errors import InventoryError
from onemap.store.inventory import Inventory
from onemap.store.where import Filter
from onemap.view.order import estate_order
from onemap.watch.event import SHANGHAI

Source = Inventory | Path | str


def select_estates(
    inventory: Inventory,
    codes: Sequence[str] = (),
    *,
    all_estates: bool = False,
    where: Filter | str | list[str] | None = None,
) -> list[Estate]:
    """The estates a briefing covers, by township then name.

    Parameters
    ----------
    inventory : Inventory
        The open inventory.
    codes : sequence of str
        Estate codes; every one must exist.
    all_estates : bool
        Every estate (``codes`` and ``where`` are then ignored).
    where : Filter or str or list of str, optional
        A ``--where`` filter.

    Raises
    ------
    InventoryError
        ``no_estate`` for an unknown code, ``bad_where`` for a filter that cannot be read.
    """
    if all_estates or not codes:
        return inventory.estates(None if all_estates else where)
    chosen = list(dict.fromkeys(codes))
    found: dict[str, Estate] = {}
    for i in range(0, len(chosen), 500):
        batch = chosen[i : i + 500]
        flt = Filter("code IN (" + ", ".join("?" * len(batch)) + ")", list(batch))
        found.update((e.code, e) for e in inventory.estates(flt))
    missing = [code for code in chosen if code not in found]
    if missing:
        raise InventoryError("no_estate", inventory.path, detail="、".join(missing[:5]))
    return sorted(found.values(), key=estate_order)


@contextmanager
def _opened(source: Source) -> Iterator[Inventory]:
    if isinstance(source, Inventory):
        yield source
        return
    with Inventory.open(source, readonly=True) as inventory:
        yield inventory


def build_packet(
    source: Source,
    estates: Sequence[Estate | str],
    out: Path | str,
    options: BriefOptions | None = None,
    *,
    selection: str = "",
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    preview: int | None = None,
) -> BriefResult:
    """Write a briefing packet: cover, contents, county summary, overview map, one sheet per estate.

    Parameters
    ----------
    source : Inventory or path
        An open inventory (use it from the thread that opened it) or a file to open read-only.
    estates : sequence of Estate or str
        The estates (or codes) to include; sheets come in township, then name order.
    out : path
        The PDF to write; replaced only once the new one is complete.
    options : BriefOptions, optional
        Paper, orientation, phone masking, font and basemap.
    selection : str
        What was selected, in words, for the cover (``全部小区``, ``筛选：状态=在建``).
    progress : callable, optional
        ``progress(fraction, message)``, called as pages are drawn.
    cancel : callable, optional
        Returns True to stop; the build raises :class:`BriefCancelled` and writes nothing.
    preview : int, optional
        Draw only the first ``preview`` estate sheets (the summary still covers every
        estate): a quick look before the whole packet is made.

    Returns
    -------
    BriefResult
        Page count, the page of every bookmark, the font used and any warnings.
    """
    options = options or BriefOptions()
    with _opened(source) as inventory:
        ctx, early, chosen = _started(inventory, options, estates, preview, packet=True)
        tick = sheet_ticker(progress, min(len(chosen), preview or len(chosen)))
        selection = selection or f"所选 {len(chosen)} 个小区"

        def story(pages: dict[str, int], skeleton: bool) -> list[Flowable]:
            extra, part = extra_parts(ctx, chosen, skeleton)  # plan_section.py: 汇报 and 片区 sheets
            sheets = estate_sheets(ctx, chosen, part=part, tick=tick, cancel=cancel, skeleton=skeleton)
            return packet_story(ctx, chosen, selection, sheets[:preview], pages, skeleton, extra)

        title = f"{ctx.county}城镇老旧小区改造小区档案汇编"
        try:
            result = build_document(
                ctx,
                Path(out),
                story,
                title=title,
                subject=f"{selection}，共 {len(chosen)} 个小区",
                cover=True,
                progress=progress,
                cancel=cancel,
                codes=sheet_codes(ctx, chosen)[:preview],
                early=early,
            )
        finally:
            ctx.close()
    result.estates = len(chosen)
    return result


def build_sheets(
    source: Source,
    estates: Sequence[Estate | str],
    out: Path | str,
    options: BriefOptions | None = None,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> BriefResult:
    """Write estate sheets only (one page each, no cover or summary); see :func:`build_packet`."""
    options = options or BriefOptions()
    with _opened(source) as inventory:
        ctx, early, chosen = _started(inventory, options, estates, None)
        tick = sheet_ticker(progress, len(chosen))

        def story(pages: dict[str, int], skeleton: bool) -> list[Flowable]:
            return list(estate_sheets(ctx, chosen, part=None, tick=tick, cancel=cancel, skeleton=skeleton))

        name = chosen[0].name if len(chosen) == 1 else f"{len(chosen)} 个小区"
        try:
            result = build_document(
                ctx,
                Path(out),
                story,
                title=f"{name} · 小区档案",
                subject=f"{ctx.county}城镇老旧小区改造",
                cover=False,
                progress=progress,
                cancel=cancel,
                codes=sheet_codes(ctx, chosen),
                early=early,
            )
        finally:
            ctx.close()
    result.estates = len(chosen)
    return result


def sheet_codes(ctx: BriefContext, chosen: Sequence[Estate]) -> list[str]:
    """The codes of the estate sheets in the order the packet prints them."""
    return [sheet.code for sheet in estate_sheets(ctx, chosen, part=None, tick=lambda: None, cancel=None)]


def drop_pinyin(started: bool = False) -> None:
    """Unload pypinyin (54 MB of dictionaries, a quarter of a 500-estate packet's memory) once
    the estates are in order: every name and township's sort key stays cached, and a later
    key for a new text loads it again.  Only where nothing else can be using it (no other
    Python thread, no Qt application: see :func:`~onemap.brief.parallel.fork_safe`; ``started``: a
    sheet worker was started, which it was only then, and its pool's one thread never sorts)."""
    loaded = [name for name in sys.modules if name == "pypinyin" or name.startswith("pypinyin.")]
    if loaded and (started or fork_safe()):
        for name in loaded:
            # emptied, not only forgotten: its functions and globals refer to each other, and
            # a collection to break those cycles would walk every one of the dictionaries' lists
            vars(sys.modules.pop(name)).clear()
        give_back_freed_memory()  # the dictionaries' pages go back now, not at the packet's end


def _started(
    inventory: Inventory,
    options: BriefOptions,
    estates: Sequence[Estate | str],
    preview: int | None,
    packet: bool = False,
) -> tuple[BriefContext, SheetFeed | None, list[Estate]]:
    """The briefing's context, its sheet worker already started, and the estates in order.

    Where a process can be forked, the county's scores (and, for a ``packet``, its check-up
    section's data) are worked out in one of their own while this process sorts the estates by
    pinyin; the font is loaded once the county's check-up is gone there, and the sheet worker is
    forked once that process has ended: at 20,000 estates the three never hold their peaks at once
    (``tests/bench/bench_brief.py --trace`` shows each process's memory over time)."""
    codes = list(dict.fromkeys(e if isinstance(e, str) else e.code for e in estates))
    day = options.report_date or datetime.now(SHANGHAI).date()
    options = replace(options, report_date=day)  # the day the scores' building ages are counted to
    # the county's scores are worked out in a process forked now, while this one is small and has
    # no worker yet (score_block.PendingScores): their memory is never this process's or a worker's
    pending = start_scores(inventory, options, codes, packet) if len(codes) >= MIN_SHEETS else None
    try:
        # the estates in order while the scores are worked out: pypinyin's dictionaries (54 MB) come
        # and go; then the font, once the county's check-up has gone (PendingScores.book)
        chosen = _resolve(inventory, estates)
        drop_pinyin()
        if pending is not None:
            pending.book()
        ctx = BriefContext.create(inventory, options)
    except BaseException:
        if pending is not None:
            pending.cancel()
        raise
    if pending is not None:
        ctx.extras["scores_pending"] = pending
    try:
        print_scores_of(ctx, (e.code for e in chosen))  # before the scores are worked out
        if pending is not None:
            # the worker is forked once the scores' process has gone: the two never coexist
            score_book(ctx)
        count = len(codes)
        early = start_feed(ctx, count if preview is None else min(preview, count))
    except BaseException:
        ctx.close()
        raise
    return ctx, early, chosen


def _resolve(inventory: Inventory, estates: Sequence[Estate | str]) -> list[Estate]:
    codes = [e if isinstance(e, str) else e.code for e in estates]
    if not codes:
        raise ValueError("a briefing needs at least one estate")
    return select_estates(inventory, codes)

"""The estate sheet's score section (八、评分): each criterion's points as a small bar, the
gates passed or failed, and the estate's rank in the county.

The scores are those of ``onemap score`` with the shipped weights, computed once per
briefing for the whole inventory (a rank needs every estate).  The section takes only the
room beside the funding table under 四、责任人 (see :mod:`onemap.brief.sheet`), shrinking
to its title line.  A county that has recorded no residents' consent survey has not started choosing
estates, so its sheets carry no score section and the briefing reads nothing for it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable

from onemap.brief.fitting import CELL, grid, stack_height
from onemap.brief.mapdraw import grey
from onemap.brief.options import BriefOptions
from onemap.brief.typeset import Typesetter
from onemap.brief.widgets import SectionTitle
from onemap.checkup.gather import CheckupData
from onemap.checkup.score_xlsx import CRITERION_NAMES
from onemap.checkup.scoring import EstateScore
from onemap.checkup.weights import CRITERIA, Weights

TITLE = "八、评分"
#: the gates in the order ``onemap.checkup.scoring.gates`` tests them, and the words of their reasons
GATES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("建成年代", ("year built", "built ")),
    ("未列入拆除", ("demolition",)),
    ("居民同意双过半", ("consent",)),
)


@dataclass
class ScoreBook:
    """Every estate's score under one weighting, by code.

    ``count`` estates were scored and ``eligible`` of them pass every gate; a book handed to
    a sheet worker holds the scores of its sheet's estate only (see :meth:`only`).
    """

    scores: dict[str, EstateScore]
    weights: Weights
    count: int = -1
    eligible: int = -1

    def __post_init__(self) -> None:
        if self.count < 0:
            self.count = len(self.scores)
        if self.eligible < 0:
            self.eligible = sum(s.eligible for s in self.scores.values())

    def only(self, codes: Sequence[str]) -> ScoreBook:
        """The scores of ``codes`` alone, with the whole county's count and eligible estates."""
        kept = {c: self.scores[c] for c in codes if c in self.scores}
        return ScoreBook(kept, self.weights, self.count, self.eligible)


def score_book(ctx: Any) -> ScoreBook | None:
    """The briefing's scores, computed on first use and kept in ``ctx.extras`` (None: no consent survey).

    A sheet worker is handed its sheet's part of the main process's book with each sheet
    (:mod:`onemap.brief.parallel`), so the check-up is read once per briefing.  Where
    :func:`start_scores` forked a process to work them out, this waits for its book.
    """
    if "scores" not in ctx.extras:
        pending: PendingScores | None = ctx.extras.pop("scores_pending", None)
        if pending is not None and pending.wait():
            ctx.extras["scores"] = pending.found
            if ctx.checkup is None:  # the packet's check-up section, read there too (or None)
                ctx.checkup = pending.checkup
            return pending.found
        book = _compute(ctx)
        printed = ctx.extras.get("printed_scores")
        # the rank needs every estate; the packet keeps the scores it prints (at 20,000 estates the
        # whole book is 16 MB of small dicts, held to the save)
        ctx.extras["scores"] = book if book is None or printed is None else book.only(sorted(printed))
        del book
        from onemap.brief.parallel import give_back_freed_memory

        give_back_freed_memory()  # the check-up's and the whole book's pages, freed, go back now
    found: ScoreBook | None = ctx.extras["scores"]
    return found


def scores_ready(ctx: Any) -> bool:
    """True when :func:`score_book` would not wait for a process working the scores out."""
    pending: PendingScores | None = ctx.extras.get("scores_pending")
    return pending is None or pending.ready()


def print_scores_of(ctx: Any, codes: Iterable[str]) -> None:
    """Let the briefing keep only the scores of ``codes`` and of their 片区's other members (the
    片区 sheets list those): the only ones its sheets print.  Before the first :func:`score_book`."""
    ctx.extras["printed_scores"] = printed_codes(ctx.inventory, codes)


def printed_codes(inventory: Any, codes: Iterable[str]) -> set[str]:
    """``codes`` and the other members of their 片区s."""
    printed = set(codes)
    members = inventory.district_map()
    districts = {members[code] for code in printed if code in members}
    printed |= {code for code, name in members.items() if name in districts}
    return printed


class PendingScores:
    """The printed scores, worked out in a forked process that then exits.

    Working the county's scores out reads every estate's check-up (at 20,000 estates ~75 MB,
    scipy among it, no GDAL, and 1.5 s of CPU).  Done in this process, most of that stayed
    resident to the save (freed, but spread over the heap) and the sheet worker forked later
    inherited it; done in a short-lived process forked before the font and the sheet worker,
    its memory is all given back when it exits, and only the printed estates' scores (a few
    hundred, pickled) come back.  The process sends the book first, then (``checkup``) the
    packet's check-up section's data (:mod:`onemap.brief.checkup_section`: the walking
    network it measures along is read there once for both), so this process can make its
    context while that is read: its font never coexists with the whole county's check-up.
    """

    def __init__(self, path: Path, codes: Sequence[str], year: int, checkup: bool) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self.receive, send = context.Pipe(duplex=False)
        args = (send, path, list(codes), year, checkup)
        self.process = context.Process(target=_score_elsewhere, args=args, daemon=True)
        # this process's objects stay out of the child's collections: a collection writes to every
        # object it walks, so the child would copy each page it shares with this process.  An
        # earlier briefing's garbage goes first (a second packet's scores' process was ~20 MB
        # bigger for it: 20-60 ms)
        from onemap.brief.parallel import give_back_freed_memory

        gc.collect()
        give_back_freed_memory()
        gc.freeze()
        try:
            self.process.start()
        finally:
            gc.unfreeze()
        send.close()
        self.wants_checkup = checkup
        self.found: ScoreBook | None = None
        self.checkup: CheckupData | None = None
        self.sent = False  # the book came
        self.done = False  # the process has gone (or was stopped)

    def ready(self) -> bool:
        """True once the book has come back (or the process has failed)."""
        return self.sent or self.done or self.receive.poll()

    def book(self) -> bool:
        """Wait for the book (then in ``found``); False where the process did not send one."""
        if not self.sent and not self.done:
            message = self._next()
            if message[0] == "book":
                self.sent, self.found = True, message[1]
            if not self.sent or not self.wants_checkup:
                self._end()
        return self.sent

    def wait(self) -> bool:
        """Wait for the book and the check-up section's data (``checkup``), and for the process to end."""
        if self.book() and not self.done:
            message = self._next()
            self.checkup = message[1] if message[0] == "checkup" else None
            self._end()
        return self.sent

    def _next(self) -> tuple[str, Any]:
        try:
            message: tuple[str, Any] = self.receive.recv()
        except (EOFError, OSError):
            message = ("failed", None)
        return message

    def _end(self) -> None:
        self.receive.close()
        self.process.join()
        self.done = True

    def cancel(self) -> None:
        """Stop the process (a build given up before its scores were wanted)."""
        if not self.done:
            self.process.kill()
            self._end()


def _score_elsewhere(send: Any, path: Path, codes: list[str], year: int, checkup: bool) -> None:
    """In the forked process: open the inventory afresh (the parent's SQLite connection is not
    used across a fork), work the scores out and send the printed ones; then, with ``checkup``,
    read and send the check-up of the estates ``codes``."""
    from onemap.brief.parallel import give_back_freed_memory

    try:
        from onemap.brief.selected import SelectedEstates
        from onemap.checkup.gather import estate_facts, read_checkup
        from onemap.store.inventory import Inventory

        with Inventory.open(path, readonly=True) as inventory:
            book = _scores(estate_facts(inventory, read_checkup(inventory)), year)
            book = book.only(sorted(printed_codes(inventory, codes)))
            send.send(("book", book))
            if checkup:
                del book
                give_back_freed_memory()  # the county's check-up, freed, goes back while the rest is read
                send.send(("checkup", read_checkup(SelectedEstates(inventory, codes))))  # type: ignore[arg-type]
    except BaseException:  # the parent works out what it did not get itself
        send.send(("failed", None))
        raise
    finally:
        send.close()


def start_scores(
    inventory: Any, options: BriefOptions, codes: Sequence[str], checkup: bool = False
) -> PendingScores | None:
    """Start working out the scores of a briefing of ``codes`` in a forked process, where one can
    be forked (see :class:`PendingScores`) and the check-up is not read here anyway (a plan or
    片区 sheets keep it); else (None) :func:`score_book` works them out here, when first wanted.
    ``checkup``: the packet's check-up section's data (:mod:`onemap.brief.checkup_section`) is
    read there too.  Call it before the briefing's context is made: the process need not inherit
    the font."""
    from onemap.brief.parallel import fork_safe

    path = getattr(inventory, "path", None)
    if not isinstance(path, Path) or not path.is_file() or not fork_safe():
        return None
    if options.plan_budget_wan is not None or inventory.district_map() or not inventory.readiness():
        return None
    # no GDAL is loaded before the fork: a plain GeoPackage sidecar's reference layers and walking
    # network are read through SQLite (onemap.store.gpkg_layers), here and in the scores' process
    return PendingScores(path, codes, (options.report_date or date.today()).year, checkup)


def stop_scores(ctx: Any) -> None:
    """Stop a process :func:`start_scores` started whose book was never asked for."""
    pending: PendingScores | None = ctx.extras.pop("scores_pending", None)
    if pending is not None:
        pending.cancel()


def _year(ctx: Any) -> int:
    return (ctx.options.report_date or date.today()).year  # building age as of the report date


def _compute(ctx: Any) -> ScoreBook | None:
    from onemap.brief.district_data import full_checkup
    from onemap.checkup.gather import estate_facts, read_checkup

    inventory = ctx.inventory
    if not inventory.readiness():
        return None
    # the whole check-up (20 MB at 20,000 estates) is kept for the packet only where a plan or
    # 片区 sheets read it again; else it goes once the scores are worked out
    kept = "checkup_all" in ctx.extras or ctx.options.plan_budget_wan is not None or inventory.district_map()
    return _scores(estate_facts(inventory, full_checkup(ctx) if kept else read_checkup(inventory)), _year(ctx))


def _scores(facts: Any, year: int) -> ScoreBook:
    from onemap.checkup.scoring import score
    from onemap.checkup.weights import default_weights

    weights = default_weights()
    return ScoreBook({s.code: s for s in score(facts, weights, year)}, weights)


def gate_verdicts(found: EstateScore) -> list[tuple[str, str | None]]:
    """Each gate with ``None`` when passed, else the reason it failed (Chinese)."""
    verdicts: list[tuple[str, str | None]] = []
    for name, words in GATES:
        why = [zh for zh, en in found.reasons if any(en.startswith(w) or w in en for w in words)]
        verdicts.append((name, "；".join(why) or None))
    return verdicts


def score_section(ts: Typesetter, book: ScoreBook | None, code: str, width: float, height: float) -> list[Flowable]:
    """The section for one estate, never taller than ``height`` ([] without scores or room)."""
    found = None if book is None else book.scores.get(code)
    if book is None or found is None:
        return []
    count, verdict = book.count, "符合条件" if found.eligible else "不符合条件"
    head = f"{TITLE} {found.score:g} · 第 {found.rank}/{count} 名 · {verdict}"
    failed = [f"{name}（{why}）" for name, why in gate_verdicts(found) if why is not None]
    gates = (
        f"门槛（建成年代、未列入拆除、居民同意双过半）全部通过；全部 {count} 个小区中符合条件 {book.eligible} 个"
        if not failed
        else "未通过门槛：" + "；".join(failed) + "。排在符合条件的小区之后"
    ) + f"。权重 {ts.text(book.weights.version)} 版，括号内为满分。"
    blocks: list[Flowable] = [
        SectionTitle(ts, head),
        _parts_table(ts, found, book.weights, width),
        ts.markup(ts.esc(gates), CELL),
    ]
    while blocks and stack_height(blocks, width) > height:
        blocks.pop()  # the gates first, then the bars: the title alone still gives score and rank
    return blocks


def _parts_table(ts: Typesetter, found: EstateScore, weights: Weights, width: float) -> Flowable:
    shown = criteria_shown(weights)
    col = width / max(len(shown), 1)
    head = [f"{CRITERION_NAMES[c][0]}<br/>（{weights.weights[c]:g}）" for c in shown]  # two lines in any column
    bars = [PartBar(ts, found.parts.get(c, 0.0), weights.weights[c]) for c in shown]
    table = grid(ts, [[ts.markup(h, 6, "center") for h in head], bars], [col] * len(shown), fixed=True)
    table.setStyle([("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)])
    table.hAlign = "LEFT"
    return table


class PartBar(Flowable):  # type: ignore[misc]
    """One criterion's points: a bar filled to points/weight, the figure printed beside it."""

    def __init__(self, ts: Typesetter, points: float, weight: float) -> None:
        super().__init__()
        self.ts, self.points, self.weight = ts, points, weight

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = max(avail_width, 20.0)
        return self.width, 9.0

    def draw(self) -> None:
        canvas, label = self.canv, f"{self.points:g}"
        room = self.width - self.ts.width(label, 7) - 3
        share = 0.0 if self.weight <= 0 else min(1.0, max(0.0, self.points / self.weight))
        canvas.setLineWidth(0.3)
        canvas.setStrokeColor(grey(0.4))
        canvas.setFillColor(grey(0.92))
        canvas.rect(0, 1, room, 6, stroke=1, fill=1)
        if share > 0:
            canvas.setFillColor(grey(0.3))
            canvas.rect(0, 1, room * share, 6, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        canvas.setFont(self.ts.font.name, 7)
        canvas.drawRightString(self.width, 1.5, label)


def criteria_shown(weights: Weights) -> Sequence[str]:
    """The criteria a sheet prints (those with a weight above zero), in :data:`CRITERIA` order."""
    return [c for c in CRITERIA if weights.weights.get(c, 0) > 0]

"""Estate sheets drawn in a worker process, stitched into the packet's one document.

Sheets are most of a packet's cost (tables fitted to their boxes, the location map
projected, clipped and labelled, two QR codes).  A worker process draws whole sheets onto
a throwaway :class:`RecordingCanvas`, which keeps the page's PDF operators but records
text as runs (font, text, size) instead of encoding it: a TrueType font's subset codes
belong to the one document that embeds it.  The main process appends each sheet's
operators to its page and encodes the runs there, in page order, so the PDF is the same,
byte for byte, as one drawn in a single process, with one embedded font subset set
(per-sheet PDFs merged would repeat the font on every sheet: ~17x larger).

While it would wait for the worker, the main process takes the last sheet still queued
and records it itself, so both cores stay busy whatever the worker's pace.

The county's scores (each sheet's 八、评分 ranks its estate among all of them) are worked out
once per briefing, in a short-lived process forked before the worker and gone before it starts
(:class:`~onemap.brief.score_block.PendingScores`; where none can be forked, in this process),
and each sheet goes to the worker with its own estate's score: the worker never reads the whole
inventory's check-up (at 20,000 estates 2 s of CPU and 50 MB, twice).  The worker is forked with
this process's context (font, county facts, reference layers) and opens only an inventory of its own.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.pdfbase import pdfmetrics

from onemap.brief.context import BriefContext
from onemap.brief.recording import Recording, RecordingCanvas, Run, paste, replay

if TYPE_CHECKING:
    from onemap.brief.score_block import ScoreBook

__all__ = ["Recording", "RecordingCanvas", "Run", "SheetFeed", "paste", "record_sheet", "replay", "usable"]

#: sheets queued ahead of the one being placed: enough to keep the worker busy while the main process
#: lays the packet out and draws the cover, summary and overview map (~50 KB each: 6 MB in all)
WINDOW = 128
#: fewer sheets than this are drawn in the main process: a worker's start costs more
MIN_SHEETS = 12


def usable(ctx: BriefContext, sheets: int) -> int:
    """How many worker processes to use for ``sheets`` sheets (0: draw in this process).

    Sheets with images (a basemap, 3D insets) and the non-embedded fallback font are drawn
    here: their resources are registered per document.
    """
    options = ctx.options
    wanted = options.workers if options.workers is not None else min(1, (os.cpu_count() or 1) - 1)
    if wanted <= 0 or sheets < MIN_SHEETS:
        return 0
    if ctx.basemap is not None or options.inset_images or not ctx.ts.font.embedded:
        return 0
    path = getattr(ctx.inventory, "path", None)
    if not isinstance(path, Path) or not path.is_file() or not fork_safe():
        return 0
    return wanted


def fork_safe() -> bool:
    """True where a worker can be forked: Linux, from a process with one Python thread and no Qt application.

    Forking copies only the calling thread, so a lock another thread holds (Qt's, a
    logging handler's) would stay locked in the worker; and a spawned worker would
    import and load the font again, which costs more than it saves.  Elsewhere, and
    from the viewer, sheets are drawn in this process.
    """
    linux = sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
    return linux and threading.active_count() == 1 and not _qt_running()


def _qt_running() -> bool:
    """True once the process has a Qt application (looked up, never imported: the core has no Qt)."""
    qt = sys.modules.get("PySide6.QtCore")
    return qt is not None and qt.QCoreApplication.instance() is not None


class SheetFeed:
    """Recordings of the sheets ``codes``, in order, from a worker pool and the main process."""

    def __init__(self, ctx: BriefContext, codes: Sequence[str], workers: int, size: tuple[float, float]) -> None:
        self.ctx, self.codes, self.size = ctx, list(codes), size
        # objects already made stay out of the collector's passes while the worker is forked: a
        # collection writes to every object it walks, so the worker would copy each page it
        # shares with this process (ReportLab, numpy, the font's metrics) as it first collects
        gc.freeze()
        give_back_freed_memory()
        self.pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_start_worker,
            initargs=(ctx, size),  # forked: the worker has this very context, not a pickled copy
        )
        self.slots: dict[int, Future[Recording] | Recording] = {}
        self.queued = 0  # codes[:queued] have a slot (or were placed)
        self.own: RecordingCanvas | None = None
        try:
            if self.codes:
                self._top_up(0)  # forks the worker (ProcessPoolExecutor starts them on the first submit)
            else:
                self.pool.submit(_ready)  # forks it now: it sets up while this process orders the sheets
        finally:
            gc.unfreeze()

    def assign(self, codes: Sequence[str]) -> None:
        """Queue the sheets ``codes`` (for a feed started without any)."""
        assert not self.codes, "a feed's sheets are given once"
        self.codes = list(codes)
        self._top_up(0, wait=False)

    def take(self, index: int) -> Recording:
        """The recording of sheet ``index`` (sheets are taken in order)."""
        if index >= self.queued:  # not queued yet (the scores came late): queue it and the next ones now
            self._top_up(index)
        slot = self.slots.get(index)
        if slot is None:  # not queued: record it here
            slot = self._record(self.codes[index])
        while isinstance(slot, Future) and not slot.done() and self._steal(index):
            pass
        recording = slot.result() if isinstance(slot, Future) else slot
        self.slots.pop(index, None)
        self._top_up(index + 1)
        if index == len(self.codes) - 1:  # the last sheet: the worker's memory goes before the save
            self.close()
        return recording

    def _steal(self, index: int) -> bool:
        """Record the last still-queued sheet here (True if there was one)."""
        for later in sorted(self.slots, reverse=True):
            slot = self.slots[later]
            if later <= index:
                return False
            if isinstance(slot, Future) and slot.cancel():
                self.slots[later] = self._record(self.codes[later])
                return True
            if isinstance(slot, Future):
                return False  # the worker has it (or has it next): queued work ahead is not ours
        return False

    def _top_up(self, start: int, wait: bool = True) -> None:
        """Queue sheets up to ``WINDOW`` ahead of ``start``; unless ``wait``, none while the scores
        are still being worked out in another process (the worker would wait, this process need not)."""
        from onemap.brief.score_block import scores_ready

        self.queued = max(self.queued, start)
        if not wait and not scores_ready(self.ctx):
            return
        while self.queued < min(start + WINDOW, len(self.codes)):
            code = self.codes[self.queued]
            self.slots[self.queued] = self.pool.submit(_draw_in_worker, code, self._scores_of(code))
            self.queued += 1

    def _scores_of(self, code: str) -> ScoreBook | None:
        """The score book's part for one sheet: the whole county's scores are worked out here, once."""
        from onemap.brief.score_block import score_book

        book = score_book(self.ctx)
        return None if book is None else book.only([code])

    def _record(self, code: str) -> Recording:
        if self.own is None:
            self.own = RecordingCanvas(self.ctx.options.pagesize, self.ctx.ts.font.name)
        return record_sheet(self.own, self.ctx, code, self.size)

    def close(self) -> None:
        """Stop the workers (queued sheets are dropped)."""
        self.pool.shutdown(wait=True, cancel_futures=True)


def give_back_freed_memory() -> None:
    """Hand the C heap's free pages back to the system before a fork (glibc's ``malloc_trim``):
    pages freed by an earlier packet or the layout would be the worker's too, and counted twice."""
    with contextlib.suppress(OSError, AttributeError):  # musl or another libc: no malloc_trim
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def record_sheet(canvas: RecordingCanvas, ctx: BriefContext, code: str, size: tuple[float, float]) -> Recording:
    """Draw the sheet of ``code`` on ``canvas`` (its scale already taken out) and take the page."""
    from onemap.brief.sheet import facts_of, render_sheet

    render_sheet(canvas, ctx, facts_of(ctx, code), *size)
    return canvas.take()


_WORKER: dict[str, Any] = {}


def _start_worker(parent: BriefContext, size: tuple[float, float]) -> None:
    """Set a forked worker up with its parent's context (font, county facts, reference layers, as
    read there: reading them again made each worker ~25 MB bigger) on an inventory of its own: an
    SQLite connection is never used across a fork."""
    from onemap.store.inventory import Inventory

    inventory = Inventory.open(Path(parent.inventory.path), readonly=True)
    ctx = replace(parent, inventory=inventory, warnings=[], checkup=None, extras={})
    # a worker measures text but never embeds the font: its copy of the file (16 MB for
    # WenQuanYi Zen Hei) is only kept for the subset the main process writes
    pdfmetrics.getFont(ctx.ts.font.name).face._ttf_data = b""
    _WORKER.update(ctx=ctx, canvas=RecordingCanvas(ctx.options.pagesize, ctx.ts.font.name), size=size)


def _ready() -> None:
    """Nothing: submitted to start the worker before its sheets are known."""


def _draw_in_worker(code: str, scores: ScoreBook | None) -> Recording:
    from onemap.brief.packet import fast_reportlab

    _WORKER["ctx"].extras["scores"] = scores  # the main process's, for this sheet's estate
    with fast_reportlab():
        return record_sheet(_WORKER["canvas"], _WORKER["ctx"], code, _WORKER["size"])

"""Pages recorded with their text as runs, and replayed into a document that encodes them.

A TrueType font's subset codes belong to the one document that embeds it, so a page drawn
elsewhere (by a worker process, or once for many sheets, as a map's legend) keeps its PDF
operators with a marker for each run of text (font, text, size).  :func:`replay` appends
them to a page, encoding the runs for its document: the same bytes drawing there writes.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from onemap.brief.fasttext import FastText

#: a recorded text run: font name, text, the "size Tf leading TL" tail, starts after a font change
Run = tuple[str, str, str, bool]
#: a recorded page: its operators as one text (run markers in it) and the runs
Recording = tuple[str, list[Run]]
#: texts whose encoding a document's canvas remembers; past this the memory is dropped and refilled
MEMO_LIMIT = 4000


class RecordingTextObject(PDFTextObject):  # type: ignore[misc]
    """A text object that leaves a marker for each TrueType run instead of its encoded bytes."""

    _curSubset: int  # ReportLab's: -1 until a run of this text object chose a font subset

    def _formatText(self, text: str) -> str:
        font = pdfmetrics.getFont(self._fontname)
        if not font._dynamicFont:
            return str(super()._formatText(text))
        runs = self._canvas.runs
        runs.append(
            (self._fontname, text, f"{fp_str(self._fontsize)} Tf {fp_str(self._leading)} TL", self._curSubset == -1)
        )
        self._curSubset = 0  # the next run in this text object continues the current subset
        return f"\0{len(runs) - 1}\0"


class RecordingCanvas(FastText, Canvas):  # type: ignore[misc]
    """A canvas that is never saved: :meth:`take` hands over one page's operators and text runs."""

    def __init__(self, pagesize: tuple[float, float], font: str) -> None:
        super().__init__(io.BytesIO(), pagesize=pagesize, initialFontName=font)
        self.runs: list[Run] = []

    def beginText(self, x: float = 0, y: float = 0, direction: Any = None) -> RecordingTextObject:
        return RecordingTextObject(self, x, y, direction=direction)

    def run(self, font: Any, text: str) -> str:
        """A marker for the run, as :class:`RecordingTextObject` leaves one (its text object is new)."""
        self.runs.append((self._fontname, text, f"{fp_str(self._fontsize)} Tf {fp_str(self._leading)} TL", True))
        return f"\0{len(self.runs) - 1}\0"

    def take(self) -> Recording:
        """The page recorded so far; the canvas starts a fresh page."""
        recording = ("\n".join(self._code), self.runs)  # one string: a sixth of the memory of a list
        self.runs = []
        self._startPage()
        return recording


def replay(canvas: Canvas, recording: Recording) -> None:
    """Append a recorded page to ``canvas``'s current page, encoding its text runs for this document."""
    ops, runs = recording
    doc = canvas._doc
    # a text's chunks and a subset's name never change within a document once given (see
    # textcache): kept on the canvas, the one document's, so each is worked out once a packet
    shown, names = _memo(canvas, "_onemap_shown"), _memo(canvas, "_onemap_subset_names")
    current = -1

    def encode(index: int) -> str:
        nonlocal current
        name, text, tail, reset = runs[index]
        if reset:
            current = -1
        chunks = shown.get((name, text))
        if chunks is None:
            split = pdfmetrics.getFont(name).splitString(text, doc)
            chunks = shown[(name, text)] = [(subset, f"({canvas._escape(chunk)}) Tj") for subset, chunk in split]
        parts = []
        for subset, chunk in chunks:
            if subset != current:  # as PDFTextObject._formatText: a Tf only where the subset changes
                internal = names.get((name, subset))
                if internal is None:
                    internal = names[(name, subset)] = pdfmetrics.getFont(name).getSubsetInternalName(subset, doc)
                parts.append(f"{internal} {tail}")
                current = subset
            parts.append(chunk)
        return " ".join(parts)

    if ops:  # the page's operators, joined as the canvas joins them
        pieces = ops.split("\0")
        pieces[1::2] = [encode(int(i)) for i in pieces[1::2]]
        add = canvas._code.append
        add("".join(pieces))


def _memo(canvas: Canvas, name: str) -> dict[Any, Any]:
    memo: dict[Any, Any] | None = canvas.__dict__.get(name)
    if memo is None or len(memo) > MEMO_LIMIT:
        memo = canvas.__dict__[name] = {}
    return memo


def paste(canvas: Canvas, recording: Recording) -> None:
    """Append a recording to ``canvas``'s page: encoded for its document, or, on a
    :class:`RecordingCanvas`, kept as runs of its own (their markers renumbered)."""
    if not isinstance(canvas, RecordingCanvas):
        replay(canvas, recording)
        return
    ops, runs = recording
    if ops:
        pieces, start = ops.split("\0"), len(canvas.runs)
        pieces[1::2] = [f"\0{start + int(i)}\0" for i in pieces[1::2]]
        canvas._code.append("".join(pieces))
    canvas.runs.extend(runs)

"""Encoded text remembered per document: a packet prints the same labels on every page.

ReportLab encodes each run of TrueType text for the document's font subsets character by
character (``TTFont.splitString``), every time it is drawn; a sheet draws about a hundred
runs, most of them the same words as on the sheet before (表头, 类型, 建成年份, 本小区范围 …).
Once a character has its subset code in a document the code never changes, so the split of
a text is the same every time: it is kept in the font's state for that document (so it goes
with the document) and handed back.

Widths are remembered per font too: ReportLab measures a CJK paragraph one character at a
time as it breaks its lines (``getCharWidths``, ``cjkFragSplit``) and a table cell's text
again to choose between a plain string and a paragraph; its measuring function costs 3–7 µs
a call, ~190,000 calls a 500-estate packet, where a dictionary look-up costs 0.5 µs.  A
width depends only on the font, the text and the size, so the remembered one is the same
number.  :func:`install` is idempotent; :data:`OWN` and :data:`OWN_WIDTH` are ReportLab's
functions, for the tests that compare the two.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.ttfonts import TTFont

OWN = TTFont.splitString
OWN_WIDTH = TTFont.stringWidth
#: texts remembered per document and font; past this the memory is dropped and refilled
LIMIT = 4000
#: widths remembered per font, of texts up to SHORT characters (a paragraph's characters, labels
#: such as 建成年份): 85 % of the calls, ~3,000 entries (0.6 MB) a 500-estate packet; past the limit, refilled
WIDTH_LIMIT = 20_000
SHORT = 4


def _split(self: TTFont, text: str, doc: Any, encoding: str = "utf-8") -> list[tuple[int, bytes]]:
    state = self.state.get(doc)
    if state is None or not isinstance(text, str):
        return OWN(self, text, doc, encoding)  # type: ignore[no-any-return]
    memo: dict[str, list[tuple[int, bytes]]] | None = getattr(state, "onemap_split", None)
    if memo is None or len(memo) > LIMIT:
        memo = state.onemap_split = {}
    found = memo.get(text)
    if found is None:
        found = memo[text] = OWN(self, text, doc, encoding)
    return found


def _width(self: TTFont, text: str, size: float, encoding: str = "utf8") -> float:
    memo: dict[tuple[str, float], float] | None = self.__dict__.get("_onemap_widths")
    if memo is None or len(memo) > WIDTH_LIMIT:
        memo = self.__dict__["_onemap_widths"] = {}
    key = (text, size)
    found = memo.get(key)
    if found is None:
        found = OWN_WIDTH(self, text, size, encoding)
        if isinstance(text, str) and len(text) <= SHORT:  # longer texts are mostly one estate's own
            memo[key] = found
    return found


def install() -> None:
    """Remember splits and widths from now on (every OneMap briefing imports this)."""
    TTFont.splitString = _split
    TTFont.stringWidth = _width

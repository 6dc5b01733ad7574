"""Encoded text remembered per document: a packet prints the same labels on every page.

ReportLab encodes each run of TrueType text for the document's font subsets character by
character (``TTFont.splitString``), every time it is drawn; a sheet draws about a hundred
runs, most of them the same words as on the sheet before (表头, 类型, 建成年份, 本小区范围 …).
Once a character has its subset code in a document the code never changes, so the split of
a text is the same every time: it is kept in the font's state for that document (so it goes
with the document) and handed back.  :func:`install` is idempotent; :data:`OWN` is
ReportLab's function, for the tests that compare the two.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.ttfonts import TTFont

OWN = TTFont.splitString
#: texts remembered per document and font; past this the memory is dropped and refilled
LIMIT = 4000


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


def install() -> None:
    """Remember splits from now on (every OneMap briefing imports this)."""
    TTFont.splitString = _split

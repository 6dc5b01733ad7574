"""The table of contents: fixed-height lines, so its length never depends on page numbers.

Every line is one line high whatever its text (a long name is shortened with …), so
the first layout pass already knows how many pages the contents take, and the pages it
records are the ones the final pass prints.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.platypus import Flowable

from onemap.brief.document import Mark
from onemap.brief.typeset import Typesetter, shorten

LINE = 14.0
INDENT = 14.0


class TocLines(Flowable):  # type: ignore[misc]
    """Contents lines with dot leaders and page numbers, each linked to its bookmark."""

    def __init__(self, ts: Typesetter, entries: Sequence[Mark], pages: dict[str, int]) -> None:
        super().__init__()
        self.ts, self.entries, self.pages = ts, list(entries), pages

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, LINE * len(self.entries)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        fits = int(avail_height // LINE)
        if fits <= 0 or fits >= len(self.entries):
            return [] if fits <= 0 else [self]
        return [TocLines(self.ts, self.entries[:fits], self.pages), TocLines(self.ts, self.entries[fits:], self.pages)]

    def draw(self) -> None:
        canvas = self.canv
        for i, (key, title, level) in enumerate(self.entries):
            y = (len(self.entries) - i - 1) * LINE + 3.5
            size = 10.5 if level == 0 else 9.0
            page = str(self.pages.get(key, "…"))
            left = INDENT * level
            room = self.width - left - self.ts.width("0000", size) - 12
            text = shorten(self.ts, self.ts.text(title), size, room)
            canvas.setFont(self.ts.font.name, size)
            canvas.setFillColor(colors.black)
            canvas.drawString(left, y, text)
            canvas.drawRightString(self.width, y, page)
            start = left + self.ts.width(text, size) + 4
            end = self.width - self.ts.width(page, size) - 4
            if end > start:
                canvas.setDash(0.6, 2.4)
                canvas.setLineWidth(0.6)
                canvas.line(start, y + 1, end, y + 1)
                canvas.setDash()
            canvas.linkRect("", key, (0, y - 3, self.width, y + LINE - 4), relative=1)

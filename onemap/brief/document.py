"""The ReportLab document of one briefing: page templates, footer, bookmarks, page registry.

Any flowable may carry ``toc_marks`` — ``(key, title, level)`` triples — and after it
is drawn the document records the page of each key, adds a PDF bookmark and an outline
entry.  The table of contents prints the pages recorded by the previous pass.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageTemplate

from onemap.brief.context import BriefContext

Mark = tuple[str, str, int]


def marks_of(flowable: Any) -> list[Mark]:
    """The ``(key, title, level)`` marks a flowable carries (its ``toc_marks`` or own ``toc_key``)."""
    marks = list(getattr(flowable, "toc_marks", []))
    if getattr(flowable, "toc_key", None):
        marks.append((flowable.toc_key, flowable.toc_title, flowable.toc_level))
    return marks


class BriefDocument(BaseDocTemplate):  # type: ignore[misc]
    """One briefing PDF: a cover template without footer and a body template with one."""

    def __init__(
        self, target: Any, ctx: BriefContext, *, title: str, subject: str, total_pages: int | None, cover: bool = True
    ) -> None:
        options = ctx.options
        left, right, top, bottom = options.margins
        super().__init__(
            target,
            pagesize=options.pagesize,
            leftMargin=left,
            rightMargin=right,
            topMargin=top,
            bottomMargin=bottom,
            title=title,
            subject=subject,
            creator="OneMap（一张图）",
            author=options.author or f"{ctx.county}老旧小区改造",
            keywords="老旧小区改造,内部资料",
            lang="zh-CN",
            initialFontName=ctx.ts.font.name,
        )
        self.ctx = ctx
        self.total_pages = total_pages
        #: key -> page number, as drawn in this pass
        self.pages: dict[str, int] = {}
        self.last_page = 0
        x, y, w, h = options.frame
        frame = Frame(x, y, w, h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="main")
        templates = [PageTemplate("cover", [frame]), PageTemplate("body", [frame], onPage=self._footer)]
        self.addPageTemplates(templates if cover else templates[::-1])

    def handle_pageBegin(self) -> None:
        """Count pages (the last one begun is the page count)."""
        super().handle_pageBegin()
        self.last_page = self.page

    def afterFlowable(self, flowable: Any) -> None:
        """Record the page of every mark the flowable carries and bookmark it."""
        for key, title, level in marks_of(flowable):
            self.pages[key] = self.page
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(self.ctx.ts.text(title), key, level=level, closed=level >= 1)

    def _footer(self, canvas: Any, doc: Any) -> None:
        ctx, (width, _h) = self.ctx, self.pagesize
        left, right, _top, bottom = ctx.options.margins
        total = self.total_pages if self.total_pages else "?"
        canvas.saveState()
        canvas.setFont(ctx.ts.font.name, 7.5)
        y = bottom * 0.45
        canvas.setLineWidth(0.4)
        canvas.line(left, y + 10, width - right, y + 10)
        canvas.drawString(left, y, f"{ctx.ts.text(ctx.county)}城镇老旧小区改造 · 内部资料")
        canvas.drawCentredString(width / 2, y, f"第 {doc.page} 页 共 {total} 页")
        canvas.drawRightString(width - right, y, f"数据日期 {ctx.ts.text(ctx.data_date)} · OneMap 一张图")
        canvas.restoreState()


def body_pages() -> NextPageTemplate:
    """Switch to the page template with the footer from the next page on."""
    return NextPageTemplate("body")

"""The packet's cover: county, title, dates, what was selected, and the 内部资料 mark."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.platypus import Flowable

from onemap.brief.context import BriefContext
from onemap.brief.stats import date_zh, tally
from onemap.brief.typeset import number
from onemap.model import Estate

TITLE = "城镇老旧小区改造"
SUBTITLE = "小区档案汇编（一张图）"


class Cover(Flowable):  # type: ignore[misc]
    """A full-frame cover page, bookmarked as 封面."""

    def __init__(self, ctx: BriefContext, estates: Sequence[Estate], selection: str) -> None:
        super().__init__()
        self.ctx, self.estates, self.selection = ctx, estates, selection
        self.toc_marks = [("section:cover", "封面", 0)]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, avail_height - 0.01
        return self.width, self.height

    def draw(self) -> None:
        ts, canvas, w, h = self.ctx.ts, self.canv, self.width, self.height
        font = ts.font.name
        canvas.setLineWidth(1)
        canvas.rect(0, h - 22, ts.width("内部资料 注意保管", 11) + 16, 22)
        canvas.setFont(font, 11)
        canvas.drawString(8, h - 15.5, "内部资料 注意保管")
        canvas.setFont(font, 30)
        canvas.drawCentredString(w / 2, h * 0.68, ts.text(self.ctx.county) + TITLE)
        canvas.setFont(font, 20)
        canvas.drawCentredString(w / 2, h * 0.68 - 40, SUBTITLE)
        canvas.setLineWidth(2)
        canvas.line(w * 0.15, h * 0.68 - 58, w * 0.85, h * 0.68 - 58)
        total = tally("合计", self.estates)
        lines = [
            f"收录范围：{ts.text(self.selection)}",
            f"小区 {total.estates} 个 · 楼栋 {number(total.buildings)} 栋 · 居民 {number(total.households)} 户",
            f"总投资 {total.investment_wan:,.2f} 万元",
        ]
        self._lines(lines, h * 0.68 - 95, 12)
        county = ts.text(self.ctx.county) + (f"（{ts.text(self.ctx.county_code)}）" if self.ctx.county_code else "")
        self._lines(
            [
                f"行政区：{county}",
                f"数据日期：{date_zh(self.ctx.data_date)}",
                f"编印日期：{date_zh(dt.date.today().isoformat())}",
                "由 OneMap 一张图 生成",
            ],
            h * 0.2,
            11,
        )

    def _lines(self, lines: list[str], top: float, size: float) -> None:
        self.canv.setFont(self.ctx.ts.font.name, size)
        for i, line in enumerate(lines):
            self.canv.drawCentredString(self.width / 2, top - i * size * 1.8, line)

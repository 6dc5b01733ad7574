"""The county summary in the shape of a 汇报's 基本情况: totals, a table by renewal year,
charts by year, status and township, the last 30 days' alerts, and the overview map on its own page."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from onemap.brief.alertlist import WINDOW_DAYS
from onemap.brief.alertreport import alert_story
from onemap.brief.charts import bar_chart, column_chart
from onemap.brief.checkup_section import TITLE as CHECKUP_TITLE
from onemap.brief.checkup_section import checkup_story
from onemap.brief.context import BriefContext
from onemap.brief.fitting import grid
from onemap.brief.overview import OverviewMap
from onemap.brief.palette import status_style
from onemap.brief.stats import Tally, by_status, by_township, by_year, date_zh, tally
from onemap.brief.typeset import Typesetter, number
from onemap.model import Estate, status_label


def heading(ts: Typesetter, text: str, key: str, level: int, size: float = 14.0) -> Paragraph:
    """A section heading that is bookmarked and listed in the contents."""
    para = ts.markup(ts.esc(text), size)
    para.style = para.style.clone(f"h{size}", spaceBefore=6, spaceAfter=6, keepWithNext=1)
    para.toc_marks = [(key, text, level)]
    return para


def summary_story(ctx: BriefContext, estates: Sequence[Estate], width: float, skeleton: bool = False) -> list[Flowable]:
    """Flowables of the summary section (several pages, the map last; not drawn in a layout pass)."""
    ts = ctx.ts
    total = tally("合计", estates)
    story: list[Flowable] = [heading(ts, "一、基本情况", "section:summary", 0, 16), _totals(ctx, estates, total)]
    story += [
        heading(ts, "（一）分年度改造情况", "section:years", 1),
        year_table(ts, [*by_year(estates), total], width),
    ]
    story += [
        CondPageBreak(260),
        heading(ts, "（二）改造进度与分布", "section:charts", 1),
        *_charts(ts, estates, width),
    ]
    alerts = alert_story(ctx, estates, width, heading(ts, f"（三）近{WINDOW_DAYS}天告警情况", "section:alerts", 1))
    story += [RoomFor(alerts, 300), *alerts]
    story += [PageBreak(), heading(ts, "（四）小区分布图", "section:map", 1), OverviewMap(ctx, estates, skeleton)]
    story += checkup_story(ctx, estates, width, heading(ts, CHECKUP_TITLE, "section:checkup", 1))  # checkup_section.py
    return story


class RoomFor(CondPageBreak):  # type: ignore[misc]
    """A page break unless the frame has room for ``flowables`` or ``most`` points, whichever is less.

    A fixed ``CondPageBreak(300)`` sent a two-line section (no alerts) to a page of its own
    when the charts above it left less than 300 points.
    """

    def __init__(self, flowables: Sequence[Flowable], most: float) -> None:
        super().__init__(most)
        self.flowables, self.most = list(flowables), most

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        need = 0.0
        for flowable in self.flowables:
            need += flowable.getSpaceBefore() + flowable.wrap(avail_width, self.most)[1] + flowable.getSpaceAfter()
            if need >= self.most:
                break
        self.height = min(need, self.most)
        return super().wrap(avail_width, avail_height)  # type: ignore[no-any-return]


def _totals(ctx: BriefContext, estates: Sequence[Estate], total: Tally) -> Paragraph:
    ts = ctx.ts
    unlocated = sum(1 for e in estates if e.location is None)
    text = (
        f"截至{date_zh(ctx.data_date)}，本册收录{ts.esc(ctx.county)}城镇老旧小区 {total.estates} 个，"
        f"涉及楼栋 {number(total.buildings)} 栋、居民 {number(total.households)} 户，"
        f"住宅建筑面积 {total.area_m2 / 1e4:,.2f} 万平方米，总投资 {total.investment_wan:,.2f} 万元。"
        f"其中已完工（含验收、移交）{total.done} 个，在建 {total.under_way} 个，"
        f"前期阶段（计划、设计、招标）{total.early} 个"
    )
    text += f"；另有 {unlocated} 个小区尚未定位。" if unlocated else "。"
    para = ts.markup(text, 10.5)
    para.style = para.style.clone("totals", firstLineIndent=21, leading=18, spaceAfter=8)
    return para


def year_table(ts: Typesetter, rows: Sequence[Tally], width: float) -> Table:
    """Estates, buildings, households, area, investment and progress per renewal year."""
    head = [
        "改造年度",
        "小区（个）",
        "楼栋（栋）",
        "户数（户）",
        "面积（万㎡）",
        "投资（万元）",
        "已完工",
        "在建",
        "前期",
    ]
    body = [
        [
            r.label,
            number(r.estates),
            number(r.buildings),
            number(r.households),
            f"{r.area_m2 / 1e4:,.2f}",
            f"{r.investment_wan:,.2f}",
            number(r.done),
            number(r.under_way),
            number(r.early),
        ]
        for r in rows
    ]
    fractions = [0.12, 0.1, 0.1, 0.11, 0.12, 0.15, 0.1, 0.1, 0.1]
    table = grid(ts, [[ts.markup(h, 8, "center") for h in head], *body], [width * f for f in fractions])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 1), (-1, -1), ts.font.name, 8.5),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("BACKGROUND", (0, -1), (-1, -1), (0.9, 0.9, 0.9)),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    table.repeatRows = 1
    return table


CHART_HEIGHT = 130.0


def _charts(ts: Typesetter, estates: Sequence[Estate], width: float) -> list[Flowable]:
    years = by_year(estates)
    statuses = by_status(estates)
    half = (width - 12) / 2
    by_year_chart = column_chart(
        ts,
        "分年度小区数（个）",
        [r.label.replace(" 年", "") for r in years],
        [r.estates for r in years],
        half,
        CHART_HEIGHT,
    )
    by_status_chart = column_chart(
        ts,
        "分状态小区数（个）",
        [status_label(k) for k, _n in statuses],
        [n for _k, n in statuses],
        half,
        CHART_HEIGHT,
        styles=[status_style(k) for k, _n in statuses],
    )
    invest_chart = column_chart(
        ts,
        "分年度投资（万元）",
        [r.label.replace(" 年", "") for r in years],
        [round(r.investment_wan) for r in years],
        half,
        CHART_HEIGHT,
    )
    townships = by_township(estates)
    shown = townships[:24]
    more = len(townships) - len(shown)
    town_title = "分镇（街道）小区数（个）" + (f"（前 {len(shown)} 个，另有 {more} 个）" if more else "")
    row = min(13.0, max(9.5, (2 * CHART_HEIGHT - 8) / max(len(shown), 1)))  # about two charts high
    town_chart = bar_chart(ts, town_title, [t for t, _n in shown], [n for _t, n in shown], half, row=row)
    pairs = Table(
        [[by_year_chart, by_status_chart], [invest_chart, town_chart]],
        colWidths=[half + 12, half],
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), ts.font.name, 8),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
            ]
        ),
    )
    note = ts.markup("注：图中数字为实际数值；状态柱以深浅与纹理区分，黑白打印亦可辨认。", 7.5, color="grey")
    return [note, Spacer(1, 6), pairs]

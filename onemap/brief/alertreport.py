"""The packet summary's alert part: a paragraph of totals, tables by type (with handling times)
and by township, and bar charts of both in the county summary's chart style."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from onemap.brief.alertlist import WINDOW_DAYS, duration_words
from onemap.brief.alertstats import AlertTally, by_township, by_type, median, minutes_words, p90, total
from onemap.brief.charts import bar_chart
from onemap.brief.context import BriefContext
from onemap.brief.fitting import grid
from onemap.brief.typeset import Typesetter, number
from onemap.model import Estate
from onemap.store.alert_reports import HandledAlert

#: townships shown in the chart (the table lists every one)
CHART_TOWNSHIPS = 16
HANDLING_HEAD = [f"{step}用时<br/>{stat}（分钟）" for step in ("签收", "办结") for stat in ("中位", "P90")]


def alert_story(ctx: BriefContext, estates: Sequence[Estate], width: float, heading: Flowable) -> list[Flowable]:
    """``（三）近30天告警情况`` of the selected estates: totals, by type, by township, charts."""
    ts, window = ctx.ts, ctx.alert_window
    codes = [e.code for e in estates]
    items = ctx.inventory.handled_alerts(codes, window.since, window.until)
    unsettled = ctx.inventory.unsettled_alert_count(codes, window.until)
    story: list[Flowable] = [heading, _totals(ts, items, unsettled, window.words)]
    if not items:
        return story
    half = (width - 12) / 2
    types, towns = by_type(items), by_township(items)
    story += [_type_table(ts, [*types, total(items)], width), Spacer(1, 8), _town_table(ts, towns, width)]
    shown = towns[:CHART_TOWNSHIPS]
    more = len(towns) - len(shown)
    town_title = "分镇（街道）告警（条）" + (f"（前 {len(shown)} 个，另有 {more} 个）" if more else "")
    charts = Table(
        [
            [
                bar_chart(ts, "分类型告警（条）", [t.label for t in types], [t.alerts for t in types], half),
                bar_chart(ts, town_title, [t.label for t in shown], [t.alerts for t in shown], half),
            ]
        ],
        colWidths=[half + 12, half],
        style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]),
    )
    return [*story, Spacer(1, 8), charts]


def _totals(ts: Typesetter, items: Sequence[HandledAlert], unsettled: int, period: str) -> Flowable:
    if not items:
        text = f"{period}，本册所列小区近{WINDOW_DAYS}天无告警"
        text += f"；以前发生的告警尚有 {unsettled} 条未办结。" if unsettled else "。"
    else:
        all_ = total(items)
        text = (
            f"{period}，本册所列小区共发生告警 {number(all_.alerts)} 条（合并设备连续报警事件 "
            f"{number(all_.events)} 次），涉及小区 {number(len(all_.estates))} 个，其中一级告警 {all_.severe} 条。"
            f"{_took('签收', all_.to_accept)}；{_took('办结', all_.to_settle)}"
            f"（自首次报警起算，已签收 {len(all_.to_accept)} 条、已办结或认定误报 {len(all_.to_settle)} 条）。"
            f"截至统计日，尚未办结的告警 {number(unsettled)} 条"
            + (f"（含{WINDOW_DAYS}天以前发生的 {unsettled - all_.open} 条）。" if unsettled > all_.open else "。")
        )
    para = ts.markup(text, 10.5)
    para.style = para.style.clone("alert-totals", firstLineIndent=21, leading=18, spaceAfter=8)
    return para


def _took(step: str, minutes: list[float]) -> str:
    """``签收用时中位数 12 分、90% 在 40 分内`` (or that none has been reached yet)."""
    if not minutes:
        return f"尚无{step}的告警"
    return f"{step}用时中位数 {duration_words(median(minutes))}、90% 在 {duration_words(p90(minutes))}内"


def _handling(tally: AlertTally) -> list[str]:
    return [
        minutes_words(median(tally.to_accept)),
        minutes_words(p90(tally.to_accept)),
        minutes_words(median(tally.to_settle)),
        minutes_words(p90(tally.to_settle)),
    ]


def _type_table(ts: Typesetter, rows: Sequence[AlertTally], width: float) -> Table:
    head = ["告警类型", "告警（条）", "事件（次）", "一级", "未办结", *HANDLING_HEAD]
    body = [
        [ts.text(r.label), number(r.alerts), number(r.events), number(r.severe), number(r.open), *_handling(r)]
        for r in rows
    ]
    fractions = [0.16, 0.1, 0.1, 0.07, 0.09, 0.12, 0.12, 0.12, 0.12]
    return _styled(ts, head, body, [width * f for f in fractions], total_row=True)


def _town_table(ts: Typesetter, rows: Sequence[AlertTally], width: float) -> Table:
    head = ["镇（街道）", "告警（条）", "涉及小区（个）", "一级", "未办结", HANDLING_HEAD[0], HANDLING_HEAD[2]]
    body = [
        [
            ts.cell(r.label, width * 0.22, 8.5),
            number(r.alerts),
            number(len(r.estates)),
            number(r.severe),
            number(r.open),
            minutes_words(median(r.to_accept)),
            minutes_words(median(r.to_settle)),
        ]
        for r in rows
    ]
    fractions = [0.22, 0.11, 0.13, 0.09, 0.11, 0.17, 0.17]
    return _styled(ts, head, body, [width * f for f in fractions], total_row=False)


def _styled(
    ts: Typesetter, head: list[str], body: Sequence[Sequence[object]], widths: list[float], total_row: bool
) -> Table:
    table = grid(ts, [[ts.markup(h, 8, "center") for h in head], *map(list, body)], widths)
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 1), (-1, -1), ts.font.name, 8.5),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if total_row:
        style.append(("BACKGROUND", (0, -1), (-1, -1), (0.9, 0.9, 0.9)))
    table.setStyle(TableStyle(style))
    table.repeatRows = 1
    return table

"""The estate sheet's fixed sections: overview, renovation and funding.

Each builder returns flowables for a column ``width`` and never taller than ``height``;
lists are cut with 另有 N 项 (see :mod:`onemap.brief.fitting`).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.platypus import Flowable

from onemap.brief.fitting import CELL, fit_rows, grid, stack_height
from onemap.brief.typeset import Typesetter, number
from onemap.brief.widgets import SectionTitle, SplitBar, StatusSteps, Swatch
from onemap.model import BLANK_ZH, CATEGORIES, COORD_SOURCES, FUNDING_SOURCES, Estate, Funding, category_label


def overview(ts: Typesetter, estate: Estate, width: float, height: float) -> list[Flowable]:
    """一、基本情况: stock and management as a two-pair-per-row table."""
    built = estate.built_year_text or (f"{estate.built_year} 年" if estate.built_year else None)
    source = COORD_SOURCES.get(estate.coord_source or "", (estate.coord_source,))[0]
    pairs = [
        ("类型", estate.kind),
        ("建成年份", built),
        ("楼栋数", number(estate.buildings, unit="栋") if estate.buildings is not None else None),
        ("户数", number(estate.households, unit="户") if estate.households is not None else None),
        ("住宅面积", number(estate.floor_area_m2, unit="㎡") if estate.floor_area_m2 is not None else None),
        ("房屋性质", estate.property_type),
        ("管理模式", estate.management),
        ("坐标来源", source),
    ]
    wide = [("地址", estate.address)] + ([("曾用名", estate.former_name)] if estate.former_name else [])
    blocks: list[Flowable] = [SectionTitle(ts, "一、基本情况"), facts_table(ts, pairs, wide, width)]
    if estate.notes:
        notes = fit_rows(
            lambda shown, hidden: ts.markup("备注：" + ts.esc("".join(shown)) + ("……（未完）" if hidden else ""), CELL),
            list(ts.text(estate.notes)),
            width,
            max(height - stack_height(blocks, width) - 3, 0),
        )
        if notes is not None:
            blocks.append(notes)
    return blocks


def facts_table(
    ts: Typesetter, pairs: Sequence[tuple[str, object]], wide: Sequence[tuple[str, object]], width: float
) -> Flowable:
    """Label/value facts two to a row, then ``wide`` ones each across the whole row."""
    widths = [width * 0.17, width * 0.33, width * 0.17, width * 0.33]
    rows: list[list[object]] = [
        [a, ts.cell(b, widths[1]), c, ts.cell(d, widths[3])]
        for (a, b), (c, d) in zip(pairs[::2], pairs[1::2], strict=True)
    ]
    first_wide = len(rows)
    rows += [[label, ts.cell(value, width * 0.83), "", ""] for label, value in wide]
    table = grid(ts, rows, widths, header=False, label_cols=(0, 2), fixed=True)
    table.setStyle(
        [
            cmd
            for i in range(first_wide, len(rows))
            for cmd in (("BACKGROUND", (1, i), (3, i), colors.white), ("SPAN", (1, i), (3, i)))
        ]
    )
    return table


def renovation(ts: Typesetter, estate: Estate, width: float, height: float) -> list[Flowable]:
    """二、改造情况: status steps and progress, year, categories, dates, then the item list."""
    categories = "、".join(category_label(c) for c in estate.categories) or None
    invest = number(estate.investment_wan, 2, "万元") if estate.investment_wan is not None else None
    pairs = [
        ("改造年度", estate.renewal_year),
        ("总投资", invest),
        ("开工日期", estate.start_date),
        ("完工日期", estate.finish_date),
    ]
    blocks: list[Flowable] = [
        SectionTitle(ts, "二、改造情况"),
        StatusSteps(ts, estate.status, estate.progress_pct),
        facts_table(ts, pairs, [("改造类别", categories)], width),
    ]
    room = height - stack_height(blocks, width) - 3
    items = [(i.category, i.item) for i in sorted(estate.items, key=lambda i: _category_order(i.category))]
    listed = fit_rows(lambda shown, hidden: _items_table(ts, shown, hidden, width), items, width, room)
    if listed is not None:
        blocks.append(listed)
    return blocks


def _category_order(key: str) -> int:
    keys = list(CATEGORIES)
    return keys.index(key) if key in keys else len(keys)


def _items_table(ts: Typesetter, items: Sequence[tuple[str, str]], hidden: int, width: float) -> Flowable:
    grouped: dict[str, list[str]] = {}
    for category, item in items:
        grouped.setdefault(category, []).append(item)
    rows: list[list[object]] = [["改造项目", "（一区一策）"]]
    rows += [[category_label(c), ts.cell("、".join(names), width * 0.83)] for c, names in grouped.items()]
    if not items and not hidden:
        rows.append(["项目", BLANK_ZH])
    return grid(ts, rows, [width * 0.17, width * 0.83], header=True, more=hidden, fixed=True)


def funding(ts: Typesetter, estate: Estate, width: float, height: float) -> list[Flowable]:
    """三、资金构成: amount and share per source, total, and the split as one patterned bar."""
    looks = {key: i for i, key in enumerate(FUNDING_SOURCES)}
    shares = [(looks.get(f.source, len(looks)), f) for f in estate.funding if f.amount_wan]
    total = sum(f.amount_wan or 0.0 for _i, f in shares)
    blocks: list[Flowable] = [SectionTitle(ts, "三、资金构成（万元）")]

    def make(shown: Sequence[tuple[int, Funding]], hidden: int) -> Flowable:
        rows: list[list[object]] = [["", "来源", "金额", "占比"]]
        for look, f in shown:
            amount = f.amount_wan or 0.0
            label = FUNDING_SOURCES[f.source][0] if f.source in FUNDING_SOURCES else f.source
            share = f"{100 * amount / total:.1f}%"
            rows.append([Swatch(look), ts.cell(label, width * 0.4), number(amount, 2), share])
        rows.append(["", "合计", number(total, 2) if total else BLANK_ZH, "100%" if total else ""])
        return grid(ts, rows, [width * 0.1, width * 0.4, width * 0.28, width * 0.22], more=hidden, fixed=True)

    if not shares:
        invest = number(estate.investment_wan, 2, "万元") if estate.investment_wan is not None else BLANK_ZH
        return [*blocks, ts.markup(f"资金来源：{BLANK_ZH}（总投资 {ts.esc(invest)}）", CELL)]
    blocks.append(SplitBar([(look, f.amount_wan or 0.0) for look, f in shares]))
    table = fit_rows(make, shares, width, height - stack_height(blocks, width) - 3)
    return blocks + ([table] if table is not None else [])

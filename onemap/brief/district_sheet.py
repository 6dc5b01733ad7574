"""One 片区 on one page: outline map with its members, members table, totals, gaps, problems.

Like the estate sheet, :class:`DistrictSheet` takes the whole frame and cuts its lists to
fit (另有 N 项), so a 片区 of forty estates still prints on one page.  Every name and place
is ledger text and goes through the typesetter (escaped in markup, glyph-checked).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable

from onemap.brief.context import BriefContext
from onemap.brief.district_data import District, districts_of, full_checkup, gap_lines, problem_figures
from onemap.brief.district_map import draw_district_map
from onemap.brief.fitting import CELL, draw_stack, fit_rows, grid
from onemap.brief.options import Cancel, check_cancel
from onemap.brief.score_block import score_book
from onemap.brief.sheet import Section, allocate, sheet_area
from onemap.brief.typeset import number
from onemap.brief.widgets import SectionTitle
from onemap.model import BLANK_ZH, Estate, status_label

TAG = "内部资料 · 注意保管"
#: height the problem table is sure of before the members' table takes what it needs
PROBLEMS_FIRST = 70.0


def district_sheets(ctx: BriefContext, estates: Sequence[Estate], part: str, skeleton: bool) -> list[Flowable]:
    """A sheet per 片区 with a member among ``estates``, the first carrying the part's mark."""
    sheets: list[Flowable] = []
    for district in districts_of(ctx, estates):
        sheet = DistrictSheet(ctx, district)
        sheet.skeleton = skeleton
        if not sheets:
            sheet.toc_marks = [("part:districts", part, 0)]
        sheets.append(sheet)
    return sheets


class DistrictSheet(Flowable):  # type: ignore[misc]
    """The sheet of one 片区 as one full-frame flowable with a bookmark and TOC entry."""

    def __init__(self, ctx: BriefContext, district: District, cancel: Cancel | None = None) -> None:
        super().__init__()
        self.ctx, self.district, self.cancel = ctx, district, cancel
        self.toc_key, self.toc_title, self.toc_level = f"district:{district.name}", district.name, 1
        self.toc_marks: list[tuple[str, str, int]] = []
        self.skeleton = False

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _x, _y, self.width, height = self.ctx.options.frame
        self.height = height - 0.01
        return self.width, self.height

    def draw(self) -> None:
        check_cancel(self.cancel)
        if self.skeleton:
            return
        scale = self.ctx.options.sheet_scale
        self.canv.saveState()
        self.canv.scale(scale, scale)
        render_district(self.canv, self.ctx, self.district, *sheet_area(self.ctx.options))
        self.canv.restoreState()


def render_district(canvas: Any, ctx: BriefContext, district: District, width: float, height: float) -> None:
    """Draw the sheet into a ``width`` x ``height`` area whose origin is its lower left."""
    top = height - _header(canvas, ctx, district, width, height) - 6
    if ctx.options.landscape:
        col = width * 0.46
        draw_district_map(canvas, (0, 0, col, top), district, ctx)
        _lists(canvas, _sections(ctx, district, width - col - 11), col + 11, top)
    else:
        sections = _sections(ctx, district, width)
        lists = sum(s.natural + 8 for s in sections)
        row = min(max(top - lists - 8, top * 0.34), top * 0.62)  # the map takes what the lists leave
        draw_district_map(canvas, (0, top - row, width, row), district, ctx)
        _lists(canvas, sections, 0, top - row - 8)


def _header(canvas: Any, ctx: BriefContext, district: District, width: float, height: float) -> float:
    ts = ctx.ts
    canvas.setLineWidth(0.6)
    canvas.rect(0, height - 10.5, ts.width(TAG, 7.5) + 8, 10.5, stroke=1, fill=0)
    canvas.setFont(ts.font.name, 7.5)
    canvas.drawString(4, height - 8, TAG)
    canvas.drawRightString(width, height - 8, ts.text(f"{ctx.county}城镇老旧小区改造 · 片区档案"))
    title = ts.para(f"片区：{ts.text(district.name)}", 17)
    _w, th = title.wrap(width, 200)
    title.drawOn(canvas, 0, height - 15 - th)
    places = "、".join(district.townships) or f"镇（街道）{BLANK_ZH}"
    many = district.communities
    communities = "、".join(many[:3]) + (f"等 {len(many)} 个社区" if len(many) > 3 else "") or f"社区{BLANK_ZH}"
    sub = ts.markup(
        f"{ts.esc(places)} · {ts.esc(communities)} · 成员小区 {len(district.members)} 个 · "
        f"数据日期 {ts.esc(ctx.data_date)}",
        8.5,
        color="grey",
    )
    _w, sh = sub.wrap(width, 100)
    sub.drawOn(canvas, 0, height - 18 - th - sh)
    header = 18 + th + sh + 3
    canvas.setLineWidth(1.2)
    canvas.line(0, height - header, width, height - header)
    return float(header)


def _sections(ctx: BriefContext, district: District, width: float) -> list[Section]:
    return [
        Section(lambda w, h: _totals(ctx, district, w), width),
        Section(lambda w, h: _members(ctx, district, w, h), width),
        Section(lambda w, h: _gaps(ctx, district, w, h), width),
        Section(lambda w, h: _problems(ctx, district, w, h), width),
    ]


def _lists(canvas: Any, sections: Sequence[Section], x: float, top: float) -> None:
    """Stack the sections down from ``top``: each gets what it needs or a fair share (cut with 另有 N 项)."""
    room = top - 8 * (len(sections) - 1)
    needs = [s.natural for s in sections]
    budgets = allocate([*needs[:-1], min(needs[-1], PROBLEMS_FIRST)], room)  # the members' table comes first
    budgets[-1] += max(room - sum(budgets), 0)
    for section, budget in zip(sections, budgets, strict=True):
        top = draw_stack(canvas, section.fit(budget), x, top, section.width) - 8


def _totals(ctx: BriefContext, district: District, width: float) -> list[Flowable]:
    ts, members = ctx.ts, district.members
    households = sum(e.households or 0 for e in members)
    buildings = sum(e.buildings or 0 for e in members)
    area = sum(e.floor_area_m2 or 0 for e in members)
    money = sum(e.investment_wan or 0 for e in members)
    text = (
        f"本片区由 {len(members)} 个小区组成，楼栋 {number(buildings)} 栋、居民 {number(households)} 户，"
        f"住宅建筑面积 {area / 1e4:,.2f} 万平方米，总投资 {money:,.2f} 万元。"
    )
    return [SectionTitle(ts, "一、概况与合计"), ts.markup(text, 8.5)]


def _members(ctx: BriefContext, district: District, width: float, height: float) -> list[Flowable]:
    ts, book = ctx.ts, score_book(ctx)
    widths = [width * f for f in (0.4, 0.13, 0.13, 0.16, 0.18)]

    def make(shown: Sequence[Estate], hidden: int) -> Flowable:
        rows: list[list[object]] = [["小区（编码）", "户数", "建成年份", "得分（名次）", "状态"]]
        for e in shown:
            found = book.scores.get(e.code) if book is not None else None
            score = "—" if found is None else f"{found.score:g}（{found.rank}）" + ("" if found.eligible else "*")
            built = e.built_year_text or (str(e.built_year) if e.built_year else BLANK_ZH)
            name = ts.cell(f"{e.name}（{e.code}）", widths[0])
            rows.append([name, number(e.households), ts.cell(built, widths[2]), score, status_label(e.status)])
        return grid(ts, rows, widths, more=hidden)

    title = SectionTitle(ts, f"二、成员小区（{len(district.members)} 个）")
    note = ts.markup("得分后标 * 的小区未通过评分门槛（见各小区档案“八、评分”）。", CELL, color="grey")
    table = fit_rows(make, district.members, width, max(height - 40, 0))
    return [title, table, note] if table is not None else [title]


def _gaps(ctx: BriefContext, district: District, width: float, height: float) -> list[Flowable]:
    ts, data = ctx.ts, full_checkup(ctx)
    lines = gap_lines(data, district)
    method = "步行网络距离" if data.gaps.method == "network" else f"直线距离×{data.gaps.detour:g}"
    if not lines:
        text = f"各成员小区 5 分钟生活圈（{method}）内养老、托育、幼儿园、公共活动场地均已具备。"
        return [SectionTitle(ts, "三、共享配套与缺口"), ts.markup(ts.esc(text), CELL)]
    shared = [zh for zh, lacking in lines if len(lacking) >= 2]
    intro = f"按 5 分钟生活圈（{method}）计：" + (
        f"{'、'.join(shared)}为多个小区的共同缺口，一处共享设施可同时补齐。" if shared else "缺口分散在个别小区。"
    )
    widths = [width * 0.2, width * 0.1, width * 0.7]
    rows: list[list[object]] = [["设施", "缺口小区", "小区"]]
    rows += [[zh, len(lacking), ts.cell("、".join(lacking), widths[2])] for zh, lacking in lines]
    return [SectionTitle(ts, "三、共享配套与缺口"), ts.markup(ts.esc(intro), CELL), grid(ts, rows, widths)]


def _problems(ctx: BriefContext, district: District, width: float, height: float) -> list[Flowable]:
    ts = ctx.ts
    figures = problem_figures(full_checkup(ctx), district)
    title = SectionTitle(ts, "四、体检问题（成员小区合计）")
    if not figures:
        return [title, ts.markup("成员小区尚无体检问题记录。", CELL)]
    widths = [width * 0.1, width * 0.68, width * 0.1, width * 0.12]

    def make(shown: Sequence[tuple[str, str, str, float]], hidden: int) -> Flowable:
        rows: list[list[object]] = [["编码", "指标", "单位", "数量"]]
        rows += [[c, ts.cell(name, widths[1]), unit, f"{value:g}"] for c, name, unit, value in shown]
        return grid(ts, rows, widths, more=hidden)

    table = fit_rows(make, figures, width, max(height - 20, 0))
    return [title, table] if table is not None else [title]

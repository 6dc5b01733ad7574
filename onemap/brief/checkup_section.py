"""The packet's check-up part (城市体检与问题清单): indicator totals and the surveyed problems.

Only for a selection with findings or facility gaps.  Every surveyor's word (problem notes,
building names) goes through the typesetter, so ``<``, ``&`` or a phone number in a note
prints as text (masked when the packet masks phones), never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, PageBreak, Spacer

from onemap.brief.context import BriefContext
from onemap.brief.fitting import grid
from onemap.brief.selected import SelectedEstates
from onemap.brief.typeset import Typesetter, number
from onemap.checkup.gather import CheckupData, read_checkup
from onemap.checkup.problems import ProblemLine, problem_lines
from onemap.checkup.rollup import roll_up
from onemap.model import CATEGORIES, Estate

#: surveyed problems printed (the Excel problem list holds them all: ``onemap checkup INV problems``)
MAX_LINES = 300
TITLE = "（五）城市体检与问题清单"


def checkup_story(ctx: BriefContext, estates: Sequence[Estate], width: float, heading: Flowable) -> list[Flowable]:
    """The section for the selected estates, or nothing when the check-up found nothing there."""
    ts, codes = ctx.ts, {e.code for e in estates}
    data = _checkup_data(ctx, codes)
    places = [p for p in data.places if p.code in codes]
    findings = [f for f in data.findings if f.estate_code in codes]
    rollup = roll_up(data.wording, places, findings, data.gaps)
    county = rollup.of("county", "county")
    if not any(county.values()):
        return []
    lines = [p for p in problem_lines(data.wording, places, findings, data.gaps, data.building_names) if p.surveyor]
    surveyed = len({f.estate_code for f in findings})
    method = ts.esc(data.gaps.method_text())
    intro = (
        f"指标为 {ts.esc(data.wording.version)} 年版。本册所列 {len(places)} 个小区中，已现场调查 {surveyed} 个，"
        f"记录问题 {number(len(findings))} 条；养老、婴幼儿照护、幼儿园、公共活动场地四项由生活圈分析得出，"
        f"距离按{method}计。"
    )
    rows = [["编码", "指标", "单位", "数量"]]
    rows += [
        [c, ts.cell(i.name, width * 0.62), i.unit, f"{county[c]:g}"]
        for c, i in data.wording.indicators.items()
        if county[c]
    ]
    story: list[Flowable] = [PageBreak(), heading, ts.markup(intro, 10), Spacer(1, 6)]
    story.append(grid(ts, rows, [width * 0.1, width * 0.66, width * 0.1, width * 0.14]))
    if lines:
        story += [Spacer(1, 10), ts.markup("现场调查问题（按镇街、社区、小区排列）：", 10), Spacer(1, 4)]
        story.append(_problem_table(ts, lines, width))
    return story


def _checkup_data(ctx: BriefContext, codes: set[str]) -> CheckupData:
    """The check-up of the selected estates, read once per briefing: the layout pass and the
    drawing pass both build this section (reading all 20,000 estates of an inventory cost
    0.7 s and 40 MB; :class:`~onemap.brief.selected.SelectedEstates` reads only ``codes``)."""
    data: CheckupData | None = ctx.checkup
    if data is None:
        data = ctx.checkup = read_checkup(SelectedEstates(ctx.inventory, codes))  # type: ignore[arg-type]
    return data


def _problem_table(ts: Typesetter, lines: Sequence[ProblemLine], width: float) -> Flowable:
    widths = [width * w for w in (0.22, 0.1, 0.2, 0.26, 0.09, 0.13)]
    rows: list[list[object]] = [["小区", "楼栋", "指标", "问题", "类别", "调查日期"]]
    for line in lines[:MAX_LINES]:
        rows.append(
            [
                ts.cell(f"{line.estate_name}（{line.estate_code}）", widths[0]),
                ts.cell(line.building or "全小区", widths[1]),
                ts.cell(line.indicator_name, widths[2]),
                ts.cell(line.problem + (f"：{line.note}" if line.note else ""), widths[3]),
                CATEGORIES.get(line.category, (line.category,))[0],
                ts.text(line.surveyed_on),
            ]
        )
    table = grid(ts, rows, widths, more=max(0, len(lines) - MAX_LINES))
    table.repeatRows = 1  # the header again on every page the list runs to
    return table

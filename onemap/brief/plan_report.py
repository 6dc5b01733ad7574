"""The annual plan's 汇报 section (PDF): who is in, what it costs per township, who is out and why.

Estate names and reasons are ledger text: every one goes through the typesetter (escaped,
glyph-checked), so a ``<`` or ``&`` in a name prints as itself.  ``onemap plan … --pdf OUT``
writes it alone (A4, the packet's CJK font).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer

from onemap.brief.fitting import grid
from onemap.brief.fonts import find_cjk_font
from onemap.brief.typeset import Typesetter
from onemap.checkup.plan import BASIS, AnnualPlan, PlanLine

#: estates left out printed in the PDF (the plan sheet holds them all)
MAX_LEFT_OUT = 200


def plan_story(ts: Typesetter, plan: AnnualPlan, districts: Mapping[str, str], width: float) -> list[Flowable]:
    """The section's flowables: heading, summary, per-township totals, the plan, the estates left out."""
    chosen = [line for line in plan.lines if line.chosen]
    left_out = [line for line in plan.lines if not line.chosen]
    summary = (
        f"预算 {plan.budget_wan:g} 万元，入选 {len(chosen)} 个小区，估算合计 {plan.total_wan:g} 万元，"
        f"余 {plan.budget_wan - plan.total_wan:.2f} 万元；未入选 {len(left_out)} 个小区，原因逐一列出。"
        "无估算的小区按面积或户数估算（见“估算依据”）。"
    )
    story: list[Flowable] = [
        ts.markup(f"{plan.year} 年度老旧小区改造计划汇报", 14),
        Spacer(1, 6),
        ts.markup(summary, 10),
        Spacer(1, 8),
        ts.markup("分镇街入选与投资：", 10),
        Spacer(1, 4),
        _township_table(ts, chosen, width),
    ]
    if chosen:
        story += [Spacer(1, 10), ts.markup("入选小区（按名次）：", 10), Spacer(1, 4)]
        story.append(_chosen_table(ts, chosen, districts, width))
    if left_out:
        story += [Spacer(1, 10), ts.markup("未入选小区及原因：", 10), Spacer(1, 4)]
        story.append(_left_out_table(ts, left_out, width))
    return story


def _township_table(ts: Typesetter, chosen: list[PlanLine], width: float) -> Flowable:
    towns: dict[str, list[PlanLine]] = defaultdict(list)
    for line in chosen:
        towns[line.estate.township or "（未填镇街）"].append(line)
    rows: list[list[object]] = [["镇街", "入选小区", "户数", "估算（万元）"]]
    for town, lines in sorted(towns.items()):
        households = sum(line.estate.households or 0 for line in lines)
        rows.append([ts.cell(town, width * 0.4), len(lines), households, f"{sum(x.cost_wan for x in lines):.2f}"])
    total = sum(line.cost_wan for line in chosen)
    rows.append(["合计", len(chosen), sum(x.estate.households or 0 for x in chosen), f"{total:.2f}"])
    return grid(ts, rows, [width * w for w in (0.4, 0.2, 0.2, 0.2)])


def _chosen_table(ts: Typesetter, chosen: list[PlanLine], districts: Mapping[str, str], width: float) -> Flowable:
    widths = [width * w for w in (0.08, 0.32, 0.16, 0.16, 0.08, 0.1, 0.1)]
    rows: list[list[object]] = [["名次", "小区", "镇街", "片区", "得分", "估算（万元）", "估算依据"]]
    for line in chosen:
        rows.append(
            [
                line.score.rank,
                ts.cell(f"{line.estate.name}（{line.estate.code}）", widths[1]),
                ts.cell(line.estate.township, widths[2]),
                ts.cell(districts.get(line.estate.code, ""), widths[3]),
                f"{line.score.score:.1f}",
                f"{line.cost_wan:g}",
                BASIS[line.basis][0],
            ]
        )
    table = grid(ts, rows, widths)
    table.repeatRows = 1
    return table


def _left_out_table(ts: Typesetter, left_out: list[PlanLine], width: float) -> Flowable:
    widths = [width * w for w in (0.08, 0.34, 0.58)]
    rows: list[list[object]] = [["名次", "小区", "原因"]]
    for line in left_out[:MAX_LEFT_OUT]:
        rows.append(
            [
                line.score.rank,
                ts.cell(f"{line.estate.name}（{line.estate.code}）", widths[1]),
                ts.cell(line.reason[0], widths[2]),
            ]
        )
    table = grid(ts, rows, widths, more=max(0, len(left_out) - MAX_LEFT_OUT))
    table.repeatRows = 1
    return table


def save_plan_pdf(plan: AnnualPlan, districts: Mapping[str, str], path: Path) -> None:
    """Write the 汇报 section alone as an A4 PDF at ``path``."""
    ts = Typesetter(find_cjk_font())
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=f"{plan.year} 年度老旧小区改造计划",
    )
    doc.build(plan_story(ts, plan, districts, doc.width))

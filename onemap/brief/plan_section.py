"""The packet's optional parts between the county summary and the estate sheets:
the annual plan's 汇报 (when a budget is given) and the 片区 sheets (when the selection has 片区).

Parts are numbered in the order they appear (二、… 三、…), so the estate sheets' part takes
the next number.  The plan is that of ``onemap plan`` with the shipped weights, restricted
to the packet's estates (their ranks stay the county's), and is worked out once per briefing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.platypus import Flowable, PageBreak

from onemap.brief.context import BriefContext
from onemap.brief.district_sheet import district_sheets
from onemap.brief.report import heading
from onemap.checkup.plan import AnnualPlan
from onemap.model import Estate

NUMBERS = "一二三四五六七八九十"


def extra_parts(ctx: BriefContext, estates: Sequence[Estate], skeleton: bool) -> tuple[list[Flowable], str]:
    """The optional parts' flowables (each starting a page) and the title of the estate sheets' part."""
    story: list[Flowable] = []
    number = 1  # 一、基本情况 is the summary's
    if ctx.options.plan_budget_wan is not None:
        number += 1
        story += plan_part(ctx, estates, f"{NUMBERS[number - 1]}、年度改造计划")
    districts = district_sheets(ctx, estates, f"{NUMBERS[number]}、片区档案", skeleton)
    if districts:
        number += 1
        story += [PageBreak(), *districts]
    return story, f"{NUMBERS[number]}、小区档案"


def plan_part(ctx: BriefContext, estates: Sequence[Estate], title: str) -> list[Flowable]:
    """The 汇报 as a part: its own title becomes the part's bookmarked heading."""
    from onemap.brief.plan_report import plan_story

    plan, districts = packet_plan(ctx, estates)
    width = ctx.options.frame[2]
    story = plan_story(ctx.ts, plan, districts, width)
    story[0] = heading(ctx.ts, f"{title}（{plan.year} 年）", "part:plan", 0, 16)
    return [PageBreak(), *story]


def packet_plan(ctx: BriefContext, estates: Sequence[Estate]) -> tuple[AnnualPlan, dict[str, str]]:
    """The plan of the packet's estates under its budget, and the 片区 map (worked out once)."""
    if "plan" not in ctx.extras:
        from onemap.brief.district_data import full_checkup
        from onemap.checkup.gather import estate_facts, plan_estates
        from onemap.checkup.plan import make_plan
        from onemap.checkup.scoring import score
        from onemap.checkup.weights import default_weights

        inventory, options = ctx.inventory, ctx.options
        day = options.report_date or date.today()  # BriefContext.create fixes it; a bare context may not
        year = options.plan_year or day.year + 1  # next year's list, as ``onemap plan``
        chosen = {e.code for e in estates}
        ranked = [
            s for s in score(estate_facts(inventory, full_checkup(ctx)), default_weights(), year) if s.code in chosen
        ]
        districts = inventory.district_map()
        budget = options.plan_budget_wan or 0.0
        ctx.extras["plan"] = (make_plan(ranked, plan_estates(inventory), budget, year, districts=districts), districts)
    found: tuple[AnnualPlan, dict[str, str]] = ctx.extras["plan"]
    return found

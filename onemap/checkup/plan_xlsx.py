"""The plan sheet (Excel): every estate in rank order, chosen or not and why, with its cost."""

from __future__ import annotations

from pathlib import Path

from onemap.checkup.plan import BASIS, AnnualPlan
from onemap.checkup.problems_xlsx import fill_sheet

HEAD = {
    "zh": ("名次", "小区编码", "小区名称", "镇（街道）", "得分", "估算投资（万元）", "估算依据", "是否入选", "理由"),
    "en": ("Rank", "Code", "Estate", "Township", "Score", "Cost (万元)", "Basis", "Chosen", "Reason"),
}


def save_plan(plan: AnnualPlan, path: Path, lang: str = "zh") -> Path:
    """Write the plan sheet with a totals line under it."""
    import openpyxl

    pick = 0 if lang == "zh" else 1
    yes, no = ("是", "否") if lang == "zh" else ("yes", "no")
    rows = [
        (line.score.rank, line.estate.code, line.estate.name, line.estate.township, line.score.score, line.cost_wan,
         BASIS[line.basis][pick], yes if line.chosen else no, line.reason[pick])
        for line in plan.lines
    ]  # fmt: skip
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = f"{plan.year}年度计划" if lang == "zh" else f"Plan {plan.year}"
    fill_sheet(sheet, HEAD[lang], rows)
    chosen = sum(line.chosen for line in plan.lines)
    total = "合计" if lang == "zh" else "Total"
    sheet.append([total, f"{chosen}", None, None, None, plan.total_wan, f"/ {plan.budget_wan:g}", None, None])
    book.save(path)
    return path

"""The problem list (问题清单) as an Excel workbook: one sheet of problems, one of indicator totals.

Every text cell goes through :func:`onemap.io.export_cells.neutralise` and is stored as a
string, so a surveyor's note beginning with ``=`` never runs as a formula.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from onemap.checkup.indicators import IndicatorSet
from onemap.checkup.problems import ProblemLine
from onemap.checkup.rollup import Rollup
from onemap.io.export_cells import neutralise
from onemap.model import CATEGORIES

PROBLEM_HEAD = {
    "zh": ("镇（街道）", "社区", "小区编码", "小区名称", "楼栋", "指标编码", "指标", "问题", "改造类别", "数值",
           "调查人", "调查日期", "照片", "说明"),
    "en": ("Township", "Community", "Estate code", "Estate", "Building", "Indicator code", "Indicator", "Problem",
           "Category", "Value", "Surveyor", "Surveyed on", "Photo", "Note"),
}  # fmt: skip
_SHEETS = {"zh": ("问题清单", "指标汇总"), "en": ("Problems", "Indicator totals")}
_TOTAL_HEAD = {"zh": ("指标编码", "指标", "单位", "全县"), "en": ("Code", "Indicator", "Unit", "County")}


def problem_row(line: ProblemLine, lang: str = "zh") -> tuple[Any, ...]:
    """One problem as the sheet's cells (category in words)."""
    category = CATEGORIES.get(line.category, (line.category, line.category))[0 if lang == "zh" else 1]
    return (
        line.township, line.community, line.estate_code, line.estate_name, line.building, line.indicator,
        line.indicator_name, line.problem, category, line.value, line.surveyor, line.surveyed_on, line.photo, line.note,
    )  # fmt: skip


def save_problem_list(
    lines: Sequence[ProblemLine], rollup: Rollup, wording: IndicatorSet, path: Path, lang: str = "zh"
) -> Path:
    """Write the problem list and the indicator totals (county and each township) to ``path``."""
    import openpyxl

    book = openpyxl.Workbook()
    first, second = _SHEETS[lang]
    sheet = book.active
    sheet.title = first
    fill_sheet(sheet, PROBLEM_HEAD[lang], (problem_row(line, lang) for line in lines))
    townships = sorted(rollup.figures.get("township", {}))
    head = (*_TOTAL_HEAD[lang], *townships)
    totals = [
        (code, ind.label(lang), ind.unit, rollup.of("county", "county").get(code, 0.0),
         *(rollup.of("township", t).get(code, 0.0) for t in townships))
        for code, ind in wording.indicators.items()
    ]  # fmt: skip
    fill_sheet(book.create_sheet(second), head, totals)
    book.save(path)
    return path


def fill_sheet(sheet: Any, head: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    from openpyxl.styles import Font

    sheet.append([neutralise(h) for h in head])
    for row in rows:
        sheet.append([neutralise(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # "=..." typed in the field stays text, never a formula
    sheet.freeze_panes = "A2"
    if sheet.max_row > 1:
        sheet.auto_filter.ref = sheet.dimensions

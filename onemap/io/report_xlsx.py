"""The import report as an Excel workbook a township can work through and send back fixed.

Sheet 概况 holds the counts and how each ledger column was read; sheet 问题 one row per
problem (行号, 列, 问题, 类别) with a frozen, filterable header.  Every text passes through
:func:`onemap.cameras.redact` once more and :func:`onemap.io.export_cells.neutralise`: it is
written as text, never as a formula.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from onemap.cameras import redact
from onemap.io.export_cells import neutralise
from onemap.io.export_tables import display_width
from onemap.io.report import ImportReport
from onemap.model import CONTACT_ROLES, ESTATE_FIELD_LABELS, FUNDING_SOURCES

_COORDS = {"lon": "经度", "lat": "纬度", "x": "X 坐标", "y": "Y 坐标", "lonlat": "经纬度", "crs": "坐标系"}
_CONTACT_PARTS = {"name": "姓名", "title": "职务", "phone": "联系电话"}
_OTHER = {"cameras": "监控链接", "gb_id": "国标编码", "items": "改造内容"}
_HEAD = {
    "zh": ("概况", "问题", ("行号", "列", "问题", "类别"), ("跳过", "提示"), ("项目", "内容")),
    "en": ("Summary", "Problems", ("Row", "Column", "Problem", "Kind"), ("skipped", "warning"), ("Item", "Value")),
}


def save_report_xlsx(report: ImportReport, path: Path | str, lang: str = "zh") -> Path:
    """Write ``report`` to an .xlsx file and return its path.

    Parameters
    ----------
    report : ImportReport
        A dry-run or real import's report.
    path : Path or str
        The workbook to write (replaced if it exists).
    lang : {"zh", "en"}
        Chinese (the default, for the township) or English messages and headings.
    """
    import openpyxl

    zh = lang == "zh"
    summary_title, problems_title, problem_head, kinds, summary_head = _HEAD["zh" if zh else "en"]
    book = openpyxl.Workbook()
    summary = book.active
    summary.title = summary_title
    _fill(summary, summary_head, _summary_rows(report, zh))
    problems = book.create_sheet(problems_title)
    _fill(problems, problem_head, _problem_rows(report, zh, kinds))
    if problems.max_row > 1:
        problems.auto_filter.ref = problems.dimensions
    out = Path(path)
    book.save(out)
    return out


def _summary_rows(report: ImportReport, zh: bool) -> list[Sequence[Any]]:
    blank = "未填" if zh else "(none)"
    mode = ("试运行（未写入）", "dry run (nothing written)") if report.dry_run else ("已导入", "imported")
    facts: list[tuple[str, str, Any]] = [
        ("台账文件", "Ledger", report.source),
        ("方式", "Mode", mode[0] if zh else mode[1]),
        ("工作表", "Sheet", report.sheet or blank),
        ("坐标系", "CRS", report.crs or blank),
        ("新增小区", "Imported", len(report.imported)),
        ("更新小区", "Updated", len(report.updated)),
        ("无变化小区", "Unchanged", len(report.unchanged)),
        ("跳过行", "Skipped rows", len(report.skipped)),
        ("提示", "Warnings", len(report.warnings)),
        ("导入前备份", "Backup before import", report.backup or blank),
    ]
    rows: list[Sequence[Any]] = [(label_zh if zh else label_en, value) for label_zh, label_en, value in facts]
    rows += [(), ("台账列", "对应字段") if zh else ("Ledger column", "Read as")]
    rows += [(header, _target_label(target) if zh else target) for header, target in report.mapping.items()]
    unknown = "未识别（已保存到备注）" if zh else "not recognised (kept in notes)"
    rows += [(column, unknown) for column in report.unknown_columns]
    return rows


def _problem_rows(report: ImportReport, zh: bool, kinds: tuple[str, str]) -> list[Sequence[Any]]:
    skipped = [(i.row, i.field or "", i.message if zh else i.message_en, kinds[0]) for i in report.skipped]
    warned = [(i.row, i.field or "", i.message if zh else i.message_en, kinds[1]) for i in report.warnings]
    return sorted(skipped + warned, key=lambda r: (r[0], r[3] != kinds[0]))


def _target_label(target: str) -> str:
    """``estate.households`` -> 户数, ``contact.leader.phone`` -> 包抓负责人·联系电话."""
    kind, _, rest = target.partition(".")
    if kind == "estate":
        return ESTATE_FIELD_LABELS.get(rest, rest)
    if kind == "contact":
        role, _, part = rest.partition(".")
        return f"{CONTACT_ROLES.get(role, (role,))[0]}·{_CONTACT_PARTS.get(part, part)}"
    if kind == "funding":
        return f"资金来源·{FUNDING_SOURCES.get(rest, (rest,))[0]}"
    if kind == "coord":
        return _COORDS.get(rest, rest)
    return _OTHER.get(target, target)


def _fill(sheet: Any, head: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet.append(list(head))
    for row in rows:
        sheet.append([_safe(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        cell.alignment = Alignment(vertical="center")
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # "=..." from a ledger stays text, never a formula
    sheet.freeze_panes = "A2"
    for index, column in enumerate(sheet.iter_cols(max_row=min(sheet.max_row, 1000)), start=1):
        width = max(display_width(cell.value) for cell in column)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 80)


def _safe(value: Any) -> Any:
    return neutralise(redact(value)) if isinstance(value, str) else value

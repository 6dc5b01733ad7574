"""The import report saved as Excel: counts and mapping, one row per problem, and never a password."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from onemap.io.importer import ImportOptions, import_ledger
from onemap.io.report import ImportReport
from onemap.io.report_xlsx import save_report_xlsx
from tests.core.ledgers import PASSWORD, excel_ledger


@pytest.fixture
def dry_run_report(tmp_path: Path) -> ImportReport:
    ledger = excel_ledger(tmp_path / "武侯镇 台账.xlsx")
    return import_ledger(ledger, tmp_path / "清单.gpkg", ImportOptions(dry_run=True, county="610725"))


def _cells(sheet) -> list[list[object]]:  # type: ignore[no-untyped-def]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_summary_sheet_has_the_counts_and_how_each_column_was_read(
    dry_run_report: ImportReport, tmp_path: Path
) -> None:
    out = save_report_xlsx(dry_run_report, tmp_path / "导入报告.xlsx")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["概况", "问题"]
    summary = {row[0]: row[1] for row in _cells(book["概况"]) if row[0]}
    assert summary["方式"] == "试运行（未写入）" and summary["新增小区"] == len(dry_run_report.imported)
    assert summary["跳过行"] == 1 and summary["提示"] == len(dry_run_report.warnings)
    assert summary["无变化小区"] == 0
    assert summary["户数（户）"] == "户数" and summary["责任人/联系电话"] == "包抓负责人·联系电话"
    assert summary["楼长"] == "未识别（已保存到备注）"


def test_the_problems_sheet_lists_row_column_and_problem_under_a_frozen_header(
    dry_run_report: ImportReport, tmp_path: Path
) -> None:
    out = save_report_xlsx(dry_run_report, tmp_path / "导入报告.xlsx")
    sheet = openpyxl.load_workbook(out)["问题"]
    rows = _cells(sheet)
    assert rows[0] == ["行号", "列", "问题", "类别"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:D{len(rows)}"
    assert [r[0] for r in rows[1:]] == sorted(r[0] for r in rows[1:])
    assert [5, "监控链接", "第 1 个链接中的账号密码已移除（试运行，未保存到钥匙串）", "提示"] in rows
    assert [10, None, "合计行，不导入", "跳过"] in rows
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["A"].width >= 8


def test_no_credential_reaches_any_part_of_the_workbook(dry_run_report: ImportReport, tmp_path: Path) -> None:
    dry_run_report.warn(7, "监控链接", f"原文 rtsp://admin:{PASSWORD}@10.7.1.2/1 无法识别", "unreadable")
    dry_run_report.warnings.append(
        dry_run_report.warnings[-1].__class__(
            8, "备注", f"rtsp://admin:{PASSWORD}@10.7.1.3/1", "a message someone forgot to redact"
        )
    )
    out = save_report_xlsx(dry_run_report, tmp_path / "导入报告.xlsx")
    with zipfile.ZipFile(out) as workbook:
        for name in workbook.namelist():
            data = workbook.read(name)
            assert PASSWORD.encode() not in data and b"Zx9!pa" not in data, name


def test_a_ledger_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    report = ImportReport("台账.xlsx")
    report.warn(3, '=HYPERLINK("http://x")', "=1+1 不是数字", "=1+1 is not a number")
    out = save_report_xlsx(report, tmp_path / "报告.xlsx")
    with zipfile.ZipFile(out) as workbook:
        sheets = b"".join(workbook.read(n) for n in workbook.namelist() if n.startswith("xl/worksheets/"))
    assert b"<f>" not in sheets
    rows = _cells(openpyxl.load_workbook(out)["问题"])
    # neutralised as OWASP advises: a cell edited in Excel and confirmed stays text too
    assert rows[1][1] == '\'=HYPERLINK("http://x")' and rows[1][2] == "'=1+1 不是数字"


def test_ledger_column_names_that_look_like_formulas_are_neutralised_in_the_summary(tmp_path: Path) -> None:
    report = ImportReport("台账.csv", mapping={"@SUM(A1)": "estate.name"}, unknown_columns=["-2+3", "+cmd"])
    out = save_report_xlsx(report, tmp_path / "报告.xlsx")
    first_column = [row[0] for row in _cells(openpyxl.load_workbook(out)["概况"])]
    assert {"'@SUM(A1)", "'-2+3", "'+cmd"} <= set(first_column)
    assert not [c for c in first_column if isinstance(c, str) and c[:1] in "=+-@"]


def test_an_english_workbook_for_the_english_interface(dry_run_report: ImportReport, tmp_path: Path) -> None:
    out = save_report_xlsx(dry_run_report, tmp_path / "import report.xlsx", lang="en")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Summary", "Problems"]
    assert _cells(book["Problems"])[0] == ["Row", "Column", "Problem", "Kind"]
    assert "totals row, not imported" in [r[2] for r in _cells(book["Problems"])]


def test_a_clean_import_still_gives_both_sheets(tmp_path: Path) -> None:
    out = save_report_xlsx(ImportReport("台账.csv", imported=["6107250001"]), tmp_path / "报告.xlsx")
    book = openpyxl.load_workbook(out)
    assert _cells(book["问题"]) == [["行号", "列", "问题", "类别"]]


def test_the_summary_sheet_counts_the_estates_the_ledger_matched_without_a_change(tmp_path: Path) -> None:
    ledger = excel_ledger(tmp_path / "台账.xlsx")
    inventory = tmp_path / "清单.gpkg"
    import_ledger(ledger, inventory, ImportOptions(county="610725"))
    again = import_ledger(ledger, inventory, ImportOptions(dry_run=True, county="610725"))
    assert again.unchanged and not again.updated
    for lang, label in (("zh", "无变化小区"), ("en", "Unchanged")):
        book = openpyxl.load_workbook(save_report_xlsx(again, tmp_path / f"{lang}.xlsx", lang=lang))
        summary = {row[0]: row[1] for row in _cells(book.worksheets[0]) if row[0]}
        assert summary[label] == len(again.unchanged)

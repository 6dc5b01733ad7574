"""The cells a workbook really holds, sheet by sheet, read in openpyxl's read-only mode.

openpyxl's normal mode builds a cell object for every cell of every merged range (a range
``A3:XFD1048576`` is 17 billion of them) and its read-only rows are padded out to the
sheet's declared size.  Here openpyxl's own sheet parser is driven directly: a row is
built only if the XML holds it, with only the cells it holds, and the merged ranges are
kept as four numbers each.  Damaged parts (bad XML inside a valid zip, a sheet part that
is missing) are refused in one sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onemap.io.ledger_table import LedgerError

#: (first column, first row, last column, last row), 1-based like Excel
Range = tuple[int, int, int, int]
#: An .xlsx is held in memory while it is read (a CSV is streamed): beyond this, ask for CSV.
MAX_CELLS = 8_000_000


@dataclass
class SheetCells:
    """One sheet: its rows (number, column -> value; empty rows left out) and merged ranges."""

    title: str
    rows: list[tuple[int, dict[int, Any]]] = field(default_factory=list)
    merged: list[Range] = field(default_factory=list)


def read_sheets(path: Path, sheet: str | None = None) -> list[SheetCells]:
    """Every worksheet of the workbook, or only ``sheet`` (a name or a 1-based number)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises a dozen types for a damaged part; all mean "damaged"
        raise _damaged(path, error) from None
    try:
        worksheets = [ws for ws in book.worksheets if hasattr(ws, "_get_source")]
        if sheet is not None:
            worksheets = [_named_sheet(book, worksheets, sheet, path)]
        if not worksheets:
            raise LedgerError(
                f"{path.name} 不是有效的 Excel 文件（找不到任何工作表，可能已损坏）。",
                f"{path.name} is not a valid Excel file (no worksheet found; it may be damaged).",
            )
        return [_read(book, ws, path) for ws in worksheets]
    finally:
        book.close()


def _named_sheet(book: Any, worksheets: list[Any], sheet: str, path: Path) -> Any:
    by_title = {ws.title: ws for ws in worksheets}
    if sheet in by_title:
        return by_title[sheet]
    if sheet.isdigit() and 1 <= int(sheet) <= len(worksheets):
        return worksheets[int(sheet) - 1]
    names = [ws.title for ws in worksheets]
    raise LedgerError(
        f"{path.name} 中没有名为“{sheet}”的工作表，现有：{'、'.join(names)}",
        f"{path.name} has no sheet {sheet!r}; it has: {', '.join(names)}",
    )


def _read(book: Any, worksheet: Any, path: Path) -> SheetCells:
    from openpyxl.worksheet._reader import WorkSheetParser

    found = SheetCells(worksheet.title)
    try:
        with worksheet._get_source() as source:
            parser = WorkSheetParser(
                source,
                worksheet._shared_strings,
                data_only=True,
                epoch=book.epoch,
                date_formats=book._date_formats,
                timedelta_formats=book._timedelta_formats,
            )
            held = 0
            for number, cells in parser.parse():
                values = {c["column"]: c["value"] for c in cells if c["value"] is not None}
                if values:
                    found.rows.append((number, values))
                    held += len(values)
                    if held > MAX_CELLS:
                        raise _too_big(path, worksheet.title)
            merged = parser.merged_cells.mergeCell if parser.merged_cells else []
            found.merged = [_bounds(m.ref) for m in merged]
    except LedgerError:
        raise
    except Exception as error:  # bad XML, a missing part, a cell reference out of range ...
        raise _damaged(path, error, worksheet.title) from None
    found.rows.sort(key=lambda row: row[0])
    return found


def _too_big(path: Path, sheet: str) -> LedgerError:
    return LedgerError(
        f"{path.name} 的工作表“{sheet}”超过 {MAX_CELLS // 10_000} 万个单元格；"
        "这么大的台账请在 Excel 中另存为 CSV 再导入（CSV 按流读取）。",
        f"{path.name}, sheet {sheet!r}, holds more than {MAX_CELLS:,} cells; save a ledger "
        "this large as CSV in Excel and import that (CSV is read as a stream).",
    )


def _bounds(ref: str) -> Range:
    from openpyxl.utils.cell import range_boundaries

    min_col, min_row, max_col, max_row = range_boundaries(ref)
    return (min_col or 1, min_row or 1, max_col or min_col or 1, max_row or min_row or 1)


def _damaged(path: Path, error: BaseException, sheet: str | None = None) -> LedgerError:
    where_zh = f"工作表“{sheet}”" if sheet else "文件结构"
    where_en = f"sheet {sheet!r}" if sheet else "its structure"
    return LedgerError(
        f"{path.name} 不是有效的 Excel 文件（{where_zh}已损坏，可能实为其他格式）；"
        "请在 Excel 中打开后另存为 .xlsx 再导入。",
        f"{path.name} is not a valid Excel file ({where_en} is damaged: {type(error).__name__}); "
        "open it in Excel, save it as .xlsx again and import that.",
    )

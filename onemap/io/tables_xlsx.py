"""Excel ledgers (.xlsx): pick the sheet that holds the ledger, unmerge cells, read rows."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from onemap.io.tables import HeaderScore, LedgerError, Table, pick_header, table_from_grid


def read_xlsx(path: Path, score: HeaderScore, sheet: str | None = None) -> Table:
    """Read the ledger sheet of a workbook (``sheet`` by name or 1-based number overrides)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise LedgerError(f"{path.name} 不是有效的 Excel 文件（可能已损坏或实为其他格式）。",
                          f"{path.name} is not a valid Excel file ({type(error).__name__}).") from None
    if sheet is not None:
        worksheet = _named_sheet(book, sheet, path)
        return table_from_grid(str(path), worksheet.title, _grid(worksheet), score, first_number=1)
    grids = {ws.title: _grid(ws) for ws in book.worksheets}
    best = max(grids, key=lambda title: _sheet_score(grids[title], score))
    return table_from_grid(str(path), best, grids[best], score, first_number=1)


def _named_sheet(book: Any, sheet: str, path: Path) -> Any:
    if sheet in book.sheetnames:
        return book[sheet]
    if sheet.isdigit() and 1 <= int(sheet) <= len(book.worksheets):
        return book.worksheets[int(sheet) - 1]
    names = "、".join(book.sheetnames)
    raise LedgerError(f"{path.name} 中没有名为“{sheet}”的工作表，现有：{names}",
                      f"{path.name} has no sheet {sheet!r}; it has: {', '.join(book.sheetnames)}")


def _sheet_score(grid: list[list[Any]], score: HeaderScore) -> tuple[int, int]:
    if not grid:
        return (0, 0)
    top = pick_header(grid, score)
    header = ["" if c is None else str(c) for c in grid[top]]
    return (score(header), len(grid))


def _grid(worksheet: Any) -> list[list[Any]]:
    """The sheet's values with every merged range filled from its top-left cell.

    Ledgers merge a township cell down over its estates and a 责任人 header across its
    sub-columns; both mean "this value applies to every cell of the range".
    """
    rows = [list(r) for r in worksheet.iter_rows(values_only=True)]
    for merged in worksheet.merged_cells.ranges:
        value = rows[merged.min_row - 1][merged.min_col - 1] if merged.min_row - 1 < len(rows) else None
        for r in range(merged.min_row - 1, min(merged.max_row, len(rows))):
            for c in range(merged.min_col - 1, merged.max_col):
                if c < len(rows[r]):
                    rows[r][c] = value
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    return rows

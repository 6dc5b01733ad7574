"""Excel ledgers (.xlsx): pick the sheet that holds the ledger, unmerge cells, read rows.

Work is bounded by the cells a workbook really holds, never by what it claims: the zip's
declared sizes are checked before openpyxl opens it (a 6 MB zip bomb is refused at once),
sheets are read in openpyxl's read-only mode so only rows that exist are built (a lone
cell at XFD1048576 costs one row, not a million), and merged ranges are clipped to those
rows and to the header's width (``A3:XFD1048576`` fills a few cells, not 17 billion).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from onemap.io.ledger_table import (
    HEADER_SCAN_ROWS,
    HeaderScore,
    LedgerError,
    NumberedRow,
    Table,
    pick_header,
    table_from_rows,
)
from onemap.io.tables_xlsx_sheets import SheetCells, read_sheets

#: A workbook whose parts unpack to more than this is refused before anything is unpacked.
MAX_UNPACKED_BYTES = 1 << 30
#: Ledger XML compresses 5–20×; far beyond this is a zip bomb, not a ledger.
MAX_RATIO = 200
MAX_MERGED_FILL = 5_000_000


def read_xlsx(path: Path, score: HeaderScore, sheet: str | None = None) -> Table:
    """Read the ledger sheet of a workbook (``sheet`` by name or 1-based number overrides).

    Raises
    ------
    LedgerError
        For a file that is not a workbook, a damaged one, a zip bomb, or a missing sheet.
    """
    check_zip(path)
    sheets = read_sheets(path, sheet)
    grids = {s.title: _numbered(s, path) for s in sheets}
    best = max(grids, key=lambda title: _sheet_score(grids[title], score))
    return table_from_rows(str(path), best, grids[best], score)


def check_zip(path: Path) -> None:
    """Refuse a workbook whose zip declares more data than any ledger has (before unpacking)."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise not_excel(path, error) from None
    unpacked = sum(p.file_size for p in parts)
    packed = sum(p.compress_size for p in parts)
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_RATIO * max(packed, 1) and unpacked > 50 << 20:
        raise LedgerError(
            f"{name} 解压后有 {unpacked / (1 << 20):.0f} MB（压缩比 {unpacked / max(packed, 1):.0f} 倍），"
            "不像台账（可能是“压缩炸弹”），未导入。",
            f"{name} unpacks to {unpacked / (1 << 20):.0f} MB (ratio {unpacked / max(packed, 1):.0f}:1); "
            "that is no ledger (possibly a zip bomb). Nothing imported.",
        )


def not_excel(path: Path, error: BaseException) -> LedgerError:
    """The one sentence for a file that is not (or no longer) a readable workbook."""
    return LedgerError(
        f"{path.name} 不是有效的 Excel 文件（可能已损坏或实为其他格式）。",
        f"{path.name} is not a valid Excel file ({type(error).__name__}).",
    )


def _sheet_score(grid: list[NumberedRow], score: HeaderScore) -> tuple[int, int]:
    if not grid:
        return (0, 0)
    rows = [row for _n, row in grid[:HEADER_SCAN_ROWS]]
    top = pick_header(rows, score)
    header = ["" if c is None else str(c) for c in rows[top]]
    return (score(header), len(grid))


def _numbered(sheet: SheetCells, path: Path) -> list[NumberedRow]:
    """The sheet's rows (only those holding cells) with every merged range filled from its corner.

    Ledgers merge a township cell down over its estates and a 责任人 header across its
    sub-columns; both mean "this value applies to every cell of the range".  Columns
    beyond the widest of the first rows (where the header is) have no name and are left out.
    """
    rows = sheet.rows
    numbers = [n for n, _cells in rows]
    width = max((max(cells, default=0) for _n, cells in rows[: HEADER_SCAN_ROWS + 1]), default=0)
    by_number = {n: cells for n, cells in rows}
    budget = MAX_MERGED_FILL
    for min_col, min_row, max_col, max_row in sheet.merged:
        value = by_number.get(min_row, {}).get(min_col)
        last_col = min(max_col, width)
        for number in _between(numbers, min_row, max_row):
            cells = by_number[number]
            budget -= max(last_col - min_col + 1, 0)
            if budget < 0:
                raise LedgerError(
                    f"{path.name} 的合并单元格覆盖的数据过多，不像台账，未导入。",
                    f"{path.name} has merged ranges over too many cells; nothing imported.",
                )
            for col in range(min_col, last_col + 1):
                cells[col] = value
    return [(n, [cells.get(c) for c in range(1, min(max(cells, default=0), width) + 1)]) for n, cells in rows]


def _between(numbers: list[int], first: int, last: int) -> list[int]:
    from bisect import bisect_left, bisect_right

    return numbers[bisect_left(numbers, first) : bisect_right(numbers, last)]

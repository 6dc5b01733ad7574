"""Reading a ledger file into header names and raw rows, as county offices keep them.

Excel ledgers have title rows above the header, two-row headers under merged cells
(责任人 → 姓名/职务/联系电话), several sheets, blank rows and a totals row at the end.
CSV files come in UTF-8, UTF-8 with BOM or GB18030.  Every row keeps the number the
clerk sees in Excel, so the import report can name the cell to fix.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onemap.io.export_cells import restore  # our exports' formula guard comes off again

HEADER_SCAN_ROWS = 15
TOTAL_WORDS = ("合计", "小计", "总计", "共计")


class LedgerError(Exception):
    """A ledger file that cannot be read at all, with a sentence for the clerk."""

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_zh)
        self.message_zh = message_zh
        self.message_en = message_en


@dataclass
class SourceRow:
    """One data row: its number as the user sees it (Excel row, CSV line) and raw cells."""

    number: int
    cells: dict[str, Any]
    geometry: dict[str, Any] | None = None


@dataclass
class Table:
    """A ledger read from a file: where it came from, its headers and its rows."""

    source: str
    sheet: str | None
    headers: list[str]
    rows: list[SourceRow] = field(default_factory=list)
    skipped_rows: list[tuple[int, str]] = field(default_factory=list)
    crs: str | None = None


HeaderScore = Callable[[list[str]], int]


def read_table(path: Path, score: HeaderScore, sheet: str | None = None) -> Table:
    """Read ``.xlsx``, ``.csv`` or ``.geojson``; ``score`` rates a candidate header row.

    Raises
    ------
    LedgerError
        For a missing file, an unsupported format or a file that is not what its name says.
    """
    if not path.exists():
        raise LedgerError(f"找不到台账文件：{path.name}", f"Ledger file not found: {path.name}")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from onemap.io.tables_xlsx import read_xlsx

        return read_xlsx(path, score, sheet)
    if suffix in (".csv", ".txt"):
        return read_csv(path, score)
    if suffix in (".geojson", ".json"):
        from onemap.io.tables_geojson import read_geojson
        from onemap.io.tables_gis import tidy_gis_table

        return tidy_gis_table(read_geojson(path))
    if suffix == ".shp":
        from onemap.io.tables_shp import read_shp

        return read_shp(path)
    if suffix == ".xls":
        raise LedgerError("不支持旧版 .xls 文件，请在 Excel 中“另存为” .xlsx 后再导入。",
                          "Old .xls files are not supported; save as .xlsx in Excel first.")
    raise LedgerError(f"不支持的文件类型“{suffix}”，请使用 .xlsx、.csv、.geojson 或 .shp。",
                      f"Unsupported file type {suffix!r}; use .xlsx, .csv, .geojson or .shp.")


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a CSV's bytes: UTF-8 (with or without BOM), else GB18030 (Excel on Chinese Windows)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise LedgerError("无法识别文件编码（不是 UTF-8 或 GB18030），请在 Excel 中另存为“CSV UTF-8”。",
                          "Unknown text encoding (not UTF-8 or GB18030); save as CSV UTF-8.") from None


def read_csv(path: Path, score: HeaderScore) -> Table:
    """Read a CSV saved by Excel or by hand, detecting its encoding and delimiter."""
    text, _encoding = decode_text(path.read_bytes())
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    grid = [list(row) for row in csv.reader(io.StringIO(text), dialect)]
    return table_from_grid(str(path), None, grid, score, first_number=1)


def pick_header(grid: list[list[Any]], score: HeaderScore) -> int:
    """Index of the row (among the first few) that looks most like the ledger's header."""
    best, best_score = 0, -1
    for index, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        value = score([_text(c) for c in row])
        if value > best_score:
            best, best_score = index, value
    return best


def table_from_grid(source: str, sheet: str | None, grid: list[list[Any]], score: HeaderScore,
                    first_number: int, header_rows: int | None = None) -> Table:
    """Turn a grid of cells into a Table: find the header, name columns, keep data rows."""
    top = pick_header(grid, score)
    depth = header_rows or (2 if _second_header_row(grid, top, score) else 1)
    headers = _combine_headers(grid[top:top + depth])
    table = Table(source, sheet, headers)
    for offset, row in enumerate(grid[top + depth:]):
        number = first_number + top + depth + offset
        cells = {h: restore(row[i] if i < len(row) else None) for i, h in enumerate(headers) if h}
        if all(_text(v) == "" for v in cells.values()):
            continue
        if is_totals_row(row):
            table.skipped_rows.append((number, "合计行"))
            continue
        table.rows.append(SourceRow(number, cells))
    return table


def _second_header_row(grid: list[list[Any]], top: int, score: HeaderScore) -> bool:
    """The row under the header is a sub-header when it names columns rather than holding data."""
    if top + 1 >= len(grid):
        return False
    below = [_text(c) for c in grid[top + 1]]
    header = [_text(c) for c in grid[top]]
    named_below = sum(1 for c in below if c)
    sub_words = ("姓名", "职务", "电话", "联系电话", "手机", "经度", "纬度", "名称", "金额", "职务（职称）")
    looks_like_sub = sum(1 for c in below if c in sub_words) >= 2
    repeated_above = any(header[i] and i + 1 < len(header) and header[i] == header[i + 1] for i in range(len(header)))
    return named_below > 0 and looks_like_sub and (repeated_above or score(below) < score(header))


def _combine_headers(rows: list[list[Any]]) -> list[str]:
    """One name per column: ``上/下`` for two-row headers, the single name otherwise."""
    width = max((len(r) for r in rows), default=0)
    names = []
    for i in range(width):
        parts = [_text(r[i]) if i < len(r) else "" for r in rows]
        parts = [p for k, p in enumerate(parts) if p and (k == 0 or p != parts[k - 1])]
        names.append("/".join(parts))
    return _unique(names)


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    result = []
    for name in names:
        if name and name in seen:
            seen[name] += 1
            name = f"{name}#{seen[name]}"
        else:
            seen[name] = 1
        result.append(name)
    return result


def is_totals_row(row: list[Any]) -> bool:
    """A 合计/小计/总计 row (in one of its first three cells)."""
    return any(any(word in _text(c).replace(" ", "") for word in TOTAL_WORDS) for c in row[:3])


def _text(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())

"""Reading a ledger file into header names and raw rows, as county offices keep them.

Excel ledgers have title rows above the header, two-row headers under merged cells
(责任人 → 姓名/职务/联系电话), several sheets, blank rows and a totals row at the end.
CSV files come in UTF-8, UTF-8 with BOM or GB18030.  Every row keeps the number the
clerk sees in Excel, so the import report can name the cell to fix.
"""

from __future__ import annotations

from pathlib import Path

from onemap.io.ledger_table import (
    MAX_CELL_CHARS,
    HeaderScore,
    LedgerError,
    SourceRow,
    Table,
)
from onemap.io.tables_csv import read_csv
from onemap.io.tables_geojson import read_geojson
from onemap.io.tables_gis import tidy_gis_table
from onemap.io.tables_shp import read_shp
from onemap.io.tables_xlsx import read_xlsx

__all__ = ["MAX_CELL_CHARS", "LedgerError", "SourceRow", "Table", "read_table"]


def read_table(path: Path, score: HeaderScore, sheet: str | None = None) -> Table:
    """Read ``.xlsx``, ``.csv`` or ``.geojson``; ``score`` rates a candidate header row.

    Raises
    ------
    LedgerError
        For a missing file, an unsupported format, a file that is not what its name says,
        or one whose size or shape no real ledger has (refused before the work is done).
    """
    if not path.exists():
        raise LedgerError(f"找不到台账文件：{path.name}", f"Ledger file not found: {path.name}")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path, score, sheet)
    if suffix in (".csv", ".txt"):
        return read_csv(path, score)
    if suffix in (".geojson", ".json"):
        return tidy_gis_table(read_geojson(path))
    if suffix == ".shp":
        return read_shp(path)
    if suffix == ".xls":
        raise LedgerError(
            "不支持旧版 .xls 文件，请在 Excel 中“另存为” .xlsx 后再导入。",
            "Old .xls files are not supported; save as .xlsx in Excel first.",
        )
    raise LedgerError(
        f"不支持的文件类型“{suffix}”，请使用 .xlsx、.csv、.geojson 或 .shp。",
        f"Unsupported file type {suffix!r}; use .xlsx, .csv, .geojson or .shp.",
    )

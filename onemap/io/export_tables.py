"""Ledger-shaped exports: CSV for Chinese Excel (UTF-8 with BOM) and XLSX.

Every text cell passes :func:`onemap.io.export_cells.neutralise`, so ledger text that
looks like a formula (``=HYPERLINK(…)``) opens as text, and imports back unchanged.
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path
from typing import Any

from onemap.io.export_cells import neutralise
from onemap.io.flat import flat_headers, flat_row
from onemap.model import Estate


def write_csv(estates: list[Estate], out: Path) -> None:
    """CSV in UTF-8 with a BOM: Excel on Chinese Windows opens it without garbling."""
    headers = flat_headers(estates)
    with out.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=headers, extrasaction="ignore")
        writer.writeheader()
        for estate in estates:
            writer.writerow({k: _cell(v) for k, v in flat_row(estate).items()})


def write_xlsx(estates: list[Estate], out: Path, title: str = "老旧小区台账") -> None:
    """An Excel ledger: Chinese headers in bold, frozen header row, widths that fit the text."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title[:31]
    headers = flat_headers(estates)
    sheet.append(headers)
    for estate in estates:
        row = flat_row(estate)
        sheet.append([neutralise(row.get(h)) for h in headers])  # never starts with "=": no formula
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        values = [header] + [sheet.cell(row=r, column=index).value for r in range(2, min(sheet.max_row, 500) + 1)]
        width = max(display_width(v) for v in values)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 6), 60)
    book.save(out)


def display_width(value: Any) -> int:
    """Columns a value takes in Excel: CJK characters count double."""
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _cell(value: Any) -> Any:
    return "" if value is None else neutralise(value)

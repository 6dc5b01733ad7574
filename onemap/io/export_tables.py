"""Ledger-shaped exports: CSV for Chinese Excel (UTF-8 with BOM), XLSX, and KML for maps."""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from shapely.geometry.base import BaseGeometry

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
        sheet.append([row.get(h) for h in headers])
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
    return "" if value is None else value


def write_kml(estates: list[Estate], outlines: dict[str, BaseGeometry], out: Path, name: str) -> None:
    """KML 2.2 for Google Earth and 奥维: a placemark per estate with its fields and outline."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>',
             f"<name>{escape(name)}</name>"]
    for estate in estates:
        parts.append(_placemark(estate, outlines.get(estate.code)))
    parts.append("</Document></kml>")
    out.write_text("\n".join(parts), encoding="utf-8")


def _placemark(estate: Estate, outline: BaseGeometry | None) -> str:
    rows = "".join(f"<tr><td>{escape(str(k))}</td><td>{escape(str(v))}</td></tr>"
                   for k, v in flat_row(estate).items() if v not in (None, ""))
    description = escape(f"<table>{rows}</table>")
    geometries = []
    if estate.location is not None:
        geometries.append(f"<Point><coordinates>{estate.location[0]:.8f},{estate.location[1]:.8f}</coordinates></Point>")
    for polygon in getattr(outline, "geoms", [outline] if outline is not None else []):
        ring = " ".join(f"{x:.8f},{y:.8f}" for x, y in polygon.exterior.coords)
        geometries.append(f"<Polygon><outerBoundaryIs><LinearRing><coordinates>{ring}</coordinates>"
                          "</LinearRing></outerBoundaryIs></Polygon>")
    geometry = geometries[0] if len(geometries) == 1 else f"<MultiGeometry>{''.join(geometries)}</MultiGeometry>"
    return (f"<Placemark id=\"{escape(estate.code)}\"><name>{escape(estate.name)}</name>"
            f"<description>{description}</description>{geometry if geometries else ''}</Placemark>")

"""The 片区 sheet (Excel): each 片区 with its township, estates and households."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from onemap.checkup.districts import District
from onemap.checkup.problems_xlsx import fill_sheet

HEAD = {
    "zh": ("片区", "镇（街道）", "小区（个）", "户数", "小区"),
    "en": ("片区", "Township", "Estates", "Households", "Estates (codes and names)"),
}


def save_districts(districts: Sequence[District], names: Mapping[str, str], path: Path, lang: str = "zh") -> Path:
    """Write one row per 片区; the estates as ``名称（编码）`` joined by 、."""
    import openpyxl

    rows = [
        (d.name, d.township, len(d.estates), d.households, "、".join(f"{names.get(c, '')}（{c}）" for c in d.estates))
        for d in districts
    ]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "片区"
    fill_sheet(sheet, HEAD[lang], rows)
    book.save(path)
    return path

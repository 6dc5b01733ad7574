"""What the import dialog offers and reads besides the import itself: ledger kinds, CRS choices, sheets, names."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP

LEDGER_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt", ".geojson", ".json")
#: coordinate-system choices: (what --crs takes, what the list shows)
CRS_CHOICES = (
    ("auto", QT_TRANSLATE_NOOP("ImportDialog", "自动识别")),
    ("EPSG:4490", QT_TRANSLATE_NOOP("ImportDialog", "CGCS2000 经纬度（EPSG:4490）")),
    ("EPSG:4326", QT_TRANSLATE_NOOP("ImportDialog", "WGS84 经纬度（GPS，EPSG:4326）")),
    ("gcj02", QT_TRANSLATE_NOOP("ImportDialog", "高德/腾讯（GCJ-02）")),
    ("bd09", QT_TRANSLATE_NOOP("ImportDialog", "百度（BD-09）")),
    ("EPSG:4545", QT_TRANSLATE_NOOP("ImportDialog", "CGCS2000 高斯-克吕格 3 度带 108°E（EPSG:4545）")),
    ("EPSG:4524", QT_TRANSLATE_NOOP("ImportDialog", "CGCS2000 3 度带 36 带，带号前缀（EPSG:4524）")),
)


def sheet_names(path: Path) -> list[str]:
    """The sheets of a workbook ([] when it cannot be read: the dry run then says why)."""
    try:
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True)
        try:
            return list(book.sheetnames)
        finally:
            book.close()
    except Exception:  # an unreadable workbook is reported by the dry run itself
        return []


def estate_names(path: Path, codes: list[str]) -> dict[str, str]:
    """Names of the estates an import updates, read from the file (for the report)."""
    if not codes:
        return {}
    from onemap.store import Inventory

    with Inventory.open(path, readonly=True) as inventory:
        rows = inventory.estate_columns(("code", "name"))
    wanted = set(codes)
    return {str(r[0]): str(r[1]) for r in rows if r[0] in wanted}

"""Shared helpers of the check-up tests: a survey sheet written with openpyxl."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

HEAD = ["小区编码", "楼栋", "指标编码", "问题", "数值", "照片", "调查人", "调查日期", "说明"]


def write_sheet(path: Path, rows: Sequence[Sequence[Any]], title: str | None = "勉县城市体检调查表") -> Path:
    """A survey workbook with an optional title row above the header, as offices make them."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    sheet.append(HEAD)
    for row in rows:
        sheet.append(list(row))
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # typed text, even when it begins with "="
    book.save(path)
    return path


def clear_survey(path: Path) -> None:
    """Remove the demo's own check-up findings, so a test counts only what it surveys."""
    from onemap.store import Inventory

    with Inventory.open(path) as inventory, inventory.transaction():
        for finding in inventory.checkup_findings():
            assert finding.fid is not None
            inventory.delete_finding(finding.fid)


def clear_facilities(path: Path) -> None:
    """Remove every facility (a demo may place some), as another program would: with SQL."""
    import sqlite3

    from onemap.store.geometry import register_functions

    with sqlite3.connect(path) as conn:
        register_functions(conn)  # the R-tree triggers call the ST_ functions
        conn.execute("DELETE FROM facilities")


def write_photo(path: Path, colour: tuple[int, int, int] = (200, 60, 40)) -> Path:
    """A small real JPEG (a phone photo stand-in) at ``path``, folders made as needed."""
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (64, 48), colour).save(path, "JPEG")
    return path

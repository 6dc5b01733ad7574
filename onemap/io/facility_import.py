"""Facility sheets and GIS files into the ``facilities`` layer, with a row-by-row report.

The same readers as estate ledgers (Excel with title rows, CSV in UTF-8 or GB18030, GeoJSON,
Shapefile) and the same coordinate handling (columns or one 经纬度 cell or the file's points;
``--crs`` or a 坐标系 column, else recognised from the numbers; swapped pairs fixed; GCJ-02 and
BD-09 converted).  Types are matched by the aliases of ``db/facility_types.toml``; a type no
alias knows is imported as ``other`` with its wording kept and a warning naming the row and
column.  No row is lost silently: one without a position is imported unlocated, with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from onemap.analysis.facility_types import FacilityConfig, default_config
from onemap.io.coords import crs_from_text, guess_crs, parse_coordinate, parse_point, swapped_mask, to_cgcs2000_array
from onemap.io.report import ImportReport
from onemap.io.tables import SourceRow, Table, read_table
from onemap.store.facilities import Facility

MIAN_SEAT = (106.673, 33.153)

#: what a column header may say for each facility field (matched after folding spaces and case)
_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("设施名称", "名称", "name", "设施", "机构名称", "单位名称"),
    "kind": ("设施类型", "类型", "类别", "type", "kind", "设施类别", "category"),
    "lon": ("经度", "lon", "lng", "longitude", "x", "x坐标", "东坐标"),
    "lat": ("纬度", "lat", "latitude", "y", "y坐标", "北坐标"),
    "point": ("经纬度", "坐标", "位置", "lnglat", "location"),
    "crs": ("坐标系", "crs", "坐标系统"),
    "estate_code": ("小区编码", "estate_code", "所属小区编码"),
    "township": ("镇（街道）", "镇街", "镇", "街道", "乡镇", "township"),
    "address": ("地址", "address", "详细地址"),
    "capacity": ("规模", "面积", "学位", "床位", "capacity"),
    "notes": ("备注", "notes", "说明"),
}


def _fold(text: str) -> str:
    return re.sub(r"[\s_（）()]+", "", str(text)).casefold()


_FOLDED = {_fold(a): field for field, aliases in _HEADERS.items() for a in aliases}


def column_map(headers: list[str]) -> dict[str, str]:
    """Facility field -> the header holding it (first match wins)."""
    found: dict[str, str] = {}
    for header in headers:
        field = _FOLDED.get(_fold(header))
        if field is not None and field not in found:
            found[field] = header
    return found


@dataclass
class _Draft:
    row: int
    cells: dict[str, Any]
    x: float = np.nan
    y: float = np.nan


def read_facilities(
    path: Path, *, crs: str = "auto", sheet: str | None = None, config: FacilityConfig | None = None
) -> tuple[list[Facility], ImportReport]:
    """Read a facility file into :class:`Facility` rows and the report of what each row gave.

    Raises
    ------
    LedgerError
        When the file cannot be read at all.
    """
    config = config or default_config()
    table = read_table(path, lambda headers: len(column_map(headers)), sheet)
    report = ImportReport(source=path.name, sheet=table.sheet)
    columns = column_map(table.headers)
    report.mapping = {header: field for field, header in columns.items()}
    drafts = [_draft(row, columns, report) for row in table.iter_rows() if _wanted(row, report)]
    lonlat = _positions(drafts, table, columns, crs, report)
    return [_facility(d, xy, columns, config, report) for d, xy in zip(drafts, lonlat, strict=True)], report


def _wanted(row: SourceRow, report: ImportReport) -> bool:
    if row.skip is not None:
        report.skip(row.number, row.skip, row.skip)
        return False
    return any(v not in (None, "") for v in row.cells.values()) or row.geometry is not None


def _draft(row: SourceRow, columns: dict[str, str], report: ImportReport) -> _Draft:
    draft = _Draft(row.number, row.cells)
    geometry = row.geometry or {}
    if geometry.get("type") == "Point":
        draft.x, draft.y = (float(v) for v in geometry["coordinates"][:2])
    elif "point" in columns and (pair := parse_point(row.cells.get(columns["point"]))).value is not None:
        draft.x, draft.y = pair.value
    elif "lon" in columns and "lat" in columns:
        x, y = parse_coordinate(row.cells.get(columns["lon"])), parse_coordinate(row.cells.get(columns["lat"]))
        if x.value is not None and y.value is not None:
            draft.x, draft.y = x.value, y.value
        for cell, field in ((x, "lon"), (y, "lat")):
            if cell.reason_zh:
                report.warn(row.number, columns[field], cell.reason_zh, cell.reason_en or cell.reason_zh)
    return draft


def _positions(
    drafts: list[_Draft], table: Table, columns: dict[str, str], crs: str, report: ImportReport
) -> np.ndarray:
    xs = np.array([d.x for d in drafts], dtype=np.float64)
    ys = np.array([d.y for d in drafts], dtype=np.float64)
    if table.crs == "EPSG:4490":  # a GIS file that declared its CRS: already converted
        report.crs = "cgcs2000"
        return np.column_stack((xs, ys)).reshape(-1, 2)
    named = crs_from_text(crs if crs != "auto" else _first(drafts, columns.get("crs")))
    system = named.value if named.value is not None else guess_crs(xs, ys, MIAN_SEAT).value
    if system is None:
        report.crs = "未能识别"
        return np.full((len(drafts), 2), np.nan)
    report.crs = str(system)
    swap = swapped_mask(xs, ys, system)
    xs, ys = np.where(swap, ys, xs), np.where(swap, xs, ys)
    for draft in np.array(drafts, dtype=object)[swap]:
        report.warn(draft.row, "坐标", "经纬度填反，已对调", "longitude and latitude were swapped; swapped back")
    lons, lats, _ = to_cgcs2000_array(xs, ys, system)
    return np.column_stack((lons, lats))


def _first(drafts: list[_Draft], header: str | None) -> Any:
    if header is None:
        return None
    return next((d.cells.get(header) for d in drafts if d.cells.get(header) not in (None, "")), None)


def _facility(
    draft: _Draft, lonlat: np.ndarray, columns: dict[str, str], config: FacilityConfig, report: ImportReport
) -> Facility:
    def cell(field: str) -> Any:
        value = draft.cells.get(columns[field]) if field in columns else None
        return None if value in (None, "") else value

    wording = str(cell("kind") or "").strip() or None
    kind = config.type_of(wording)
    if kind is None:
        report.warn(
            draft.row,
            columns.get("kind", "设施类型"),
            f"设施类型“{wording or '（空）'}”不在类型表中，按“其他”导入",
            f"facility type {wording or '(blank)'!r} is not in the type list; imported as other",
        )
    name = str(cell("name") or "").strip() or wording or (kind.zh if kind else "未命名设施")
    if "name" not in columns or cell("name") is None:
        report.warn(
            draft.row, columns.get("name", "设施名称"), "缺少设施名称，已用类型名代替", "no name; the type stands in"
        )
    located = bool(np.isfinite(lonlat).all())
    if not located:
        report.warn(draft.row, "坐标", "没有可用的坐标，设施未定位", "no usable position; imported unlocated")
    capacity = cell("capacity")
    return Facility(
        name=name,
        kind=kind.key if kind else "other",
        location=(float(lonlat[0]), float(lonlat[1])) if located else None,
        estate_code=None if cell("estate_code") is None else str(cell("estate_code")),
        kind_text=wording,
        township=cell("township"),
        address=cell("address"),
        capacity=float(capacity) if isinstance(capacity, int | float) else None,
        source=report.source,
        notes=cell("notes"),
    )

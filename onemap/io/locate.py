"""Positions for a whole ledger: which coordinate system, converted to CGCS2000, checked.

The coordinate system comes from a row's own 坐标系 cell, else the ``--crs`` flag, else
the file (GeoJSON), else the numbers themselves (degrees or Gauss-Kruger metres, with or
without the zone prefix) — one system for the dataset, never guessed point by point.
A position far outside the county is not placed: the estate is imported unlocated.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from onemap.io import coords
from onemap.io.ledger_rows import Draft
from onemap.io.report import ImportReport


def _numbers(draft: Draft) -> tuple[float, float] | None:
    """The row's raw (x, y) as numbers: lon/lat, X/Y (surveyors' X is northing), or one cell."""
    raw = draft.coords
    if "lon" in raw and "lat" in raw:
        pair = (raw["lon"], raw["lat"])
    elif "x" in raw and "y" in raw:
        pair = (raw["x"], raw["y"])
    elif "lonlat" in raw:
        parts = str(raw["lonlat"]).replace("，", ",").replace(" ", ",").split(",")
        parts = [p for p in parts if p]
        if len(parts) != 2:
            return None
        pair = (parts[0], parts[1])
    else:
        return None
    x, y = coords.parse_coordinate(pair[0]), coords.parse_coordinate(pair[1])
    if x.value is None or y.value is None:
        return None
    return float(x.value), float(y.value)


def locate_all(drafts: list[Draft], file_crs: str | None, flag_crs: str, outline: BaseGeometry | None,
               report: ImportReport) -> str:
    """Give every draft a location (and outline, for GeoJSON polygons); returns the CRS used."""
    pairs = {id(d): _numbers(d) for d in drafts}
    explicit = _named(flag_crs) or _named(file_crs)
    unnamed = [d for d in drafts if pairs[id(d)] is not None and "crs" not in d.coords]
    dataset = explicit or _guess([pairs[id(d)] for d in unnamed], outline, unnamed, report)  # type: ignore[misc]
    used: list[str] = []
    groups: dict[Any, list[tuple[Draft, float, float]]] = {}
    for draft in drafts:
        row_crs = _named(draft.coords.get("crs"))
        if "crs" in draft.coords and row_crs is None:
            report.warn(draft.row, "坐标系", f"无法识别坐标系“{draft.coords['crs']}”，按 {dataset} 处理",
                        f"unknown coordinate system; read as {dataset}")
        crs = row_crs or dataset
        pair = pairs[id(draft)]
        if (pair is not None or draft.geometry is not None) and crs is not None:
            used.append(str(crs))
        if draft.geometry is not None:
            _from_geometry(draft, crs)
        elif pair is not None and crs is not None:
            x, y, swapped = coords.fix_swapped(*pair, crs)
            if swapped:
                report.warn(draft.row, "经度/纬度", "经度和纬度填反了，已自动对调",
                            "longitude and latitude were swapped; fixed")
            groups.setdefault(crs, []).append((draft, x, y))
        elif pair is None and any(k in draft.coords for k in ("lon", "lat", "x", "y", "lonlat")):
            report.warn(draft.row, "坐标", "坐标无法识别，小区按未定位导入",
                        "unreadable coordinates; imported unlocated")
    for crs, members in groups.items():
        _convert_group(crs, members, report)
    _drop_far(drafts, outline, report)
    return "、".join(sorted(set(used))) or ("未能识别" if dataset is None else str(dataset))


def _named(text: Any) -> Any:
    """The system a cell or flag names (``None`` for blank, ``auto`` or unreadable)."""
    if text is None or str(text).strip() == "":
        return None
    return coords.crs_from_text(text).value


def _guess(pairs: list[tuple[float, float]], outline: BaseGeometry | None, drafts: list[Draft],
           report: ImportReport) -> Any:
    """The dataset's system from its numbers; when they cannot tell, say why on the first row."""
    if not pairs:
        return "cgcs2000"
    centre = outline.representative_point() if outline is not None else None
    xs, ys = [p[0] for p in pairs], [p[1] for p in pairs]
    guess = coords.guess_crs(xs, ys, None if centre is None else (centre.x, centre.y))
    if guess.value is None and guess.reason_zh:
        report.warn(drafts[0].row, "坐标", f"{guess.reason_zh}；这些小区按未定位导入",
                    f"{guess.reason_en}; these estates are imported unlocated")
    return guess.value


def _convert_group(crs: Any, members: list[tuple[Draft, float, float]], report: ImportReport) -> None:
    """Convert every point of one coordinate system at once (GCJ-02/BD-09 inverses iterate)."""
    xs = np.array([m[1] for m in members])
    ys = np.array([m[2] for m in members])
    try:
        lons, lats, source = coords.to_cgcs2000_array(xs, ys, crs)
    except (ValueError, ArithmeticError):
        lons, lats, source = np.full_like(xs, np.nan), np.full_like(ys, np.nan), "import"
    for (draft, x, y), lon, lat in zip(members, lons, lats, strict=True):
        if not (np.isfinite(lon) and np.isfinite(lat)):
            report.warn(draft.row, "坐标", f"坐标 {x}, {y} 不能按 {crs} 换算，小区按未定位导入",
                        f"coordinates {x}, {y} do not fit {crs}; imported unlocated")
            continue
        draft.values["location"] = (float(lon), float(lat))
        draft.values.setdefault("coord_source", source)


def _from_geometry(draft: Draft, crs: Any) -> None:
    geom = shape(draft.geometry) if draft.geometry else None
    if geom is None or geom.is_empty:
        return
    converted = shapely.transform(geom, lambda xy: _convert_array(xy, crs))
    if converted.geom_type == "GeometryCollection":  # a point and its outline (OneMap's GIS exports)
        for part in converted.geoms:
            if part.geom_type == "Point":
                draft.values["location"] = (part.x, part.y)
            elif part.geom_type in ("Polygon", "MultiPolygon"):
                draft.values["outline"] = part
    elif converted.geom_type in ("Polygon", "MultiPolygon"):
        draft.values["outline"] = converted
        point = converted.representative_point()
        draft.values.setdefault("location", (point.x, point.y))
    elif converted.geom_type == "Point":
        draft.values["location"] = (converted.x, converted.y)
    draft.values.setdefault("coord_source", "import")


def _convert_array(xy: np.ndarray, crs: Any) -> np.ndarray:
    lons, lats, _source = coords.to_cgcs2000_array(xy[:, 0], xy[:, 1], crs)
    return np.column_stack((lons, lats))


def _drop_far(drafts: list[Draft], outline: BaseGeometry | None, report: ImportReport) -> None:
    located = [d for d in drafts if d.values.get("location") is not None]
    if not located:
        return
    far = coords.outlier_mask([d.values["location"] for d in located], area=outline)
    for draft, is_far in zip(located, far, strict=True):
        if is_far:
            lon, lat = draft.values.pop("location")
            draft.values.pop("outline", None)
            where = "县域" if outline is not None else "其他小区"
            report.warn(draft.row, "坐标", f"位置（{lon:.5f}, {lat:.5f}）远在{where}之外，小区按未定位导入，请核对坐标",
                        f"position ({lon:.5f}, {lat:.5f}) is far outside the county; imported unlocated")

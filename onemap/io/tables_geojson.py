"""GeoJSON FeatureCollections of estate points or outlines, in whatever CRS they declare."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

from shapely.geometry import shape

from onemap.io.ledger_table import MAX_CELL_CHARS, LedgerError, SourceRow, Table

_EPSG = re.compile(r"EPSG:{1,2}(\d+)", re.IGNORECASE)
#: nesting of ``coordinates`` above one position, per geometry type
_DEPTHS = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}


def read_geojson(path: Path) -> Table:
    """Properties become cells, geometries ride along; the legacy ``crs`` member is honoured."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"), parse_constant=_non_finite)
    except RecursionError:
        raise LedgerError(
            f"{path.name} 嵌套层数过深，不是 GeoJSON 要素集合，未导入。",
            f"{path.name} is nested too deeply to be a GeoJSON FeatureCollection; nothing imported.",
        ) from None
    except (UnicodeDecodeError, ValueError) as error:
        raise LedgerError(
            f"{path.name} 不是有效的 GeoJSON 文件。", f"{path.name} is not valid GeoJSON ({type(error).__name__})."
        ) from None
    if not isinstance(data, dict) or data.get("type") not in ("FeatureCollection", "Feature"):
        raise LedgerError(
            f"{path.name} 不是 GeoJSON 要素集合（FeatureCollection）。",
            f"{path.name} is not a GeoJSON FeatureCollection.",
        )
    features = data.get("features", []) if data["type"] == "FeatureCollection" else [data]
    headers: list[str] = []
    seen: set[str] = set()
    rows = []
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, dict):
            continue
        properties = feature.get("properties")
        properties = properties if isinstance(properties, dict) else {}
        for key in properties:
            if key not in seen:
                seen.add(key)
                headers.append(str(key))
        geometry, notes = usable_geometry(feature.get("geometry"))
        rows.append(SourceRow(number, {str(k): _flat(v) for k, v in properties.items()}, geometry, notes=notes))
    return Table(str(path), None, headers, rows, crs=declared_crs(data))


def _non_finite(name: str) -> float:
    """NaN and Infinity are not JSON; Python reads them anyway, so they are marked to be refused."""
    return math.nan


def _flat(value: Any) -> Any:
    """A property is one cell: nested lists and objects are kept as their JSON text."""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)[:MAX_CELL_CHARS]
    return value


def usable_geometry(geometry: Any) -> tuple[dict[str, Any] | None, list[tuple[str, str]]]:
    """The geometry if shapely can build it from finite numbers, else ``None`` and why."""
    if geometry is None:
        return None, []
    try:
        if not isinstance(geometry, dict) or geometry.get("type") not in _DEPTHS:
            raise ValueError("unknown type")
        if not _finite(geometry.get("coordinates"), _DEPTHS[geometry["type"]]):
            return None, [
                (
                    "几何坐标含有 NaN 或 Infinity，位置未导入",
                    "the geometry has NaN or Infinity coordinates; position not imported",
                )
            ]
        shape(geometry)
    except Exception:  # shapely raises several types for a malformed geometry; all mean "unusable"
        return None, [
            (
                "几何对象无法识别（类型或坐标层次不对），位置未导入",
                "the geometry cannot be read (wrong type or coordinate nesting); position not imported",
            )
        ]
    return geometry, []


def _finite(coordinates: Any, depth: int) -> bool:
    """Every number at the nesting a geometry type has is finite; wrong nesting raises ValueError."""
    if depth == 0:
        if not (isinstance(coordinates, list) and 2 <= len(coordinates) <= 4):
            raise ValueError("not a position")
        return all(isinstance(c, int | float) and math.isfinite(c) for c in coordinates)
    if not isinstance(coordinates, list):
        raise ValueError("wrong nesting")
    return all(_finite(c, depth - 1) for c in coordinates)


def declared_crs(data: dict[str, object]) -> str | None:
    """``EPSG:n`` from a GeoJSON 2008 ``crs`` member (RFC 7946 files have none: WGS84)."""
    crs = data.get("crs")
    if not isinstance(crs, dict):
        return None
    name = str((crs.get("properties") or {}).get("name", ""))
    if "CRS84" in name.upper():
        return "EPSG:4326"
    match = _EPSG.search(name)
    return f"EPSG:{match.group(1)}" if match else None

"""GeoJSON FeatureCollections of estate points or outlines, in whatever CRS they declare."""

from __future__ import annotations

import json
import re
from pathlib import Path

from onemap.io.tables import LedgerError, SourceRow, Table

_EPSG = re.compile(r"EPSG:{1,2}(\d+)", re.IGNORECASE)


def read_geojson(path: Path) -> Table:
    """Properties become cells, geometries ride along; the legacy ``crs`` member is honoured."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise LedgerError(f"{path.name} 不是有效的 GeoJSON 文件。",
                          f"{path.name} is not valid GeoJSON ({type(error).__name__}).") from None
    if not isinstance(data, dict) or data.get("type") not in ("FeatureCollection", "Feature"):
        raise LedgerError(f"{path.name} 不是 GeoJSON 要素集合（FeatureCollection）。",
                          f"{path.name} is not a GeoJSON FeatureCollection.")
    features = data.get("features", []) if data["type"] == "FeatureCollection" else [data]
    headers: list[str] = []
    rows = []
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, dict):
            continue
        properties = feature.get("properties") or {}
        for key in properties:
            if key not in headers:
                headers.append(str(key))
        rows.append(SourceRow(number, {str(k): v for k, v in properties.items()}, feature.get("geometry")))
    return Table(str(path), None, headers, rows, crs=declared_crs(data))


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

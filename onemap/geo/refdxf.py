"""DXF drawings (the 1:500 topographic maps counties receive as CAD) as reference geometry.

LINE, LWPOLYLINE and POLYLINE become lines (closed ones polygons), HATCH boundaries become
polygons, TEXT and MTEXT become labels.  Blocks are exploded through their INSERTs so the
contour and building symbols drawn as blocks come along.  Coordinates stay in the drawing's
units: the caller names the CRS (usually CGCS2000 Gauss-Kruger, e.g. EPSG:4545).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon

from onemap.geo.refshapes import LabelPoint

_LINEAR = {"LINE", "LWPOLYLINE", "POLYLINE", "HATCH", "TEXT", "MTEXT", "INSERT"}
_MAX_INSERT_DEPTH = 4


def read_dxf(path: Path) -> tuple[np.ndarray, list[LabelPoint]]:
    """Geometries (drawing units) and labels of a DXF's model space.

    Raises
    ------
    RefLayerError
        A file that is not DXF or is damaged.
    """
    import ezdxf
    from ezdxf.lldxf.const import DXFStructureError

    from onemap.geo.reflayers import RefLayerError

    try:
        doc = ezdxf.readfile(path)  # type: ignore[attr-defined]
    except (OSError, DXFStructureError, UnicodeDecodeError, ValueError) as error:
        raise RefLayerError(
            f"无法读取 DXF 文件“{path.name}”：文件损坏或不是 DXF", f"cannot read DXF file {path.name}: {error}"
        ) from error
    geoms: list[object] = []
    labels: list[LabelPoint] = []
    for entity in doc.modelspace():
        _collect(entity, geoms, labels, 0)
    return np.array(geoms, dtype=object), labels


def _collect(entity: object, geoms: list[object], labels: list[LabelPoint], depth: int) -> None:
    kind = entity.dxftype()  # type: ignore[attr-defined]
    if kind not in _LINEAR:
        return
    try:
        if kind == "INSERT":
            if depth < _MAX_INSERT_DEPTH:
                for child in entity.virtual_entities():  # type: ignore[attr-defined]
                    _collect(child, geoms, labels, depth + 1)
        elif kind in ("TEXT", "MTEXT"):
            _text(entity, labels)
        elif kind == "HATCH":
            geoms.extend(_hatch(entity))
        else:
            geom = _line(entity, kind)
            if geom is not None:
                geoms.append(geom)
    except (ValueError, AttributeError, TypeError, ZeroDivisionError):
        return  # one malformed entity does not lose the drawing


def _line(entity: object, kind: str) -> Any:
    e: Any = entity
    if kind == "LINE":
        start, end = e.dxf.start, e.dxf.end
        return LineString([(start.x, start.y), (end.x, end.y)])
    if kind == "LWPOLYLINE":
        xy = [(p[0], p[1]) for p in e.get_points("xy")]
        closed = bool(e.closed)
    else:
        xy = [(v.dxf.location.x, v.dxf.location.y) for v in e.vertices]
        closed = bool(e.is_closed)
    if len(xy) < 2:
        return None
    if closed and len(xy) >= 3:
        return Polygon(xy)
    return LineString(xy)


def _hatch(entity: object) -> list[object]:
    out = []
    for boundary in entity.paths:  # type: ignore[attr-defined]
        vertices = getattr(boundary, "vertices", None)
        if vertices is None:  # an edge path: take its edges' start points
            vertices = [edge.start for edge in getattr(boundary, "edges", []) if hasattr(edge, "start")]
        xy = [(v[0], v[1]) for v in vertices]
        if len(xy) >= 3:
            poly = Polygon(xy)
            out.append(poly if poly.is_valid else shapely.make_valid(poly))
    return out


def _text(entity: object, labels: list[LabelPoint]) -> None:
    e: Any = entity
    text = e.plain_text() if e.dxftype() == "MTEXT" else e.dxf.text
    point = e.dxf.insert
    text = " ".join(str(text).split())
    if text:
        labels.append(LabelPoint(float(point.x), float(point.y), text))

"""DXF drawings (the 1:500 topographic maps counties receive as CAD) as reference geometry.

LINE, LWPOLYLINE and POLYLINE become lines (closed ones polygons); ARC, CIRCLE, ELLIPSE and
SPLINE are flattened by ezdxf into lines (circles and closed curves polygons); HATCH boundaries
become polygons, TEXT and MTEXT labels.  Blocks are exploded through their INSERTs so the
contour and building symbols drawn as blocks come along.  A broken entity is skipped and
counted, so one bad curve does not lose the drawing.  Coordinates stay in the drawing's
units: the caller names the CRS (usually CGCS2000 Gauss-Kruger, e.g. EPSG:4545).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon

from onemap.geo.refshapes import LabelPoint

_CURVES = {"ARC", "CIRCLE", "ELLIPSE", "SPLINE"}
_LINEAR = {"LINE", "LWPOLYLINE", "POLYLINE", "HATCH", "TEXT", "MTEXT", "INSERT", *_CURVES}
_MAX_INSERT_DEPTH = 4
#: largest gap (drawing units, metres on a 1:500 sheet) between a curve and its flattened chords
_SAGITTA = 0.05


def read_dxf(path: Path) -> tuple[np.ndarray, list[LabelPoint], int]:
    """Geometries (drawing units), labels and the count of skipped broken entities of a DXF's model space.

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
            f"无法读取 DXF 文件“{path.name}”：文件损坏或不是 DXF，地图不显示这个图层。",
            f"The DXF file {path.name} cannot be read (damaged or not a DXF); the map goes on without it.",
        ) from error
    geoms: list[object] = []
    labels: list[LabelPoint] = []
    skipped = sum(_collect(entity, geoms, labels, 0) for entity in doc.modelspace())
    return np.array(geoms, dtype=object), labels, skipped


def _collect(entity: object, geoms: list[object], labels: list[LabelPoint], depth: int) -> int:
    """Add one entity's geometry or label; the number of broken entities skipped (0 or more)."""
    from ezdxf.lldxf.const import DXFError

    kind = entity.dxftype()  # type: ignore[attr-defined]
    if kind not in _LINEAR:
        return 0
    try:
        if kind == "INSERT":
            if depth >= _MAX_INSERT_DEPTH:
                return 0
            children = list(entity.virtual_entities())  # type: ignore[attr-defined]
            return sum(_collect(child, geoms, labels, depth + 1) for child in children)
        if kind in ("TEXT", "MTEXT"):
            _text(entity, labels)
        elif kind == "HATCH":
            geoms.extend(_hatch(entity))
        else:
            geom = _curve(entity) if kind in _CURVES else _line(entity, kind)
            if geom is not None:
                geoms.append(geom)
    except (ValueError, AttributeError, TypeError, ZeroDivisionError, IndexError, DXFError):
        return 1  # one malformed entity does not lose the drawing: it is counted and said
    return 0


def _curve(entity: object) -> Any:
    """An ARC, CIRCLE, ELLIPSE or SPLINE as chords within :data:`_SAGITTA` of the curve."""
    xy = [(p.x, p.y) for p in entity.flattening(_SAGITTA)]  # type: ignore[attr-defined]
    if len(xy) < 2:
        raise ValueError("a curve with fewer than two points")
    closed = len(xy) >= 4 and np.hypot(xy[0][0] - xy[-1][0], xy[0][1] - xy[-1][1]) < _SAGITTA
    return Polygon(xy) if closed else LineString(xy)


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

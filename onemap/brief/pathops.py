"""Map outlines, footprints and boundaries written straight as PDF path operators.

A sheet's map holds a few dozen polygons of tens of points each.  Built as ReportLab
``Path`` shapes and drawn through ``renderPDF``, every point is a method call and every
number a formatting call, and every shape a validated attribute set: a fifth of a sheet's
time.  Here each geometry becomes one operator string (``x y m x y l … h f*``) in one pass
over its coordinates, inside ``q … Q`` with the colours, width, join and dash renderPDF
would have set, so the page looks the same (coordinates to 0.01 pt).

:data:`DIRECT` switches it off (tests draw both ways and compare the rendered pages).
"""

from __future__ import annotations

from typing import Any

import shapely
from reportlab.lib import colors
from reportlab.lib.rl_accel import fp_str

#: write paths directly (False: build ReportLab shapes, as before; the tests compare the two)
DIRECT = True


def _rings(geom: Any, closed: bool) -> list[Any]:
    parts = []
    for part in shapely.get_parts(geom):
        if closed:
            if not isinstance(part, shapely.Polygon) or part.is_empty:
                continue
            parts += [shapely.get_coordinates(r)[:-1] for r in (part.exterior, *part.interiors)]
        else:
            coords = shapely.get_coordinates(part)
            if len(coords) >= 2:
                parts.append(coords)
    return parts


def _style(fill: colors.Color | None, stroke: colors.Color | None, width: float, dash: Any, join: int | None) -> str:
    ops = []
    if stroke is not None:
        ops.append(f"{fp_str(stroke.red, stroke.green, stroke.blue)} RG")
        ops.append(f"{fp_str(width)} w")
        if join is not None:
            ops.append(f"{join} j")
        if dash:
            ops.append(f"[{fp_str(*dash)}] 0 d")
    if fill is not None:
        ops.append(f"{fp_str(fill.red, fill.green, fill.blue)} rg")
    return " ".join(ops)


def path_ops(
    geom: Any,
    fill: colors.Color | None,
    stroke: colors.Color | None,
    width: float = 0.5,
    dash: list[float] | None = None,
    *,
    closed: bool = True,
) -> str | None:
    """PDF operators for a (multi)polygon (``closed``: even-odd, holes stay holes) or (multi)line
    in page points, filled and/or stroked; None when there is nothing to draw."""
    if fill is None and stroke is None:
        return None
    rings = _rings(geom, closed)
    if not rings:
        return None
    body = []
    for ring in rings:
        points = [f"{x:.2f} {y:.2f} l" for x, y in ring.tolist()]
        points[0] = points[0][:-1] + "m"
        body.append("\n".join(points) + ("\nh" if closed else ""))
    paint = ("B*" if stroke is not None else "f*") if closed and fill is not None else "S"
    join = 1 if closed else None
    return f"q {_style(fill if closed else None, stroke, width, dash, join)}\n" + "\n".join(body) + f"\n{paint} Q"


class PathLayer:
    """Polygons and lines of one map, in drawing order: operator strings when :data:`DIRECT`, else
    ReportLab shapes added to ``group`` (drawn by renderPDF, as before)."""

    def __init__(self, group: Any) -> None:
        self.group = group
        self.ops: list[str] = []

    def polygon(
        self,
        geom: Any,
        fill: colors.Color | None,
        stroke: colors.Color | None,
        width: float = 0.5,
        dash: list[float] | None = None,
    ) -> None:
        """A (multi)polygon in page points (see :func:`~onemap.brief.mapdraw.polygon_path`)."""
        self._add(geom, fill, stroke, width, dash, True)

    def line(self, geom: Any, stroke: colors.Color, width: float = 0.6, dash: list[float] | None = None) -> None:
        """(Multi)line strings in page points (see :func:`~onemap.brief.mapdraw.line_path`)."""
        self._add(geom, None, stroke, width, dash, False)

    def _add(self, geom: Any, fill: Any, stroke: Any, width: float, dash: Any, closed: bool) -> None:
        if DIRECT:
            ops = path_ops(geom, fill, stroke, width, dash, closed=closed)
            if ops is not None:
                self.ops.append(ops)
            return
        from onemap.brief.mapdraw import line_path, polygon_path

        shape = polygon_path(geom, fill, stroke, width, dash) if closed else line_path(geom, stroke, width, dash)
        if shape is not None:
            self.group.add(shape)

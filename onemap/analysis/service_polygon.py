"""A network service area as one polygon: the reachable street pieces widened by a walking side.

An isochrone along the network is a set of street pieces; what a planner shades is the land a
resident steps onto those streets from.  Each piece is buffered by ``side_m`` (default 50 m,
a stated assumption: the depth of a block's frontage walked to the street) in a local metric
frame centred on the area, and the buffers are unioned.  Areas are in square metres.
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from onemap.analysis.service_area import ServiceArea
from onemap.geo.geodesy import LocalMetricFrame

#: the walking side each reachable street is widened by, metres
WALK_SIDE_M = 50.0


def service_polygon(area: ServiceArea, side_m: float = WALK_SIDE_M) -> tuple[BaseGeometry, float]:
    """The service area as one lon/lat (Multi)Polygon and its area in square metres.

    Parameters
    ----------
    area : ServiceArea
        A network area (its street pieces are widened by ``side_m``) or a straight one (its
        circles of ``radius_m``, where ``side_m`` plays no part).
    side_m : float
        How far either side of a reachable street counts as served.

    Returns
    -------
    (BaseGeometry, float)
        The polygon in CGCS2000 lon/lat (empty when nothing is reachable) and its area in m².
    """
    parts = area.lines if area.lines else [np.array([c], dtype=np.float64) for c in area.centres]
    if not parts:
        return shapely.Polygon(), 0.0
    every = np.concatenate(parts)
    frame = LocalMetricFrame(float(every[:, 0].mean()), float(every[:, 1].mean()))
    local = [np.column_stack(frame.to_local(p[:, 0], p[:, 1])) for p in parts]
    if area.lines:
        shapes = shapely.buffer(shapely.linestrings(local), side_m, quad_segs=16)
    else:
        shapes = shapely.buffer(shapely.points([p[0] for p in local]), area.radius_m, quad_segs=16)
    union = shapely.union_all(shapes)
    lonlat = shapely.transform(union, lambda xy: np.column_stack(frame.to_lonlat(xy[:, 0], xy[:, 1])))
    return lonlat, float(union.area)

"""片区 geometry: dissolved outlines for the map and the arterial-road barrier for the grouping.

A 片区's outline is one closed area holding every member: the members' outlines joined along
the shortest tree between them (each gap spanned by the hull of the two estates it joins, so
the area follows their spacing) and closed by a buffer out and back in of
:data:`DEFAULT_BUFFER_M` that fills lanes; estates a lane or a few hundred metres apart read as
one area.  The area is kept inside the members' township when its boundary is known
(``within``).  The work is done in Web Mercator, the map's display CRS; ground metres are
scaled by the Mercator factor at the 片区's latitude.

A road layer (any reference layer of lines) is a barrier: two estates whose centres are
joined by a segment crossing one of its lines never share a 片区.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from onemap.checkup.district_area import one_area
from onemap.geo.crs import WEB_MERCATOR, transformer

#: ground metres that close the gap between neighbouring members
DEFAULT_BUFFER_M = 8.0


@dataclass(frozen=True)
class DistrictOutline:
    """One 片区 as the map draws it: name, dissolved outline (EPSG:3857) and label point."""

    name: str
    outline: BaseGeometry
    label: tuple[float, float]
    estates: tuple[str, ...]


def to_mercator(geom: BaseGeometry) -> BaseGeometry:
    """A lon/lat geometry in Web Mercator metres."""
    move = transformer("EPSG:4326", WEB_MERCATOR)
    return shapely.transform(geom, lambda xy: np.column_stack(move.transform(xy[:, 0], xy[:, 1])))


def dissolve(
    outlines: Mapping[str, BaseGeometry],
    members: Mapping[str, str],
    buffer_m: float = DEFAULT_BUFFER_M,
    within: Mapping[str, BaseGeometry] | None = None,
) -> list[DistrictOutline]:
    """The dissolved outline of every 片区 that has at least one member with an outline.

    Parameters
    ----------
    outlines : Mapping[str, BaseGeometry]
        Estate code -> outline in lon/lat (EPSG:4326).
    members : Mapping[str, str]
        Estate code -> 片区 name.
    buffer_m : float
        Ground metres added to the spacing-sized closing (the whole closing when members touch).
    within : Mapping[str, BaseGeometry], optional
        片区 name -> the area (lon/lat) its outline must stay in: the members' township.

    Returns
    -------
    list of DistrictOutline
        By name; each outline one polygon (EPSG:3857) containing every member's outline.
    """
    groups: dict[str, list[str]] = defaultdict(list)
    for code, name in members.items():
        if code in outlines and outlines[code] is not None and not outlines[code].is_empty:
            groups[name].append(code)
    out = []
    for name in sorted(groups):
        codes = sorted(groups[name])
        shapes = [to_mercator(outlines[c]) for c in codes]
        lat = shapely.centroid(shapely.union_all([outlines[c] for c in codes])).y
        pad = buffer_m / math.cos(math.radians(lat))  # Mercator metres per ground metre
        area = (within or {}).get(name)
        closed = one_area(shapes, pad, None if area is None else to_mercator(area))
        point = closed.representative_point()
        out.append(DistrictOutline(name, closed, (point.x, point.y), tuple(codes)))
    return out


def road_lines(parts_xy: np.ndarray) -> list[np.ndarray]:
    """NaN-separated ``(n, 2)`` coordinates (a reference layer's line work) as one array per line."""
    if not len(parts_xy):
        return []
    breaks = np.flatnonzero(np.isnan(parts_xy[:, 0]))
    pieces = np.split(parts_xy, breaks)
    return [p[~np.isnan(p[:, 0])] for p in pieces if np.count_nonzero(~np.isnan(p[:, 0])) >= 2]


class RoadBarrier:
    """Arterial roads (EPSG:3857 lines) that no 片区 may straddle."""

    def __init__(self, lines: Iterable[np.ndarray]) -> None:
        self._tree = shapely.STRtree([shapely.LineString(line) for line in lines])
        self._move = transformer("EPSG:4326", WEB_MERCATOR)

    def separates(self, a: tuple[float, float], b: tuple[float, float]) -> bool:
        """True when the segment between two lon/lat points crosses a road."""
        ax, ay = self._move.transform(*a)
        bx, by = self._move.transform(*b)
        link = shapely.LineString([(ax, ay), (bx, by)])
        return len(self._tree.query(link, predicate="intersects")) > 0

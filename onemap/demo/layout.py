"""Estate outlines and building footprints for the demo: rows of south-facing slabs."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import Polygon

from onemap.demo.places import metres_to_degrees

GAP_X_M = 12.0
GAP_Y_M = 20.0
DEPTH_M = 12.0


@dataclass
class Layout:
    """An estate's outline and its building footprints, in CGCS2000 lon/lat."""

    outline: Polygon
    footprints: list[Polygon]


def estate_layout(rng: random.Random, lon: float, lat: float, n_buildings: int) -> Layout:
    """Lay ``n_buildings`` slabs in rows inside a slightly rotated rectangle around a point."""
    cols = max(1, math.ceil(math.sqrt(n_buildings / 2)))
    rows = math.ceil(n_buildings / cols)
    length = rng.uniform(30.0, 50.0)
    width = cols * length + (cols + 1) * GAP_X_M
    height = rows * DEPTH_M + (rows + 1) * GAP_Y_M
    angle = math.radians(rng.uniform(-15.0, 15.0))
    slabs = []
    for k in range(n_buildings):
        r, c = divmod(k, cols)
        x0 = -width / 2 + GAP_X_M + c * (length + GAP_X_M)
        y0 = height / 2 - GAP_Y_M - DEPTH_M - r * (DEPTH_M + GAP_Y_M)
        slabs.append(_rect(x0, y0, length, DEPTH_M))
    outline = _rect(-width / 2, -height / 2, width, height)
    return Layout(_place(outline, angle, lon, lat), [_place(s, angle, lon, lat) for s in slabs])


def _rect(x: float, y: float, w: float, h: float) -> np.ndarray:
    return np.array([(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)])


def _place(ring_m: np.ndarray, angle: float, lon: float, lat: float) -> Polygon:
    cos, sin = math.cos(angle), math.sin(angle)
    x = ring_m[:, 0] * cos - ring_m[:, 1] * sin
    y = ring_m[:, 0] * sin + ring_m[:, 1] * cos
    dlon, dlat = metres_to_degrees(lat)
    return shapely.polygons(np.column_stack((lon + x * dlon, lat + y * dlat)))


def point_inside(rng: random.Random, polygon: Polygon) -> tuple[float, float]:
    """A random point inside a (convex) polygon, for camera positions."""
    minx, miny, maxx, maxy = polygon.bounds
    for _ in range(50):
        x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if polygon.contains(shapely.points(x, y)):
            return x, y
    centre = polygon.representative_point()
    return centre.x, centre.y

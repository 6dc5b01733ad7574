"""Schematic reference layers for the Mian demo: a street grid, the Han river, township areas.

None of this is surveyed data: the streets are a plausible grid around the county seat, the
river follows the Han's course through the valley from a handful of points, the township
areas are the county outline shared out to the nearest real seat.  Every layer says 示意
(schematic) in its title and attribution, which the legend, snapshots and PDFs show.
The layers go into the sidecar ``NAME.layers.gpkg`` (:mod:`onemap.geo.refsets`), so the
inventory's schema is untouched.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import LineString, MultiPoint, Point

from onemap.demo.places import metres_to_degrees, mian_outline_seed, mian_seats
from onemap.geo.crs import CGCS2000
from onemap.geo.refsets import sidecar_path

ATTRIBUTION = "参考图层为示意，非测绘成果 / schematic reference layers, not survey data"
#: the Han river's course through Mian, west to east (lon, lat; schematic, from the valley's shape)
HAN_RIVER = [
    (106.343, 33.215), (106.420, 33.200), (106.480, 33.178), (106.540, 33.160), (106.600, 33.147),
    (106.640, 33.140), (106.672, 33.139), (106.705, 33.141), (106.750, 33.136), (106.800, 33.132),
    (106.860, 33.128), (106.962, 33.122),
]  # fmt: skip
_SEAT_GRID_M = 2_400.0  # the county seat's streets cover about this square
_STREET_STEP_M = 300.0


def write_demo_layers(inventory: Path) -> Path:
    """Write the demo's schematic reference layers beside ``inventory``; returns the sidecar's path."""
    import pyogrio

    out = sidecar_path(inventory)
    tmp = out.with_name(out.name.removesuffix(".gpkg") + ".tmp.gpkg")
    tmp.unlink(missing_ok=True)
    for layer in _layers():
        name, geometry_type, geoms, names, meta = layer
        pyogrio.raw.write(
            tmp,
            shapely.to_wkb(np.array(geoms, dtype=object)),
            [np.array(names, dtype=object)],
            ["name"],
            layer=name,
            driver="GPKG",
            geometry_type=geometry_type,
            crs=CGCS2000,
            encoding="UTF-8",
            append=tmp.exists(),
            layer_metadata={**meta, "ONEMAP_ATTRIBUTION": ATTRIBUTION},
        )
    tmp.replace(out)
    return out


def _layers() -> list[tuple[str, str, list[object], list[str], dict[str, str]]]:
    townships, town_names = township_areas()
    streets, street_names = seat_streets()
    river = LineString(HAN_RIVER).intersection(mian_outline_seed())
    return [
        (
            "townships",
            "MultiPolygon",
            townships,
            town_names,
            {"ONEMAP_TITLE": "乡镇范围（示意）", "ONEMAP_LINE": "#9a8fb0", "ONEMAP_FILL": "none",
             "ONEMAP_WIDTH": "1.2", "ONEMAP_LABEL": "name"},
        ),
        (
            "rivers",
            "MultiLineString",
            [shapely.MultiLineString(list(getattr(river, "geoms", [river])))],
            ["汉江"],
            {"ONEMAP_TITLE": "汉江（示意）", "ONEMAP_LINE": "#6fa8dc", "ONEMAP_WIDTH": "3", "ONEMAP_LABEL": "name"},
        ),
        (
            "roads",
            "LineString",
            streets,
            street_names,
            {"ONEMAP_TITLE": "城区道路（示意）", "ONEMAP_LINE": "#b9a98e", "ONEMAP_WIDTH": "1.5"},
        ),
    ]  # fmt: skip


def township_areas() -> tuple[list[object], list[str]]:
    """The county outline shared out to the nearest seat (Voronoi cells), one area per township."""
    county = mian_outline_seed()
    seats = [seat for seat, _w in mian_seats()]
    cells = shapely.voronoi_polygons(MultiPoint([(s.lon, s.lat) for s in seats]), extend_to=county.envelope.buffer(0.5))
    areas, names = [], []
    for seat in seats:
        here = Point(seat.lon, seat.lat)
        cell = next(c for c in cells.geoms if c.contains(here))
        area = shapely.make_valid(cell.intersection(county))
        polys = [g for g in getattr(area, "geoms", [area]) if g.geom_type == "Polygon"]
        if polys:
            areas.append(shapely.MultiPolygon(polys))
            names.append(seat.township)
    return areas, names


def seat_streets() -> tuple[list[object], list[str]]:
    """A street grid around the county seat, turned a little to follow the river, with a ring road."""
    seat = next(s for s, _w in mian_seats() if s.township.endswith("街道"))
    dlon, dlat = metres_to_degrees(seat.lat)
    half, angle = _SEAT_GRID_M / 2, math.radians(8.0)

    def lonlat(x: float, y: float) -> tuple[float, float]:
        xr = x * math.cos(angle) - y * math.sin(angle)
        yr = x * math.sin(angle) + y * math.cos(angle)
        return seat.lon + xr * dlon, seat.lat + 300.0 * dlat + yr * dlat

    steps = np.arange(-half, half + 1, _STREET_STEP_M)
    lines, names = [], []
    for i, s in enumerate(steps):
        lines.append(LineString([lonlat(-half, s), lonlat(half, s)]))
        names.append(f"横{i + 1}路")
        lines.append(LineString([lonlat(s, -half * 0.7), lonlat(s, half)]))
        names.append(f"纵{i + 1}路")
    ring = [lonlat(half * 1.3 * math.cos(t), half * 1.1 * math.sin(t)) for t in np.linspace(0, 2 * math.pi, 49)]
    lines.append(LineString(ring))
    names.append("环城路")
    return lines, names

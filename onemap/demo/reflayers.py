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

from onemap.demo.places import CELL_M, metres_to_degrees, mian_outline_seed, mian_seats
from onemap.geo.crs import CGCS2000
from onemap.geo.refsets import sidecar_path

ATTRIBUTION = "参考图层为示意，非测绘成果 / schematic reference layers, not survey data"
#: the Han river's course through Mian, west to east (lon, lat; schematic, from the valley's shape)
HAN_RIVER = [
    (106.343, 33.215), (106.420, 33.200), (106.480, 33.178), (106.540, 33.160), (106.600, 33.147),
    (106.640, 33.140), (106.672, 33.139), (106.705, 33.141), (106.750, 33.136), (106.800, 33.132),
    (106.860, 33.128), (106.962, 33.122),
]  # fmt: skip
_SEAT_CELLS = 5  # streets this many estate cells either side of the seat
#: schematic street names (common ones, not Mian's own)
_EAST_WEST = ["人民路", "建设路", "解放路", "新华路", "朝阳路", "胜利路", "和平路", "团结路", "友谊路", "文化路"]
_NORTH_SOUTH = ["一街", "二街", "三街", "四街", "五街", "六街", "七街", "八街", "九街", "十街"]


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
            {"ONEMAP_TITLE": "城区道路（示意）", "ONEMAP_LINE": "#c9b48f", "ONEMAP_WIDTH": "3", "ONEMAP_LABEL": "name"},
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
    """Streets between the county seat's estates (on the demo's 380 m estate grid) and a ring road."""
    seat = next(s for s, _w in mian_seats() if s.township.endswith("街道"))
    dlon, dlat = metres_to_degrees(seat.lat)
    step_lon, step_lat = CELL_M * dlon, CELL_M * dlat
    col0, row0 = round(seat.lon / step_lon), round(seat.lat / step_lat)
    cells = range(-_SEAT_CELLS, _SEAT_CELLS)
    west, east = (col0 - _SEAT_CELLS - 0.5) * step_lon, (col0 + _SEAT_CELLS + 0.5) * step_lon
    south, north = (row0 - _SEAT_CELLS - 0.5) * step_lat, (row0 + _SEAT_CELLS + 0.5) * step_lat
    lines, names = [], []
    for i in cells:  # streets on the cell edges, so they run between the estates
        lat = (row0 + i + 0.5) * step_lat
        lines.append(LineString([(west, lat), (east, lat)]))
        names.append(_EAST_WEST[i % len(_EAST_WEST)])
        lon = (col0 + i + 0.5) * step_lon
        lines.append(LineString([(lon, south), (lon, north)]))
        names.append(_NORTH_SOUTH[i % len(_NORTH_SOUTH)])
    r_lon, r_lat = (_SEAT_CELLS + 1.5) * step_lon, (_SEAT_CELLS + 1.5) * step_lat
    ring = [(seat.lon + r_lon * math.cos(t), seat.lat + r_lat * math.sin(t)) for t in np.linspace(0, 2 * math.pi, 49)]
    lines.append(LineString(ring))
    names.append("环城路")
    return lines, names

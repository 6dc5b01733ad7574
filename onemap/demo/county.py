"""The demo estates of one county beyond Mian, column by column (numpy), for national-scale demos.

Mian County's estates are drawn one by one (:mod:`onemap.demo.ledger`: the default demo
stays what it always was).  The counties that fill a 20,000- or 220,000-estate demo draw
the same kinds of values from the same distributions, but a column at a time from a
numpy generator of their own (seeded by the demo's seed and the county code: a county's
estates depend on the seed, the county and how many it holds, nothing else), and come out as an
:class:`~onemap.store.blocks.EstateBlock`: rows as columns, geometry as finished blobs.
Python's ``random`` stream cannot be reproduced column-wise, so these counties' content
differs from what the per-estate generator drew for them before.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

import numpy as np

from onemap.demo.county_children import cameras, contacts, funding, renovation_items
from onemap.demo.county_ledger import estate_columns
from onemap.demo.layout import DEPTH_M, GAP_X_M, GAP_Y_M
from onemap.demo.places import CELL_M, JITTER_M, M_PER_DEG_LAT, Seat, metres_to_degrees, spiral_cells
from onemap.store.blocks import EstateBlock, TableRows, point_blobs, ring_blobs

BUILDING_WEIGHTS = np.array([8, 9, 9, 8, 7, 6, 5, 5, 4, 4, 3, 3, 2, 2, 2, 1, 1, 1, 1], dtype=float)


@dataclass
class Slabs:
    """An estate layout per estate, column-wise: what :func:`~onemap.demo.layout.estate_layout` makes."""

    count: np.ndarray  # buildings per estate
    outline: np.ndarray  # (n, 5, 2) rings
    footprints: np.ndarray  # (buildings, 5, 2) rings
    estate_of: np.ndarray  # each footprint's estate
    number: np.ndarray  # each footprint's number in its estate, from 0


def county_block(seat: Seat, count: int, seed: int) -> EstateBlock:
    """Up to ``count`` estates around ``seat`` (a county's only seat), codes from ``…0001``.

    Deterministic for ``(seat, count, seed)``; fewer estates when the county's radius
    holds fewer cells.
    """
    rng = np.random.default_rng([seed, int(seat.county_code)])
    lon, lat = _sites(rng, seat, count)
    codes = [f"{seat.county_code}{serial:04d}" for serial in range(1, len(lon) + 1)]
    slabs = _layout(rng, lon, lat)
    built = _built(rng, len(lon))
    floors = _floors(rng, built[slabs.estate_of])
    flats = floors * rng.choice(np.array([2, 2, 3, 4]), len(floors)) * 2  # households per building
    households = np.add.reduceat(flats, np.cumsum(slabs.count) - slabs.count) if len(flats) else flats
    estates = estate_columns(rng, seat, codes, built, slabs.count, households)
    block = EstateBlock()
    block.tables["estates"] = TableRows(estates, point_blobs(np.round(lon, 7), np.round(lat, 7)))
    block.tables["estate_areas"] = TableRows({"estate_code": codes}, ring_blobs(slabs.outline))
    block.tables["buildings"] = _buildings(codes, floors, slabs)
    block.tables["contacts"] = contacts(rng, codes, seat)
    block.tables["cameras"] = cameras(rng, codes, slabs.outline)
    block.tables["funding"] = funding(rng, codes, np.array(estates["investment_wan"]))
    block.tables["renovation_items"] = renovation_items(rng, codes, estates["categories"])
    return block


def county_points(seat: Seat, count: int, seed: int) -> tuple[list[str], np.ndarray]:
    """The codes and ``(n, 2)`` lon, lat of :func:`county_block`'s estates, as their point blobs hold them.

    The places are the block generator's first draws, so they cost next to nothing to draw
    again (the demo's facility plan needs them before the blocks are written).
    """
    lon, lat = _sites(np.random.default_rng([seed, int(seat.county_code)]), seat, count)
    codes = [f"{seat.county_code}{serial:04d}" for serial in range(1, len(lon) + 1)]
    return codes, np.column_stack((np.round(lon, 7), np.round(lat, 7)))


def _sites(rng: np.random.Generator, seat: Seat, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Jittered grid cells spiralling out from the seat, within its radius (as SiteFinder)."""
    cells = np.array(list(islice(spiral_cells(), count)), dtype=float).reshape(-1, 2)
    cells = cells[np.abs(cells).max(axis=1) * CELL_M <= seat.max_radius_m]
    dlon, dlat = metres_to_degrees(seat.lat)
    step_lon, step_lat = CELL_M * dlon, CELL_M * dlat
    jitter = rng.uniform(-JITTER_M, JITTER_M, (len(cells), 2))
    lon = (round(seat.lon / step_lon) + cells[:, 0]) * step_lon + jitter[:, 0] * dlon
    lat = (round(seat.lat / step_lat) + cells[:, 1]) * step_lat + jitter[:, 1] * dlat
    return lon, lat


def county_built(seat: Seat, count: int, seed: int) -> tuple[list[str], np.ndarray, list[int]]:
    """:func:`county_points` and each estate's ``built_year``: the block generator's draws up to them, no more."""
    rng = np.random.default_rng([seed, int(seat.county_code)])
    lon, lat = _sites(rng, seat, count)
    _layout_draws(rng, len(lon))
    codes = [f"{seat.county_code}{serial:04d}" for serial in range(1, len(lon) + 1)]
    return codes, np.column_stack((np.round(lon, 7), np.round(lat, 7))), _built(rng, len(lon)).tolist()


def _layout_draws(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Buildings per estate, slab length and the rectangle's angle (radians): what :func:`_layout` draws."""
    count = rng.choice(np.arange(2, 21), size=n, p=BUILDING_WEIGHTS / BUILDING_WEIGHTS.sum())
    length = rng.uniform(30.0, 50.0, n)
    return count, length, np.radians(rng.uniform(-15.0, 15.0, n))


def _layout(rng: np.random.Generator, lon: np.ndarray, lat: np.ndarray) -> Slabs:
    """Rows of south-facing slabs in a slightly rotated rectangle around each point."""
    n = len(lon)
    count, length, angle = _layout_draws(rng, n)
    cols = np.maximum(1, np.ceil(np.sqrt(count / 2))).astype(int)
    rows = -(-count // cols)
    width = cols * length + (cols + 1) * GAP_X_M
    height = rows * DEPTH_M + (rows + 1) * GAP_Y_M
    estate_of = np.repeat(np.arange(n), count)
    number = np.arange(len(estate_of)) - np.repeat(np.cumsum(count) - count, count)
    r, c = np.divmod(number, cols[estate_of])
    x0 = -width[estate_of] / 2 + GAP_X_M + c * (length[estate_of] + GAP_X_M)
    y0 = height[estate_of] / 2 - GAP_Y_M - DEPTH_M - r * (DEPTH_M + GAP_Y_M)
    slabs = _rectangles(x0, y0, length[estate_of], np.full(len(x0), DEPTH_M))
    footprints = _placed(slabs, angle[estate_of], lon[estate_of], lat[estate_of])
    outline = _placed(_rectangles(-width / 2, -height / 2, width, height), angle, lon, lat)
    return Slabs(count, outline, footprints, estate_of, number)


def _rectangles(x: np.ndarray, y: np.ndarray, w: np.ndarray, h: np.ndarray) -> np.ndarray:
    xs = np.column_stack((x, x + w, x + w, x, x))
    ys = np.column_stack((y, y, y + h, y + h, y))
    return np.stack((xs, ys), axis=2)


def _placed(rings_m: np.ndarray, angle: np.ndarray, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Rings in metres around a point, rotated and put at ``(lon, lat)`` (as layout._place)."""
    cos, sin = np.cos(angle)[:, None], np.sin(angle)[:, None]
    x = rings_m[:, :, 0] * cos - rings_m[:, :, 1] * sin
    y = rings_m[:, :, 0] * sin + rings_m[:, :, 1] * cos
    dlon = 1.0 / (111_320.0 * np.cos(np.radians(lat)))[:, None]
    return np.stack((lon[:, None] + x * dlon, lat[:, None] + y / M_PER_DEG_LAT), axis=2)


def _built(rng: np.random.Generator, n: int) -> np.ndarray:
    eras = np.column_stack((rng.integers(1978, 1990, n), rng.integers(1990, 2001, n), rng.integers(2001, 2006, n)))
    return eras[np.arange(n), rng.choice(3, size=n, p=[0.4, 0.5, 0.1])]


def _floors(rng: np.random.Generator, built: np.ndarray) -> np.ndarray:
    """Storeys per building: mostly 3-6 (before 1990) or 5-7, now and then a tower of 11-18."""
    low = np.where(built < 1990, 3, 5)
    high = np.where(built < 1990, 6, 7)
    usual = low + (rng.random(len(built)) * (high - low + 1)).astype(int)
    return np.where(rng.random(len(built)) < 0.06, rng.integers(11, 19, len(built)), usual)


def _buildings(codes: list[str], floors: np.ndarray, slabs: Slabs) -> TableRows:
    names = [f"{k}号楼" for k in range(1, 21)]
    heights = [round(f * 2.9 + 0.6, 1) for f in range(19)]
    columns = {
        "estate_code": np.array(codes, dtype=object)[slabs.estate_of].tolist(),
        "name": [names[k] for k in slabs.number.tolist()],
        "floors": floors.tolist(),
        "height_m": [heights[f] for f in floors.tolist()],
    }
    return TableRows(columns, ring_blobs(slabs.footprints))

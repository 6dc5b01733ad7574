"""Every estate as columns: what the map, table and legend read."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from shapely.geometry import Point

from onemap.store import Inventory
from onemap.store.geometry import encode
from onemap.view.estate_table import CATEGORY_BITS, STATUS_KEYS, EstateTable, points_from_blobs
from tests.store_access import connection


@pytest.fixture(scope="module")
def table(demo_file: Path) -> EstateTable:
    with Inventory.open(demo_file, readonly=True) as inventory:
        return EstateTable.load(inventory)


def test_the_table_holds_every_estate_with_its_attributes(demo_file: Path, table: EstateTable) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        estates = {e.code: e for e in inventory.estates()}
    assert len(table) == len(estates) == 150
    for row in (0, 57, 149):
        estate = estates[str(table.code[row])]
        assert table.name[row] == estate.name
        assert table.township[row] == estate.township
        assert STATUS_KEYS[table.status[row]] == estate.status
        assert table.renewal_year[row] == estate.renewal_year
        assert table.lon[row] == pytest.approx(estate.location[0], abs=1e-9)
        assert table.lat[row] == pytest.approx(estate.location[1], abs=1e-9)
        bits = sum(CATEGORY_BITS[c] for c in estate.categories)
        assert table.category_bits[row] == bits


def test_camera_counts_match_the_cameras_table(demo_file: Path, table: EstateTable) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        counts = dict(connection(inventory).execute("SELECT estate_code, count(*) FROM cameras GROUP BY estate_code"))
    for row, code in enumerate(table.code):
        assert table.cameras[row] == counts.get(code, 0)


def test_display_coordinates_are_web_mercator_metres(table: EstateTable) -> None:
    # Mian County lies around 106.7E 33.2N: about 11.87 million metres east, 3.92 million north
    assert np.all((table.x > 11.7e6) & (table.x < 12.0e6))
    assert np.all((table.y > 3.8e6) & (table.y < 4.0e6))


def test_rows_are_found_by_code_and_unknown_codes_are_skipped(table: EstateTable) -> None:
    code = str(table.code[42])
    assert table.row_of(code) == 42
    assert table.row_of("不存在") is None
    assert table.rows_of([code, "不存在", str(table.code[7])]).tolist() == [42, 7]


def test_unlocated_and_blank_estates_load_as_nan_and_blank(demo_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "清单.gpkg"
    shutil.copy(demo_file, copy)
    with Inventory.open(copy) as inventory:
        code = inventory.estates()[0].code
        with inventory.transaction():
            inventory.move_estate(code, None)
            inventory.update_estate(code, township=None, status=None, renewal_year=None, households=None)
        table = EstateTable.load(inventory)
    row = table.row_of(code)
    assert row is not None
    assert np.isnan(table.x[row]) and np.isnan(table.lon[row])
    assert not table.located[row]
    assert table.township[row] is None
    assert table.status[row] == -1
    assert table.renewal_year[row] == 0
    assert np.isnan(table.households[row])


def test_point_blobs_of_every_shape_decode(tmp_path: Path) -> None:
    plain = encode(Point(106.5, 33.1))
    # a point with an xy envelope (GDAL may write one) and an empty point
    with_envelope = (
        bytes([0x47, 0x50, 0, 0x03])
        + (4490).to_bytes(4, "little")
        + np.array([106.6, 106.6, 33.2, 33.2], "<f8").tobytes()
        + encode(Point(106.6, 33.2))[8:]
    )
    empty = encode(Point())
    lon, lat = points_from_blobs([plain, None, with_envelope, empty])
    assert lon[0] == 106.5 and lat[0] == 33.1
    assert np.isnan(lon[1]) and np.isnan(lat[3])
    assert lon[2] == pytest.approx(106.6) and lat[2] == pytest.approx(33.2)


def test_points_without_nulls_decode_in_bulk_and_big_endian_ones_one_by_one() -> None:
    import struct

    plain = [encode(Point(106.5 + i / 100, 33.1)) for i in range(3)]
    # the same 29 bytes long but big-endian WKB: not the bulk layout, decoded on its own
    big_endian = plain[0][:8] + b"\x00" + struct.pack(">I", 1) + struct.pack(">dd", 107.25, 34.5)
    lon, lat = points_from_blobs([*plain, big_endian])
    assert lon.tolist()[:3] == [106.5, 106.51, 106.52] and lat.tolist()[:3] == [33.1] * 3
    assert (lon[3], lat[3]) == (107.25, 34.5)

"""Web Mercator tile arithmetic, checked against pyproj's EPSG:3857."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onemap.geo import (
    WEB_MERCATOR,
    from_cgcs2000,
    lonlat_to_tile,
    tile_bounds_3857,
    tile_range,
    tiles_covering,
    tms_row,
)

MIAN_SEAT = (106.673, 33.153)
HALF_WORLD_M = 20_037_508.342789244


def test_the_zoom_0_tile_is_the_whole_web_mercator_square():
    assert tile_bounds_3857(0, 0, 0) == pytest.approx((-HALF_WORLD_M, -HALF_WORLD_M, HALF_WORLD_M, HALF_WORLD_M))


def test_mian_seat_at_zoom_10_is_in_the_tile_any_slippy_map_would_fetch():
    # By hand: x = 286.673 / 360 * 1024 = 815.4; y = (1 - asinh(tan 33.153deg) / pi) / 2
    # * 1024 = 411.95.
    assert lonlat_to_tile(*MIAN_SEAT, 10) == (815, 411)


@given(st.floats(-179.99, 179.99), st.floats(-85.0, 85.0), st.integers(0, 20))
def test_a_point_lies_inside_the_bounds_of_its_own_tile(lon, lat, zoom):
    x, y = from_cgcs2000(lon, lat, WEB_MERCATOR)
    minx, miny, maxx, maxy = tile_bounds_3857(*lonlat_to_tile(lon, lat, zoom), zoom)
    slack = 1e-6  # metres: pyproj and the tile formula round differently at edges
    assert minx - slack <= x <= maxx + slack
    assert miny - slack <= y <= maxy + slack


@given(st.integers(0, 22).flatmap(lambda z: st.tuples(st.just(z), st.integers(0, 2**z - 1))))
def test_tms_row_flip_is_its_own_inverse(zoom_and_row):
    zoom, row = zoom_and_row
    assert tms_row(tms_row(row, zoom), zoom) == row
    assert 0 <= tms_row(row, zoom) < 2**zoom


def test_tms_counts_rows_from_the_south():
    assert (tms_row(0, 1), tms_row(1, 1)) == (1, 0)


def test_latitudes_beyond_web_mercator_clamp_to_the_edge_rows():
    assert lonlat_to_tile(0.0, 89.9, 3)[1] == 0
    assert lonlat_to_tile(0.0, -89.9, 3)[1] == 7
    assert lonlat_to_tile(180.0, 0.0, 3)[0] == 7


def test_the_tiles_covering_a_tiles_own_bounds_are_just_that_tile():
    assert list(tiles_covering(tile_bounds_3857(815, 411, 10), 10)) == [(815, 411)]


def test_a_bbox_spanning_two_by_three_tiles_yields_six_row_by_row():
    minx, miny, _, _ = tile_bounds_3857(815, 405, 10)
    _, _, maxx, maxy = tile_bounds_3857(816, 403, 10)
    tiles = list(tiles_covering((minx + 1, miny + 1, maxx - 1, maxy - 1), 10))
    assert tiles == [(x, y) for y in (403, 404, 405) for x in (815, 816)]
    assert tile_range((minx, miny, maxx, maxy), 10) == (815, 403, 816, 405)


def test_a_point_sized_bbox_on_a_tile_corner_still_yields_one_tile():
    minx, _, _, maxy = tile_bounds_3857(815, 403, 10)
    assert len(list(tiles_covering((minx, maxy, minx, maxy), 10))) == 1


def test_tiles_covering_the_county_contain_every_corner_of_it():
    xs, ys = from_cgcs2000([106.4, 106.95], [32.9, 33.4], WEB_MERCATOR)
    tiles = set(tiles_covering((xs[0], ys[0], xs[1], ys[1]), 12))
    for lon in (106.4, 106.95):
        for lat in (32.9, 33.4):
            assert lonlat_to_tile(lon, lat, 12) in tiles

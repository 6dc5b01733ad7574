"""GeoPackage geometry blobs round-trip exactly and carry the right envelope."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st
from shapely.geometry import MultiPolygon, Point, Polygon, box

from onemap.store.geometry import decode, encode, envelope, is_empty, srs_id_of

lons = st.floats(73.0, 135.0, allow_nan=False)
lats = st.floats(3.0, 54.0, allow_nan=False)
sizes = st.floats(1e-6, 0.5, allow_nan=False)


@given(lons, lats)
def test_points_round_trip_exactly(lon: float, lat: float) -> None:
    blob = encode(Point(lon, lat))
    assert decode(blob).equals_exact(Point(lon, lat), 0)
    assert envelope(blob) == (lon, lon, lat, lat)


@given(lons, lats, sizes, sizes)
def test_polygons_round_trip_with_their_envelope_in_the_header(lon: float, lat: float, w: float, h: float) -> None:
    shape = box(lon, lat, lon + w, lat + h)
    blob = encode(shape)
    assert decode(blob).equals_exact(shape, 0)
    assert envelope(blob) == (shape.bounds[0], shape.bounds[2], shape.bounds[1], shape.bounds[3])


@given(st.lists(st.tuples(lons, lats, sizes), min_size=1, max_size=5))
def test_multipolygons_round_trip_exactly(parts: list[tuple[float, float, float]]) -> None:
    shape = MultiPolygon([box(x, y, x + s, y + s) for x, y, s in parts])
    assert decode(encode(shape)).equals_exact(shape, 0)


def test_blob_records_cgcs2000_and_the_gp_magic() -> None:
    blob = encode(Point(106.67, 33.15))
    assert blob[:2] == b"GP"
    assert srs_id_of(blob) == 4490


def test_empty_geometries_are_flagged_empty_and_have_no_envelope() -> None:
    for empty in (Point(), Polygon(), MultiPolygon()):
        blob = encode(empty)
        assert is_empty(blob) == 1
        assert envelope(blob) is None
        assert decode(blob).is_empty


def test_null_stays_null() -> None:
    assert encode(None) is None
    assert decode(None) is None
    assert is_empty(None) is None


def test_polygon_with_hole_round_trips() -> None:
    shape = Polygon([(0, 0), (10, 0), (10, 10), (0, 10)], [[(2, 2), (4, 2), (4, 4), (2, 4)]])
    back = decode(encode(shape))
    assert math.isclose(back.area, 96.0)
    assert back.equals_exact(shape, 0)

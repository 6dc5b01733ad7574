"""Geodesic measures and the local metric frame, checked against independent computations."""

import numpy as np
import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st
from pyproj import Proj

from onemap.geo import (
    LocalMetricFrame,
    from_cgcs2000,
    geodesic_area_m2,
    geodesic_distance_m,
    geodesic_length_m,
)

MIAN_SEAT = (106.673, 33.153)


def test_one_degree_of_latitude_at_the_equator_is_the_textbook_110_574_m():
    assert geodesic_distance_m(0.0, 0.0, 0.0, 1.0) == pytest.approx(110_574.4, abs=0.1)


def test_distances_between_arrays_are_computed_pairwise():
    d = geodesic_distance_m([106.673, 106.673], 33.153, [106.683, 106.673], [33.153, 33.163])
    assert d.shape == (2,) and d[0] == pytest.approx(932.9, abs=0.1)


def test_a_line_is_as_long_as_the_sum_of_its_segments():
    coords = [(106.67, 33.15), (106.68, 33.15), (106.68, 33.16)]
    segments = geodesic_distance_m(106.67, 33.15, 106.68, 33.15) + geodesic_distance_m(106.68, 33.15, 106.68, 33.16)
    assert geodesic_length_m(coords) == pytest.approx(segments, rel=1e-12)
    assert geodesic_length_m(shapely.LineString(coords)) == pytest.approx(segments, rel=1e-12)


def test_a_single_point_has_no_length():
    assert geodesic_length_m([(106.67, 33.15)]) == 0.0


def test_estate_area_agrees_with_its_gauss_kruger_area():
    estate = shapely.box(106.670, 33.150, 106.675, 33.154)
    ring_x, ring_y = from_cgcs2000(*np.asarray(estate.exterior.xy), "EPSG:4545")
    gk_area = shapely.Polygon(np.column_stack([ring_x, ring_y])).area
    # 124 km from its central meridian the GK projection inflates areas by ~0.04 %.
    areal_scale = Proj("EPSG:4545").get_factors(*estate.centroid.coords[0]).areal_scale
    assert areal_scale == pytest.approx(1.00038, abs=1e-5)
    assert geodesic_area_m2(estate) == pytest.approx(gk_area / areal_scale, rel=1e-6)


def test_area_ignores_ring_orientation_and_subtracts_holes_wound_either_way():
    shell = [(106.67, 33.15), (106.68, 33.15), (106.68, 33.16), (106.67, 33.16)]
    hole = [(106.672, 33.152), (106.678, 33.152), (106.678, 33.158), (106.672, 33.158)]
    full = geodesic_area_m2(shapely.Polygon(shell))
    for ring in (hole, hole[::-1]):
        holed = shapely.Polygon(shell[::-1], [ring])
        assert geodesic_area_m2(holed) == pytest.approx(full * (1 - 0.36), rel=1e-3)


def test_multipolygon_area_is_the_sum_of_its_parts():
    a, b = shapely.box(106.67, 33.15, 106.68, 33.16), shapely.box(106.70, 33.15, 106.71, 33.16)
    both = geodesic_area_m2(shapely.MultiPolygon([a, b]))
    assert both == pytest.approx(geodesic_area_m2(a) + geodesic_area_m2(b), rel=1e-12)


def test_the_local_frame_puts_its_origin_at_zero():
    x, y = LocalMetricFrame(*MIAN_SEAT).to_local(*MIAN_SEAT)
    assert abs(float(x)) < 1e-9 and abs(float(y)) < 1e-9


def test_the_local_frame_has_x_east_and_y_north_in_true_metres():
    frame = LocalMetricFrame(*MIAN_SEAT)
    x, y = frame.to_local([106.683, 106.673], [33.153, 33.163])
    assert x[0] == pytest.approx(geodesic_distance_m(*MIAN_SEAT, 106.683, 33.153), rel=1e-5)
    assert y[1] == pytest.approx(geodesic_distance_m(*MIAN_SEAT, 106.673, 33.163), rel=1e-5)
    assert abs(x[1]) < 1e-6  # due north stays on the x = 0 meridian


@given(st.floats(-30_000, 30_000), st.floats(-30_000, 30_000))
def test_local_metres_round_trip_to_lonlat_within_a_millimetre(x_m, y_m):
    frame = LocalMetricFrame(*MIAN_SEAT)
    x_back, y_back = frame.to_local(*frame.to_lonlat(x_m, y_m))
    assert np.hypot(x_back - x_m, y_back - y_m) < 1e-3


def test_county_scale_offsets_survive_float32_to_within_a_centimetre():
    frame = LocalMetricFrame(*MIAN_SEAT)
    x, y = frame.to_local(np.linspace(106.4, 106.95, 50), np.linspace(32.9, 33.4, 50))
    assert np.max(np.abs(x.astype(np.float32) - x)) < 0.01
    assert np.max(np.abs(y.astype(np.float32) - y)) < 0.01

"""GCJ-02 and BD-09 against the public formula's reference values and against themselves."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from onemap.geo import (
    bd09_to_gcj02,
    bd09_to_wgs84,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    geodesic_distance_m,
    out_of_china,
    wgs84_to_bd09,
    wgs84_to_gcj02,
)

MIAN_SEAT = (106.673, 33.153)
# Kept 0.05 degrees inside the out_of_china box so that shifted points stay inside it.
china_lons = st.floats(72.06, 137.78)
china_lats = st.floats(0.88, 55.77)


def test_wgs84_to_gcj02_matches_the_published_reference_value():
    # The value quoted by the widely copied wandergis/coordtransform for Tiananmen.
    assert wgs84_to_gcj02(116.404, 39.915) == pytest.approx((116.41024449916938, 39.91640428150164), abs=1e-12)


def test_gcj02_to_bd09_matches_the_published_reference_value():
    assert gcj02_to_bd09(116.404, 39.915) == pytest.approx((116.41036949371029, 39.92133699351021), abs=1e-12)


def test_gcj02_offset_at_the_mian_county_seat_is_about_440_metres():
    offset_m = geodesic_distance_m(*MIAN_SEAT, *wgs84_to_gcj02(*MIAN_SEAT))
    assert 420 < offset_m < 460


def test_bd09_offset_at_the_mian_county_seat_is_about_1_1_km():
    offset_m = geodesic_distance_m(*MIAN_SEAT, *wgs84_to_bd09(*MIAN_SEAT))
    assert 1050 < offset_m < 1150


def test_gcj02_inverse_lands_within_a_millimetre_of_truth_at_mian():
    back = gcj02_to_wgs84(*wgs84_to_gcj02(*MIAN_SEAT))
    assert geodesic_distance_m(*MIAN_SEAT, *back) < 1e-3


@given(china_lons, china_lats)
def test_gcj02_inverse_lands_within_half_a_metre_of_truth_anywhere_in_china(lon, lat):
    back = gcj02_to_wgs84(*wgs84_to_gcj02(lon, lat))
    assert geodesic_distance_m(lon, lat, *back) < 0.5


@given(china_lons, china_lats)
def test_bd09_inverse_lands_within_half_a_metre_of_truth_anywhere_in_china(lon, lat):
    back = bd09_to_wgs84(*wgs84_to_bd09(lon, lat))
    assert geodesic_distance_m(lon, lat, *back) < 0.5


@given(china_lons, china_lats)
def test_bd09_inverse_undoes_baidus_rotation_to_a_millimetre(lon, lat):
    back = bd09_to_gcj02(*gcj02_to_bd09(lon, lat))
    assert geodesic_distance_m(lon, lat, *back) < 1e-3


def test_whole_arrays_round_trip_in_one_call():
    lon, lat = np.meshgrid(np.linspace(73.0, 135.0, 40), np.linspace(18.0, 53.0, 25))
    back_lon, back_lat = gcj02_to_wgs84(*wgs84_to_gcj02(lon, lat))
    assert back_lon.shape == lon.shape
    assert np.max(geodesic_distance_m(lon, lat, back_lon, back_lat)) < 1e-3


def test_arrays_give_the_same_answer_as_one_point_at_a_time():
    lons, lats = np.array([106.673, -0.1276, 121.47]), np.array([33.153, 51.5072, 31.23])
    bd_lon, bd_lat = wgs84_to_bd09(lons, lats)
    for i in range(3):
        one = wgs84_to_bd09(float(lons[i]), float(lats[i]))
        assert (bd_lon[i], bd_lat[i]) == pytest.approx(one, abs=1e-12)


def test_floats_in_give_floats_out():
    assert all(type(v) is float for v in bd09_to_wgs84(*MIAN_SEAT))


def test_london_is_out_of_china_and_not_shifted_by_gcj02():
    london = (-0.1276, 51.5072)
    assert out_of_china(*london)
    assert wgs84_to_gcj02(*london) == london
    assert gcj02_to_wgs84(*london) == london


def test_mian_is_in_china():
    assert not out_of_china(*MIAN_SEAT)

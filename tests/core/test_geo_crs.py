"""CGCS2000 transforms and Gauss-Kruger zones, checked against pyproj's EPSG database."""

import ast
import subprocess
import sys

import numpy as np
import pytest
from pyproj import CRS

from onemap.geo import (
    CGCS2000,
    WEB_MERCATOR,
    from_cgcs2000,
    geodesic_distance_m,
    gk3_epsg,
    gk3_epsg_for_easting,
    gk3_zone,
    to_cgcs2000,
    transformer,
)

MIAN_SEAT = (106.673, 33.153)


@pytest.mark.parametrize("zone", [25, 35, 36, 45])
def test_zone_prefixed_codes_are_named_for_their_zone(zone):
    name = CRS.from_epsg(gk3_epsg(zone, prefixed=True)).name
    assert name == f"CGCS2000 / 3-degree Gauss-Kruger zone {zone}"


@pytest.mark.parametrize("zone", [25, 35, 36, 45])
def test_unprefixed_codes_are_named_for_their_central_meridian(zone):
    name = CRS.from_epsg(gk3_epsg(zone, prefixed=False)).name
    assert name == f"CGCS2000 / 3-degree Gauss-Kruger CM {3 * zone}E"


def test_mian_is_covered_by_epsg_4545_and_4524():
    zone = gk3_zone(MIAN_SEAT[0])
    assert (zone, gk3_epsg(zone, False), gk3_epsg(zone, True)) == (36, 4545, 4524)


def test_the_106_5e_zone_edge_belongs_to_the_eastern_zone():
    assert (gk3_zone(106.4999), gk3_zone(106.5)) == (35, 36)


@pytest.mark.parametrize("lon", [70.0, 137.0])
def test_longitudes_without_a_cgcs2000_zone_are_rejected(lon):
    with pytest.raises(ValueError):
        gk3_zone(lon)


def test_mian_seat_in_cm_108e_has_a_six_digit_easting():
    easting, northing = from_cgcs2000(*MIAN_SEAT, "EPSG:4545")
    assert easting == pytest.approx(376_198, abs=1)  # 1.33 degrees west of 108E
    assert northing == pytest.approx(3_670_501, abs=1)


def test_zone_prefixed_easting_is_the_same_easting_behind_the_zone_number():
    plain, _ = from_cgcs2000(*MIAN_SEAT, "EPSG:4545")
    prefixed, _ = from_cgcs2000(*MIAN_SEAT, "EPSG:4524")
    assert prefixed == pytest.approx(36_000_000 + plain, abs=1e-6)


@pytest.mark.parametrize("epsg", ["EPSG:4545", "EPSG:4524", 4545, WEB_MERCATOR])
def test_projected_round_trip_returns_within_a_millimetre(epsg):
    lons = np.array([106.3, 106.673, 107.1])  # both sides of the 106.5E zone edge
    lats = np.array([32.9, 33.153, 33.4])
    back_lon, back_lat = to_cgcs2000(*from_cgcs2000(lons, lats, epsg), epsg)
    assert np.max(geodesic_distance_m(lons, lats, back_lon, back_lat)) < 1e-3


def test_prefixed_eastings_say_their_own_zone():
    assert gk3_epsg_for_easting(36_376_198.0) == 4524


def test_unprefixed_eastings_take_their_zone_from_the_approximate_longitude():
    assert gk3_epsg_for_easting(376_198.0, approx_lon=106.673) == 4545


def test_unprefixed_eastings_without_a_longitude_are_ambiguous():
    with pytest.raises(ValueError, match="approx_lon"):
        gk3_epsg_for_easting(376_198.0)


def test_prefixed_eastings_contradicting_the_longitude_are_rejected():
    with pytest.raises(ValueError, match="zone 36"):
        gk3_epsg_for_easting(36_376_198.0, approx_lon=100.0)


def test_a_dataset_is_recognised_by_its_median_easting_despite_a_stray_zero():
    assert gk3_epsg_for_easting([36_370_000.0, 0.0, 36_380_000.0]) == 4524


@pytest.mark.parametrize("easting", [-5.0, 1.5e6, 4.7e7])
def test_numbers_that_are_no_gauss_kruger_easting_are_rejected(easting):
    with pytest.raises(ValueError):
        gk3_epsg_for_easting(easting, approx_lon=106.673)


def test_transformers_are_shared_and_always_lon_first():
    assert transformer(CGCS2000, WEB_MERCATOR) is transformer(CGCS2000, WEB_MERCATOR)
    x, y = transformer(CGCS2000, WEB_MERCATOR).transform(*MIAN_SEAT)
    assert x == pytest.approx(np.radians(106.673) * 6378137.0)
    assert 3.9e6 < y < 4.0e6


def test_conversions_accept_lists_and_return_float_arrays():
    xs, ys = from_cgcs2000([106.673], [33.153], "EPSG:4545")
    assert xs.dtype == ys.dtype == np.float64 and xs.shape == (1,)


def test_the_geo_package_imports_no_qt():
    probe = "import sys, onemap.geo; print(sorted({m.split('.')[0] for m in sys.modules}))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert not {"PySide6", "pyqtgraph", "OpenGL"} & set(ast.literal_eval(loaded))


def test_web_mercator_without_a_transformer_gives_pyprojs_numbers_to_the_last_bits() -> None:
    from onemap.geo.crs import lonlat_to_web_mercator

    rng = np.random.default_rng(12)
    lon = np.concatenate([rng.uniform(-180, 180, 50_000), [0.0, 180.0, -180.0, 106.673, np.nan]])
    lat = np.concatenate([rng.uniform(-85.06, 85.06, 50_000), [0.0, 0.0, 33.153, np.nan, 10.0]])
    x, y = lonlat_to_web_mercator(lon, lat)
    px, py = transformer(CGCS2000, WEB_MERCATOR).transform(lon, lat)
    np.testing.assert_array_equal(np.isnan(x), np.isnan(px))  # NaN where PROJ gives NaN
    finite = ~np.isnan(px)
    np.testing.assert_array_equal(x[finite], px[finite])  # x: one multiplication, bit for bit
    # y: bit for bit where numpy calls the C library's asinh and tan, as PROJ does; numpy's SIMD
    # versions (SVML on AVX-512 processors) may differ in the last bits: nanometres on the ground
    np.testing.assert_array_max_ulp(y[finite], py[finite], maxulp=4)

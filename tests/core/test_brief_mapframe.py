"""A packet's map frames project by formula: PROJ's numbers, bit for bit where numpy uses the C library's
functions (numpy's SIMD ones, SVML on AVX-512 processors, may differ by a few units in the last place)."""

from __future__ import annotations

import numpy as np

from onemap.brief.mapframe import MapFrame, to_lonlat, to_mercator
from onemap.geo.crs import CGCS2000, WEB_MERCATOR, transformer


def test_mercator_to_lonlat_by_formula_is_projs_to_the_last_bits() -> None:
    rng = np.random.default_rng(12)
    lon, lat = rng.uniform(73, 136, 200_000), rng.uniform(3, 54, 200_000)
    x, y = to_mercator(lon, lat)
    x, y = x + rng.uniform(-5e3, 5e3, x.size), y + rng.uniform(-5e3, 5e3, y.size)
    want_lon, want_lat = transformer(WEB_MERCATOR, CGCS2000).transform(x, y)
    got_lon, got_lat = to_lonlat(x, y)
    assert np.array_equal(got_lon, want_lon)  # one multiplication: bit for bit
    np.testing.assert_array_max_ulp(got_lat, want_lat, maxulp=4)


def test_a_frames_bounds_and_scale_are_those_proj_gives() -> None:
    frame = MapFrame.around((106.66, 33.14, 106.68, 33.16), (10.0, 20.0, 240.0, 180.0), min_span_m=650.0)
    xs, ys = transformer(CGCS2000, WEB_MERCATOR).transform([106.66, 106.68], [33.14, 33.16])
    assert frame.extent[0] < xs[0] < xs[1] < frame.extent[2]
    x0, y0, x1, y1 = frame.extent
    lons, lats = transformer(WEB_MERCATOR, CGCS2000).transform([x0, x1], [y0, y1])
    np.testing.assert_array_max_ulp(np.array(frame.lonlat_bounds), np.array([lons[0], lats[0], lons[1], lats[1]]), 4)
    px, py = frame.to_page([106.67], [33.15])
    mx, my = transformer(CGCS2000, WEB_MERCATOR).transform(106.67, 33.15)
    assert px[0] == 10.0 + (mx - x0) * frame.scale
    assert abs(py[0] - (20.0 + (my - y0) * frame.scale)) < 1e-6  # a millionth of a point

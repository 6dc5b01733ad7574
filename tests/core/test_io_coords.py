"""Ledger coordinates: every notation read, every system recognised, every conversion checked against truth."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point, Polygon

from onemap.geo import geodesic_distance_m, transformer, wgs84_to_bd09, wgs84_to_gcj02
from onemap.io.cells import Cell, blank
from onemap.io.coords import (
    crs_from_text,
    far_from,
    fix_swapped,
    guess_crs,
    outlier_mask,
    parse_coordinate,
    parse_point,
    to_cgcs2000,
    to_cgcs2000_array,
)

MIAN_SEAT = (106.673, 33.153)
# A rough outline of Mian County (EPSG:4490), enough to tell a point inside from one 20 km out.
MIAN_OUTLINE = Polygon([(106.45, 33.0), (106.95, 33.0), (106.95, 33.45), (106.45, 33.45)])
INTERNAL = "the cell's content could not be read"

mian_lons = st.floats(106.5, 106.9)
mian_lats = st.floats(33.0, 33.5)


def truth_points(n: int = 200, seed: int = 7) -> np.ndarray:
    """True CGCS2000 points spread over Mian County."""
    rng = np.random.default_rng(seed)
    return np.column_stack((rng.uniform(106.5, 106.9, n), rng.uniform(33.0, 33.5, n)))


def dms(value: float, decimals: int, marks: tuple[str, str, str] = ("°", "′", "″")) -> str:
    """Degrees-minutes-seconds text as a ledger holds it, seconds rounded to ``decimals``."""
    total = round(abs(value) * 3600, decimals)
    degrees, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{int(degrees)}{marks[0]}{int(minutes)}{marks[1]}{seconds:.{decimals}f}{marks[2]}"


# --- one coordinate ---------------------------------------------------------------------------------

DEG = 106 + 40 / 60 + 12.5 / 3600


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("106.6731", 106.6731),
        ("106.6731°", 106.6731),
        ("E106.6731", 106.6731),
        ("106.6731E", 106.6731),
        ("东经106.6731", 106.6731),
        ("经度：106.6731", 106.6731),
        ("１０６．６７３１", 106.6731),
        ("106°40′12.5″", DEG),
        ("106°40'12.5\"", DEG),
        ("106°40’12.5”", DEG),
        ("106°40'12.5''", DEG),
        ("106º40′12.5″", DEG),
        ("106度40分12.5秒", DEG),
        ("106 40 12.5", DEG),
        ("106:40:12.5", DEG),
        ("106°40′12.5″E", DEG),
        ("E 106°40′12.5″", DEG),
        ("106°40.208333′", 106 + 40.208333 / 60),
        ("106°40′", 106 + 40 / 60),
        ("33°09′N", 33.15),
        ("北纬33°09′", 33.15),
        ("S33.5", -33.5),
        ("南纬33.5", -33.5),
        ("106°40′12.5″W", -DEG),
        ("-106.5", -106.5),
        (106.6731, 106.6731),
        (107, 107.0),
    ],
)
def test_coordinates_are_read_in_every_ledger_notation(raw, value):
    cell = parse_coordinate(raw)
    assert cell.value == pytest.approx(value, abs=1e-12) and cell.reason_zh is None


@pytest.mark.parametrize(
    ("raw", "value"),
    [("36512345.678", 36512345.678), ("3,672,345.12", 3672345.12), ("3672345.12m", 3672345.12),
     ("3 672 345.12", 3672345.12), ("X=3672345.1", 3672345.1), (512345.678, 512345.678)],
)  # fmt: skip
def test_projected_metres_pass_through_as_numbers(raw, value):
    assert parse_coordinate(raw).value == pytest.approx(value)


@pytest.mark.parametrize(
    "raw", ["106°70′", "106°40′75″", "95°N", "200°E", "106.5.5", "abc", "106,6731", "106.5°40′", float("inf"),
            True, datetime(2023, 5, 1), "#REF!", "106.67,33.15"]
)  # fmt: skip
def test_unreadable_coordinates_are_refused_with_a_reason(raw):
    cell = parse_coordinate(raw)
    assert cell.value is None and cell.reason_zh and cell.reason_en


@pytest.mark.parametrize(
    ("raw", "point"),
    [
        ("106.6731,33.1532", (106.6731, 33.1532)),
        ("106.6731，33.1532", (106.6731, 33.1532)),
        ("106.6731 33.1532", (106.6731, 33.1532)),
        ("33°09′N, 106°40′E", (106 + 40 / 60, 33.15)),
        ("33°09′ N 106°40′ E", (106 + 40 / 60, 33.15)),
        ("N 33.15 E 106.6731", (106.6731, 33.15)),
        ("北纬33.15 东经106.6731", (106.6731, 33.15)),
    ],
)
def test_a_point_in_one_cell_is_read_in_lon_lat_order_when_marked(raw, point):
    assert parse_point(raw).value == pytest.approx(point)


@pytest.mark.parametrize("raw", ["106.67", "1 2 3", "106.67,abc", "106.67,33.15,12"])
def test_a_cell_that_is_not_two_coordinates_is_refused(raw):
    assert parse_point(raw).reason_zh


# --- coordinate systems -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "crs"),
    [
        ("WGS84", "wgs84"), ("WGS-84", "wgs84"), ("GPS", "wgs84"), ("EPSG:4326", "wgs84"),
        ("CGCS2000", "cgcs2000"), ("2000国家大地坐标系", "cgcs2000"), ("国家2000", "cgcs2000"),
        ("CGCS2000坐标系", "cgcs2000"), ("天地图", "cgcs2000"), ("4490", "cgcs2000"),
        ("高德", "gcj02"), ("高德地图", "gcj02"), ("腾讯", "gcj02"), ("GCJ-02", "gcj02"), ("火星坐标", "gcj02"),
        ("高德坐标系（GCJ-02）", "gcj02"),
        ("百度", "bd09"), ("BD-09", "bd09"), ("百度地图", "bd09"), ("bd09ll", "bd09"),
        ("EPSG:4545", 4545), ("epsg 4545", 4545), ("4545", 4545), ("EPSG:4524", 4524), ("EPSG:32648", 32648),
        ("CGCS2000 3度带 36带", 4545), ("2000国家大地坐标系 3度带 第36带", 4545),
        ("CGCS2000 / 3-degree Gauss-Kruger zone 36", 4545), ("CGCS2000 / 3-degree Gauss-Kruger CM 108E", 4545),
        ("中央经线108°", 4545), ("6度带18带", 4507),
    ],
)  # fmt: skip
def test_coordinate_systems_are_recognised_by_their_usual_names(text, crs):
    assert crs_from_text(text).value == crs


@pytest.mark.parametrize("text", [None, "", "auto", "自动", "  AUTO "])
def test_auto_or_blank_means_recognise_from_the_numbers(text):
    cell = crs_from_text(text)
    assert cell.is_blank


@pytest.mark.parametrize("text", ["西安80", "北京54", "百度墨卡托", "BD09MC", "EPSG:2383", "99999", "3度带", "瞎填"])
def test_systems_that_cannot_be_converted_or_named_are_refused(text):
    cell = crs_from_text(text)
    assert cell.value is None and cell.reason_zh and cell.reason_en


def gk(points: np.ndarray, code: int) -> tuple[np.ndarray, np.ndarray]:
    return transformer("EPSG:4490", code).transform(points[:, 0], points[:, 1])


def test_degrees_are_read_as_cgcs2000_with_a_note_that_gcj02_cannot_be_seen():
    pts = truth_points(20)
    cell = guess_crs(pts[:, 0], pts[:, 1])
    assert cell.value == "cgcs2000" and "GCJ-02" in (cell.note_en or "")


def test_zone_prefixed_eastings_name_their_zone():
    x, y = gk(truth_points(20), 4524)
    assert guess_crs(x, y).value == 4524
    assert guess_crs(y, x).value == 4524  # the surveyors' X = northing order


def test_plain_eastings_take_their_zone_from_the_county():
    x, y = gk(truth_points(20), 4545)
    assert x.min() > 2e5 and x.max() < 8e5
    assert guess_crs(x, y, MIAN_SEAT).value == 4545
    assert guess_crs(y, x, MIAN_SEAT).value == 4545


def test_plain_eastings_from_the_western_zone_are_recognised_at_a_county_the_edge_cuts():
    x, y = gk(truth_points(20), 4544)  # CM 105E; Mian's seat lies in the CM 108E zone
    assert guess_crs(x, y, MIAN_SEAT).value == 4544


def test_plain_eastings_without_a_county_are_refused_with_what_to_give():
    x, y = gk(truth_points(5), 4545)
    cell = guess_crs(x, y)
    assert cell.value is None and "--county" in (cell.reason_en or "")


def test_a_few_points_that_do_not_fit_the_rest_are_counted_in_a_note():
    pts = truth_points(10)
    xs, ys = list(pts[:, 0]) + [3672345.0], list(pts[:, 1]) + [12.0]
    cell = guess_crs(xs, ys)
    assert cell.value == "cgcs2000" and "1 point" in (cell.note_en or "")


def test_numbers_that_fit_nothing_are_refused_and_no_numbers_is_blank():
    assert guess_crs([5e8, 7e8], [1e9, 3e9]).reason_zh
    assert guess_crs([np.nan], [np.nan]).is_blank


# --- conversion accuracy against truth --------------------------------------------------------------


def distances_m(lons: np.ndarray, lats: np.ndarray, truth: np.ndarray) -> np.ndarray:
    return np.asarray(geodesic_distance_m(lons, lats, truth[:, 0], truth[:, 1]))


def import_text(xs: list[str], ys: list[str], crs_cell: object) -> tuple[np.ndarray, np.ndarray, set[str]]:
    """What the importer does with two coordinate columns and a system: parse, fix swaps, convert."""
    crs = crs_from_text(crs_cell).value
    x = [parse_coordinate(v).value for v in xs]
    y = [parse_coordinate(v).value for v in ys]
    if crs is None:
        crs = guess_crs(x, y, MIAN_SEAT).value
    assert crs is not None
    out = [to_cgcs2000(*fix_swapped(a, b, crs)[:2], crs) for a, b in zip(x, y, strict=True)]
    return np.array([o[0] for o in out]), np.array([o[1] for o in out]), {o[2] for o in out}


@pytest.mark.parametrize(
    ("system", "forward", "source"), [("高德", wgs84_to_gcj02, "amap"), ("百度", wgs84_to_bd09, "baidu")]
)
def test_gcj02_and_bd09_points_land_within_two_metres_of_truth(system, forward, source):
    truth = truth_points()
    sx, sy = forward(truth[:, 0], truth[:, 1])
    lons, lats, sources = import_text([f"{v:.6f}" for v in sx], [f"{v:.6f}" for v in sy], system)
    assert distances_m(lons, lats, truth).max() < 2.0
    assert sources == {source}


@settings(max_examples=200, deadline=None)
@given(lon=mian_lons, lat=mian_lats)
def test_any_gcj02_or_bd09_point_in_mian_converts_back_within_two_metres(lon, lat):
    for forward, crs in ((wgs84_to_gcj02, "gcj02"), (wgs84_to_bd09, "bd09")):
        back_lon, back_lat, _ = to_cgcs2000(*forward(lon, lat), crs)
        assert geodesic_distance_m(lon, lat, back_lon, back_lat) < 2.0


@pytest.mark.parametrize(
    ("code", "crs_cell"),
    [(4545, None), (4524, None), (4545, "EPSG:4545"), (4524, "EPSG:4524"), (4524, "CGCS2000 3度带 36带"),
     (4545, "CGCS2000 3度带 36带"), (4524, "EPSG:4545")],
)  # fmt: skip
def test_gauss_kruger_points_land_within_a_tenth_of_a_metre_of_truth(code, crs_cell):
    truth = truth_points()
    x, y = gk(truth, code)
    lons, lats, sources = import_text([f"{v:.3f}" for v in x], [f"{v:.3f}" for v in y], crs_cell)
    assert distances_m(lons, lats, truth).max() < 0.1
    assert sources == {"survey"}


def test_gauss_kruger_with_northing_first_is_swapped_and_lands_within_a_tenth_of_a_metre():
    truth = truth_points(50)
    x, y = gk(truth, 4545)
    lons, lats, _ = import_text([f"{v:.3f}" for v in y], [f"{v:.3f}" for v in x], "EPSG:4545")
    assert distances_m(lons, lats, truth).max() < 0.1


@pytest.mark.parametrize(
    "marks", [("°", "′", "″"), ("°", "'", '"'), ("度", "分", "秒"), (" ", " ", ""), (":", ":", "")]
)
def test_dms_text_on_the_tenth_of_a_second_grid_lands_within_half_a_metre(marks):
    # Truth on the 0.1″ grid, so the text states it exactly; what is left is the parser's own error.
    truth = np.round(truth_points() * 36000) / 36000
    lons, lats, sources = import_text([dms(v, 1, marks) for v in truth[:, 0]], [dms(v, 1, marks) for v in truth[:, 1]],
                                      "CGCS2000")  # fmt: skip
    assert distances_m(lons, lats, truth).max() < 0.5
    assert sources == {"import"}


def test_dms_text_to_the_hundredth_of_a_second_lands_within_half_a_metre_of_any_point():
    # 0.1″ of latitude is 3.1 m, so text rounded to 0.1″ cannot hold an arbitrary point to 0.5 m;
    # to 0.01″ (worst case 0.005″ ≈ 0.15 m per axis) it can.
    truth = truth_points()
    lons, lats, _ = import_text([dms(v, 2) + "E" for v in truth[:, 0]], [dms(v, 2) + "N" for v in truth[:, 1]], None)
    assert distances_m(lons, lats, truth).max() < 0.5


def test_wgs84_and_cgcs2000_are_taken_as_they_are_with_their_sources():
    assert to_cgcs2000(106.6731, 33.1532, "wgs84") == (106.6731, 33.1532, "gps")
    assert to_cgcs2000(106.6731, 33.1532, "cgcs2000") == (106.6731, 33.1532, "import")


def test_arrays_convert_in_one_call_and_nan_stays_nan():
    truth = truth_points(5)
    x, y = gk(truth, 4545)
    lons, lats, source = to_cgcs2000_array(np.append(x, np.nan), np.append(y, np.nan), 4545)
    assert distances_m(lons[:5], lats[:5], truth).max() < 0.1 and np.isnan(lons[5]) and source == "survey"


def test_an_unknown_system_is_a_value_error():
    with pytest.raises(ValueError):
        to_cgcs2000(1.0, 2.0, "mars")  # type: ignore[arg-type]


# --- swaps and outliers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "y", "crs", "swapped"),
    [
        (33.15, 106.67, None, True),
        (106.67, 33.15, None, False),
        (33.15, 106.67, "gcj02", True),
        (3670522.8, 376207.2, 4545, True),
        (376207.2, 3670522.8, 4545, False),
        (3670522.8, 36376207.2, 4524, True),
        (10.0, 20.0, None, False),  # neither order is in China: left alone
        (float("nan"), 33.0, None, False),
    ],
)
def test_swapped_coordinates_are_detected_only_when_the_swap_fits(x, y, crs, swapped):
    fx, fy, did = fix_swapped(x, y, crs)
    assert did is swapped
    assert (fx, fy) == ((y, x) if swapped else (x, y)) or np.isnan(x)


def test_a_point_inside_or_just_outside_the_county_is_near_and_one_20_km_out_is_far():
    assert not far_from(106.7, 33.2, MIAN_OUTLINE)
    assert not far_from(106.7, 33.47, MIAN_OUTLINE)  # 2 km outside a rough outline
    assert far_from(106.7, 33.63, MIAN_OUTLINE)
    assert far_from(116.4, 39.9, MIAN_OUTLINE)
    assert far_from(3670522.8, 376207.2, MIAN_OUTLINE)  # metres taken for degrees
    assert not far_from(float("nan"), float("nan"), MIAN_OUTLINE)


def test_distance_from_a_county_seat_point_uses_the_given_radius():
    assert not far_from(106.9, 33.3, Point(MIAN_SEAT), max_km=30)
    assert far_from(106.9, 33.3, Point(MIAN_SEAT), max_km=10)


def test_gcj02_points_taken_for_cgcs2000_are_not_outliers_but_a_typo_is():
    truth = truth_points(40)
    shifted = np.column_stack(wgs84_to_gcj02(truth[:, 0], truth[:, 1]))
    assert not outlier_mask(shifted, area=MIAN_OUTLINE).any()
    typo = shifted.copy()
    typo[3] = (160.67, 33.15)  # 106 typed as 160
    assert outlier_mask(typo, area=MIAN_OUTLINE).tolist() == [i == 3 for i in range(40)]


def test_without_an_outline_the_cluster_of_the_other_points_finds_the_stray_ones():
    pts = np.vstack([truth_points(30), [(116.4, 39.9), (33.15, 106.67), (np.nan, np.nan), (106.7, 32.6)]])
    mask = outlier_mask(pts)
    assert mask[:30].sum() == 0
    assert mask[30] and mask[31] and not mask[32]
    assert mask[33]  # 60 km south of a cluster about 28 km across


def test_without_an_outline_two_points_cannot_outvote_each_other():
    assert outlier_mask([(106.7, 33.1), (116.4, 39.9)]).tolist() == [False, False]


# --- fuzzing ----------------------------------------------------------------------------------------

FRAGMENTS = [
    "106", "33", ".", "6731", "°", "′", "″", "'", '"', "度", "分", "秒", " ", ":", "E", "N", "S", "W", "东经", "北纬",
    "-", "+", ",", "，", "40", "12.5", "60", "3672345", "m", "１", "º", "''", "e5", "经度：",
]  # fmt: skip
coordinate_text = st.lists(st.sampled_from(FRAGMENTS), max_size=10).map("".join)
cell_values = st.one_of(
    st.none(),
    st.text(max_size=40),
    coordinate_text,
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(),
)


@pytest.mark.parametrize("parser", [parse_coordinate, parse_point, crs_from_text])
@settings(max_examples=500, deadline=None)
@given(raw=cell_values)
def test_coordinate_parsers_return_a_value_or_a_reason_and_never_raise(parser, raw):
    cell = parser(raw)
    assert isinstance(cell, Cell) and cell.reason_en != INTERNAL
    assert cell.value is not None or cell.reason_zh is not None or blank(raw) or parser is crs_from_text


any_float = st.floats(allow_nan=True, allow_infinity=True)


@settings(max_examples=300, deadline=None)
@given(
    xs=st.lists(any_float, max_size=6),
    ys=st.lists(any_float, max_size=6),
    seat=st.none() | st.tuples(any_float, any_float),
)
def test_guess_crs_never_raises(xs, ys, seat):
    n = min(len(xs), len(ys))
    cell = guess_crs(xs[:n], ys[:n], seat)
    assert isinstance(cell, Cell) and cell.reason_en != "the coordinate numbers could not be read"


@settings(max_examples=300, deadline=None)
@given(x=any_float, y=any_float, crs=st.sampled_from(["wgs84", "cgcs2000", "gcj02", "bd09", 4545, 4524, 32648]))
def test_conversion_and_swap_fixing_give_floats_or_a_value_error(x, y, crs):
    fx, fy, _ = fix_swapped(x, y, crs)
    try:
        lon, lat, source = to_cgcs2000(fx, fy, crs)
    except ValueError:
        return
    assert isinstance(lon, float) and isinstance(lat, float) and source in {"gps", "import", "amap", "baidu", "survey"}


@settings(max_examples=200, deadline=None)
@given(pts=st.lists(st.tuples(any_float, any_float), max_size=8))
def test_outlier_mask_never_raises_and_has_one_flag_per_point(pts):
    assert len(outlier_mask(pts)) == len(pts)
    assert len(outlier_mask(pts, area=MIAN_OUTLINE)) == len(pts)


def test_points_inside_the_county_are_0_km_outside_and_the_rest_measured_as_before() -> None:
    import math

    import numpy as np
    import shapely

    from onemap.geo.boundaries import county_outline
    from onemap.io import coords

    area = county_outline("610725")
    rng = np.random.default_rng(3)
    points = np.column_stack((106.3 + rng.random(3000) * 0.8, 32.9 + rng.random(3000) * 0.5))
    points[:3] = [(116.4, 39.9), (106.0, 33.0), (107.5, 33.1)]
    centre = area.centroid
    k = math.cos(math.radians(centre.y)) * coords._KM_PER_DEGREE

    def to_km(xy: np.ndarray) -> np.ndarray:
        return np.column_stack(((xy[:, 0] - centre.x) * k, (xy[:, 1] - centre.y) * coords._KM_PER_DEGREE))

    # every point measured against the whole outline: what the survey did before
    expected = shapely.distance(shapely.points(to_km(points)), shapely.transform(area, to_km))
    found = coords._km_outside(points, area)
    assert np.array_equal(found, expected)
    assert 0 < (found == 0).sum() < len(found) and found[0] > 500

"""The measure tool measures on the ellipsoid."""

from __future__ import annotations

import pytest

from onemap.view.measure import Measurement


def test_one_degree_of_latitude_measures_about_111_km() -> None:
    m = Measurement()
    m.add(106.7, 33.0)
    m.add(106.7, 34.0)
    assert m.length_m == pytest.approx(110_940, rel=2e-3)
    assert m.text() == "距离 111 公里"


def test_a_closed_square_has_its_geodesic_area_and_perimeter() -> None:
    m = Measurement(mode="area")
    for lon, lat in [(106.70, 33.15), (106.71, 33.15), (106.71, 33.16), (106.70, 33.16)]:
        m.add(lon, lat)
    # ~932 m east-west by ~1109 m north-south at 33 degrees north
    assert m.area_m2 == pytest.approx(932.3 * 1109.0, rel=5e-3)
    assert m.length_m == pytest.approx(2 * (932.3 + 1109.0), rel=5e-3)
    assert m.text() == "面积 1.03 平方公里（周长 4.08 公里）"


def test_too_few_points_ask_for_more_and_undo_and_clear_announce_changes() -> None:
    m = Measurement(mode="area")
    changes: list[int] = []
    m.changed.connect(lambda: changes.append(1))
    m.add(106.7, 33.1)
    assert m.area_m2 == 0.0
    assert "至少点三个点" in m.text()
    m.undo()
    m.clear("distance")
    assert m.points == [] and m.mode == "distance"
    assert "起点和终点" in m.text()
    assert changes == [1, 1, 1]

"""Scale bar lengths, the 1:N figure and distances in Chinese units."""

from __future__ import annotations

import pytest

from onemap.view.scale import format_area, format_distance, format_scale, scale_bar, scale_denominator


@pytest.mark.parametrize(
    ("m_per_px", "length", "label"),
    [
        (1.0, 100.0, "100 米"),
        (3.0, 200.0, "200 米"),
        (9.0, 1000.0, "1 公里"),
        (120.0, 10000.0, "10 公里"),
        (0.05, 5.0, "5 米"),
        (700.0, 50000.0, "50 公里"),
    ],
)
def test_the_scale_bar_takes_the_longest_round_length_that_fits(m_per_px: float, length: float, label: str) -> None:
    bar = scale_bar(m_per_px, max_px=120)
    assert (bar.length_m, bar.label) == (length, label)
    assert bar.length_px <= 120
    assert bar.length_px > 120 / 2.5


def test_a_broken_resolution_gives_no_bar() -> None:
    assert scale_bar(0.0).length_px == 0.0
    assert scale_bar(float("nan")).label == ""


def test_the_map_scale_is_rounded_like_a_printed_one() -> None:
    # 96 dpi: one pixel is 0.2646 mm, so 10 m per pixel is about 1:37,800
    assert format_scale(scale_denominator(10.0, 96.0)) == "1:38,000"
    assert format_scale(scale_denominator(0.26458333, 96.0)) == "1:1,000"
    assert format_scale(0) == ""


def test_distances_and_areas_read_in_chinese_units() -> None:
    assert format_distance(8.25) == "8.2 米"
    assert format_distance(850) == "850 米"
    assert format_distance(1250) == "1.25 公里"
    assert format_distance(123_456) == "123 公里"
    assert format_area(850) == "850 平方米"
    assert format_area(12_500) == "1.25 公顷"
    assert format_area(3_400_000) == "3.40 平方公里"

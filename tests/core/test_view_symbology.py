"""Estate colours: the legend matches the map, and classes stay apart for colour-blind readers and in greyscale."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import numpy as np
import pytest

from onemap.store import Inventory
from onemap.view.estate_table import EstateTable
from onemap.view.palettes import VIRIDIS, hex_to_rgb, lightness, ramp
from onemap.view.symbology import SYMBOLOGY_KINDS, Symbology, symbology_for

# Machado, Oliveira & Fernandes (2009), full severity, applied to linear RGB
CVD = {
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
    "tritanopia": np.array(
        [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
    ),
}
_XYZ = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
_WHITE = _XYZ.sum(axis=1)


def linear_rgb(color: str) -> np.ndarray:
    s = np.array(hex_to_rgb(color)) / 255
    return np.where(s <= 0.04045, s / 12.92, ((s + 0.055) / 1.055) ** 2.4)


def lab(rgb_linear: np.ndarray) -> np.ndarray:
    xyz = _XYZ @ np.clip(rgb_linear, 0, 1) / _WHITE
    f = np.where(xyz > 216 / 24389, np.cbrt(xyz), (24389 / 27 * xyz + 16) / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


@pytest.fixture(scope="module")
def table(demo_file: Path) -> EstateTable:
    with Inventory.open(demo_file, readonly=True) as inventory:
        return EstateTable.load(inventory)


@pytest.fixture(params=list(SYMBOLOGY_KINDS))
def symbology(request: pytest.FixtureRequest, table: EstateTable) -> Symbology:
    return symbology_for(request.param, table)


def test_every_estate_falls_in_exactly_one_class(symbology: Symbology, table: EstateTable) -> None:
    classes = symbology.classify(table)
    assert classes.shape == (len(table),)
    assert classes.min() >= 0 and classes.max() < len(symbology.classes)
    assert sum(symbology.counts(classes)) == len(table)


def test_legend_counts_follow_the_filter(symbology: Symbology, table: EstateTable) -> None:
    classes = symbology.classify(table)
    mask = table.renewal_year >= 2023
    assert sum(symbology.counts(classes, mask)) == mask.sum()


def test_same_marker_classes_differ_in_greyscale(symbology: Symbology) -> None:
    for a, b in combinations(symbology.classes, 2):
        if a.marker == b.marker:
            assert abs(lightness(a.color) - lightness(b.color)) >= 8, (a.label, b.label)


@pytest.mark.parametrize("deficiency", list(CVD))
def test_same_marker_classes_differ_for_colour_blind_readers(symbology: Symbology, deficiency: str) -> None:
    matrix = CVD[deficiency]
    for a, b in combinations(symbology.classes, 2):
        if a.marker == b.marker:
            distance = np.linalg.norm(lab(matrix @ linear_rgb(a.color)) - lab(matrix @ linear_rgb(b.color)))
            assert distance >= 10, (deficiency, a.label, b.label, round(float(distance), 1))


def test_statuses_have_a_shape_each_and_read_in_order_in_greyscale(table: EstateTable) -> None:
    status = symbology_for("status", table)
    assert len({c.marker for c in status.classes}) == len(status.classes)
    steps = [lightness(c.color) for c in status.classes[:-1]]
    assert steps == sorted(steps)
    assert status.classes[-1].label == "未填"


def test_years_present_in_the_file_become_classes(table: EstateTable) -> None:
    years = symbology_for("year", table)
    assert [c.label for c in years.classes] == [f"{y} 年" for y in range(2019, 2027)] + ["未填"]


def test_many_years_are_binned_into_at_most_ten_classes(table: EstateTable) -> None:
    columns = {k: v for k, v in table.__dict__.items() if not k.startswith("_")}
    spread = EstateTable(**{**columns, "renewal_year": np.arange(1990, 1990 + len(table), dtype=np.int32)})
    years = symbology_for("year", spread)
    assert len(years.classes) <= 11
    assert sum(years.counts(years.classify(spread))[:-1]) == len(spread)


def test_category_colour_is_the_highest_tier_and_a_diamond_means_safety(table: EstateTable) -> None:
    cat = symbology_for("category", table)
    labels = [c.label for c in cat.classes]
    assert labels[:2] == ["基础类", "基础类 + 安全类"]
    classes = cat.classify(table)
    for row in range(len(table)):
        cls = cat.classes[classes[row]]
        has_safety = bool(table.category_bits[row] & 8)
        assert (cls.marker == "d") == has_safety
        if table.category_bits[row] & 4:
            assert cls.key.startswith("enhancement")


def test_unknown_kinds_are_refused(table: EstateTable) -> None:
    with pytest.raises(ValueError, match="unknown symbology"):
        symbology_for("colour", table)


def test_a_ramp_spans_what_it_is_asked_to() -> None:
    assert ramp(VIRIDIS, 1) == [ramp(VIRIDIS, 3)[1]]
    assert ramp(VIRIDIS, 2) == ["#440154", "#fde725"]
    assert ramp(VIRIDIS, 0) == []

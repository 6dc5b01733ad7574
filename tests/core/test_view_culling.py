"""Culling to the view and aggregating crowded points: nothing lost, nothing drawn twice."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onemap.view.culling import (
    CLUSTER_CELL_PX,
    PointIndex,
    aggregate,
    aggregate_members,
    cluster_cell_m,
    cluster_diameter_px,
    recoloured,
)
from onemap.view.extent import Extent

coords = st.lists(st.tuples(st.floats(-1000, 1000), st.floats(-1000, 1000)), min_size=0, max_size=300)
boxes = st.tuples(st.floats(-1200, 1200), st.floats(-1200, 1200), st.floats(0, 800), st.floats(0, 800))


def arrays(points: list[tuple[float, float]]) -> tuple[np.ndarray, np.ndarray]:
    xy = np.array(points, dtype=float).reshape(-1, 2)
    return xy[:, 0].copy(), xy[:, 1].copy()


@given(coords, boxes)
@settings(max_examples=150, deadline=None)
def test_the_index_finds_exactly_the_points_in_a_box(
    points: list[tuple[float, float]], box: tuple[float, float, float, float]
) -> None:
    x, y = arrays(points)
    extent = Extent(box[0], box[1], box[0] + box[2], box[1] + box[3])
    found = sorted(PointIndex(x, y).within(extent).tolist())
    brute = np.flatnonzero((x >= extent.minx) & (x <= extent.maxx) & (y >= extent.miny) & (y <= extent.maxy))
    assert found == brute.tolist()


def test_unlocated_rows_are_left_out_of_the_index() -> None:
    x = np.array([0.0, np.nan, 5.0])
    y = np.array([0.0, 1.0, np.nan])
    index = PointIndex(x, y)
    assert len(index) == 1
    assert index.within(Extent(-10, -10, 10, 10)).tolist() == [0]


@given(coords, st.floats(-1000, 1000), st.floats(-1000, 1000), st.floats(1, 500))
@settings(max_examples=100, deadline=None)
def test_nearest_returns_points_within_the_radius_nearest_first(
    points: list[tuple[float, float]], px: float, py: float, radius: float
) -> None:
    x, y = arrays(points)
    rows, distances = PointIndex(x, y).nearest(px, py, radius)
    expected = np.flatnonzero(np.hypot(x - px, y - py) <= radius)
    assert sorted(rows.tolist()) == expected.tolist()
    assert distances.tolist() == sorted(distances.tolist())


def test_nearest_skips_rows_the_filter_hides() -> None:
    x, y = np.array([0.0, 1.0, 2.0]), np.zeros(3)
    rows, _ = PointIndex(x, y).nearest(0.0, 0.0, 5.0, mask=np.array([False, True, True]))
    assert rows.tolist() == [1, 2]


@given(coords, st.sampled_from([16.0, 64.0, 256.0]))
@settings(max_examples=100, deadline=None)
def test_aggregating_keeps_every_point_once(points: list[tuple[float, float]], cell: float) -> None:
    x, y = arrays(points)
    rows = np.arange(len(x))
    classes = (rows % 3).astype(np.int16)
    clusters, sparse = aggregate(x, y, classes, rows, cell, 3, min_count=3)
    assert int(clusters.count.sum()) + len(sparse) == len(x)
    assert (clusters.count >= 3).all()
    assert len(set(sparse.tolist())) == len(sparse)


@pytest.mark.parametrize(("n", "spread"), [(500, 100.0), (3000, 300.0), (20000, 2000.0)])
def test_aggregate_circles_do_not_overlap_on_screen(n: int, spread: float) -> None:
    rng = np.random.default_rng(7)
    x, y = rng.normal(0, spread, n), rng.normal(0, spread, n)
    cell = 64.0
    clusters, _ = aggregate(x, y, np.zeros(n, np.int16), np.arange(n), cell, 1)
    radius = cluster_diameter_px(clusters.count) / 2 * cell / CLUSTER_CELL_PX
    assert len(clusters) > 10
    for i in range(len(clusters)):
        gap = np.hypot(clusters.x - clusters.x[i], clusters.y - clusters.y[i]) - (radius + radius[i])
        gap[i] = np.inf
        assert gap.min() >= 0


def test_an_aggregate_takes_the_class_most_of_its_estates_have() -> None:
    x = np.array([1.0, 2.0, 3.0, 4.0])
    y = np.ones(4)
    clusters, sparse = aggregate(x, y, np.array([2, 1, 2, 0], np.int16), np.arange(4), 100.0, 3)
    assert clusters.count.tolist() == [4]
    assert clusters.dominant.tolist() == [2]
    assert clusters.x.tolist() == [2.5]
    assert len(sparse) == 0


def test_cell_sizes_are_powers_of_two_near_the_target_pixels() -> None:
    for res in (1.3, 17.0, 950.0):
        cell = cluster_cell_m(res)
        assert np.log2(cell) == round(np.log2(cell))
        assert CLUSTER_CELL_PX / 1.5 <= cell / res <= CLUSTER_CELL_PX * 1.5


def test_each_aggregate_counts_its_estates_by_class() -> None:
    rng = np.random.default_rng(3)
    x, y = rng.normal(0, 200, 2000), rng.normal(0, 200, 2000)
    classes = rng.integers(0, 5, 2000).astype(np.int16)
    clusters, sparse = aggregate(x, y, classes, np.arange(2000), 64.0, 5)
    assert (clusters.hist.sum(axis=1) == clusters.count).all()
    assert (clusters.hist.argmax(axis=1) == clusters.dominant).all()
    in_rings = clusters.hist.sum(axis=0)
    alone = np.bincount(classes[sparse], minlength=5)
    assert (in_rings + alone == np.bincount(classes, minlength=5)).all()


@given(coords, st.sampled_from([16.0, 64.0, 256.0]), st.integers(0, 2**31 - 1))
@settings(max_examples=100, deadline=None)
def test_recounting_class_shares_equals_aggregating_again(
    points: list[tuple[float, float]], cell: float, seed: int
) -> None:
    # an estate changed class inside an aggregate: only the shares are counted again, as a fresh aggregate has them
    x, y = arrays(points)
    rows = np.arange(len(x))
    rng = np.random.default_rng(seed)
    classes = rng.integers(0, 4, len(x)).astype(np.int16)
    clusters, sparse, members = aggregate_members(x, y, classes, rows, cell, 4, min_count=3)
    assert sorted(members.rows.tolist() + sparse.tolist()) == rows.tolist()
    changed = classes.copy()
    flip = rng.random(len(x)) < 0.3
    changed[flip] = rng.integers(0, 4, int(flip.sum()))
    again, sparse_again = aggregate(x, y, changed, rows, cell, 4, min_count=3)
    counted = recoloured(clusters, members, changed)
    assert sparse_again.tolist() == sparse.tolist()
    for name in ("x", "y", "count", "dominant", "hist"):
        assert np.array_equal(getattr(counted, name), getattr(again, name)), name

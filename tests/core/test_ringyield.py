"""Cluster rings make way for place names: shrink in place, or move away with nothing covered."""

from __future__ import annotations

import numpy as np

from onemap.view.ringyield import MIN_RING_PX, yield_rings


def _meets(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Which pairs of boxes overlap with some area: an ``(len(a), len(b))`` matrix."""
    return (
        (a[:, None, 0] < b[None, :, 2])
        & (b[None, :, 0] < a[:, None, 2])
        & (a[:, None, 1] < b[None, :, 3])
        & (b[None, :, 1] < a[:, None, 3])
    )


def test_a_ring_touching_a_name_at_its_edge_shrinks_in_place() -> None:
    name = np.array([[120.0, 90.0, 170.0, 110.0]])  # right of a 48 px ring at 100, 100
    out = yield_rings(np.array([100.0]), np.array([100.0]), np.array([48.0]), name)
    assert (out.x[0], out.y[0]) == (100.0, 100.0) and not out.moved[0]
    assert MIN_RING_PX <= out.diameter[0] < 48.0
    assert not _meets(out.boxes(), name).any()


def test_a_ring_on_a_name_moves_away_along_the_line_from_it_and_clear_of_other_rings() -> None:
    name = np.array([[80.0, 90.0, 130.0, 110.0]])  # centred at 105, 100: the ring at 100, 100 sits on it
    x, y, d = np.array([100.0, 60.0]), np.array([100.0, 160.0]), np.array([40.0, 30.0])
    out = yield_rings(x, y, d, name)
    assert out.moved[0] and not out.moved[1] and out.shown.all()
    assert out.x[0] < 100.0  # away from the name, which lies to its right
    boxes = out.boxes()
    assert not _meets(boxes, name).any()
    assert not _meets(boxes[:1], boxes[1:]).any()


def test_rings_clear_of_names_are_left_exactly_as_they_were() -> None:
    rng = np.random.default_rng(7)
    x, y = rng.uniform(0, 1000, 60), rng.uniform(0, 700, 60)
    d = rng.choice([20.0, 30.0, 44.0], 60)
    names = np.array([[400.0, 300.0, 470.0, 320.0], [100.0, 600.0, 150.0, 618.0]])
    out = yield_rings(x, y, d, names)
    hit = _meets(np.column_stack([x - d / 2, y - d / 2, x + d / 2, y + d / 2]), names + [[-2, -2, 2, 2]]).any(axis=1)
    assert np.array_equal(out.x[~hit], x[~hit]) and np.array_equal(out.diameter[~hit], d[~hit])
    assert not _meets(out.boxes(), names).any()


def test_a_moved_ring_stays_inside_the_view() -> None:
    name = np.array([[0.0, 80.0, 60.0, 100.0]])  # a name at the left edge, over a ring
    view = (0.0, 0.0, 400.0, 300.0)
    out = yield_rings(np.array([20.0]), np.array([90.0]), np.array([36.0]), name, view)
    assert out.moved[0] and out.shown[0]
    ((x0, y0, x1, y1),) = out.boxes()
    assert x0 >= 0.0 and y0 >= 0.0 and x1 <= 400.0 and y1 <= 300.0
    assert not _meets(out.boxes(), name).any()

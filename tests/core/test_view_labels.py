"""Label placement: names where they fit, never on top of each other or off screen."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onemap.view.labels import LabelCandidate, estimate_width, place_labels

W, H, LINE = 800.0, 600.0, 14.0
measure = estimate_width(12.0)

candidates = st.lists(
    st.builds(
        LabelCandidate,
        row=st.integers(0, 10_000),
        x_px=st.floats(-50, 850),
        y_px=st.floats(-50, 650),
        text=st.text(alphabet="桂园小区东风家属院AB12", min_size=1, max_size=8),
    ),
    max_size=120,
)


def overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@given(candidates)
@settings(max_examples=150, deadline=None)
def test_placed_labels_never_overlap_and_stay_on_screen(cands: list[LabelCandidate]) -> None:
    placed = place_labels(cands, measure, width_px=W, height_px=H, line_px=LINE)
    boxes = [(p.left, p.top, p.left + p.width, p.top + p.height) for p in placed]
    for i, a in enumerate(boxes):
        assert a[0] >= 0 and a[2] <= W and a[1] >= 0 and a[3] <= H
        for b in boxes[i + 1 :]:
            assert not overlap(a, b)


@given(candidates)
@settings(max_examples=100, deadline=None)
def test_labels_keep_clear_of_every_marker(cands: list[LabelCandidate]) -> None:
    placed = place_labels(cands, measure, width_px=W, height_px=H, line_px=LINE, marker_px=10.0)
    for p in placed:
        box = (p.left, p.top, p.left + p.width, p.top + p.height)
        for c in cands:
            assert not overlap(box, (c.x_px - 5, c.y_px - 5, c.x_px + 5, c.y_px + 5))


def test_the_first_candidate_wins_a_contested_spot() -> None:
    a = LabelCandidate(1, 100, 100, "桂园小区")
    b = LabelCandidate(2, 104, 100, "东风小区")
    placed = place_labels([a, b], measure, width_px=W, height_px=H, line_px=LINE)
    assert placed[0].row == 1


def test_a_label_goes_left_when_the_right_edge_is_too_close() -> None:
    placed = place_labels([LabelCandidate(1, W - 10, 300, "桂园小区")], measure, width_px=W, height_px=H, line_px=LINE)
    assert placed[0].left + placed[0].width <= W - 10


def test_obstacles_and_big_markers_are_kept_clear() -> None:
    selected = LabelCandidate(1, 400, 300, "桂园", marker_px=28)
    placed = place_labels([selected], measure, width_px=W, height_px=H, line_px=LINE, obstacles=[(400, 250, 500, 350)])
    box = placed[0]
    assert box.left + box.width <= 400 - 14  # not right (obstacle), not inside the ring
    assert not overlap((box.left, box.top, box.left + box.width, box.top + box.height), (386, 286, 414, 314))


def test_the_count_of_labels_is_capped() -> None:
    many = [LabelCandidate(i, (i % 20) * 40, (i // 20) * 20, "A") for i in range(600)]
    assert len(place_labels(many, measure, width_px=W, height_px=H, line_px=LINE, max_labels=50)) == 50


def test_chinese_characters_measure_one_em() -> None:
    assert measure("桂园") == 24.0
    assert measure("12") == pytest.approx(14.4)

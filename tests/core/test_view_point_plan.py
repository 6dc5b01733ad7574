"""What the estate layer draws: single markers close up, numbered aggregates far out, labels that fit."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from onemap.view.extent import Extent
from onemap.view.filters import EstateFilter
from onemap.view.labels import estimate_width
from onemap.view.point_plan import AGGREGATE_MIN_RES
from onemap.view.session import MapSession


@pytest.fixture
def session(demo_file: Path):  # type: ignore[no-untyped-def]
    s = MapSession.open(demo_file)
    yield s
    s.close()


def show(session: MapSession, extent: Extent, size: tuple[int, int] = (1400, 900)) -> None:
    session.state.set_extent(extent, size)


def test_the_whole_county_aggregates_the_county_seat_and_keeps_every_estate(session: MapSession) -> None:
    show(session, session.state.home)
    plan, changed = session.planner.plan()
    assert changed and plan.aggregated
    assert plan.clusters is not None
    assert int(plan.clusters.count.sum()) + len(plan.rows) == 150


def test_close_up_every_estate_in_view_has_its_own_marker(session: MapSession) -> None:
    t = session.table
    x, y = t.x[0], t.y[0]
    show(session, Extent(x - 2000, y - 1300, x + 2000, y + 1300))
    assert session.state.resolution <= AGGREGATE_MIN_RES
    plan, _ = session.planner.plan()
    assert not plan.aggregated
    in_view = session.state.points.within(session.state.extent)
    assert set(in_view.tolist()) <= set(plan.rows.tolist())


def test_a_small_pan_reuses_the_plan_and_a_filter_replans(session: MapSession) -> None:
    t = session.table
    x, y = t.x[0], t.y[0]
    show(session, Extent(x - 2000, y - 1300, x + 2000, y + 1300))
    first, _ = session.planner.plan()
    show(session, Extent(x - 1900, y - 1300, x + 2100, y + 1300))
    again, changed = session.planner.plan()
    assert again is first and not changed
    session.state.set_filter(EstateFilter(statuses=frozenset({"planned"})))
    replanned, changed = session.planner.plan()
    assert changed
    assert set(t.status[replanned.rows].tolist()) <= {0}


def test_labels_fit_the_screen_and_the_selection_is_labelled_first(session: MapSession) -> None:
    t = session.table
    x, y = t.x[30], t.y[30]
    show(session, Extent(x - 3000, y - 2000, x + 3000, y + 2000))
    session.state.select([str(t.code[30])])
    session.planner.plan()
    labels = session.planner.labels(estimate_width(12), 16, marker_px=12)
    assert labels[0].row == 30
    assert all(p.left >= 0 and p.left + p.width <= 1400 for p in labels)
    assert len({p.row for p in labels}) == len(labels)


def test_screen_positions_match_the_view(session: MapSession) -> None:
    show(session, Extent(0.0, 0.0, 1400.0, 900.0))
    t = session.table
    t.x[0], t.y[0] = 700.0, 450.0  # a private copy of the table for this test's session
    px, py = session.planner.screen_xy(np.array([0]))
    assert (px[0], py[0]) == (700.0, 450.0)


def test_an_aggregate_under_the_cursor_stands_for_its_cell(session: MapSession) -> None:
    show(session, session.state.home)
    plan, _ = session.planner.plan()
    assert plan.clusters is not None
    biggest = int(np.argmax(plan.clusters.count))
    cx, cy = float(plan.clusters.x[biggest]), float(plan.clusters.y[biggest])
    area = session.planner.cluster_at(cx + 2 * session.state.resolution, cy)
    assert area is not None and area.width == 2 * plan.cell_m
    assert area.minx < cx < area.maxx
    far = session.state.home.minx
    assert session.planner.cluster_at(far, session.state.home.miny) is None


def test_labels_keep_out_of_reserved_screen_boxes(session: MapSession) -> None:
    t = session.table
    x, y = t.x[30], t.y[30]
    show(session, Extent(x - 3000, y - 2000, x + 3000, y + 2000))
    session.planner.plan()
    free = session.planner.labels(estimate_width(12), 16)
    corner = (0.0, 0.0, 700.0, 450.0)  # the top-left quarter of the screen
    kept = session.planner.labels(estimate_width(12), 16, reserved=[corner])
    assert any(p.left < 700 and p.top < 450 for p in free)
    assert not any(p.left < 700 and p.top < 450 for p in kept)

"""The view state every widget follows: filter, symbology, selection, layers, extent."""

from __future__ import annotations

from pathlib import Path

import pytest

from onemap.view.extent import Extent
from onemap.view.filters import EstateFilter
from onemap.view.session import MapSession
from onemap.view.state import LAYERS, ViewState


@pytest.fixture
def session(demo_file: Path):  # type: ignore[no-untyped-def]
    s = MapSession.open(demo_file)
    yield s
    s.close()


@pytest.fixture
def state(session: MapSession) -> ViewState:
    return session.state


def recorder(signal) -> list[int]:  # type: ignore[no-untyped-def]
    calls: list[int] = []
    signal.connect(lambda *a: calls.append(1))
    return calls


def test_a_new_filter_is_announced_once_and_counts_follow(state: ViewState) -> None:
    calls = recorder(state.filter_changed)
    state.set_filter(EstateFilter(statuses=frozenset({"under_construction"})))
    state.set_filter(EstateFilter(statuses=frozenset({"under_construction"})))
    assert calls == [1]
    assert state.shown_count == 24
    assert sum(state.class_counts()) == 24
    assert len(state.filtered_rows) == 24


def test_changing_the_symbology_reclassifies_every_estate(state: ViewState) -> None:
    calls = recorder(state.symbology_changed)
    state.set_symbology("year")
    state.set_symbology("year")
    assert calls == [1]
    assert state.symbology.kind == "year"
    assert state.classes.max() < len(state.symbology.classes)


def test_selection_keeps_order_drops_unknown_codes_and_names_the_current(state: ViewState) -> None:
    a, b, c = (str(x) for x in state.table.code[:3])
    calls = recorder(state.selection_changed)
    state.select([a, "不存在", b, a])
    assert state.selection == (a, b)
    assert state.current == b
    state.toggle(c)
    state.toggle(a)
    assert state.selection == (b, c)
    state.clear_selection()
    assert state.selection == () and state.current is None
    assert calls == [1, 1, 1, 1]


def test_the_estates_under_the_cursor_are_kept_as_alternatives(state: ViewState) -> None:
    a, b = (str(x) for x in state.table.code[:2])
    state.select([a], alternatives=[a, b])
    assert state.alternatives == (a, b)
    state.select([b], alternatives=state.alternatives)
    assert state.current == b and state.alternatives == (a, b)


def test_zoom_requests_carry_a_padded_extent_and_home(state: ViewState) -> None:
    asked: list[Extent] = []
    state.zoom_requested.connect(asked.append)
    assert not state.zoom_to_selection()
    state.select([str(state.table.code[0])])
    assert state.zoom_to_selection()
    state.request_zoom()
    row = 0
    assert asked[0].width >= 400 and asked[0].minx < state.table.x[row] < asked[0].maxx
    assert asked[1] == state.home


def test_layers_can_be_hidden_and_unknown_ones_are_refused(state: ViewState) -> None:
    assert all(state.layer_visible(name) for name in LAYERS)
    calls = recorder(state.layers_changed)
    state.set_layer_visible("labels", False)
    state.set_layer_visible("labels", False)
    assert not state.layer_visible("labels")
    assert calls == [1]
    with pytest.raises(ValueError):
        state.set_layer_visible("rivers", True)


def test_identify_finds_the_nearest_filtered_estate(state: ViewState) -> None:
    state.set_extent(Extent(0, 0, 1000, 1000), (1000, 1000))  # 1 metre per pixel
    x, y = state.table.x[10], state.table.y[10]
    assert state.identify(x + 3, y)[0] == state.table.code[10]
    assert state.identify(x + 50, y + 50) == [] or state.identify(x + 50, y + 50)[0] != state.table.code[10]
    state.set_filter(EstateFilter(text="不会匹配任何小区"))
    assert state.identify(x, y) == []


def test_the_extent_and_its_resolution_are_recorded(state: ViewState) -> None:
    calls = recorder(state.extent_changed)
    state.set_extent(Extent(0, 0, 2000, 1000), (1000, 500))
    state.set_extent(Extent(0, 0, 2000, 1000), (1000, 500))
    assert calls == [1]
    assert state.resolution == 2.0

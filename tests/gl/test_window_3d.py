"""The 3D tab in the main window shares selection, filter and symbology with the 2D map."""

from __future__ import annotations

from pathlib import Path

import pytest

from onemap.gui.settings import Settings
from onemap.view.filters import EstateFilter
from tests.gui.guikit import make_window

pytestmark = pytest.mark.gl


@pytest.fixture
def window(qtbot, gl_ready, demo_copy: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    w = make_window(qtbot, Settings(tmp_path / "OneMap.ini"), demo_copy)
    w.views.setCurrentIndex(w.scene3d.index)
    qtbot.waitUntil(lambda: w.scene3d.view.scene is not None, timeout=20_000)
    yield w
    w.close()


def test_selecting_on_the_map_highlights_the_estate_in_3d(window) -> None:  # type: ignore[no-untyped-def]
    window.session.state.select(["6107250007"], current="6107250007")
    assert window.scene3d.view.selected_estate() == "6107250007"


def test_picking_a_building_in_3d_selects_its_estate_everywhere(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    view = window.scene3d.view
    view.fly_to("6107250003", animate=False)
    qtbot.wait(50)
    width, height = view._viewport()
    code = view.pick_at(width / 2, height / 2)
    assert code is not None
    view.estate_picked.emit(code)
    assert window.session.state.current == code
    assert window.details.isVisible()


def test_the_map_filter_limits_the_3d_scene(window) -> None:  # type: ignore[no-untyped-def]
    window.session.state.set_filter(EstateFilter(township="武侯镇"))
    shown = window.session.state.table.code[window.session.state.mask].tolist()
    layers = window.scene3d.view.layers
    assert shown and all(layers.is_visible(code) for code in shown)
    hidden = set(window.session.state.table.code.tolist()) - set(shown)
    assert hidden and not any(layers.is_visible(code) for code in hidden)

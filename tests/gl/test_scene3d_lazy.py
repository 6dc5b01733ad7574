"""The 3D scene is built only when its tab is shown, and a newer build cancels an older one."""

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
    yield w
    w.close()


def test_opening_the_main_window_builds_no_3d_scene(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.wait(200)
    assert window.scene3d.builds == 0 and window.scene3d.job is None
    assert window.scene3d.view.scene is None and window.scene3d.stale


def test_showing_the_3d_tab_builds_the_scene_once(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.views.setCurrentIndex(window.scene3d.index)
    qtbot.waitUntil(lambda: window.scene3d.view.scene is not None, timeout=20_000)
    window.views.setCurrentIndex(0)
    window.views.setCurrentIndex(window.scene3d.index)
    qtbot.wait(100)
    assert window.scene3d.builds == 1 and not window.scene3d.stale


def test_an_edit_with_the_3d_tab_hidden_builds_nothing_until_it_is_shown(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.views.setCurrentIndex(window.scene3d.index)
    qtbot.waitUntil(lambda: window.scene3d.view.scene is not None, timeout=20_000)
    window.views.setCurrentIndex(0)
    window.session.state.set_filter(EstateFilter(township="武侯镇"))
    window.session.state.select(["6107250007"], current="6107250007")
    assert window.reload_session()  # what every edit does
    qtbot.wait(100)
    assert window.scene3d.builds == 1 and window.scene3d.stale
    view = window.scene3d.view
    assert not view.scene.tiled and view.layers.buildings.vertex_count() == 0  # the old scene is let go while hidden
    assert view.tiles.cache.nbytes == 0
    window.views.setCurrentIndex(window.scene3d.index)
    assert window.scene3d.builds == 2
    qtbot.waitUntil(lambda: view.scene.tiled and len(view.scene.estate_codes) > 0, timeout=20_000)


def test_a_second_rebuild_cancels_the_first(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    tab = window.scene3d
    window.views.setCurrentIndex(tab.index)
    first = tab.job
    assert first is not None
    shown: list[object] = []
    set_scene = tab.view.set_scene
    tab.view.set_scene = lambda scene, grid=None: (shown.append(scene), set_scene(scene, grid))  # count arrivals
    tab.rebuild()
    assert first.isFinished() and tab.job is not first and tab.builds == 2
    qtbot.waitUntil(lambda: tab.view.scene is not None, timeout=20_000)
    qtbot.wait(100)
    assert len(shown) == 1  # only the second build's scene: the first was cancelled or dropped


def test_an_edit_with_the_tab_hidden_costs_the_3d_tab_nothing_until_it_is_shown(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """No re-read of the estate and no placing of the live watch's marks while hidden (a nation's
    devices placed anew after every edit were a 170 MB peak); both once the tab is shown."""
    tab = window.scene3d
    window.views.setCurrentIndex(tab.index)
    qtbot.waitUntil(lambda: tab.view.scene is not None and tab.job is None, timeout=20_000)
    marks = window.watch_marks_3d
    window.views.setCurrentIndex(0)
    redraws, rereads = marks.redraws, tab.rereads
    table = window.session.state.table
    row = next(i for i in range(len(table.code)) if table.lon[i] == table.lon[i])
    code = str(table.code[row])
    assert window.editing.move_estate(code, (float(table.lon[row]) + 0.0001, float(table.lat[row])))
    qtbot.waitUntil(lambda: code in tab.pending, timeout=10_000)
    qtbot.wait(200)
    assert tab.rereads == rereads and tab.edit_job is None and tab.builds == 1
    assert marks.redraws == redraws and marks.stale  # the marks changed (the estate moved), not placed yet
    window.views.setCurrentIndex(tab.index)
    qtbot.waitUntil(lambda: tab.rereads == rereads + 1 and tab.edit_job is None, timeout=20_000)
    assert marks.redraws > redraws and not marks.stale and not tab.pending

"""Levels of detail: near tiles in full, far estates as blocks, tiles following the camera, a bounded cache."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QPoint, Qt

from onemap.gui.scene3d import Scene3DView
from onemap.gui.settings import Settings
from onemap.scene import load_scene
from onemap.scene.camera import OrbitCamera
from onemap.scene.tiled import load_tiled_scene
from onemap.scene.tiles import BLOCK, FULL, TileCache
from tests.gui.guikit import make_window

pytestmark = pytest.mark.gl
SIZE = (800, 600)
#: faces of one block: two roof triangles and two per side
BLOCK_FACES = 2 + 4 * 2


def tallest(scene):  # type: ignore[no-untyped-def]
    """(code, roof centre) of the estate with the tallest building."""
    i = int(np.argmax(scene.estate_bounds[:, 1, 2]))
    return scene.estate_codes[i], scene.anchors[i] - [0, 0, 6.5]


@pytest.fixture
def view(qtbot, gl_ready, demo_file: Path) -> Scene3DView:  # type: ignore[no-untyped-def]
    widget = Scene3DView(toolbar=False)
    qtbot.addWidget(widget)
    widget.resize(*SIZE)
    widget.show()
    qtbot.waitExposed(widget)
    widget.tiles.synchronous = True
    widget.set_scene(load_tiled_scene(demo_file))
    return widget


def look_at(view: Scene3DView, code: str, distance: float = 600.0) -> None:
    x, y, _z = view.scene.anchors[view.scene.index_of(code)]
    view.set_camera(OrbitCamera((float(x), float(y), 0.0), distance, 40.0))


def test_a_near_building_is_drawn_in_full_and_picked_by_a_click(qtbot, view: Scene3DView, demo_file: Path) -> None:
    code, roof = tallest(view.scene)
    assert view.fly_to(code, animate=False)
    key = view.tiles.grid.tile_of(code)
    mesh = view.layers.tile_meshes[key]
    full = load_scene(demo_file).mesh  # the county's whole mesh, every building
    faces = mesh.estate_face_slice(code)
    assert faces.stop - faces.start == full.estate_face_slice(code).stop - full.estate_face_slice(code).start
    assert view.tiles.cache.get((key, FULL)) is mesh
    ((x, y),), _ = view.camera().project(roof, view.canvas.width(), view.canvas.height())
    with qtbot.waitSignal(view.estate_picked, timeout=2000) as picked:
        qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=QPoint(round(x), round(y)))
    assert picked.args == [code]
    assert view.layers.highlight.vertex_count() == 3 * (faces.stop - faces.start)


def test_a_far_estate_is_drawn_as_one_block_at_its_mean_height(view: Scene3DView) -> None:
    code, _roof = tallest(view.scene)
    look_at(view, code)
    wanted = view.tiles.grid.wanted(view.camera())
    far = next(key for key, level in wanted.items() if level == BLOCK)
    mesh = view.layers.tile_meshes[far]
    assert mesh is view.tiles.cache.get((far, BLOCK))
    estate = mesh.estate_codes[0]
    faces = mesh.estate_face_slice(estate)
    assert faces.stop - faces.start == BLOCK_FACES
    roof = mesh.positions[3 * faces.start : 3 * faces.start + 3, 2]
    assert roof == pytest.approx(view.scene.estate_height[view.scene.index_of(estate)], abs=1e-3)


def test_moving_the_camera_swaps_tiles(view: Scene3DView) -> None:
    code, _roof = tallest(view.scene)
    look_at(view, code)
    here = set(view.layers.tile_meshes)
    assert here == set(view.tiles.grid.wanted(view.camera()))
    in_view = {view.scene.estate_codes[i] for i in view.tiles.shown_estates()}
    drawn = len(view.layers.outlines.pos)  # only the outlines of the tiles in view
    assert (
        drawn == sum(len(view.scene.outlines.estate_positions(c)) for c in in_view) < len(view.scene.outlines.positions)
    )
    lo, hi = view.scene.bounds()
    far_corner = view.scene.estate_codes[int(np.argmin(np.hypot(*(view.scene.anchors[:, :2] - lo[:2]).T)))]
    look_at(view, far_corner)
    there = set(view.layers.tile_meshes)
    assert there == set(view.tiles.grid.wanted(view.camera())) and there != here
    look_at(view, code, distance=50_000.0)  # from this far: dots only, no tile drawn
    assert view.layers.tile_meshes == {} and view.layers.markers.visible()


def test_tiles_are_built_off_the_ui_thread_and_arrive(qtbot, view: Scene3DView) -> None:
    view.tiles.synchronous = False
    view.tiles.set_scene(view.scene)  # an empty cache
    built = view.tiles.tiles_built
    code, _roof = tallest(view.scene)
    look_at(view, code, distance=700.0)
    assert view.tiles.tiles_built == built  # the camera move itself built nothing
    wanted = set(view.tiles.grid.wanted(view.camera()))
    qtbot.waitUntil(lambda: set(view.layers.tile_meshes) == wanted, timeout=20_000)
    assert view.tiles.tiles_built >= built + len(wanted)


def test_the_tile_cache_never_exceeds_its_budget(view: Scene3DView) -> None:
    budget = 200_000
    view.tiles.cache = TileCache(budget)
    view.tiles.set_scene(view.scene)
    for code in view.scene.estate_codes[::10]:
        look_at(view, code, distance=3000.0)
        assert 0 < view.tiles.cache.nbytes <= budget
    assert view.tiles.tiles_built > len(view.tiles.cache)  # tiles were dropped and made again


def test_a_full_cache_keeps_the_tiles_in_view_and_refuses_what_does_not_fit(view: Scene3DView) -> None:
    grid = view.tiles.grid
    keys = grid.keys[:3]
    meshes = [grid.mesh(key, BLOCK) for key in keys]
    cache = TileCache(meshes[0].nbytes + meshes[1].nbytes)
    assert cache.put(keys[0], meshes[0]) and cache.put(keys[1], meshes[1])
    assert not cache.put(keys[2], meshes[0], keep={keys[0], keys[1]})
    assert cache.put(keys[2], meshes[1], keep={keys[1]})  # the unprotected, least recently used tile goes
    assert keys[0] not in cache and keys[1] in cache and cache.nbytes <= cache.budget


@pytest.fixture
def window(qtbot, gl_ready, demo_copy: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    w = make_window(qtbot, Settings(tmp_path / "OneMap.ini"), demo_copy)
    w.views.setCurrentIndex(w.scene3d.index)
    qtbot.waitUntil(lambda: w.scene3d.view.scene is not None and w.scene3d.job is None, timeout=20_000)
    yield w
    w.close()


def test_an_edit_rebuilds_only_the_tiles_of_the_estates_it_changed(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    tab, view = window.scene3d, window.scene3d.view
    code, _roof = tallest(view.scene)
    view.fly_to(code, animate=False)
    view._update_tiles()
    qtbot.waitUntil(lambda: view.tiles.job is None and not view.tiles.missing(), timeout=20_000)
    before = dict(view.layers.tile_meshes)
    key = view.tiles.grid.tile_of(code)
    x, y, _z = view.scene.anchors[view.scene.index_of(code)]
    lon, lat = view.scene.frame.to_lonlat([x - 40, x + 40], [y - 40, y + 40])
    assert window.editing.inventory.set_outline(code, shapely.box(lon[0], lat[0], lon[1], lat[1]))
    tab.estates_changed([code])
    assert tab.rereads == 1 and tab.builds == 1
    qtbot.waitUntil(
        lambda: tab.edit_job is None and view.tiles.job is None and not view.tiles.missing(), timeout=20_000
    )
    after = view.layers.tile_meshes
    assert after[key] is not before[key]  # the edited estate's tile is new
    assert all(after[k] is mesh for k, mesh in before.items() if k != key and k in after)  # the others are kept
    outline = view.scene.outlines.estate_positions(code)
    assert outline[:, 0].min() == pytest.approx(x - 40, abs=0.5)


def test_an_edit_while_the_3d_tab_is_hidden_is_read_when_it_is_shown(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    tab, view = window.scene3d, window.scene3d.view
    code = view.scene.estate_codes[5]
    window.views.setCurrentIndex(0)
    tab.estates_changed([code])
    assert tab.rereads == 0 and tab.pending == {code}
    window.views.setCurrentIndex(tab.index)
    assert tab.rereads == 1 and not tab.pending and tab.builds == 1
    qtbot.waitUntil(lambda: tab.edit_job is None, timeout=20_000)


def test_from_afar_a_nations_dots_thin_to_one_per_cell(view: Scene3DView, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from onemap.gui.scene3d import layers

    monkeypatch.setattr(layers, "MANY_MARKERS", 10)  # the demo's 150 estates stand in for a nation's
    view.layers.set_scene(view.scene)
    code, _roof = tallest(view.scene)
    look_at(view, code, distance=1_000_000.0)  # cells of 2 km: the county seat's estates share a few
    far = len(view.layers.markers.pos)
    look_at(view, code, distance=10_000.0)
    near = len(view.layers.markers.pos)
    assert 0 < far < near <= len(view.scene.estate_codes)
    assert len(view.layers.marker_rings.pos) == 0

"""The tiled scene without a window: building boxes, tiles, levels, and re-reading an edit's estates."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import shapely

from onemap.scene import OrbitCamera, load_scene
from onemap.scene.tiled import load_tiled_scene, with_estates_reread
from onemap.scene.tiles import BLOCK, FAR_M, FULL, TileGrid, tiles_of
from onemap.store import Inventory


def test_a_tiled_scene_has_the_county_scenes_estates_boxes_and_heights(demo_file: Path) -> None:
    tiled, county = load_tiled_scene(demo_file), load_scene(demo_file)
    assert tiled.estate_codes == county.estate_codes and tiled.mesh.n_faces == 0
    # boxes come from the R-tree (float32, rounded outwards): within a metre of the footprints'
    assert np.allclose(tiled.estate_bounds, county.estate_bounds, atol=1.5, equal_nan=True)
    assert tiled.block_boxes is not None and np.isfinite(tiled.block_boxes[:, 0]).sum() == len(county.mesh.estate_codes)


def test_near_tiles_are_full_far_ones_blocks_and_a_distant_camera_wants_none(demo_file: Path) -> None:
    scene = load_tiled_scene(demo_file)
    grid = TileGrid(scene)
    x, y, _z = scene.anchors[0]
    wanted = grid.wanted(OrbitCamera((float(x), float(y), 0.0), 800.0, 40.0))
    assert wanted[grid.tile_of(scene.estate_codes[0])] == FULL and BLOCK in wanted.values()
    assert list(wanted.values()).index(BLOCK) > 0  # nearest first: full tiles before blocks
    assert grid.wanted(OrbitCamera((float(x), float(y), 0.0), FAR_M, 40.0)) == {}
    with Inventory.open(demo_file, readonly=True) as inventory:
        full = grid.mesh(grid.tile_of(scene.estate_codes[0]), FULL, inventory)
    whole = load_scene(demo_file).mesh
    code = scene.estate_codes[0]
    assert np.array_equal(
        full.positions[slice(3 * full.estate_face_slice(code).start, 3 * full.estate_face_slice(code).stop)],
        whole.positions[slice(3 * whole.estate_face_slice(code).start, 3 * whole.estate_face_slice(code).stop)],
    )


def test_rereading_an_edited_estate_gives_what_a_fresh_read_gives(demo_copy: Path) -> None:
    before = load_tiled_scene(demo_copy)
    code = before.estate_codes[7]
    x, y, _z = before.anchors[before.index_of(code)]
    lon, lat = before.frame.to_lonlat([x + 500, x + 700], [y + 500, y + 700])
    with Inventory.open(demo_copy) as inventory:
        assert inventory.set_outline(code, shapely.box(lon[0], lat[0], lon[1], lat[1]))
        after = with_estates_reread(before, inventory, [code])
    fresh = load_tiled_scene(demo_copy)
    assert after.estate_codes == fresh.estate_codes and after.names == fresh.names
    assert np.array_equal(after.outlines.positions, fresh.outlines.positions)
    assert np.array_equal(after.outlines.segment_estate, fresh.outlines.segment_estate)
    assert np.allclose(after.estate_bounds, fresh.estate_bounds, equal_nan=True)
    assert np.allclose(after.anchors, fresh.anchors) and np.allclose(after.estate_height, fresh.estate_height)
    assert not np.allclose(after.estate_bounds, before.estate_bounds, equal_nan=True)  # the edit shows
    assert tiles_of(after, [code]) and tiles_of(after, ["no such estate"]) == set()

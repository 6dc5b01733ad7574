"""The tiled scene without a window: building boxes, tiles, levels, and re-reading an edit's estates."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import numpy as np
import pytest
import shapely

from onemap.model import Estate
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


def test_a_tiled_scene_keeps_each_estates_building_box_not_each_buildings(demo_file: Path) -> None:
    tiled, county = load_tiled_scene(demo_file), load_scene(demo_file)
    assert tiled.block_boxes is not None and tiled.block_boxes.shape == (len(tiled.estate_codes), 4)
    mesh = county.mesh
    for code in (tiled.estate_codes[0], tiled.estate_codes[len(tiled.estate_codes) // 2]):
        b = mesh.building_bounds[mesh.building_estate == mesh.estate_index(code)]
        footprints = [b[:, 0, 0].min(), b[:, 0, 1].min(), b[:, 1, 0].max(), b[:, 1, 1].max()]
        # from the R-tree (float32, rounded outwards): within a metre of the footprints'
        assert np.allclose(tiled.block_boxes[tiled.index_of(code)], footprints, atol=1.5)
    # nothing a building long is kept (the buildings' boxes were: 40 MB at 1.6 million buildings)
    assert all(len(getattr(getattr(tiled, f.name), "building_estate", ())) == 0 for f in fields(tiled))


@pytest.mark.parametrize("edit", ["outline", "no outline", "deleted", "new estate"])
def test_rereading_edited_estates_is_exactly_a_fresh_read_and_keeps_the_others_rows(demo_copy: Path, edit: str) -> None:
    """The oracle is a fresh read of the whole file after the edit (what the re-read did before it
    spliced the edited estates' rows in): every array equal, bit for bit."""
    before = load_tiled_scene(demo_copy)
    code = before.estate_codes[7]
    x, y, _z = before.anchors[before.index_of(code)]
    lon, lat = before.frame.to_lonlat([x + 50, x + 300], [y + 50, y + 300])
    with Inventory.open(demo_copy) as inventory:
        if edit == "outline":
            assert inventory.set_outline(code, shapely.box(lon[0], lat[0], lon[1], lat[1]))
        elif edit == "no outline":
            assert inventory.set_outline(code, None)
        elif edit == "deleted":
            inventory.delete_estate(code)
        else:
            code += "9"  # sorts between two demo codes: the others' rows move up one
            outline = shapely.box(lon[0], lat[0], lon[1], lat[1])
            inventory.add_estate(Estate(code, "新小区", location=(lon[0], lat[0]), outline=outline))
        after = with_estates_reread(before, inventory, [code])
    fresh = load_tiled_scene(demo_copy)
    assert after.estate_codes == fresh.estate_codes and after.names == fresh.names
    for name in ("anchors", "estate_bounds", "block_boxes", "estate_height"):
        assert np.array_equal(getattr(after, name), getattr(fresh, name), equal_nan=True), name
    for name in ("positions", "segment_estate", "polygon_estate", "polygon_wkb", "polygon_bounds"):
        assert np.array_equal(getattr(after.outlines, name), getattr(fresh.outlines, name)), name
    assert after.outlines.estate_codes == fresh.outlines.estate_codes
    # the other estates' rows are the old scene's (copied, never re-derived)
    others = [c for c in before.estate_codes if c != code][:50]
    old_rows = [before.index_of(c) for c in others]
    new_rows = [after.index_of(c) for c in others]
    assert np.array_equal(after.anchors[new_rows], before.anchors[old_rows])
    assert after.frame is before.frame


def test_outlines_built_a_chunk_at_a_time_are_those_built_at_once(demo_file: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from onemap.scene import outlines as module
    from onemap.scene.source import read_outlines

    with Inventory.open(demo_file, readonly=True) as inventory:
        codes, geoms = read_outlines(inventory)
    frame = load_tiled_scene(demo_file).frame
    whole = module.build_outlines(codes, geoms, frame)
    monkeypatch.setattr(module, "CHUNK", 7)
    chunked = module.build_outlines(codes, geoms, frame)
    assert len(geoms) > 7 * 3 and chunked.estate_codes == whole.estate_codes
    for name in ("positions", "segment_estate", "polygon_estate", "polygon_wkb", "polygon_bounds"):
        assert np.array_equal(getattr(chunked, name), getattr(whole, name)), name


def test_outline_parts_kept_as_wkb_are_the_polygons_they_were_made_from(demo_file: Path) -> None:
    from onemap.scene.extrude import explode
    from onemap.scene.source import read_outlines

    scene = load_tiled_scene(demo_file)
    with Inventory.open(demo_file, readonly=True) as inventory:
        codes, geoms = read_outlines(inventory)
    polys, owner = explode(scene.frame.geometries_to_local(geoms))
    order = np.argsort(np.searchsorted(scene.outlines.estate_codes, codes.astype(str)[owner]), kind="stable")
    kept = scene.outlines.polygons()
    assert len(kept) == len(polys) and all(isinstance(b, bytes) for b in scene.outlines.polygon_wkb)
    assert shapely.equals_exact(kept, polys[order], tolerance=0).all()
    assert np.array_equal(scene.outlines.polygon_bounds, shapely.bounds(polys[order]))


def test_picking_the_ground_decodes_only_nearby_outlines_and_picks_what_all_of_them_picked(demo_file: Path) -> None:
    """Oracle: the test of every outline polygon at once (what picking did before the polygons were kept as WKB)."""
    from onemap.scene.picking import pick_outline

    outlines = load_tiled_scene(demo_file).outlines
    every = outlines.polygons()
    lo, hi = outlines.polygon_bounds[:, :2].min(axis=0), outlines.polygon_bounds[:, 2:].max(axis=0)
    rng = np.random.default_rng(12)
    centres = (outlines.polygon_bounds[:, :2] + outlines.polygon_bounds[:, 2:]) / 2.0
    points = np.concatenate([rng.uniform(lo, hi, (300, 2)), centres[rng.choice(len(centres), 300)]])
    hits = 0
    for x, y in points:
        inside = np.flatnonzero(shapely.contains_xy(every, x, y))
        want = (
            None
            if not len(inside)
            else outlines.estate_codes[int(outlines.polygon_estate[inside[np.argmin(shapely.area(every[inside]))]])]
        )
        assert pick_outline(outlines, (x - 30.0, y - 40.0, 500.0), (30.0, 40.0, -500.0)) == want
        hits += want is not None
    assert hits >= 300  # the centres of outlines hit (the random points mostly miss)

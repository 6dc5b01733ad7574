"""A scene for a nation: per-estate data and building boxes, no mesh (tiles are extruded on demand).

``load_tiled_scene`` reads each building's box from the R-tree, chunk by chunk, and keeps only
compact arrays of them (:class:`onemap.scene.boxes.BuildingBoxes`); footprints are read per tile
when one is extruded. ``with_estates_reread`` re-reads the rows of a few estates after an edit and
leaves every other estate's data as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import replace
from pathlib import Path

import numpy as np
import shapely
from numpy.typing import NDArray

from onemap.scene.boxes import BuildingBoxes, concat_boxes, read_boxes
from onemap.scene.frame import SceneFrame
from onemap.scene.ground import on_ground
from onemap.scene.mesh import BuildingMesh, mesh_from_polygons
from onemap.scene.outlines import OutlineLines, boundary_lines, build_outlines
from onemap.scene.scene import LABEL_LIFT_M, CountyScene, SceneCancelled, _merge_outline_bounds, frame_for
from onemap.scene.source import decode_blobs, read_boundaries, read_estate_names, read_outlines
from onemap.store.inventory import Inventory


def _never() -> bool:
    return False


def load_tiled_scene(source: Inventory | str | Path, cancelled: Callable[[], bool] = _never) -> CountyScene:
    """Read an inventory into a tiled scene (``boxes`` set, ``mesh`` empty).

    Raises
    ------
    SceneCancelled
        When ``cancelled()`` returned True (asked between chunks of 100,000 buildings).
    """
    if isinstance(source, Inventory):
        return _from_inventory(source, cancelled)
    with Inventory.open(source, readonly=True) as inventory:
        return _from_inventory(inventory, cancelled)


def _from_inventory(inventory: Inventory, cancelled: Callable[[], bool]) -> CountyScene:
    def check() -> None:
        if cancelled():
            raise SceneCancelled

    check()
    outline_codes, outline_geoms = read_outlines(inventory)
    frame = frame_for(outline_geoms if len(outline_geoms) else _any_footprints(inventory))
    check()
    boxes = read_boxes(inventory.building_box_chunks(), frame, check)
    outlines = build_outlines(outline_codes, outline_geoms, frame)
    check()
    boundaries = boundary_lines(read_boundaries(inventory), frame)
    scene = index_scene(boxes, outlines, read_estate_names(inventory), frame, boundaries)
    return replace(scene, source=inventory.path)


def _any_footprints(inventory: Inventory) -> NDArray[np.object_]:
    """Some footprints (where an inventory without outlines puts its frame)."""
    first = next(iter(inventory.building_box_chunks(size=1000)), [])
    return (
        np.asarray(shapely.box(*np.array([row[3:7] for row in first], dtype=float).T), dtype=object)
        if first
        else np.empty(0, dtype=object)
    )


def with_estates_reread(scene: CountyScene, inventory: Inventory, codes: Collection[str]) -> CountyScene:
    """``scene`` with the buildings, outline and name of ``codes`` read again (the others kept)."""
    if scene.boxes is None:
        raise ValueError("not a tiled scene")
    changed = set(codes)
    boxes = concat_boxes(
        [scene.boxes.without(changed), read_boxes(inventory.building_box_chunks(sorted(changed)), scene.frame)]
    )
    pairs = inventory.outline_rows_of(sorted(changed))
    geoms = decode_blobs([row[1] for row in pairs])
    keep = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    new = build_outlines(np.array([str(r[0]) for r in pairs], dtype=object)[keep], geoms[keep], scene.frame)
    outlines = scene.outlines.replaced(changed, new)
    names = dict(zip(scene.estate_codes, scene.names, strict=True))
    for code in changed:
        row = inventory.estate_row(code)
        if row is not None:
            names[code] = str(row.get("name") or code)
    fresh = index_scene(boxes, outlines, names, scene.frame, scene.boundaries)
    return on_ground(replace(fresh, source=scene.source), scene.terrain)


def index_scene(
    buildings: BuildingBoxes,
    outlines: OutlineLines,
    names: dict[str, str],
    frame: SceneFrame,
    boundaries: NDArray[np.float32],
) -> CountyScene:
    """The per-estate part of a tiled scene: codes, names, boxes, label anchors and block heights."""
    codes = tuple(sorted(set(buildings.codes) | set(outlines.estate_codes)))
    code_array = np.asarray(codes, dtype=str)
    bounds = np.full((len(codes), 2, 3), np.nan)
    height = np.zeros(len(codes))
    anchors = np.zeros((len(codes), 3))
    roofs = None
    if len(buildings):
        at = np.searchsorted(code_array, np.asarray(buildings.codes, dtype=str))[buildings.building_estate]
        box, tops = buildings.boxes.astype(np.float64), buildings.heights.astype(np.float64)
        ok = np.isfinite(box[:, 0])
        at, box, tops = at[ok], box[ok], tops[ok]
        for k, (lo, hi) in enumerate(((0, 2), (1, 3))):
            np.fmin.at(bounds[:, 0, k], at, box[:, lo])
            np.fmax.at(bounds[:, 1, k], at, box[:, hi])
        np.fmax.at(bounds[:, 1, 2], at, tops)
        count = np.bincount(at, minlength=len(codes))
        height = np.bincount(at, weights=tops, minlength=len(codes)) / np.maximum(count, 1)
        roofs = _tallest_roofs(at, box, tops)
    if len(outlines.polygons):
        _merge_outline_bounds(bounds, code_array, outlines)
    bounds[:, :, 2] = np.nan_to_num(bounds[:, :, 2], nan=0.0)
    bounds[:, 0, 2] = 0.0
    anchors = np.column_stack([(bounds[:, 0, :2] + bounds[:, 1, :2]) / 2.0, bounds[:, 1, 2]])
    if roofs is not None:
        anchors[roofs[0]] = roofs[1]
    anchors[:, 2] += LABEL_LIFT_M
    return CountyScene(
        frame,
        empty_mesh(),
        outlines,
        codes,
        tuple(names.get(c, c) for c in codes),
        anchors,
        bounds,
        boundaries,
        boxes=buildings,
        estate_height=height,
    )


def _tallest_roofs(
    estate: NDArray[np.int64], box: NDArray[np.float64], tops: NDArray[np.float64]
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """``(estates, roof centres)``: where each estate's tallest building stands, at its roof height."""
    # by estate, then height (ties by place, so the order buildings were read in never matters):
    # the last of each estate is its tallest
    order = np.lexsort((-box[:, 0], -box[:, 1], tops, estate))
    last = order[np.r_[estate[order][1:] != estate[order][:-1], True]] if len(order) else order
    centre = (box[last, :2] + box[last, 2:]) / 2.0
    return estate[last], np.column_stack([centre, np.maximum(tops[last], 0.0)])


def empty_mesh() -> BuildingMesh:
    """A mesh with nothing in it."""
    none = np.empty(0, dtype=object)
    return mesh_from_polygons(np.empty(0, dtype=str), np.empty(0), none, np.empty(0, dtype=np.int64))

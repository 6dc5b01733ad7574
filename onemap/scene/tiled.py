"""A scene for a nation: per-estate data and building boxes, no mesh (tiles are extruded on demand).

``load_tiled_scene`` reads each building's box from the R-tree, chunk by chunk
(:class:`onemap.scene.boxes.BuildingBoxes`), and keeps only what each estate needs of them (its
buildings' box, mean and top height, tallest roof); footprints are read per tile when one is
extruded. ``with_estates_reread`` re-reads the rows of a few estates after an edit and leaves every
other estate's data as it was.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Collection
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray

from onemap.scene.boxes import BuildingBoxes, read_boxes
from onemap.scene.frame import SceneFrame
from onemap.scene.ground import on_ground
from onemap.scene.mesh import BuildingMesh, mesh_from_polygons
from onemap.scene.outlines import OutlineLines, boundary_lines, build_outlines
from onemap.scene.scene import LABEL_LIFT_M, CountyScene, SceneCancelled, _merge_outline_bounds, frame_for
from onemap.scene.source import decode_blobs, read_boundaries, read_estate_names, read_outlines
from onemap.store.inventory import Inventory


def _never() -> bool:
    return False


def _pass() -> None:
    return None


def load_tiled_scene(
    source: Inventory | str | Path, cancelled: Callable[[], bool] = _never, settle: Callable[[], None] = _pass
) -> CountyScene:
    """Read an inventory into a tiled scene (``block_boxes`` set, ``mesh`` empty).

    ``settle`` is called where a step's temporaries have just been freed (the viewer gives its heap
    back there: at 220,000 estates the outlines' reads leave some 300 MB of freed pages, and the
    build's peak was the buildings' read on top of them).

    Raises
    ------
    SceneCancelled
        When ``cancelled()`` returned True (asked between chunks of 100,000 buildings).
    """
    if isinstance(source, Inventory):
        return _from_inventory(source, cancelled, settle)
    with Inventory.open(source, readonly=True) as inventory:
        return _from_inventory(inventory, cancelled, settle)


def _from_inventory(inventory: Inventory, cancelled: Callable[[], bool], settle: Callable[[], None]) -> CountyScene:
    def check() -> None:
        if cancelled():
            raise SceneCancelled

    check()
    outline_codes, outline_geoms = read_outlines(inventory)
    frame = frame_for(outline_geoms if len(outline_geoms) else _any_footprints(inventory))
    settle()  # the rows and blobs read
    check()
    outlines = build_outlines(outline_codes, outline_geoms, frame)
    del outline_codes, outline_geoms  # 220,000 lon/lat geometries: gone before the buildings are read
    settle()
    check()
    boxes = read_boxes(inventory.building_box_chunks(), frame, check)
    boundaries = boundary_lines(read_boundaries(inventory), frame)
    scene = index_scene(boxes, outlines, read_estate_names(inventory), frame, boundaries)
    del boxes
    settle()
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
    """``scene`` with the buildings, outline and name of ``codes`` read again (the others kept).

    Only those estates are read and indexed: their rows of the per-estate arrays are spliced into
    copies of the scene's, whose other rows are the scene's own. (Re-indexing every building and
    copying every outline after an edit cost 3.7 s and 280 MB at 220,000 estates.)
    """
    if scene.block_boxes is None or scene.estate_height is None:
        raise ValueError("not a tiled scene")
    changed = sorted(set(codes))
    boxes = read_boxes(inventory.building_box_chunks(changed), scene.frame)
    pairs = inventory.outline_rows_of(changed)
    geoms = decode_blobs([row[1] for row in pairs])
    keep = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    new = build_outlines(np.array([str(r[0]) for r in pairs], dtype=object)[keep], geoms[keep], scene.frame)
    names = {}
    for code in changed:
        row = inventory.estate_row(code)
        old = scene.index_of(code)
        names[code] = str(row.get("name") or code) if row is not None else scene.names[old] if old is not None else code
    # the edited estates alone, indexed and put on the ground as a fresh read of the whole would
    part = on_ground(index_scene(boxes, new, names, scene.frame, scene.boundaries[:0]), scene.terrain)
    codes_now, rows = _spliced_codes(scene.estate_codes, changed, part.estate_codes)
    assert part.block_boxes is not None and part.estate_height is not None
    return replace(
        scene,
        outlines=scene.outlines.replaced(set(changed), part.outlines),
        estate_codes=codes_now,
        names=rows.splice_tuple(scene.names, part.names),
        anchors=rows.splice(scene.anchors, part.anchors),
        estate_bounds=rows.splice(scene.estate_bounds, part.estate_bounds),
        block_boxes=rows.splice(scene.block_boxes, part.block_boxes),
        estate_height=rows.splice(scene.estate_height, part.estate_height),
    )


class _Splice:
    """Rows ``drop`` of sorted per-estate arrays removed and the rows of new estates put in at ``at``."""

    def __init__(self, drop: list[int], at: list[int], same: bool) -> None:
        self.drop, self.at, self.same = drop, at, same

    def splice(self, old: NDArray[Any], new: NDArray[Any]) -> NDArray[Any]:
        """A copy of ``old`` with its dropped rows gone and ``new``'s rows in their places."""
        if self.same:  # the same estates: their rows overwritten in a copy
            out = old.copy()
            out[self.drop] = new
            return out
        return np.insert(np.delete(old, self.drop, axis=0), self.at, new, axis=0)

    def splice_tuple(self, old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
        items = list(old)
        if self.same:
            for i, value in zip(self.drop, new, strict=True):
                items[i] = value
            return tuple(items)
        for i in reversed(self.drop):
            del items[i]
        for offset, (i, value) in enumerate(zip(self.at, new, strict=True)):
            items.insert(i + offset, value)
        return tuple(items)


def _spliced_codes(
    codes: tuple[str, ...], changed: list[str], fresh: tuple[str, ...]
) -> tuple[tuple[str, ...], _Splice]:
    """The scene's sorted codes once ``changed`` were read again (``fresh``: those still in it), and
    how its per-estate arrays change: the rows of ``changed`` go, those of ``fresh`` come in."""
    present = [c for c in changed if (i := bisect.bisect_left(codes, c)) < len(codes) and codes[i] == c]
    drop = [bisect.bisect_left(codes, c) for c in present]
    if list(fresh) == present:
        return codes, _Splice(drop, drop, same=True)
    # where each fresh code goes among the codes left: its place among all, less the dropped before it
    at = [bisect.bisect_left(codes, c) - bisect.bisect_left(drop, bisect.bisect_left(codes, c)) for c in fresh]
    dropped = set(drop)
    kept = [c for i, c in enumerate(codes) if i not in dropped] if drop else list(codes)
    for offset, (i, c) in enumerate(zip(at, fresh, strict=True)):
        kept.insert(i + offset, c)
    return tuple(kept), _Splice(drop, at, same=False)


def index_scene(
    buildings: BuildingBoxes,
    outlines: OutlineLines,
    names: dict[str, str],
    frame: SceneFrame,
    boundaries: NDArray[np.float32],
) -> CountyScene:
    """The per-estate part of a tiled scene: codes, names, building boxes, label anchors and block heights.

    The buildings' own boxes are not kept: only what each estate needs of them.
    """
    codes = tuple(sorted(set(buildings.codes) | set(outlines.estate_codes)))
    code_array = np.asarray(codes, dtype=str)
    bounds = np.full((len(codes), 2, 3), np.nan)
    height = np.zeros(len(codes))
    block = np.full((len(codes), 4), np.nan, dtype=np.float32)
    roofs = None
    if len(buildings):
        at = np.searchsorted(code_array, np.asarray(buildings.codes, dtype=str))[buildings.building_estate]
        for k, fn in ((0, np.fmin), (1, np.fmin), (2, np.fmax), (3, np.fmax)):
            fn.at(block[:, k], at, buildings.boxes[:, k])  # float32 in, float32 out: the same values
        # float32 as read: the minima, maxima and sorts below give what float64 copies gave, without
        # 64 MB of copies of a nation's boxes (the sums are taken in float64 all the same)
        box, tops = buildings.boxes, buildings.heights
        ok = np.isfinite(box[:, 0])
        if not ok.all():
            at, box, tops = at[ok], box[ok], tops[ok]
        for k, (lo, hi) in enumerate(((0, 2), (1, 3))):
            np.fmin.at(bounds[:, 0, k], at, box[:, lo])
            np.fmax.at(bounds[:, 1, k], at, box[:, hi])
        np.fmax.at(bounds[:, 1, 2], at, tops)
        count = np.bincount(at, minlength=len(codes))
        height = np.bincount(at, weights=tops.astype(np.float64), minlength=len(codes)) / np.maximum(count, 1)
        roofs = _tallest_roofs(at, box, tops)
    if len(outlines.polygon_estate):
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
        block_boxes=block,
        estate_height=height,
    )


def _tallest_roofs(
    estate: NDArray[np.int64], box: NDArray[np.floating[Any]], tops: NDArray[np.floating[Any]]
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """``(estates, roof centres)``: where each estate's tallest building stands, at its roof height."""
    # by estate, then height (ties by place, so the order buildings were read in never matters):
    # the last of each estate is its tallest
    order = np.lexsort((-box[:, 0], -box[:, 1], tops, estate))
    last = order[np.r_[estate[order][1:] != estate[order][:-1], True]] if len(order) else order
    chosen = box[last].astype(np.float64)
    centre = (chosen[:, :2] + chosen[:, 2:]) / 2.0
    return estate[last], np.column_stack([centre, np.maximum(tops[last].astype(np.float64), 0.0)])


def empty_mesh() -> BuildingMesh:
    """A mesh with nothing in it."""
    none = np.empty(0, dtype=object)
    return mesh_from_polygons(np.empty(0, dtype=str), np.empty(0), none, np.empty(0, dtype=np.int64))

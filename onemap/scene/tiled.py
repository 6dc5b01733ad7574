"""A scene for a nation: per-estate data and compact footprints, no mesh (tiles are extruded on demand).

``load_tiled_scene`` reads the buildings chunk by chunk and keeps only compact arrays of them
(:class:`onemap.scene.footprints.Footprints`); ``with_estates_reread`` re-reads the rows of a few
estates after an edit and leaves every other estate's data as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

import numpy as np
import shapely
from numpy.typing import NDArray

from onemap.scene.footprints import Footprints, concat_footprints, footprints_from_rows, read_footprints
from onemap.scene.frame import SceneFrame
from onemap.scene.mesh import BuildingMesh, mesh_from_polygons
from onemap.scene.outlines import OutlineLines, boundary_lines, build_outlines, outlines_from_polygons
from onemap.scene.scene import LABEL_LIFT_M, CountyScene, SceneCancelled, _merge_outline_bounds, frame_for
from onemap.scene.source import decode_blobs, read_boundaries, read_estate_names, read_outlines, rows_from_tuples
from onemap.store.inventory import Inventory


def _never() -> bool:
    return False


def load_tiled_scene(source: Inventory | str | Path, cancelled: Callable[[], bool] = _never) -> CountyScene:
    """Read an inventory into a tiled scene (``footprints`` set, ``mesh`` empty).

    Raises
    ------
    SceneCancelled
        When ``cancelled()`` returned True (asked between chunks of 50,000 buildings).
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
    chunks = (rows_from_tuples(rows) for rows in inventory.building_row_chunks())
    first = next(chunks, None)
    frame = frame_for(outline_geoms if len(outline_geoms) or first is None else first.footprints_lonlat)
    check()
    footprints = read_footprints([] if first is None else _chain(first, chunks), frame, check)
    outlines = build_outlines(outline_codes, outline_geoms, frame)
    check()
    boundaries = boundary_lines(read_boundaries(inventory), frame)
    return index_scene(footprints, outlines, read_estate_names(inventory), frame, boundaries)


def _chain(first, rest):  # type: ignore[no-untyped-def]
    yield first
    yield from rest


def with_estates_reread(scene: CountyScene, inventory: Inventory, codes: Collection[str]) -> CountyScene:
    """``scene`` with the buildings, outline and name of ``codes`` read again (the others kept)."""
    if scene.footprints is None:
        raise ValueError("not a tiled scene")
    changed = set(codes)
    rows = [rows_from_tuples(chunk) for chunk in inventory.building_row_chunks(sorted(changed))]
    fresh = [footprints_from_rows(r, scene.frame) for r in rows if len(r)]
    footprints = concat_footprints([scene.footprints.without(changed), *fresh])
    pairs = inventory.outline_rows_of(sorted(changed))
    geoms = decode_blobs([row[1] for row in pairs])
    keep = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    new = build_outlines(np.array([str(r[0]) for r in pairs], dtype=object)[keep], geoms[keep], scene.frame)
    old = scene.outlines.without(changed)
    outlines = outlines_from_polygons(
        np.concatenate([_polygon_codes(old), _polygon_codes(new)]), np.concatenate([old.polygons, new.polygons])
    )
    return index_scene(footprints, outlines, read_estate_names(inventory), scene.frame, scene.boundaries)


def _polygon_codes(outlines: OutlineLines) -> NDArray[np.str_]:
    if len(outlines.polygons) == 0:
        return np.empty(0, dtype=str)
    return np.asarray(outlines.estate_codes, dtype=str)[outlines.polygon_estate]


def index_scene(
    footprints: Footprints,
    outlines: OutlineLines,
    names: dict[str, str],
    frame: SceneFrame,
    boundaries: NDArray[np.float32],
) -> CountyScene:
    """The per-estate part of a tiled scene: codes, names, boxes, label anchors and block heights."""
    codes = tuple(sorted(set(footprints.codes) | set(outlines.estate_codes)))
    code_array = np.asarray(codes, dtype=str)
    bounds = np.full((len(codes), 2, 3), np.nan)
    height = np.zeros(len(codes))
    anchors = np.zeros((len(codes), 3))
    roofs = None
    if len(footprints):
        at = np.searchsorted(code_array, np.asarray(footprints.codes, dtype=str))[footprints.building_estate]
        box, tops = footprints.boxes.astype(np.float64), footprints.heights.astype(np.float64)
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
        footprints=footprints,
        estate_height=height,
    )


def _tallest_roofs(
    estate: NDArray[np.int64], box: NDArray[np.float64], tops: NDArray[np.float64]
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """``(estates, roof centres)``: where each estate's tallest building stands, at its roof height."""
    order = np.lexsort((tops, estate))  # by estate, then height: the last of each is the tallest
    last = order[np.r_[estate[order][1:] != estate[order][:-1], True]] if len(order) else order
    centre = (box[last, :2] + box[last, 2:]) / 2.0
    return estate[last], np.column_stack([centre, np.maximum(tops[last], 0.0)])


def empty_mesh() -> BuildingMesh:
    """A mesh with nothing in it."""
    none = np.empty(0, dtype=object)
    return mesh_from_polygons(np.empty(0, dtype=str), np.empty(0), none, np.empty(0, dtype=np.int64))

"""Every building as a box and a height: what a national scene keeps instead of its footprints.

A national inventory holds 1.6 million footprints; decoding, projecting and keeping them all
takes minutes and gigabytes. The scene's per-estate data (bounds, label anchors, block heights)
needs only each building's box, which the GeoPackage R-tree already holds: read without a
single blob decoded, 24 bytes a building while the scene is indexed, then reduced to what each
estate needs (:func:`onemap.scene.tiled.index_scene`). Footprints are read tile by tile, when a
tile is extruded in full (:mod:`onemap.scene.tiles`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from onemap.scene.frame import SceneFrame
from onemap.scene.source import as_number, building_heights

BoxRow = tuple[str, Any, Any, float, float, float, float]


@dataclass(frozen=True)
class BuildingBoxes:
    """Each building's estate, roof height and box in the scene frame.

    Attributes
    ----------
    codes : tuple of str
        Sorted estate codes; ``building_estate`` indexes them.
    building_estate : ndarray of int32, shape (n_buildings,)
    heights : ndarray of float32, shape (n_buildings,)
        Roof heights in metres (see :func:`onemap.scene.source.building_heights`).
    boxes : ndarray of float32, shape (n_buildings, 4)
        ``(minx, miny, maxx, maxy)`` in scene metres.
    """

    codes: tuple[str, ...]
    building_estate: NDArray[np.int32]
    heights: NDArray[np.float32]
    boxes: NDArray[np.float32]

    def __len__(self) -> int:
        return len(self.building_estate)


def boxes_from_rows(rows: Sequence[BoxRow], frame: SceneFrame) -> BuildingBoxes:
    """Store rows ``(estate_code, floors, height_m, minx, miny, maxx, maxy)`` (lon/lat boxes) in ``frame``.

    A lon/lat box is projected through two opposite corners: over a building's few tens of metres
    the Gauss-Kruger grid turns by far less than a centimetre.
    """
    if not rows:
        return _boxes(np.empty(0, dtype=str), np.empty(0), np.empty((0, 4)))
    codes = np.array([str(row[0]) for row in rows], dtype=str)
    floors = np.array([as_number(row[1]) for row in rows], dtype=np.float64)
    height = np.array([as_number(row[2]) for row in rows], dtype=np.float64)
    lonlat = np.array([row[3:7] for row in rows], dtype=np.float64)
    x, y = frame.to_local(lonlat[:, [0, 2]].ravel(), lonlat[:, [1, 3]].ravel())
    x, y = x.reshape(-1, 2), y.reshape(-1, 2)
    boxes = np.column_stack([x.min(axis=1), y.min(axis=1), x.max(axis=1), y.max(axis=1)])
    return _boxes(codes, building_heights(floors, height), boxes)


def read_boxes(
    chunks: Iterable[Sequence[BoxRow]], frame: SceneFrame, check: Callable[[], None] = lambda: None
) -> BuildingBoxes:
    """Boxes from rows read chunk by chunk (each chunk's Python rows let go before the next)."""
    parts = []
    for rows in chunks:
        parts.append(boxes_from_rows(rows, frame))
        check()
    return concat_boxes(parts)


def concat_boxes(parts: Sequence[BuildingBoxes]) -> BuildingBoxes:
    """One set of boxes from several."""
    codes = tuple(sorted(set().union(*(p.codes for p in parts))))
    code_array = np.asarray(codes, dtype=str)
    estate = [np.searchsorted(code_array, np.asarray(p.codes, dtype=str))[p.building_estate] for p in parts if len(p)]
    return BuildingBoxes(
        codes,
        np.concatenate([np.empty(0, np.int64), *estate]).astype(np.int32),
        np.concatenate([np.empty(0, np.float32), *(p.heights for p in parts)]),
        np.concatenate([np.empty((0, 4), np.float32), *(p.boxes for p in parts)]),
    )


def _boxes(codes: NDArray[np.str_], heights: NDArray[Any], boxes: NDArray[Any]) -> BuildingBoxes:
    unique, inverse = np.unique(codes, return_inverse=True)
    return BuildingBoxes(
        codes=tuple(str(c) for c in unique),
        building_estate=np.asarray(inverse, dtype=np.int32).reshape(-1),
        heights=np.asarray(heights, dtype=np.float32),
        boxes=np.asarray(boxes, dtype=np.float32).reshape(-1, 4),
    )

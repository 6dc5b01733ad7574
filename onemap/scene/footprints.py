"""Every building's footprint as compact arrays, from which any set of tiles is extruded on demand.

A national inventory holds 1.6 million footprints: as shapely objects they take gigabytes and
their full mesh more. Here each is kept as float32 ring coordinates in the scene frame (about
60 bytes for a rectangle), with its estate, height and box; a tile's polygons are rebuilt from a
slice of these in milliseconds (:meth:`Footprints.select`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import NDArray

from onemap.scene.extrude import explode
from onemap.scene.frame import SceneFrame
from onemap.scene.source import BuildingRows

_POLYGON = shapely.GeometryType.POLYGON


@dataclass(frozen=True)
class Footprints:
    """Buildings in the scene frame: estate, height, box and ragged polygon coordinates.

    Attributes
    ----------
    codes : tuple of str
        Sorted estate codes; ``building_estate`` indexes them.
    building_estate : ndarray of int32, shape (n_buildings,)
    heights : ndarray of float32, shape (n_buildings,)
        Roof heights in metres.
    boxes : ndarray of float32, shape (n_buildings, 4)
        ``(minx, miny, maxx, maxy)`` of each footprint (NaN for one with no area).
    poly_building : ndarray of int32, shape (n_polygons,)
    poly_rings : ndarray of int64, shape (n_polygons + 1,)
        Rings of polygon ``p`` are ``poly_rings[p]:poly_rings[p + 1]``.
    ring_coords : ndarray of int64, shape (n_rings + 1,)
        Coordinates of ring ``r`` are ``ring_coords[r]:ring_coords[r + 1]`` (closed rings).
    coords : ndarray of float32, shape (n_coords, 2)
    """

    codes: tuple[str, ...]
    building_estate: NDArray[np.int32]
    heights: NDArray[np.float32]
    boxes: NDArray[np.float32]
    poly_building: NDArray[np.int32]
    poly_rings: NDArray[np.int64]
    ring_coords: NDArray[np.int64]
    coords: NDArray[np.float32]

    def __len__(self) -> int:
        return len(self.building_estate)

    @property
    def nbytes(self) -> int:
        """Memory held by the arrays."""
        arrays = (self.building_estate, self.heights, self.boxes, self.poly_building, self.poly_rings)
        return sum(a.nbytes for a in (*arrays, self.ring_coords, self.coords))

    def building_codes(self) -> NDArray[np.str_]:
        """The estate code of each building."""
        return np.asarray(self.codes, dtype=str)[self.building_estate] if len(self) else np.empty(0, dtype=str)

    def take(self, buildings: NDArray[np.int64]) -> Footprints:
        """The footprints of some buildings (array slicing only: no geometry is made)."""
        buildings = np.asarray(buildings, dtype=np.int64)
        local = np.full(len(self), -1, dtype=np.int64)
        local[buildings] = np.arange(len(buildings))
        polys = np.flatnonzero(local[self.poly_building] >= 0)
        rings = _ranges(self.poly_rings[polys], self.poly_rings[polys + 1])
        points = _ranges(self.ring_coords[rings], self.ring_coords[rings + 1])
        estates = self.building_estate[buildings]
        used = np.unique(estates)
        return Footprints(
            codes=tuple(self.codes[i] for i in used),
            building_estate=np.searchsorted(used, estates).astype(np.int32),
            heights=self.heights[buildings],
            boxes=self.boxes[buildings],
            poly_building=local[self.poly_building[polys]].astype(np.int32),
            poly_rings=_lengths_to_offsets(self.poly_rings[polys + 1] - self.poly_rings[polys]),
            ring_coords=_lengths_to_offsets(self.ring_coords[rings + 1] - self.ring_coords[rings]),
            coords=self.coords[points],
        )

    def polygons(self) -> tuple[NDArray[np.str_], NDArray[np.float64], NDArray[np.object_], NDArray[np.int64]]:
        """Every building, ready for :func:`onemap.scene.mesh.mesh_from_polygons`.

        Returns
        -------
        codes, heights, polygons, poly_building
        """
        geoms = (
            shapely.from_ragged_array(_POLYGON, self.coords.astype(np.float64), (self.ring_coords, self.poly_rings))
            if len(self.poly_building)
            else np.empty(0, dtype=object)
        )
        return (
            self.building_codes(),
            self.heights.astype(np.float64),
            np.asarray(geoms, dtype=object),
            self.poly_building.astype(np.int64),
        )

    def without(self, codes: Iterable[str]) -> Footprints:
        """These footprints less every building of ``codes``."""
        if not len(self):
            return self
        drop = np.isin(np.asarray(self.codes, dtype=str), list(codes))
        return self.take(np.flatnonzero(~drop[self.building_estate]))


def footprints_from_rows(rows: BuildingRows, frame: SceneFrame) -> Footprints:
    """The buildings of ``rows`` (lon/lat) in ``frame``."""
    polys, owner = explode(frame.geometries_to_local(rows.footprints_lonlat))
    return _from_polygons(rows.estate_codes.astype(str), rows.heights_m, polys, owner)


def concat_footprints(parts: Sequence[Footprints]) -> Footprints:
    """One set of footprints from several (estate indices remapped to the union of codes)."""
    codes = tuple(sorted(set().union(*(p.codes for p in parts))))
    code_array = np.asarray(codes, dtype=str)
    remapped = [np.searchsorted(code_array, np.asarray(p.codes, dtype=str))[p.building_estate] for p in parts if len(p)]
    building_base = np.cumsum([0, *(len(p) for p in parts)])
    ring_base = np.cumsum([0, *(len(p.ring_coords) - 1 for p in parts)])
    coord_base = np.cumsum([0, *(len(p.coords) for p in parts)])
    return Footprints(
        codes=codes,
        building_estate=np.concatenate([np.empty(0, np.int64), *remapped]).astype(np.int32),
        heights=np.concatenate([np.empty(0, np.float32), *(p.heights for p in parts)]),
        boxes=np.concatenate([np.empty((0, 4), np.float32), *(p.boxes for p in parts)]),
        poly_building=np.concatenate(
            [np.empty(0, np.int32), *(p.poly_building + b for p, b in zip(parts, building_base, strict=False))]
        ).astype(np.int32),
        poly_rings=_offsets([p.poly_rings for p in parts], ring_base),
        ring_coords=_offsets([p.ring_coords for p in parts], coord_base),
        coords=np.concatenate([np.empty((0, 2), np.float32), *(p.coords for p in parts)]),
    )


def read_footprints(
    chunks: Iterable[BuildingRows], frame: SceneFrame, check: Callable[[], None] = lambda: None
) -> Footprints:
    """Footprints from rows read chunk by chunk (each chunk's shapely objects let go before the next)."""
    parts = []
    for rows in chunks:
        parts.append(footprints_from_rows(rows, frame))
        check()
    return concat_footprints(parts)


def _from_polygons(
    codes: NDArray[np.str_], heights: NDArray[np.float64], polys: NDArray[np.object_], owner: NDArray[np.int64]
) -> Footprints:
    unique, inverse = np.unique(np.asarray(codes, dtype=str), return_inverse=True)
    boxes = np.full((len(codes), 4), np.nan)
    if len(polys):
        b = shapely.bounds(polys)
        np.fmin.at(boxes[:, 0], owner, b[:, 0])
        np.fmin.at(boxes[:, 1], owner, b[:, 1])
        np.fmax.at(boxes[:, 2], owner, b[:, 2])
        np.fmax.at(boxes[:, 3], owner, b[:, 3])
        _kind, coords, (ring_offsets, poly_offsets) = shapely.to_ragged_array(polys)
    else:
        coords, ring_offsets, poly_offsets = np.empty((0, 2)), np.zeros(1, np.int64), np.zeros(1, np.int64)
    return Footprints(
        codes=tuple(str(c) for c in unique),
        building_estate=np.asarray(inverse, dtype=np.int32).reshape(-1),
        heights=np.asarray(heights, dtype=np.float32),
        boxes=boxes.astype(np.float32),
        poly_building=np.asarray(owner, dtype=np.int32),
        poly_rings=np.asarray(poly_offsets, dtype=np.int64),
        ring_coords=np.asarray(ring_offsets, dtype=np.int64),
        coords=np.asarray(coords, dtype=np.float32),
    )


def _offsets(parts: list[NDArray[np.int64]], bases: NDArray[np.int64]) -> NDArray[np.int64]:
    """Offset arrays (each starting at 0) joined end to end."""
    pieces = [np.zeros(1, np.int64)] + [p[1:] + base for p, base in zip(parts, bases, strict=False)]
    return np.concatenate(pieces).astype(np.int64)


def _lengths_to_offsets(lengths: NDArray[np.int64]) -> NDArray[np.int64]:
    return np.concatenate([np.zeros(1, np.int64), np.cumsum(lengths, dtype=np.int64)])


def _ranges(starts: NDArray[np.int64], stops: NDArray[np.int64]) -> NDArray[np.int64]:
    lengths = stops - starts
    total = int(lengths.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
    return np.asarray(np.arange(total, dtype=np.int64) + offsets, dtype=np.int64)

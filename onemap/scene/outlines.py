"""Estate outlines on the ground: line segments for drawing, polygons for picking the ground."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import NDArray

from onemap.scene.extrude import explode
from onemap.scene.frame import SceneFrame

#: lines sit this far above the ground so the ground plane never hides them
OUTLINE_LIFT_M = 0.3
BOUNDARY_LIFT_M = 0.2
#: boundaries are drawn simplified to this tolerance, metres
BOUNDARY_SIMPLIFY_M = 20.0


@dataclass(frozen=True)
class OutlineLines:
    """Outline rings as separate segments (``GL_LINES`` pairs) in the scene frame.

    Attributes
    ----------
    positions : ndarray of float32, shape (2 * n_segments, 3)
    segment_estate : ndarray of int32, shape (n_segments,)
        Index into ``estate_codes``; each estate's segments are contiguous.
    estate_codes : tuple of str
        Sorted codes of the estates that have an outline.
    polygons : ndarray of shapely.Polygon
        Outline parts in metres, for finding which estate a ground point is in.
    polygon_estate : ndarray of int32
    """

    positions: NDArray[np.float32]
    segment_estate: NDArray[np.int32]
    estate_codes: tuple[str, ...]
    polygons: NDArray[np.object_]
    polygon_estate: NDArray[np.int32]

    def estate_positions(self, code: str) -> NDArray[np.float32]:
        """The segment pairs of one estate's outline (empty when it has none)."""
        i = int(np.searchsorted(self.estate_codes, code))
        if i >= len(self.estate_codes) or self.estate_codes[i] != code:
            return np.empty((0, 3), dtype=np.float32)
        rows = np.flatnonzero(self.segment_estate == i)
        return np.asarray(self.positions[(rows[:, None] * 2 + np.arange(2)).ravel()], dtype=np.float32)

    def replaced(self, codes: set[str], new: OutlineLines) -> OutlineLines:
        """These outlines with those of ``codes`` swapped for ``new`` (array work only: an edit's)."""
        old_codes = np.asarray(self.estate_codes, dtype=str)
        drop = np.isin(old_codes, list(codes)) if len(old_codes) else np.empty(0, dtype=bool)
        union = tuple(sorted(set(self.estate_codes) - set(codes) | set(new.estate_codes)))
        at = np.asarray(union, dtype=str)
        old_at = np.searchsorted(at, old_codes) if len(old_codes) else np.empty(0, np.int64)
        new_at = np.searchsorted(at, np.asarray(new.estate_codes, dtype=str)) if new.estate_codes else old_at[:0]
        seg_keep, poly_keep = ~drop[self.segment_estate], ~drop[self.polygon_estate]
        seg_estate = np.concatenate([old_at[self.segment_estate[seg_keep]], new_at[new.segment_estate]])
        poly_estate = np.concatenate([old_at[self.polygon_estate[poly_keep]], new_at[new.polygon_estate]])
        pairs = np.concatenate([self.positions.reshape(-1, 2, 3)[seg_keep], new.positions.reshape(-1, 2, 3)])
        polys = np.concatenate([self.polygons[poly_keep], new.polygons])
        seg_order, poly_order = np.argsort(seg_estate, kind="stable"), np.argsort(poly_estate, kind="stable")
        return OutlineLines(
            positions=np.asarray(pairs[seg_order].reshape(-1, 3), dtype=np.float32),
            segment_estate=seg_estate[seg_order].astype(np.int32),
            estate_codes=union,
            polygons=polys[poly_order],
            polygon_estate=poly_estate[poly_order].astype(np.int32),
        )


def build_outlines(codes: NDArray[np.object_], geoms_lonlat: NDArray[np.object_], frame: SceneFrame) -> OutlineLines:
    """Outline segments and polygons of every estate, in ``frame``.

    Parameters
    ----------
    codes : ndarray of str
        The estate of each geometry.
    geoms_lonlat : ndarray of shapely geometries
        Outlines in CGCS2000 lon/lat.
    frame : SceneFrame
    """
    polys, owner = explode(frame.geometries_to_local(np.asarray(geoms_lonlat, dtype=object)))
    return outlines_from_polygons(np.asarray(codes, dtype=str)[owner], polys)


def outlines_from_polygons(codes: NDArray[np.str_], polys: NDArray[np.object_]) -> OutlineLines:
    """Outlines from valid, oriented polygons in scene metres, ``codes[i]`` the estate of ``polys[i]``."""
    estate_codes, inverse = np.unique(np.asarray(codes, dtype=str), return_inverse=True)
    owner = np.arange(len(polys))
    polygon_estate = inverse[owner].astype(np.int32)
    order = np.argsort(polygon_estate, kind="stable")
    polys, polygon_estate = polys[order], polygon_estate[order]
    positions, segment_polygon = ring_segments(polys, OUTLINE_LIFT_M)
    return OutlineLines(
        positions=positions,
        segment_estate=polygon_estate[segment_polygon].astype(np.int32),
        estate_codes=tuple(str(c) for c in estate_codes),
        polygons=polys,
        polygon_estate=polygon_estate,
    )


def ring_segments(polys: NDArray[np.object_], z: float) -> tuple[NDArray[np.float32], NDArray[np.int64]]:
    """Every ring segment of the polygons as ``GL_LINES`` pairs at height ``z``, and each one's polygon."""
    rings, ring_owner = shapely.get_rings(polys, return_index=True)
    coords, ring_of_point = shapely.get_coordinates(rings, return_index=True)
    same = ring_of_point[:-1] == ring_of_point[1:]
    pairs = np.stack([coords[:-1][same], coords[1:][same]], axis=1).reshape(-1, 2)
    positions = np.hstack([pairs, np.full((len(pairs), 1), z)]).astype(np.float32)
    return positions, ring_owner[ring_of_point[:-1][same]].astype(np.int64)


def boundary_lines(geoms_lonlat: NDArray[np.object_], frame: SceneFrame) -> NDArray[np.float32]:
    """Administrative boundaries (county, township) as ground line pairs in ``frame``."""
    if len(geoms_lonlat) == 0:
        return np.empty((0, 3), dtype=np.float32)
    polys, _ = explode(frame.geometries_to_local(np.asarray(geoms_lonlat, dtype=object)))
    # a nation's 577 county outlines are 750,000 points: drawn every frame, wide lines cost llvmpipe
    # hundreds of milliseconds; at 20 m no view of the boundary changes
    return ring_segments(shapely.simplify(polys, BOUNDARY_SIMPLIFY_M), BOUNDARY_LIFT_M)[0]

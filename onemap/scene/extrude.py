"""Extruding footprints: roof caps by constrained Delaunay, two triangles per wall segment.

Everything works on whole arrays of polygons at once; nothing loops over buildings in Python.
Triangles come back as ``(n, 3, 3)`` float64 corner coordinates with the index of the
polygon each belongs to, roofs wound counter-clockwise seen from above and walls
counter-clockwise seen from outside.
"""

from __future__ import annotations

import numpy as np
import shapely
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IndexArray = NDArray[np.int64]


def explode(geoms: NDArray[np.object_]) -> tuple[NDArray[np.object_], IndexArray]:
    """Split (multi)polygons into valid polygons, with the index of the geometry each came from."""
    geoms = np.asarray(geoms, dtype=object).copy()
    invalid = ~shapely.is_valid(geoms)
    if invalid.any():  # self-touching rings from hand-drawn outlines would break the triangulation
        geoms[invalid] = shapely.make_valid(geoms[invalid])
    parts, parent = shapely.get_parts(geoms, return_index=True)
    polys, sub = shapely.get_parts(parts, return_index=True)  # make_valid may nest multipolygons
    owner = parent[sub]
    is_poly = shapely.get_type_id(polys) == shapely.GeometryType.POLYGON
    polys, owner = polys[is_poly], owner[is_poly]
    keep = shapely.area(polys) > 0
    oriented = shapely.orient_polygons(polys[keep], exterior_cw=False)
    return np.asarray(oriented, dtype=object), owner[keep].astype(np.int64)


def roof_triangles(polys: NDArray[np.object_], tops: FloatArray) -> tuple[FloatArray, IndexArray]:
    """Flat roof caps at height ``tops[i]`` for polygon ``i`` (holes and concave shapes exact).

    Parameters
    ----------
    polys : ndarray of shapely.Polygon
        Footprints in metres.
    tops : ndarray of float
        Roof height of each polygon.

    Returns
    -------
    triangles : ndarray, shape (n, 3, 3)
    owner : ndarray of int, shape (n,)
        The polygon of each triangle.
    """
    collections = shapely.constrained_delaunay_triangles(polys)
    coords, index = shapely.get_coordinates(collections, return_index=True)
    corners = coords.reshape(-1, 4, 2)[:, :3, :]  # each triangle is a closed 4-point ring
    owner = index[::4].astype(np.int64)
    corners = _counter_clockwise(corners)
    z = np.broadcast_to(tops[owner][:, None, None], (len(owner), 3, 1))
    return np.concatenate([corners, z], axis=2), owner


def wall_triangles(
    polys: NDArray[np.object_], bases: FloatArray, tops: FloatArray
) -> tuple[FloatArray, IndexArray, FloatArray]:
    """Two triangles per ring segment from ``bases[i]`` up to ``tops[i]``, facing out of the solid.

    The polygons must be oriented (exterior counter-clockwise, holes clockwise) so that the
    solid lies left of every segment.

    Returns
    -------
    triangles : ndarray, shape (2 * n_segments, 3, 3)
        For each segment ``(a, b)``: first the triangles ``(a_base, b_base, b_top)``, then all
        the ``(a_base, b_top, a_top)``.
    owner : ndarray of int
        The polygon of each triangle.
    outward_xy : ndarray, shape (2 * n_segments, 2)
        Horizontal unit normal of each triangle, pointing out of the building.
    """
    rings, ring_owner = shapely.get_rings(polys, return_index=True)
    coords, ring_of_point = shapely.get_coordinates(rings, return_index=True)
    same_ring = ring_of_point[:-1] == ring_of_point[1:]
    a, b = coords[:-1][same_ring], coords[1:][same_ring]
    owner = ring_owner[ring_of_point[:-1][same_ring]].astype(np.int64)
    step = b - a
    length = np.hypot(step[:, 0], step[:, 1])
    keep = length > 0
    a, b, owner, step, length = a[keep], b[keep], owner[keep], step[keep], length[keep]
    outward = np.column_stack([step[:, 1], -step[:, 0]]) / length[:, None]
    z0, z1 = bases[owner], tops[owner]
    a0, b0 = np.column_stack([a, z0]), np.column_stack([b, z0])
    a1, b1 = np.column_stack([a, z1]), np.column_stack([b, z1])
    first = np.stack([a0, b0, b1], axis=1)
    second = np.stack([a0, b1, a1], axis=1)
    return np.concatenate([first, second]), np.concatenate([owner, owner]), np.concatenate([outward, outward])


def edge_segments(walls: FloatArray, wall_owner: IndexArray) -> tuple[FloatArray, IndexArray]:
    """Roof edges and vertical corners as ``(n, 2, 3)`` segments, from :func:`wall_triangles` output.

    The first half of the wall triangles are ``(a_base, b_base, b_top)``: ``b_base-b_top`` is a
    corner and the roof edge is ``a_top-b_top``, with ``a_top`` taken from the second half.
    """
    half = len(walls) // 2
    first, second = walls[:half], walls[half:]
    corners = np.stack([first[:, 1], first[:, 2]], axis=1)
    roof_edges = np.stack([second[:, 2], first[:, 2]], axis=1)
    owner = wall_owner[:half]
    return np.concatenate([roof_edges, corners]), np.concatenate([owner, owner])


def _counter_clockwise(corners: FloatArray) -> FloatArray:
    d1, d2 = corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0]
    clockwise = d1[:, 0] * d2[:, 1] - d1[:, 1] * d2[:, 0] < 0
    out = corners.copy()
    out[clockwise, 1], out[clockwise, 2] = corners[clockwise, 2], corners[clockwise, 1]
    return out

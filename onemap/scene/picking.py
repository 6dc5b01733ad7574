"""Picking: which estate is under a screen point.

A ray from the camera is tested first against every building's bounding box (one
vectorised slab test), then, Möller-Trumbore, against the triangles of the few buildings
it passes through; the nearest hit wins. A ray that hits no building picks the estate
whose outline contains the point where it meets the ground.
"""

from __future__ import annotations

import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray

from onemap.scene.mesh import BuildingMesh
from onemap.scene.outlines import OutlineLines

FloatArray = NDArray[np.float64]
_EPS = 1e-9


def ray_hits_boxes(origin: ArrayLike, direction: ArrayLike, bounds: FloatArray) -> NDArray[np.bool_]:
    """Which ``(n, 2, 3)`` axis-aligned boxes the ray passes through (in front of its origin)."""
    o, d = np.asarray(origin, dtype=np.float64), np.asarray(direction, dtype=np.float64)
    inv = 1.0 / np.where(np.abs(d) < _EPS, _EPS, d)  # an axis-parallel ray: a huge but finite slope
    present = np.isfinite(bounds[:, 0, 0])
    with np.errstate(invalid="ignore"):
        t1, t2 = (bounds[:, 0] - o) * inv, (bounds[:, 1] - o) * inv
        t_near = np.minimum(t1, t2).max(axis=1)
        t_far = np.maximum(t1, t2).min(axis=1)
        return np.asarray(present & (t_far >= np.maximum(t_near, 0.0)), dtype=bool)


def ray_triangle_distances(origin: ArrayLike, direction: ArrayLike, triangles: FloatArray) -> FloatArray:
    """Distance along the ray to each ``(n, 3, 3)`` triangle (Möller-Trumbore; inf where it misses)."""
    o, d = np.asarray(origin, dtype=np.float64), np.asarray(direction, dtype=np.float64)
    v0 = triangles[:, 0]
    e1, e2 = triangles[:, 1] - v0, triangles[:, 2] - v0
    p = np.cross(d, e2)
    det = np.einsum("ij,ij->i", e1, p)
    ok = np.abs(det) > _EPS
    inv = np.divide(1.0, det, out=np.zeros_like(det), where=ok)
    s = o - v0
    u = np.einsum("ij,ij->i", s, p) * inv
    q = np.cross(s, e1)
    v = (q @ d) * inv
    t = np.einsum("ij,ij->i", e2, q) * inv
    hit = ok & (u >= 0) & (v >= 0) & (u + v <= 1) & (t > 0)
    return np.where(hit, t, np.inf)


def pick_face(mesh: BuildingMesh, origin: ArrayLike, direction: ArrayLike) -> tuple[int, float] | None:
    """The nearest face the ray hits and its distance, or None.

    Parameters
    ----------
    mesh : BuildingMesh
    origin, direction : array_like of 3 floats
        The ray in scene metres (see :meth:`onemap.scene.camera.OrbitCamera.ray`).
    """
    candidates = np.flatnonzero(ray_hits_boxes(origin, direction, mesh.building_bounds))
    if len(candidates) == 0:
        return None
    starts, stops = mesh.building_faces[candidates], mesh.building_faces[candidates + 1]
    faces = _ranges(starts, stops)
    triangles = mesh.positions.reshape(-1, 3, 3)[faces].astype(np.float64)
    distances = ray_triangle_distances(origin, direction, triangles)
    best = int(np.argmin(distances)) if len(distances) else -1
    if best < 0 or not np.isfinite(distances[best]):
        return None
    return int(faces[best]), float(distances[best])


def pick_estate(
    mesh: BuildingMesh, outlines: OutlineLines | None, origin: ArrayLike, direction: ArrayLike
) -> str | None:
    """The estate code under the ray: its nearest building, else the outline around its ground point.

    Returns
    -------
    str or None
        None when the ray meets neither a building nor an outline.
    """
    hit = pick_face(mesh, origin, direction)
    if hit is not None:
        return mesh.estate_codes[int(mesh.face_estate[hit[0]])]
    return None if outlines is None else pick_outline(outlines, origin, direction)


def pick_outline(outlines: OutlineLines, origin: ArrayLike, direction: ArrayLike) -> str | None:
    """The estate whose outline contains the ray's ground point (the smallest, where outlines overlap)."""
    o, d = np.asarray(origin, dtype=np.float64), np.asarray(direction, dtype=np.float64)
    if d[2] >= -_EPS or o[2] <= 0 or len(outlines.polygon_estate) == 0:
        return None
    ground = o + d * (-o[2] / d[2])
    box = outlines.polygon_bounds
    near = np.flatnonzero(
        (box[:, 0] <= ground[0]) & (ground[0] <= box[:, 2]) & (box[:, 1] <= ground[1]) & (ground[1] <= box[:, 3])
    )
    polys = outlines.polygons(near)  # only the parts whose box holds the point are decoded
    inside = near[shapely.contains_xy(polys, ground[0], ground[1])]
    if len(inside) == 0:
        return None
    smallest = inside[np.argmin(shapely.area(outlines.polygons(inside)))]
    return outlines.estate_codes[int(outlines.polygon_estate[smallest])]


def _ranges(starts: NDArray[np.int64], stops: NDArray[np.int64]) -> NDArray[np.int64]:
    lengths = stops - starts
    total = int(lengths.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
    return np.asarray(np.arange(total, dtype=np.int64) + offsets, dtype=np.int64)

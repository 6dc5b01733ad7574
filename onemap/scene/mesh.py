"""One triangle mesh for every building of a county, with what picking and colouring need.

Vertices are not shared between triangles: each face has its own three, so flat shading
is baked per vertex (no normals to upload) and a face's estate is ``face_estate[i]``.
Faces are sorted by building and buildings by estate, so an estate's faces are one
contiguous slice -- the highlight mesh and a filter are array slices, not searches.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import shapely
from numpy.typing import NDArray

from onemap.scene.colours import ColourFn, colour_table
from onemap.scene.extrude import edge_segments, explode, roof_triangles, wall_triangles
from onemap.scene.frame import SceneFrame
from onemap.scene.source import BuildingRows

#: horizontal direction the light comes from: the south-west, the afternoon sun, so the walls of the
#: default view (from the south) are lit and east faces fall into shade
LIGHT_FROM_XY = np.array([-1.0, -1.0]) / np.sqrt(2.0)
ROOF_SHADE = 1.0
WALL_SHADE, WALL_SHADE_SPREAD = 0.62, 0.25
#: walls darken towards the ground, which seats buildings on it
GROUND_SHADE = 0.8


@dataclass(frozen=True)
class BuildingMesh:
    """Every building as triangles in the scene's local frame (metres, z up from the ground).

    Attributes
    ----------
    positions : ndarray of float32, shape (3 * n_faces, 3)
        Triangle corners; rows ``3i .. 3i+2`` are face ``i``.
    shade : ndarray of float32, shape (3 * n_faces,)
        Baked light per vertex (1 = lit roof), multiplied into the estate colour.
    face_estate : ndarray of int32, shape (n_faces,)
        Index into ``estate_codes`` of each face.
    face_building : ndarray of int32, shape (n_faces,)
    building_faces : ndarray of int64, shape (n_buildings + 1,)
        Faces of building ``b`` are ``building_faces[b]:building_faces[b + 1]``.
    building_bounds : ndarray of float64, shape (n_buildings, 2, 3)
        Axis-aligned ``(min, max)`` corners of each building.
    building_estate : ndarray of int32, shape (n_buildings,)
    estate_codes : tuple of str
        Sorted estate codes; ``estate_faces`` gives each one's face slice.
    estate_faces : ndarray of int64, shape (n_estates + 1,)
    edges : ndarray of float32, shape (2 * n_edges, 3)
        Roof edges and wall corners as ``GL_LINES`` pairs, sorted by estate.
    estate_edges : ndarray of int64, shape (n_estates + 1,)
        Edges of estate ``e`` are ``estate_edges[e]:estate_edges[e + 1]``.
    """

    positions: NDArray[np.float32]
    shade: NDArray[np.float32]
    face_estate: NDArray[np.int32]
    face_building: NDArray[np.int32]
    building_faces: NDArray[np.int64]
    building_bounds: NDArray[np.float64]
    building_estate: NDArray[np.int32]
    estate_codes: tuple[str, ...]
    estate_faces: NDArray[np.int64]
    edges: NDArray[np.float32]
    estate_edges: NDArray[np.int64]

    @property
    def n_faces(self) -> int:
        """Number of triangles."""
        return len(self.face_estate)

    @property
    def nbytes(self) -> int:
        """Memory held by the mesh's arrays (what a tile cache budgets)."""
        arrays = (self.positions, self.shade, self.face_estate, self.face_building, self.building_faces)
        more = (self.building_bounds, self.building_estate, self.estate_faces, self.edges, self.estate_edges)
        return sum(a.nbytes for a in (*arrays, *more))

    def estate_index(self, code: str) -> int | None:
        """Position of ``code`` in ``estate_codes``, or None when it has no buildings."""
        i = int(np.searchsorted(self.estate_codes, code))
        return i if i < len(self.estate_codes) and self.estate_codes[i] == code else None

    def estate_face_slice(self, code: str) -> slice:
        """The faces of one estate (empty when it has none)."""
        i = self.estate_index(code)
        return slice(0, 0) if i is None else slice(int(self.estate_faces[i]), int(self.estate_faces[i + 1]))

    def estate_edge_positions(self, code: str) -> NDArray[np.float32]:
        """The edge pairs of one estate's buildings (empty when it has none)."""
        i = self.estate_index(code)
        if i is None:
            return np.empty((0, 3), dtype=np.float32)
        return self.edges[2 * int(self.estate_edges[i]) : 2 * int(self.estate_edges[i + 1])]

    def colours(self, colour_fn: ColourFn | None) -> NDArray[np.uint8]:
        """Per-vertex RGBA (uint8) of the estate colours with the baked shading applied."""
        return self.shaded(colour_table(self.estate_codes, colour_fn))

    def shaded(self, table: NDArray[np.uint8]) -> NDArray[np.uint8]:
        """Per-vertex RGBA from an ``(n_estates, 4)`` colour table and the baked shading."""
        base = table[np.repeat(self.face_estate, 3)].astype(np.float32)
        base[:, :3] *= self.shade[:, None]
        return np.asarray(np.clip(base + 0.5, 0, 255), dtype=np.uint8)

    def vertex_rows(self, estate_mask: NDArray[np.bool_]) -> NDArray[np.int64]:
        """Rows of ``positions`` belonging to the estates where ``estate_mask`` is True (for filters)."""
        face_mask = estate_mask[self.face_estate]
        faces = np.flatnonzero(face_mask)
        return (faces[:, None] * 3 + np.arange(3)).ravel()


def _go_on() -> None:
    return None


def build_building_mesh(rows: BuildingRows, frame: SceneFrame, check: Callable[[], None] = _go_on) -> BuildingMesh:
    """Extrude every footprint into one mesh in ``frame``.

    Parameters
    ----------
    rows : BuildingRows
        Footprints in lon/lat and heights in metres (see :func:`onemap.scene.source.read_buildings`).
    frame : SceneFrame
        The local metric frame of the scene.
    check : callable, optional
        Called between the steps (each takes seconds for a million buildings); it raises to
        stop the build (see :class:`onemap.scene.scene.SceneCancelled`).

    Returns
    -------
    BuildingMesh
    """
    polys, poly_building = explode(frame.geometries_to_local(rows.footprints_lonlat))
    check()
    return mesh_from_polygons(rows.estate_codes, rows.heights_m, polys, poly_building, check)


def mesh_from_polygons(
    building_codes: NDArray[np.object_],
    heights: NDArray[np.float64],
    polys: NDArray[np.object_],
    poly_building: NDArray[np.int64],
    check: Callable[[], None] = _go_on,
) -> BuildingMesh:
    """Extrude oriented polygons in scene metres (``poly_building[i]`` is polygon ``i``'s building).

    Parameters
    ----------
    building_codes, heights : ndarray
        The estate code and height (metres) of each building, in any order.
    polys : ndarray of shapely.Polygon
        Valid polygons, exterior counter-clockwise (see :func:`onemap.scene.extrude.explode`).
    poly_building : ndarray of int
    check : callable, optional
        Called between the steps; it raises to stop the build.
    """
    estate_codes, estate_of_row = np.unique(np.asarray(building_codes).astype(str), return_inverse=True)
    order = np.argsort(estate_of_row, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    building_estate = np.asarray(estate_of_row[order], dtype=np.int32)
    heights = np.asarray(heights, dtype=np.float64)[order]
    poly_building = rank[np.asarray(poly_building, dtype=np.int64)]
    tops = heights[poly_building]
    roofs, roof_owner = roof_triangles(polys, tops)
    check()
    walls, wall_owner, outward = wall_triangles(polys, np.zeros_like(tops), tops)
    check()
    triangles = np.concatenate([roofs, walls]).astype(np.float32)
    face_building = poly_building[np.concatenate([roof_owner, wall_owner])]
    shade = np.concatenate([np.full((len(roofs), 3), ROOF_SHADE, dtype=np.float32), _wall_shade(outward)])
    by_building = np.argsort(face_building, kind="stable")
    bounds = _building_bounds(polys, poly_building, heights)
    mesh = _assemble(
        triangles[by_building],
        shade[by_building],
        face_building[by_building],
        building_estate,
        bounds,
        tuple(str(c) for c in estate_codes),
    )
    return _with_edges(mesh, *edge_segments(walls, poly_building[wall_owner]))


def _with_edges(mesh: BuildingMesh, segments: NDArray[np.float64], building: NDArray[np.int64]) -> BuildingMesh:
    estate = mesh.building_estate[building]
    order = np.argsort(estate, kind="stable")
    offsets = np.searchsorted(estate[order], np.arange(len(mesh.estate_codes) + 1)).astype(np.int64)
    edges = segments[order].reshape(-1, 3).astype(np.float32)
    return replace(mesh, edges=edges, estate_edges=offsets)


def _wall_shade(outward_xy: NDArray[np.float64]) -> NDArray[np.float32]:
    lit = (WALL_SHADE + WALL_SHADE_SPREAD * (outward_xy @ LIGHT_FROM_XY)).astype(np.float32)
    half = len(lit) // 2  # first half (a0, b0, b1), second half (a0, b1, a1): see wall_triangles
    pattern = np.empty((len(lit), 3), dtype=np.float32)
    pattern[:half] = (GROUND_SHADE, GROUND_SHADE, 1.0)
    pattern[half:] = (GROUND_SHADE, 1.0, 1.0)
    return np.asarray(lit[:, None] * pattern, dtype=np.float32)


def _assemble(
    triangles: NDArray[np.float32],
    shade: NDArray[np.float32],
    face_building: NDArray[np.int64],
    building_estate: NDArray[np.int32],
    building_bounds: NDArray[np.float64],
    estate_codes: tuple[str, ...],
) -> BuildingMesh:
    n_buildings, n_estates = len(building_estate), len(estate_codes)
    building_faces = np.searchsorted(face_building, np.arange(n_buildings + 1)).astype(np.int64)
    face_estate = building_estate[face_building].astype(np.int32)
    estate_faces = np.searchsorted(face_estate, np.arange(n_estates + 1)).astype(np.int64)
    return BuildingMesh(
        positions=triangles.reshape(-1, 3),
        shade=shade.reshape(-1),
        face_estate=face_estate,
        face_building=face_building.astype(np.int32),
        building_faces=building_faces,
        building_bounds=building_bounds,
        building_estate=building_estate,
        estate_codes=estate_codes,
        estate_faces=estate_faces,
        edges=np.empty((0, 3), dtype=np.float32),
        estate_edges=np.zeros(n_estates + 1, dtype=np.int64),
    )


def _building_bounds(
    polys: NDArray[np.object_], poly_building: NDArray[np.int64], heights: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Boxes from the footprints' extents and the heights (NaN for a building with no footprint)."""
    bounds = np.full((len(heights), 2, 3), np.nan)
    boxes = shapely.bounds(polys)
    for axis, (lo, hi) in enumerate(((0, 2), (1, 3))):
        np.fmin.at(bounds[:, 0, axis], poly_building, boxes[:, lo])
        np.fmax.at(bounds[:, 1, axis], poly_building, boxes[:, hi])
    present = np.isfinite(bounds[:, 0, 0])
    bounds[present, 0, 2] = 0.0
    bounds[present, 1, 2] = heights[present]
    return bounds

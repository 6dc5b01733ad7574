"""Putting a scene on its terrain: buildings stand on the ground, outlines and names follow it.

Every building is lifted by the lowest ground height under its footprint's box (so on a slope
its walls reach the ground on the downhill side and sink into it uphill, as real ones do);
outline and boundary lines are draped at the ground's height; label anchors and estate boxes
rise with their ground. A scene on flat ground is returned as it was.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from onemap.scene.mesh import BuildingMesh
from onemap.scene.outlines import BOUNDARY_LIFT_M, OUTLINE_LIFT_M, OutlineLines
from onemap.scene.scene import CountyScene
from onemap.scene.terrain import Terrain


def building_ground(mesh: BuildingMesh, terrain: Terrain) -> NDArray[np.float64]:
    """The ground height each building of ``mesh`` stands on: the lowest of its box's corners and centre."""
    box = mesh.building_bounds
    xs = np.stack([box[:, 0, 0], box[:, 1, 0], box[:, 0, 0], box[:, 1, 0], (box[:, 0, 0] + box[:, 1, 0]) / 2])
    ys = np.stack([box[:, 0, 1], box[:, 0, 1], box[:, 1, 1], box[:, 1, 1], (box[:, 0, 1] + box[:, 1, 1]) / 2])
    ok = np.isfinite(xs) & np.isfinite(ys)
    heights = terrain.height_at(np.where(ok, xs, 0.0), np.where(ok, ys, 0.0))
    return np.asarray(np.where(ok, heights, np.inf).min(axis=0), dtype=np.float64)


def lift_mesh(mesh: BuildingMesh, terrain: Terrain | None) -> BuildingMesh:
    """``mesh`` with every building standing on ``terrain`` (unchanged without relief)."""
    if terrain is None or not terrain.relief or mesh.n_faces == 0:
        return mesh
    ground = np.nan_to_num(building_ground(mesh, terrain), nan=0.0, posinf=0.0)
    positions = mesh.positions.copy()
    positions[:, 2] += np.repeat(ground[mesh.face_building], 3).astype(np.float32)
    bounds = mesh.building_bounds.copy()
    bounds[:, :, 2] += ground[:, None]
    edges = mesh.edges.copy()
    if len(edges):  # an edge's building is the one whose box holds it: place each by the ground under it
        edges[:, 2] += _edge_ground(mesh, ground).astype(np.float32)
    return replace(mesh, positions=positions, building_bounds=bounds, edges=edges)


def _edge_ground(mesh: BuildingMesh, ground: NDArray[np.float64]) -> NDArray[np.float64]:
    """The ground of the building under each edge point (edges are stored per estate, not per building)."""
    centre = (mesh.building_bounds[:, 0, :2] + mesh.building_bounds[:, 1, :2]) / 2.0
    edge_estate = np.repeat(np.arange(len(mesh.estate_codes)), 2 * np.diff(mesh.estate_edges))
    out = np.zeros(len(mesh.edges))
    order = np.argsort(mesh.building_estate, kind="stable")
    starts = np.searchsorted(mesh.building_estate[order], np.arange(len(mesh.estate_codes) + 1))
    for e in np.unique(edge_estate):
        rows = np.flatnonzero(edge_estate == e)
        members = order[starts[e] : starts[e + 1]]
        d = np.linalg.norm(mesh.edges[rows, None, :2] - centre[None, members], axis=2)
        out[rows] = ground[members[np.argmin(d, axis=1)]]
    return out


def drape_lines(positions: NDArray[np.float32], terrain: Terrain, lift: float) -> NDArray[np.float32]:
    """Line pairs put at the ground's height plus ``lift`` metres."""
    if len(positions) == 0 or not terrain.relief:
        return positions
    out = positions.copy()
    out[:, 2] = (terrain.height_at(positions[:, 0], positions[:, 1]) + lift).astype(np.float32)
    return out


def on_ground(scene: CountyScene, terrain: Terrain | None) -> CountyScene:
    """``scene`` standing on ``terrain``: its mesh, outlines, boundaries, anchors and boxes lifted.

    A tiled scene's tiles are lifted as they are extruded (:meth:`onemap.scene.tiles.TileGrid.mesh`
    reads ``scene.terrain``).
    """
    if terrain is None:
        return scene
    if not terrain.relief:
        return replace(scene, terrain=terrain)
    outlines: OutlineLines = replace(
        scene.outlines, positions=drape_lines(scene.outlines.positions, terrain, OUTLINE_LIFT_M)
    )
    centre = (scene.estate_bounds[:, 0, :2] + scene.estate_bounds[:, 1, :2]) / 2.0
    ok = np.all(np.isfinite(centre), axis=1)
    ground = np.where(ok, terrain.height_at(np.nan_to_num(centre[:, 0]), np.nan_to_num(centre[:, 1])), 0.0)
    bounds = scene.estate_bounds.copy()
    bounds[:, :, 2] += ground[:, None]
    anchors = scene.anchors.copy()
    anchors[:, 2] += ground
    return replace(
        scene,
        mesh=lift_mesh(scene.mesh, terrain),
        outlines=outlines,
        boundaries=drape_lines(scene.boundaries, terrain, BOUNDARY_LIFT_M),
        anchors=anchors,
        estate_bounds=bounds,
        terrain=terrain,
    )

"""A county's 3D scene: the frame, the building mesh, outlines and where to label each estate."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import shapely
from numpy.typing import NDArray

from onemap.scene.frame import SceneFrame
from onemap.scene.mesh import BuildingMesh, build_building_mesh
from onemap.scene.outlines import OutlineLines, boundary_lines, build_outlines
from onemap.scene.source import BuildingRows, read_boundaries, read_buildings, read_estate_names, read_outlines
from onemap.scene.terrain import Terrain
from onemap.store.inventory import Inventory

#: labels float this far above an estate's tallest roof
LABEL_LIFT_M = 6.0
#: the bounds of an empty scene: a 1 km square
_EMPTY_BOUNDS = np.array([[-500.0, -500.0, 0.0], [500.0, 500.0, 10.0]])


@dataclass(frozen=True)
class CountyScene:
    """Everything the 3D view draws, in one local metric frame.

    Attributes
    ----------
    frame : SceneFrame
    mesh : BuildingMesh
    outlines : OutlineLines
    estate_codes : tuple of str
        Sorted codes of every estate with a building or an outline.
    names : tuple of str
        The name of each estate in ``estate_codes``.
    anchors : ndarray of float64, shape (n_estates, 3)
        Where each estate's label goes.
    estate_bounds : ndarray of float64, shape (n_estates, 2, 3)
        Axis-aligned box of each estate's buildings and outline.
    boundaries : ndarray of float32, shape (2 * n_segments, 3)
        County boundary on the ground, as line pairs (empty when the inventory has none).
    terrain : Terrain, optional
        The ground under the scene (set by :func:`onemap.scene.ground.on_ground`).
    block_boxes, estate_height, source
        Set in a tiled scene (:func:`onemap.scene.tiled.load_tiled_scene`), whose ``mesh`` is empty.
    """

    frame: SceneFrame
    mesh: BuildingMesh
    outlines: OutlineLines
    estate_codes: tuple[str, ...]
    names: tuple[str, ...]
    anchors: NDArray[np.float64]
    estate_bounds: NDArray[np.float64]
    boundaries: NDArray[np.float32] = field(default_factory=lambda: np.empty((0, 3), dtype=np.float32))
    #: a tiled scene's box of each estate's buildings, ``(minx, miny, maxx, maxy)`` in scene metres, NaN for
    #: an estate without any (its far block; the ``mesh`` is then empty: tiles are extruded as the camera
    #: needs them). Per estate, not per building: a nation's 1.6 million building boxes were 40 MB kept,
    #: and every edit copied them all
    block_boxes: NDArray[np.float32] | None = None
    #: a tiled scene's mean building height of each estate (its far block's height), metres
    estate_height: NDArray[np.float64] | None = None
    #: a tiled scene's inventory, where its tiles' footprints are read
    source: Path | None = None
    #: the ground the scene stands on (:func:`onemap.scene.ground.on_ground`); None: flat, no drape
    terrain: Terrain | None = None

    @property
    def tiled(self) -> bool:
        """Whether the buildings come in tiles (see :mod:`onemap.scene.tiles`) rather than in ``mesh``."""
        return self.block_boxes is not None

    def bounds(self) -> NDArray[np.float64]:
        """The ``(2, 3)`` box around the whole scene: every estate and the county boundary."""
        boxes = [b for b in (self.estate_bounds[:, 0], self.estate_bounds[:, 1], self.boundaries) if len(b)]
        if not boxes:
            return _EMPTY_BOUNDS.copy()
        points = np.concatenate(boxes).astype(np.float64)
        return np.array([np.nanmin(points, axis=0), np.nanmax(points, axis=0)])

    def index_of(self, code: str) -> int | None:
        """Position of ``code`` in ``estate_codes``, or None."""
        # bisect on the tuple: ``np.searchsorted`` turned 220,000 codes into an 8.8 MB array on every call
        i = bisect.bisect_left(self.estate_codes, code)
        return i if i < len(self.estate_codes) and self.estate_codes[i] == code else None


class SceneCancelled(Exception):
    """A scene build stopped because its ``cancelled`` check said so (a newer build replaced it)."""


def _never() -> bool:
    return False


def load_scene(source: Inventory | str | Path, cancelled: Callable[[], bool] = _never) -> CountyScene:
    """Read an inventory and build its scene.

    Parameters
    ----------
    source : Inventory or path
        An open inventory, or the path of one (opened read-only and closed again).
    cancelled : callable, optional
        Asked between the steps of the build; when it returns True the build stops and what
        was made so far is dropped.

    Raises
    ------
    SceneCancelled
        When ``cancelled()`` returned True.
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
    rows = read_buildings(inventory)
    check()
    outline_codes, outline_geoms = read_outlines(inventory)
    check()
    frame = frame_for(np.concatenate([rows.footprints_lonlat, outline_geoms]))
    scene = build_scene(rows, outline_codes, outline_geoms, read_estate_names(inventory), frame, check)
    check()
    return replace(scene, boundaries=boundary_lines(read_boundaries(inventory), frame))


def frame_for(geoms_lonlat: NDArray[np.object_]) -> SceneFrame:
    """The frame centred on the middle of the geometries' extent (Mian County's seat when there are none)."""
    if len(geoms_lonlat) == 0:
        return SceneFrame.around(106.67, 33.15)
    minx, miny, maxx, maxy = shapely.total_bounds(geoms_lonlat)
    return SceneFrame.around((minx + maxx) / 2.0, (miny + maxy) / 2.0)


def build_scene(
    rows: BuildingRows,
    outline_codes: NDArray[np.object_],
    outline_geoms: NDArray[np.object_],
    names: dict[str, str],
    frame: SceneFrame,
    check: Callable[[], None] = lambda: None,
) -> CountyScene:
    """Build the scene from rows already read (see :mod:`onemap.scene.source`).

    ``check`` is called between the steps; it raises :class:`SceneCancelled` to stop the build.
    """
    mesh = build_building_mesh(rows, frame, check)
    check()
    outlines = build_outlines(outline_codes, outline_geoms, frame)
    codes = tuple(sorted(set(mesh.estate_codes) | set(outlines.estate_codes)))
    bounds = _estate_bounds(codes, mesh, outlines)
    anchors = np.column_stack([(bounds[:, 0, :2] + bounds[:, 1, :2]) / 2.0, bounds[:, 1, 2]])
    if len(mesh.estate_codes):
        at = np.searchsorted(np.array(codes, dtype=str), np.array(mesh.estate_codes, dtype=str))
        anchors[at] = _tallest_roofs(mesh)
    anchors[:, 2] += LABEL_LIFT_M
    return CountyScene(frame, mesh, outlines, codes, tuple(names.get(c, c) for c in codes), anchors, bounds)


def _tallest_roofs(mesh: BuildingMesh) -> NDArray[np.float64]:
    """The roof centre of each estate's tallest building (where its name is pinned)."""
    box = mesh.building_bounds
    tops = np.nan_to_num(box[:, 1, 2], nan=-1.0)
    order = np.lexsort((tops, mesh.building_estate))  # by estate, then height: the last of each is the tallest
    estates = mesh.building_estate[order]
    last = order[np.r_[estates[1:] != estates[:-1], True]]
    centre = np.nan_to_num((box[last, 0, :2] + box[last, 1, :2]) / 2.0)
    anchors = np.zeros((len(mesh.estate_codes), 3))
    anchors[mesh.building_estate[last]] = np.column_stack([centre, np.maximum(tops[last], 0.0)])
    return anchors


def _estate_bounds(codes: tuple[str, ...], mesh: BuildingMesh, outlines: OutlineLines) -> NDArray[np.float64]:
    bounds = np.full((len(codes), 2, 3), np.nan)
    code_array = np.array(codes, dtype=str)
    if len(mesh.estate_codes):
        at = np.searchsorted(code_array, np.array(mesh.estate_codes, dtype=str))
        b = mesh.building_bounds
        for k, fn in ((0, np.fmin), (1, np.fmax)):
            per_estate = np.full((len(mesh.estate_codes), 3), np.nan)
            fn.at(per_estate, mesh.building_estate, b[:, k])
            bounds[at, k] = per_estate
    if len(outlines.polygon_estate):
        _merge_outline_bounds(bounds, code_array, outlines)
    bounds[:, 0, 2] = np.nan_to_num(bounds[:, 0, 2], nan=0.0)
    bounds[:, 1, 2] = np.nan_to_num(bounds[:, 1, 2], nan=0.0)
    return bounds


def _merge_outline_bounds(bounds: NDArray[np.float64], code_array: NDArray[np.str_], outlines: OutlineLines) -> None:
    boxes = outlines.polygon_bounds
    at = np.searchsorted(code_array, np.array(outlines.estate_codes, dtype=str))[outlines.polygon_estate]
    np.fmin.at(bounds[:, 0, 0], at, boxes[:, 0])
    np.fmin.at(bounds[:, 0, 1], at, boxes[:, 1])
    np.fmax.at(bounds[:, 1, 0], at, boxes[:, 2])
    np.fmax.at(bounds[:, 1, 1], at, boxes[:, 3])

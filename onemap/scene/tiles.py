"""Levels of detail for a tiled scene: which tiles the camera needs, their meshes, and a bounded cache.

Estates fall into square tiles by their label anchor. Near the camera a tile is extruded in
full (every building's roof and walls, its footprints read from the inventory then); farther
away each estate of it is one block, the box of its buildings at their mean height; beyond
:data:`FAR_M` nothing (the view shows one dot per estate from there). Tile meshes live in a
:class:`TileCache` bounded in bytes.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Collection, Hashable

import numpy as np
import shapely
from numpy.typing import NDArray

from onemap.scene.camera import OrbitCamera
from onemap.scene.ground import lift_mesh
from onemap.scene.mesh import BuildingMesh, build_building_mesh, mesh_from_polygons
from onemap.scene.scene import CountyScene
from onemap.scene.source import BuildingRows, rows_from_tuples
from onemap.store.inventory import Inventory

TileKey = tuple[int, int]
FULL, BLOCK = "full", "block"
#: tile side, metres
TILE_M = 2000.0
#: tiles nearer than this show every building: metres, the hypotenuse of the camera's distance and
#: the ground distance from the point it looks at to the tile's nearest point
NEAR_M = 4000.0
#: tiles out to this show one block per estate; beyond, and from a camera this far, none (dots instead)
FAR_M = 20000.0
#: the tile cache's default budget
TILE_BUDGET_BYTES = 256 * 1024 * 1024


class TileGrid:
    """The tiles of a tiled scene: each one's estates and buildings, and which the camera needs.

    Parameters
    ----------
    scene : CountyScene
        A tiled scene (``scene.block_boxes`` set).
    tile_m : float
        Tile side in metres.
    """

    def __init__(self, scene: CountyScene, tile_m: float = TILE_M) -> None:
        if scene.block_boxes is None or scene.estate_height is None:
            raise ValueError("not a tiled scene")
        self.scene, self.tile_m = scene, tile_m
        cells = np.floor(scene.anchors[:, :2] / tile_m).astype(np.int64).reshape(-1, 2)
        keys, estate_tile = np.unique(cells, axis=0, return_inverse=True)
        self.estate_tile = estate_tile.reshape(-1)
        self.keys: list[TileKey] = [(int(i), int(j)) for i, j in keys]
        self._index = {key: n for n, key in enumerate(self.keys)}
        self._estates = _grouped(self.estate_tile, len(self.keys))
        #: the box of each estate's buildings (its far block), NaN for one without any
        self.block_boxes = scene.block_boxes
        with_buildings = np.isfinite(self.block_boxes[:, 0])
        self._has_buildings = np.bincount(self.estate_tile[with_buildings], minlength=len(self.keys)) > 0

    def tile_of(self, code: str) -> TileKey | None:
        """The tile holding estate ``code`` (None when the scene has no such estate)."""
        i = self.scene.index_of(code)
        return None if i is None else self.keys[int(self.estate_tile[i])]

    def estates(self, key: TileKey) -> NDArray[np.int64]:
        """Indices (into ``scene.estate_codes``) of the estates of tile ``key``."""
        return _members(self._estates, self._index.get(key))

    def wanted(self, camera: OrbitCamera) -> dict[TileKey, str]:
        """The tiles with buildings this camera needs and at which level, nearest first."""
        if camera.distance >= FAR_M or not self.keys:
            return {}
        # measured from the point looked at, not the camera: orbiting then swaps no tiles
        x, y, _z = camera.center
        lo = np.asarray(self.keys, dtype=np.float64) * self.tile_m
        dx = np.maximum(np.maximum(lo[:, 0] - x, 0.0), x - (lo[:, 0] + self.tile_m))
        dy = np.maximum(np.maximum(lo[:, 1] - y, 0.0), y - (lo[:, 1] + self.tile_m))
        reach = np.sqrt(dx * dx + dy * dy + camera.distance**2)
        near = np.flatnonzero((reach < FAR_M) & self._has_buildings)
        return {self.keys[i]: FULL if reach[i] < NEAR_M else BLOCK for i in near[np.argsort(reach[near])]}

    def mesh(self, key: TileKey, level: str, inventory: Inventory | None = None) -> BuildingMesh:
        """Tile ``key`` extruded at ``level``: every building (FULL, read from ``inventory``) or one
        block per estate (BLOCK: the box of its buildings at their mean height)."""
        assert self.scene.estate_height is not None
        if level == FULL:
            if inventory is None:
                raise ValueError("a full tile reads its footprints: give the inventory")
            names = [self.scene.estate_codes[i] for i in self.estates(key)]
            parts = [rows_from_tuples(rows) for rows in inventory.building_row_chunks(names)]
            return lift_mesh(build_building_mesh(_joined(parts), self.scene.frame), self.scene.terrain)
        estates = self.estates(key)
        estates = estates[np.isfinite(self.block_boxes[estates, 0])]
        boxes = self.block_boxes[estates].astype(np.float64)
        polys = shapely.box(boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3])
        codes = np.asarray(self.scene.estate_codes, dtype=object)[estates]
        heights = np.maximum(self.scene.estate_height[estates], 1.0)
        mesh = mesh_from_polygons(codes, heights, np.asarray(polys, dtype=object), np.arange(len(estates)))
        return lift_mesh(mesh, self.scene.terrain)


def tiles_of(scene: CountyScene, codes: Collection[str], tile_m: float = TILE_M) -> set[TileKey]:
    """The tiles holding estates ``codes`` of ``scene`` (codes it lacks are left out)."""
    found = [i for i in map(scene.index_of, codes) if i is not None]
    cells = np.floor(scene.anchors[found, :2] / tile_m).astype(np.int64).reshape(-1, 2)
    return {(int(i), int(j)) for i, j in cells}


class TileCache:
    """Tile meshes by key, least recently used dropped so that their bytes stay within ``budget``."""

    def __init__(self, budget: int = TILE_BUDGET_BYTES) -> None:
        self.budget = budget
        self.nbytes = 0
        self._meshes: OrderedDict[Hashable, BuildingMesh] = OrderedDict()

    def __len__(self) -> int:
        return len(self._meshes)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._meshes

    def get(self, key: Hashable) -> BuildingMesh | None:
        """The mesh of ``key`` (now the most recently used), or None."""
        mesh = self._meshes.get(key)
        if mesh is not None:
            self._meshes.move_to_end(key)
        return mesh

    def put(self, key: Hashable, mesh: BuildingMesh, keep: Collection[Hashable] = ()) -> bool:
        """Keep ``mesh``, dropping the least recently used others but never those in ``keep``.

        Returns False, keeping nothing new, when it cannot fit without going over the budget.
        """
        self.drop([key])
        need = mesh.nbytes
        for old in [k for k in self._meshes if k not in keep]:
            if self.nbytes + need <= self.budget:
                break
            self.drop([old])
        if self.nbytes + need > self.budget:
            return False
        self._meshes[key] = mesh
        self.nbytes += need
        return True

    def drop(self, keys: Collection[Hashable]) -> None:
        """Forget the meshes of ``keys`` (those not held are ignored)."""
        for key in keys:
            mesh = self._meshes.pop(key, None)
            if mesh is not None:
                self.nbytes -= mesh.nbytes

    def clear(self) -> None:
        """Forget every mesh."""
        self._meshes.clear()
        self.nbytes = 0


def _joined(parts: list[BuildingRows]) -> BuildingRows:
    """Rows read in several queries as one."""
    none = np.empty(0, dtype=object)
    return BuildingRows(
        np.concatenate([none, *(p.estate_codes for p in parts)]),
        np.concatenate([np.empty(0), *(p.heights_m for p in parts)]),
        np.concatenate([none, *(p.footprints_lonlat for p in parts)]),
    )


def _grouped(group: NDArray[np.int64], n_groups: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """``(members in group order, offsets)``: group ``g``'s members are ``order[offsets[g]:offsets[g + 1]]``."""
    order = np.argsort(group, kind="stable")
    return order, np.searchsorted(group[order], np.arange(n_groups + 1)).astype(np.int64)


def _members(grouped: tuple[NDArray[np.int64], NDArray[np.int64]], n: int | None) -> NDArray[np.int64]:
    order, offsets = grouped
    return np.empty(0, dtype=np.int64) if n is None else order[offsets[n] : offsets[n + 1]]

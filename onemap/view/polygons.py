"""Polygon layers read through the GeoPackage R-tree: outlines, buildings and admin areas.

Outlines and buildings are read only for the part of the map in view (the R-tree
answers in well under a millisecond) and kept in a bounded cache of display-ready
coordinate arrays.  Admin areas are few but detailed: they are loaded once and
simplified to the view's resolution, one level of detail per power of two.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import shapely
from numpy.typing import NDArray

from onemap.geo.crs import lonlat_to_web_mercator
from onemap.store.geometry import decode
from onemap.view.extent import Extent, to_lonlat

if TYPE_CHECKING:
    from onemap.store import Inventory

XY = NDArray[np.float64]
_NAN_ROW = np.array([[np.nan, np.nan]])


@dataclass(frozen=True)
class Feature:
    """One polygon feature: its row id, its key (estate code or admin name) and its rings.

    ``xy`` holds display coordinates (EPSG:3857), every ring followed by a NaN row, so
    features concatenate straight into one NaN-separated path.
    """

    fid: int
    key: str
    xy: XY


def rings_xy(geoms: Sequence[shapely.Geometry]) -> list[XY]:
    """Each lon/lat (multi)polygon as display coordinates, each ring ended by a NaN row."""
    out: list[XY] = []
    for geom in geoms:
        if geom is None or geom.is_empty:
            out.append(np.empty((0, 2)))
            continue
        rings = shapely.get_rings(shapely.get_parts(geom))
        coords, index = shapely.get_coordinates(rings, return_index=True)
        x, y = lonlat_to_web_mercator(coords[:, 0], coords[:, 1])
        xy = np.column_stack([x, y])
        ends = np.flatnonzero(np.diff(index)) + 1
        out.append(np.vstack([part for seg in np.split(xy, ends) for part in (seg, _NAN_ROW)]))
    return out


def concat(features: Sequence[Feature]) -> XY:
    """One NaN-separated array of every feature's rings."""
    return np.vstack([f.xy for f in features]) if features else np.empty((0, 2))


class FeatureSource:
    """Polygons of one OneMap feature table, queried by view through its R-tree.

    Parameters
    ----------
    inventory : Inventory
        The open inventory.
    table : str
        ``estate_areas`` or ``buildings`` (keyed by ``estate_code``).
    cache_size : int
        Features kept decoded between views.
    """

    def __init__(self, inventory: Inventory, table: str, cache_size: int = 60_000) -> None:
        self.inventory = inventory
        self.table = table
        self._cache: OrderedDict[int, Feature] = OrderedDict()
        self._cache_size = cache_size

    def within(self, extent: Extent, limit: int = 20_000) -> list[Feature]:
        """Features whose box meets ``extent`` (at most ``limit``: a guard for huge views)."""
        fids = self.inventory.fids_within(self.table, extent.lonlat_bounds(), limit)
        return self._features(fids)

    def _features(self, fids: list[int]) -> list[Feature]:
        missing = [f for f in fids if f not in self._cache]
        if missing:
            rows = self.inventory.features(self.table, missing)
            shapes = [decode(blob) for _fid, _code, blob in rows]
            for (fid, code, _blob), xy in zip(rows, rings_xy(shapes), strict=True):
                self._cache[fid] = Feature(fid, code, xy)
        out = []
        for fid in fids:
            feature = self._cache.get(fid)
            if feature is not None:
                self._cache.move_to_end(fid)
                out.append(feature)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return out

    def forget(self, keys: frozenset[str] | set[str]) -> None:
        """Drop the cached features of these keys (their rows were rewritten; read them again)."""
        for fid in [fid for fid, feature in self._cache.items() if feature.key in keys]:
            del self._cache[fid]

    def keys_at(self, x: float, y: float) -> list[str]:
        """Keys of the polygons containing a display point, smallest polygon first."""
        lon, lat = to_lonlat(x, y)
        hits = []
        for code, blob in self.inventory.features_at(self.table, lon, lat):
            geom = decode(blob)
            if geom is not None and shapely.contains_xy(geom, lon, lat):
                hits.append((geom.area, code))
        return [code for _area, code in sorted(hits)]


class AdminAreas:
    """County and township outlines, simplified to the view's resolution.

    Parameters
    ----------
    inventory : Inventory
        The open inventory.
    """

    def __init__(self, inventory: Inventory) -> None:
        areas = inventory.admin_areas()
        self.names = [str(area.name) for area in areas]
        self.levels = [str(area.level) for area in areas]
        self.lonlat = np.empty(len(areas), dtype=object)
        self.lonlat[:] = [decode(area.geom) for area in areas]
        self.geoms = _to_display(self.lonlat)
        bounds = shapely.bounds(self.geoms) if len(self.geoms) else np.empty((0, 4))
        self._bounds = np.nan_to_num(bounds, nan=0.0)
        self._lod: dict[float, list[XY]] = {}

    def __len__(self) -> int:
        return len(self.names)

    @property
    def extent(self) -> Extent | None:
        """The box around every admin area."""
        if not len(self.names):
            return None
        b = self._bounds
        return Extent(float(b[:, 0].min()), float(b[:, 1].min()), float(b[:, 2].max()), float(b[:, 3].max()))

    def lines(self, extent: Extent, resolution: float) -> XY:
        """NaN-separated boundary coordinates of the areas meeting ``extent``, at about one pixel's detail."""
        tolerance = 2.0 ** math.floor(math.log2(max(resolution * 1.4, 0.25)))  # 0.7-1.4 px
        if tolerance not in self._lod:
            simple = shapely.simplify(self.geoms, tolerance, preserve_topology=False)
            self._lod[tolerance] = display_rings_of(simple)
        b = self._bounds
        meets = (
            (b[:, 2] >= extent.minx) & (b[:, 0] <= extent.maxx) & (b[:, 3] >= extent.miny) & (b[:, 1] <= extent.maxy)
        )
        parts = [self._lod[tolerance][i] for i in np.flatnonzero(meets)]
        return np.vstack(parts) if parts else np.empty((0, 2))


def _to_display(geoms: NDArray[np.object_]) -> NDArray[np.object_]:
    """Lon/lat geometries in EPSG:3857, every coordinate through one pyproj call (``None`` stays ``None``)."""
    if not len(geoms):
        return geoms
    out = shapely.transform(geoms, lambda xy: np.column_stack(lonlat_to_web_mercator(xy[:, 0], xy[:, 1])))
    return np.asarray(out, dtype=object)


def display_rings_of(geoms: NDArray[np.object_]) -> list[XY]:
    """Each geometry's rings as NaN-separated coordinates (each ring ended by a NaN row), all at once.

    The same arrays as taking each geometry's rings one by one (tested); one pass of shapely
    over every area instead of five calls per area (577 areas: a tenth of a second less each time
    the map's resolution starts a new level of detail, twice on the way to the first frame).
    """
    parts, part_geom = shapely.get_parts(geoms, return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    coords, coord_ring = shapely.get_coordinates(rings, return_index=True)
    out: list[XY] = [np.empty((0, 2)) for _ in range(len(geoms))]
    if not len(coords):
        return out
    ring_ends = np.flatnonzero(np.diff(coord_ring)) + 1  # where one ring's coordinates stop
    rows = np.insert(coords, np.append(ring_ends, len(coords)), np.nan, axis=0)  # each ring then a NaN row
    stops = np.append(ring_ends, len(coords)) + np.arange(1, len(ring_ends) + 2)  # past each ring's NaN row
    ring_geom = part_geom[ring_part[coord_ring[np.append(0, ring_ends)]]]  # the geometry of each ring drawn
    starts = np.append(0, stops[:-1])
    first = np.flatnonzero(np.append(True, np.diff(ring_geom) != 0))  # each geometry's first ring
    last = np.append(first[1:], len(ring_geom)) - 1
    for a, b in zip(first.tolist(), last.tolist(), strict=True):
        out[int(ring_geom[a])] = rows[starts[a] : stops[b]]
    return out

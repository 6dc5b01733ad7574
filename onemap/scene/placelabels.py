"""Place names on the 3D view: the 2D map's county, township and reference-layer names, standing on the ground.

The names come from :func:`onemap.view.placenames.place_names` (Web Mercator metres); here they get a
point on the ground (the terrain's height, when there is relief) and, for each frame, a screen spot.
The county and township names show from the county view down; street and river names (rank 2) only
once the camera is near.  More important names are placed first and none overlaps another or a
reserved box (the north arrow).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from onemap.geo.crs import CGCS2000, WEB_MERCATOR, transformer
from onemap.scene.camera import OrbitCamera
from onemap.scene.frame import SceneFrame
from onemap.scene.terrain import Terrain
from onemap.view.labels import Occupancy
from onemap.view.placenames import RANKS, PlaceName

#: rank -> farthest camera distance (metres) at which names of that rank are written
RANK_DISTANCE_M = {0: 1.0e7, 1: 1.5e5, 2: 4_000.0}
#: the name's foot stands this high above the ground (over a low roof, under a tower)
LIFT_M = 25.0


@dataclass(frozen=True)
class GroundNames:
    """Place names at scene points: ``anchors`` (n, 3) local metres, their texts and ranks."""

    anchors: NDArray[np.float64]
    texts: tuple[str, ...]
    ranks: NDArray[np.int64]


@dataclass(frozen=True)
class PlacedName:
    """One place name to write: screen spot (x right, y down; the text's bottom centre), text, rank."""

    x: float
    y: float
    text: str
    rank: int


def ground_names(names: Sequence[PlaceName], frame: SceneFrame, terrain: Terrain | None) -> GroundNames:
    """The names' points in the scene's frame, on its ground."""
    if not names:
        return GroundNames(np.empty((0, 3)), (), np.empty(0, dtype=np.int64))
    mx = np.array([n.x for n in names], dtype=np.float64)
    my = np.array([n.y for n in names], dtype=np.float64)
    lon, lat = transformer(WEB_MERCATOR, CGCS2000).transform(mx, my)
    x, y = frame.to_local(lon, lat)
    z = terrain.height_at(x, y) if terrain is not None else np.zeros(len(names))
    anchors = np.column_stack([x, y, np.asarray(z, dtype=np.float64) + LIFT_M])
    return GroundNames(anchors, tuple(n.text for n in names), np.array([n.rank for n in names], dtype=np.int64))


def place_ground_names(
    camera: OrbitCamera,
    width: float,
    height: float,
    names: GroundNames,
    reserved: Sequence[tuple[float, float, float, float]] = (),
) -> list[PlacedName]:
    """The names to write in this view, most important (then nearest) first, none overlapping.

    Parameters
    ----------
    camera : OrbitCamera
    width, height : float
        Viewport size in pixels.
    names : GroundNames
    reserved : sequence of (x0, y0, x1, y1)
        Screen boxes the names keep out of.
    """
    if len(names.texts) == 0:
        return []
    distance = np.linalg.norm(names.anchors - camera.position(), axis=1)
    reach = np.array([RANK_DISTANCE_M.get(int(r), 0.0) for r in names.ranks])
    xy, in_front = camera.project(names.anchors, width, height)
    shown = in_front & (distance <= reach) & (xy[:, 0] >= 0) & (xy[:, 0] < width) & (xy[:, 1] >= 0)
    shown &= xy[:, 1] < height
    taken = Occupancy()
    for box in reserved:
        taken.take(box)
    placed: list[PlacedName] = []
    for i in np.lexsort((distance, names.ranks)):
        if not shown[i]:
            continue
        px = RANKS.get(int(names.ranks[i]), RANKS[2])[0] + 2  # a little larger than on the flat map
        half = 0.5 * (len(names.texts[i]) * px + 8.0)
        box = (float(xy[i, 0]) - half, float(xy[i, 1]) - px - 6.0, float(xy[i, 0]) + half, float(xy[i, 1]))
        if box[0] < 0 or box[1] < 0 or box[2] > width or not taken.free(box):
            continue
        taken.take(box)
        placed.append(PlacedName(float(xy[i, 0]), float(xy[i, 1]), names.texts[i], int(names.ranks[i])))
    return placed

"""A reference layer's geometry as drawing-ready arrays: NaN-separated parts with their boxes.

The map and the PDF both draw a reference layer as one path per role (line work, filled
areas), so the geometries are flattened once into ``(n, 2)`` arrays whose parts end in a
NaN row, with a box per part to cull to the view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

import numpy as np
import shapely

Kind = Literal["lines", "polygons", "points"]
_POLYGONAL = {"Polygon", "MultiPolygon"}
_LINEAR = {"LineString", "MultiLineString", "LinearRing"}


class LabelPoint(NamedTuple):
    """Where a label goes (display metres) and what it says."""

    x: float
    y: float
    text: str


@dataclass
class Parts:
    """NaN-separated parts: ``xy`` holds every part followed by a NaN row; ``boxes`` one row each."""

    xy: np.ndarray = field(default_factory=lambda: np.empty((0, 2)))
    starts: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    boxes: np.ndarray = field(default_factory=lambda: np.empty((0, 4)))

    @classmethod
    def of(cls, rings: list[np.ndarray]) -> Parts:
        """Parts from a list of ``(k, 2)`` coordinate arrays."""
        rings = [r for r in rings if len(r) >= 2]
        if not rings:
            return cls()
        sizes = np.array([len(r) + 1 for r in rings])
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        nan = np.full((1, 2), np.nan)
        xy = np.concatenate([np.concatenate([r, nan]) for r in rings])
        boxes = np.array([[r[:, 0].min(), r[:, 1].min(), r[:, 0].max(), r[:, 1].max()] for r in rings])
        return cls(xy, starts, boxes)

    def __len__(self) -> int:
        return len(self.starts)

    def within(self, box: tuple[float, float, float, float] | None) -> np.ndarray:
        """The NaN-separated coordinates of the parts meeting ``box`` (all parts for ``None``)."""
        if box is None or not len(self):
            return self.xy
        b = self.boxes
        meets = (b[:, 2] >= box[0]) & (b[:, 0] <= box[2]) & (b[:, 3] >= box[1]) & (b[:, 1] <= box[3])
        if meets.all():
            return self.xy
        ends = np.append(self.starts[1:], len(self.xy))
        pieces = [self.xy[s:e] for s, e in zip(self.starts[meets], ends[meets], strict=True)]
        return np.concatenate(pieces) if pieces else np.empty((0, 2))


@dataclass
class RefShapes:
    """Line work (lines and polygon edges), fillable rings, points and labels, in display metres."""

    lines: Parts
    areas: Parts
    points: np.ndarray
    labels: list[LabelPoint]
    kind: Kind

    @property
    def empty(self) -> bool:
        """Nothing to draw at all."""
        return not len(self.lines) and not len(self.points) and not self.labels

    def bounds(self) -> tuple[float, float, float, float] | None:
        """The box around everything, ``None`` when empty."""
        boxes = [self.lines.boxes]
        if len(self.points):
            boxes.append(np.column_stack([self.points, self.points]))
        if self.labels:
            xy = np.array([(p.x, p.y) for p in self.labels])
            boxes.append(np.column_stack([xy, xy]))
        allb = np.concatenate(boxes)
        if not len(allb):
            return None
        return (float(allb[:, 0].min()), float(allb[:, 1].min()), float(allb[:, 2].max()), float(allb[:, 3].max()))


def shapes_of(geoms: np.ndarray, labels: list[LabelPoint]) -> RefShapes:
    """Flatten shapely geometries (any mix, multi-parts and collections) into :class:`RefShapes`."""
    parts = shapely.get_parts(np.asarray(geoms, dtype=object)) if len(geoms) else np.empty(0, dtype=object)
    parts = shapely.get_parts(parts) if len(parts) else parts  # collections inside collections
    lines: list[np.ndarray] = []
    areas: list[np.ndarray] = []
    points: list[tuple[float, float]] = []
    for geom in parts:
        kind = geom.geom_type
        if kind in _POLYGONAL:
            rings = [geom.exterior, *geom.interiors]
            coords = [np.asarray(r.coords)[:, :2] for r in rings]
            areas.extend(coords)
            lines.extend(coords)
        elif kind in _LINEAR:
            lines.append(np.asarray(geom.coords)[:, :2])
        elif kind == "Point":
            points.append((geom.x, geom.y))
    finite = [a for a in lines if np.isfinite(a).all()]
    filled = [a for a in areas if np.isfinite(a).all()]
    kind_of: Kind = "polygons" if filled else "lines" if finite else "points"
    pts = np.array(points, dtype=float).reshape(-1, 2)
    return RefShapes(Parts.of(finite), Parts.of(filled), pts[np.isfinite(pts).all(axis=1)], labels, kind_of)

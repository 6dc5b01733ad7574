"""Which estate names to write on the 3D view: near ones first, a few at a time, never overlapping.

Labels are screen-aligned text at a point above each estate's tallest roof, so they always
face the camera. Text widths are estimated (a CJK character is about as wide as the font
is tall), which keeps this decision free of any font machinery.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from onemap.scene.camera import OrbitCamera
from onemap.view.labels import Occupancy

MAX_LABELS = 12
#: names appear only for estates closer than this to the camera ("zoomed in")
LABEL_DISTANCE_M = 2500.0


@dataclass(frozen=True)
class PlacedLabel:
    """One label to draw: estate index, anchor pixel (x right, y down) and text."""

    index: int
    x: float
    y: float
    text: str


def place_labels(
    camera: OrbitCamera,
    width: float,
    height: float,
    anchors: ArrayLike,
    texts: Sequence[str],
    *,
    first: int | None = None,
    max_labels: int = MAX_LABELS,
    max_distance_m: float = LABEL_DISTANCE_M,
    char_px: float = 14.0,
    line_px: float = 20.0,
    reserved: Sequence[tuple[float, float, float, float]] = (),
) -> list[PlacedLabel]:
    """Choose and position labels for the current view.

    Parameters
    ----------
    camera : OrbitCamera
    width, height : float
        Viewport size in pixels.
    anchors : array_like, shape (n, 3)
        Scene point of each label (above the estate's roofs).
    texts : sequence of str
        Label text of each anchor.
    first : int, optional
        An index placed before all others when visible (the selected estate).
    max_labels : int
    max_distance_m : float
        Anchors farther than this from the camera get no label.
    char_px, line_px : float
        Estimated width of one character and height of a line, in pixels.
    reserved : sequence of (x0, y0, x1, y1)
        Screen boxes labels must keep out of (the north arrow).

    Returns
    -------
    list of PlacedLabel
        Nearest first; none overlap.
    """
    pts = np.asarray(anchors, dtype=np.float64).reshape(-1, 3)
    if len(pts) == 0:
        return []
    dist = np.linalg.norm(pts - camera.position(), axis=1)
    near = np.flatnonzero(dist <= max_distance_m)  # a nation's anchors: project only the few in reach
    xy = np.full((len(pts), 2), -1.0)
    in_front = np.zeros(len(pts), dtype=bool)
    xy[near], in_front[near] = camera.project(pts[near], width, height)
    on_screen = in_front & (xy[:, 0] >= 0) & (xy[:, 0] < width) & (xy[:, 1] >= 0) & (xy[:, 1] < height)
    order = [int(i) for i in near[np.argsort(dist[near], kind="stable")] if on_screen[i]]
    if first is not None and first in order:
        order.remove(first)
        order.insert(0, first)
    placed: list[PlacedLabel] = []
    taken = Occupancy()
    for box in reserved:
        taken.take(box)
    for i in order:
        half = 0.5 * (len(texts[i]) * char_px + 8.0)
        box = (xy[i, 0] - half, xy[i, 1] - line_px, xy[i, 0] + half, xy[i, 1])
        if box[0] < 0 or box[1] < 0 or box[2] > width or not taken.free(box):
            continue
        taken.take(box)
        placed.append(PlacedLabel(i, float(xy[i, 0]), float(xy[i, 1]), texts[i]))
        if len(placed) >= max_labels:
            break
    return placed

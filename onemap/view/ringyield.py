"""Cluster rings make way for place names: a ring over a name shrinks, or moves away from it.

Place names win on the map: a county official reads 勉县 before the count of estates around it.
A ring whose box meets a name's box first shrinks round its true centre (down to
:data:`MIN_RING_PX`); when even that would touch the name, it moves away along the line from
the name's centre to its own, to the first spot that meets no name and no other ring.  All in
screen pixels; the caller draws a thin leader from a moved ring to its true centre.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: the smallest ring still carrying a readable count
MIN_RING_PX = 18.0
#: clear pixels kept between a ring and a name
_GAP = 2.0
#: how far a ring may move, in its own diameters, before it may touch other rings
_REACH = 2.5
#: directions a ring may move in, relative to the line from the name: along it, then fanning out
_FANS = [
    np.radians(np.array(a))
    for a in ([0.0, 20.0, -20.0], [45.0, -45.0, 70.0, -70.0], [90.0, -90.0, 135.0, -135.0, 180.0])
]


@dataclass
class YieldedRings:
    """Where the rings go: centres and diameters in pixels, and which moved or were left out.

    Attributes
    ----------
    x, y, diameter : ndarray
        The rings as drawn.
    moved : ndarray of bool
        Rings moved off their true centre (they get a leader line).
    shown : ndarray of bool
        False for a ring with no free spot within reach (rare: a view crowded with names).
    """

    x: np.ndarray
    y: np.ndarray
    diameter: np.ndarray
    moved: np.ndarray
    shown: np.ndarray

    def shifted(self, dx: float, dy: float) -> YieldedRings:
        """The same rings moved by ``(dx, dy)`` pixels (a pan)."""
        return YieldedRings(self.x + dx, self.y + dy, self.diameter, self.moved, self.shown)

    def boxes(self) -> np.ndarray:
        """The shown rings' boxes as ``(n, 4)`` x0, y0, x1, y1."""
        h = self.diameter[self.shown] / 2
        x, y = self.x[self.shown], self.y[self.shown]
        return np.column_stack([x - h, y - h, x + h, y + h])


def yield_rings(
    x: np.ndarray,
    y: np.ndarray,
    diameter: np.ndarray,
    names: np.ndarray,
    view: tuple[float, float, float, float] | None = None,
) -> YieldedRings:
    """Rings (centres ``x``, ``y`` and ``diameter`` in pixels) made to keep clear of ``names``.

    Parameters
    ----------
    x, y, diameter : ndarray
        The rings where the clustering put them.
    names : ndarray
        Place-name boxes, ``(m, 4)`` x0, y0, x1, y1 in the same pixels.
    view : tuple, optional
        The view's box (x0, y0, x1, y1): a moved ring stays inside it.

    Returns
    -------
    YieldedRings
        No shown ring's box meets a name's box; a moved ring's box meets no other shown ring's
        unless the view is so crowded that none is free within reach.
    """
    x, y, d = (np.asarray(a, dtype=float).copy() for a in (x, y, diameter))
    n = len(x)
    out = YieldedRings(x, y, d, np.zeros(n, dtype=bool), np.ones(n, dtype=bool))
    names = np.asarray(names, dtype=float).reshape(-1, 4) + np.array([-_GAP, -_GAP, _GAP, _GAP])
    if not n or not len(names):
        return out
    hit = _clash(x, y, d / 2, names)
    for i in np.flatnonzero(hit)[np.argsort(-d[hit], kind="stable")]:
        half = _free_half(x[i], y[i], names)
        if half >= MIN_RING_PX / 2:
            d[i] = min(d[i], 2 * np.floor(half))
            continue
        _move(out, i, names, view)
    return out


def _clash(x: np.ndarray, y: np.ndarray, half: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """Which squares (centre, half side) meet any of ``boxes``."""
    if not len(boxes):
        return np.zeros(len(x), dtype=bool)
    bx0, by0, bx1, by1 = (boxes[:, k][None, :] for k in range(4))
    xs, ys, hs = x[:, None], y[:, None], half[:, None]
    meets: np.ndarray = ((xs - hs < bx1) & (bx0 < xs + hs) & (ys - hs < by1) & (by0 < ys + hs)).any(axis=1)
    return meets


def _free_half(x: float, y: float, boxes: np.ndarray) -> float:
    """The largest half side of a square round ``(x, y)`` that meets none of ``boxes``."""
    gap_x = np.maximum(np.maximum(boxes[:, 0] - x, x - boxes[:, 2]), 0.0)
    gap_y = np.maximum(np.maximum(boxes[:, 1] - y, y - boxes[:, 3]), 0.0)
    return float(np.maximum(gap_x, gap_y).min())


def _move(rings: YieldedRings, i: int, names: np.ndarray, view: tuple[float, float, float, float] | None) -> None:
    """Move ring ``i`` away from the nearest name to the first spot clear of names and other rings."""
    x0, y0, d = rings.x[i], rings.y[i], rings.diameter[i]
    centres = np.column_stack([(names[:, 0] + names[:, 2]) / 2, (names[:, 1] + names[:, 3]) / 2])
    near = centres[np.argmin(np.hypot(centres[:, 0] - x0, centres[:, 1] - y0))]
    away = np.array([x0 - near[0], y0 - near[1]])
    first = np.arctan2(away[1], away[0]) if np.hypot(*away) > 0.5 else np.pi / 2  # on the name: go below
    others = np.ones(len(rings.x), dtype=bool)
    others[i] = False
    others &= rings.shown
    h = rings.diameter[others] / 2
    ox, oy = rings.x[others], rings.y[others]
    ring_boxes = np.column_stack([ox - h, oy - h, ox + h, oy + h]) + np.array([-1.0, -1.0, 1.0, 1.0])
    small = max(MIN_RING_PX, min(d, MIN_RING_PX + 4))
    # Near its estates and clear of everything; smaller and still near; then clear of names only
    # (rings may touch rings, names never), further out.
    for size, blocking, reach in (
        (d, np.concatenate([names, ring_boxes]), _REACH),
        (small, np.concatenate([names, ring_boxes]), _REACH),
        (small, names, 3 * _REACH),
    ):
        steps = np.arange(2.0, reach * size, 2.0)[:, None]
        half = size / 2
        for fan in _FANS:  # straight away from the name first, then wider
            angles = (first + fan)[None, :]
            # every spot of the fan at once, nearest first (row-major: by step, then by angle)
            px, py = (x0 + steps * np.cos(angles)).ravel(), (y0 + steps * np.sin(angles)).ravel()
            free = ~_clash(px, py, np.full(len(px), half), blocking)
            if view is not None:
                free &= (px - half >= view[0]) & (px + half <= view[2])
                free &= (py - half >= view[1]) & (py + half <= view[3])
            if free.any():
                k = int(np.argmax(free))
                rings.x[i], rings.y[i], rings.diameter[i], rings.moved[i] = px[k], py[k], size, True
                return
    rings.shown[i] = False

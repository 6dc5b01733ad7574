"""Where the overview map's inset goes: the crowded township enlarged, in an empty corner."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from reportlab.graphics.shapes import Rect

from onemap.brief.mapdraw import grey
from onemap.brief.mapframe import MapFrame
from onemap.model import Estate

SIDES = (0.42, 0.36, 0.3)
LAND_HIDDEN = 0.01  # an inset may hide at most this share of the county before a smaller one is tried
TITLE_BAND = 14.0


@dataclass(frozen=True)
class Inset:
    """The enlarged view of one township, and the frame it sits in on the page."""

    township: str
    frame: MapFrame

    def outline(self, main: MapFrame) -> Rect:
        """The dashed rectangle on the main map showing what the inset enlarges."""
        x0, y0, x1, y1 = self.frame.lonlat_bounds
        (px0, px1), (py0, py1) = main.to_page([x0, x1], [y0, y1])
        return Rect(
            float(px0),
            float(py0),
            float(px1 - px0),
            float(py1 - py0),
            fillColor=None,
            strokeColor=grey(0.1),
            strokeWidth=0.8,
            strokeDashArray=[2, 1.5],
        )


def plan_inset(main: MapFrame, estates: Sequence[Estate], land: Any = None) -> Inset | None:
    """An inset when at least 10 estates crowd into a township under a fifth of the map's width.

    The inset takes the largest square (of 42, 36 or 30 % of the frame) in a corner where
    it hides no marker, of those corners the one hiding least of ``land`` (the county's area
    on the page, a shapely geometry) so the whole county stays in view; failing that, the
    30 % square hiding the fewest markers.
    """
    township, count = Counter(e.township for e in estates).most_common(1)[0]
    crowd = np.array([e.location for e in estates if e.township == township])
    lon0, _lat0, lon1, _lat1 = main.lonlat_bounds
    if count < 10 or not township or (crowd.max(0) - crowd.min(0)).max() > 0.2 * (lon1 - lon0):
        return None
    xs, ys = main.to_page([e.location[0] for e in estates], [e.location[1] for e in estates])  # type: ignore[index]
    best: tuple[int, tuple[float, float, float, float]] | None = None
    fallback: tuple[float, tuple[float, float, float, float]] | None = None
    for fraction in SIDES:
        clear: list[tuple[float, tuple[float, float, float, float]]] = []
        for box in _corners(main, min(main.box[2], main.box[3]) * fraction):
            x, y, side, _ = box
            hidden = int(np.sum((xs > x - 8) & (xs < x + side + 8) & (ys > y - 8) & (ys < y + side + 8)))
            if hidden == 0:
                clear.append((_covered(land, box), box))
            elif fraction == SIDES[-1] and (best is None or hidden < best[0]):
                best = (hidden, box)
        if clear:
            least = min(clear, key=lambda item: item[0])  # min keeps the earlier corner on a tie
            fallback = fallback or least  # the largest clear square, should every size hide some land
            if least[0] <= LAND_HIDDEN * _area(land):
                best = (0, least[1])
                break
    if fallback is not None and (best is None or best[0] != 0):
        best = (0, fallback[1])
    assert best is not None
    x, y, side, _ = best[1]
    frame = MapFrame.around(
        (*crowd.min(0), *crowd.max(0)), (x, y, side, side - TITLE_BAND), min_span_m=800.0, pad=0.16
    )  # room for the scale bar and north arrow clear of the markers
    return Inset(township, frame)


def _area(land: Any) -> float:
    return 0.0 if land is None else float(land.area)


def _covered(land: Any, box: tuple[float, float, float, float]) -> float:
    """How much of ``land`` (page units squared) a corner square would hide (0 without land)."""
    if land is None:
        return 0.0
    x, y, side, _ = box
    return float(shapely.box(x, y, x + side, y + side).intersection(land).area)


def _corners(main: MapFrame, side: float) -> list[tuple[float, float, float, float]]:
    x0, y0, w, h = main.box
    return [
        (x0 + w - side - 6, y0 + 6, side, side),
        (x0 + 6, y0 + 6, side, side),
        (x0 + w - side - 40, y0 + h - side - 6, side, side),
        (x0 + 6, y0 + h - side - 6, side, side),
    ]

"""The measure tool: geodesic distance along clicked points, and the area they enclose."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from shapely.geometry import Polygon

from onemap.geo.geodesy import geodesic_area_m2, geodesic_length_m
from onemap.view.events import Signal
from onemap.view.scale import format_area, format_distance


@dataclass
class Measurement:
    """Points clicked on the map (CGCS2000 lon/lat) and what they measure.

    ``mode`` is ``"distance"`` (a polyline) or ``"area"`` (a closed polygon).
    """

    mode: str = "distance"
    points: list[tuple[float, float]] = field(default_factory=list)
    changed: Signal = field(default_factory=Signal, repr=False, compare=False)

    def add(self, lon: float, lat: float) -> None:
        """Append a vertex."""
        self.points.append((lon, lat))
        self.changed.emit()

    def undo(self) -> None:
        """Drop the last vertex."""
        if self.points:
            self.points.pop()
            self.changed.emit()

    def clear(self, mode: str | None = None) -> None:
        """Start again (optionally in another mode)."""
        self.points.clear()
        if mode is not None:
            self.mode = mode
        self.changed.emit()

    @property
    def length_m(self) -> float:
        """Geodesic length of the polyline (closed back to the start in area mode)."""
        pts = self.points + (self.points[:1] if self.mode == "area" and len(self.points) > 2 else [])
        return geodesic_length_m(np.asarray(pts)) if len(pts) > 1 else 0.0

    @property
    def area_m2(self) -> float:
        """Geodesic area of the polygon (0 with fewer than three points)."""
        if len(self.points) < 3:
            return 0.0
        return geodesic_area_m2(Polygon(self.points))

    def text(self, lang: str = "zh") -> str:
        """The result in Chinese, e.g. 距离 1.25 公里 or 面积 3.40 公顷（周长 820 米）, or English (``lang="en"``)."""
        if lang != "zh":
            return self._text_en()
        if self.mode == "area":
            if len(self.points) < 3:
                return "面积：请在地图上至少点三个点，双击结束"
            return f"面积 {format_area(self.area_m2)}（周长 {format_distance(self.length_m)}）"
        if len(self.points) < 2:
            return "距离：请在地图上点击起点和终点，双击结束"
        return f"距离 {format_distance(self.length_m)}"

    def _text_en(self) -> str:
        if self.mode == "area":
            if len(self.points) < 3:
                return "Area: click at least three points on the map, double-click to finish"
            return f"Area {format_area(self.area_m2, 'en')} (perimeter {format_distance(self.length_m, 'en')})"
        if len(self.points) < 2:
            return "Distance: click a start and an end point on the map, double-click to finish"
        return f"Distance {format_distance(self.length_m, 'en')}"

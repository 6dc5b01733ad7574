"""The visible part of the map, in Web Mercator (EPSG:3857) metres, and conversions to lon/lat."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from onemap.geo.crs import CGCS2000, WEB_MERCATOR, lonlat_to_web_mercator, transformer
from onemap.geo.tiles import MAX_LAT


@dataclass(frozen=True)
class Extent:
    """An axis-aligned box in EPSG:3857 metres (``xy_3857``)."""

    minx: float
    miny: float
    maxx: float
    maxy: float

    @property
    def width(self) -> float:
        """East-west size in display metres."""
        return self.maxx - self.minx

    @property
    def height(self) -> float:
        """North-south size in display metres."""
        return self.maxy - self.miny

    @property
    def center(self) -> tuple[float, float]:
        """The middle, as ``(x, y)``."""
        return (self.minx + self.maxx) / 2, (self.miny + self.maxy) / 2

    def as_tuple(self) -> tuple[float, float, float, float]:
        """``(minx, miny, maxx, maxy)``."""
        return self.minx, self.miny, self.maxx, self.maxy

    def expanded(self, fraction: float = 0.0, minimum_m: float = 0.0) -> Extent:
        """Grown on every side by ``fraction`` of its size, and to at least ``minimum_m`` wide and high."""
        dx = max(self.width * fraction, (minimum_m - self.width) / 2, 0.0)
        dy = max(self.height * fraction, (minimum_m - self.height) / 2, 0.0)
        return Extent(self.minx - dx, self.miny - dy, self.maxx + dx, self.maxy + dy)

    def contains(self, other: Extent) -> bool:
        """True when ``other`` lies wholly inside."""
        return (
            self.minx <= other.minx and self.miny <= other.miny and self.maxx >= other.maxx and self.maxy >= other.maxy
        )

    def lonlat_bounds(self) -> tuple[float, float, float, float]:
        """``(west, south, east, north)`` in CGCS2000 degrees (latitudes clamped to Web Mercator)."""
        lon, lat = transformer(WEB_MERCATOR, CGCS2000).transform(
            np.array([self.minx, self.maxx]), np.array([self.miny, self.maxy])
        )
        return float(lon[0]), max(float(lat[0]), -MAX_LAT), float(lon[1]), min(float(lat[1]), MAX_LAT)

    @classmethod
    def from_lonlat(cls, west: float, south: float, east: float, north: float) -> Extent:
        """The box around a lon/lat box (CGCS2000 degrees)."""
        x, y = to_display(np.array([west, east]), np.array([max(south, -MAX_LAT), min(north, MAX_LAT)]))
        return cls(float(x[0]), float(y[0]), float(x[1]), float(y[1]))

    @classmethod
    def around(cls, xs: np.ndarray, ys: np.ndarray) -> Extent | None:
        """The box around points (NaNs ignored); ``None`` when there are none."""
        ok = ~(np.isnan(xs) | np.isnan(ys))
        if not ok.any():
            return None
        return cls(float(xs[ok].min()), float(ys[ok].min()), float(xs[ok].max()), float(ys[ok].max()))

    def union(self, other: Extent | None) -> Extent:
        """The box around both."""
        if other is None:
            return self
        return Extent(
            min(self.minx, other.minx),
            min(self.miny, other.miny),
            max(self.maxx, other.maxx),
            max(self.maxy, other.maxy),
        )


def to_display(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """CGCS2000 lon/lat arrays to display ``(x, y)`` in EPSG:3857 metres."""
    return lonlat_to_web_mercator(lon, lat)


def to_lonlat(x: float, y: float) -> tuple[float, float]:
    """One display point (EPSG:3857) to CGCS2000 ``(lon, lat)``."""
    lon, lat = transformer(WEB_MERCATOR, CGCS2000).transform(x, y)
    return float(lon), float(lat)


def ground_factor(y_3857: float) -> float:
    """Ground metres per display metre at a Web Mercator northing (cos of the latitude)."""
    lat = math.degrees(2 * math.atan(math.exp(y_3857 / 6378137.0)) - math.pi / 2)
    return math.cos(math.radians(lat))

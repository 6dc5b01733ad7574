"""A map frame on the page: CGCS2000 lon/lat through Web Mercator onto a box in points.

Web Mercator (EPSG:3857) is the map projection because offline MBTiles basemaps come in
it, so an underlay and the vector layers line up exactly; it is conformal, so outlines
keep their shape, and north is up everywhere.  Its scale grows with latitude, so the
scale bar is measured geodesically at the frame's centre, never read off the projection.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import shapely

from onemap.geo.crs import lonlat_to_web_mercator
from onemap.geo.geodesy import geodesic_distance_m
from onemap.view.scale import PRINT_STEPS
from onemap.view.scale import length_label as distance_label
from onemap.view.scale import nice_length as _nice_length

__all__ = ["MapFrame", "distance_label", "nice_length", "plausible"]

Box = tuple[float, float, float, float]
_POINT_M = 0.0254 / 72.0  # one PostScript point in metres of paper


@dataclass(frozen=True)
class MapFrame:
    """``extent`` (Web Mercator metres) drawn into ``box`` (page points), same aspect."""

    extent: Box
    box: Box

    @classmethod
    def around(cls, bounds_lonlat: Box, box: Box, min_span_m: float = 300.0, pad: float = 0.12) -> MapFrame:
        """A frame showing ``bounds_lonlat`` with a margin, at least ``min_span_m`` across.

        Parameters
        ----------
        bounds_lonlat : tuple of float
            ``(minlon, minlat, maxlon, maxlat)`` in EPSG:4490 degrees.
        box : tuple of float
            ``(x, y, width, height)`` on the page, in points.
        """
        xs, ys = (
            v.tolist() for v in to_mercator([bounds_lonlat[0], bounds_lonlat[2]], [bounds_lonlat[1], bounds_lonlat[3]])
        )
        stretch = 1.0 / math.cos(math.radians((bounds_lonlat[1] + bounds_lonlat[3]) / 2))
        width = max(xs[1] - xs[0], 1.0) * (1 + 2 * pad)
        height = max(ys[1] - ys[0], 1.0) * (1 + 2 * pad)
        minimum = min_span_m * stretch
        width, height = max(width, minimum), max(height, minimum)
        aspect = box[2] / box[3]
        width, height = max(width, height * aspect), max(height, width / aspect)
        cx, cy = (xs[0] + xs[1]) / 2, (ys[0] + ys[1]) / 2
        return cls((cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2), box)

    @property
    def scale(self) -> float:
        """Page points per Web Mercator metre."""
        return self.box[2] / (self.extent[2] - self.extent[0])

    def to_page(self, lon: Any, lat: Any) -> tuple[np.ndarray, np.ndarray]:
        """EPSG:4490 lon/lat (arrays) to page points."""
        x, y = to_mercator(np.asarray(lon, float), np.asarray(lat, float))
        return self.box[0] + (x - self.extent[0]) * self.scale, self.box[1] + (y - self.extent[1]) * self.scale

    def geom_to_page(self, geom: Any) -> Any:
        """A shapely geometry in EPSG:4490 as a geometry in page points."""
        return shapely.transform(geom, lambda xy: np.column_stack(self.to_page(xy[:, 0], xy[:, 1])))

    @property
    def page_box(self) -> shapely.Polygon:
        """The frame's box as a polygon in page points (for clipping)."""
        x, y, w, h = self.box
        return shapely.box(x, y, x + w, y + h)

    @property
    def lonlat_bounds(self) -> Box:
        """The extent as ``(minlon, minlat, maxlon, maxlat)`` (for R-tree queries)."""
        x0, y0, x1, y1 = self.extent
        lons, lats = to_lonlat([x0, x1], [y0, y1])
        return float(lons[0]), float(lats[0]), float(lons[1]), float(lats[1])

    @cached_property
    def metres_per_point(self) -> float:
        """Ground metres per page point, measured geodesically across the centre (once per frame:
        the scale bar asks three times)."""
        x0, y0, x1, y1 = self.extent
        cy, half = (y0 + y1) / 2, (x1 - x0) / 4
        lons, lats = to_lonlat([(x0 + x1) / 2 - half, (x0 + x1) / 2 + half], [cy, cy])
        metres = geodesic_distance_m(lons[0], lats[0], lons[1], lats[1])
        return float(metres) / (2 * half * self.scale)

    @property
    def scale_denominator(self) -> float:
        """The ``N`` of "1:N" on the printed page."""
        return float(self.metres_per_point / _POINT_M)


#: EPSG:4490 degrees to EPSG:3857 metres by the formula, PROJ's to the last bits (onemap.geo.crs)
to_mercator = lonlat_to_web_mercator
_INVERSE_RADIUS = 1 / 6378137.0


def to_lonlat(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """EPSG:3857 metres to EPSG:4490 degrees by the spherical formula, without a transformer.

    PROJ's numbers to the last bits (``transformer(WEB_MERCATOR, CGCS2000)``; see
    :func:`onemap.geo.crs.lonlat_to_web_mercator`) (PROJ multiplies by
    the inverse radius, then ``phi = atan(sinh(y))``; tests/core/test_brief_mapframe.py): building
    that transformer cost each packet process 0.1-0.3 s, before its first map.
    """
    lam = np.asarray(x, dtype=np.float64) * _INVERSE_RADIUS
    phi = np.arctan(np.sinh(np.asarray(y, dtype=np.float64) * _INVERSE_RADIUS))
    return np.degrees(lam), np.degrees(phi)


def plausible(lon: float, lat: float) -> bool:
    """True for a position Web Mercator can draw (a ledger with swapped lon/lat is not)."""
    return -180.0 <= lon <= 180.0 and -85.0 < lat < 85.0


def nice_length(metres: float) -> float:
    """A printed scale bar's round length (1, 2, 2.5 or 5 times a power of ten); see :mod:`onemap.view.scale`."""
    return _nice_length(metres, PRINT_STEPS)

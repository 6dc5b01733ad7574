"""Lengths and areas on the ellipsoid, and a local metric frame for the 3D scene.

CGCS2000's ellipsoid differs from GRS80 only in the 8th digit of the flattening, so
``pyproj.Geod(ellps="GRS80")`` measures CGCS2000 (and, at estate scale, WGS84) data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import overload

import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray
from pyproj import Geod

from onemap.geo.crs import CGCS2000, transformer

GEOD = Geod(ellps="GRS80")


@overload
def geodesic_distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float: ...
@overload
def geodesic_distance_m(
    lon1: ArrayLike, lat1: ArrayLike, lon2: ArrayLike, lat2: ArrayLike
) -> float | NDArray[np.float64]: ...
def geodesic_distance_m(
    lon1: ArrayLike, lat1: ArrayLike, lon2: ArrayLike, lat2: ArrayLike
) -> float | NDArray[np.float64]:
    """Return the geodesic distance in metres between two lon/lat points (or arrays of them).

    Parameters
    ----------
    lon1, lat1, lon2, lat2 : float or array_like
        CGCS2000 degrees; arrays broadcast against each other.

    Returns
    -------
    float or ndarray
        A float when all inputs are scalars, else an array.
    """
    args = [np.asarray(v, dtype=np.float64) for v in (lon1, lat1, lon2, lat2)]
    x1, y1, x2, y2 = np.broadcast_arrays(*args)
    _, _, dist = GEOD.inv(x1, y1, x2, y2)
    out = np.asarray(dist, dtype=np.float64)
    return float(out) if out.ndim == 0 else out


def geodesic_length_m(line_lonlat: shapely.LineString | ArrayLike) -> float:
    """Return the geodesic length in metres of a lon/lat polyline.

    Parameters
    ----------
    line_lonlat : shapely.LineString or array_like of shape (n, 2)
        Vertices as (lon, lat) in CGCS2000 degrees.
    """
    if isinstance(line_lonlat, shapely.LineString):
        line_lonlat = shapely.get_coordinates(line_lonlat)
    xy = np.asarray(line_lonlat, dtype=np.float64).reshape(-1, 2)
    return float(GEOD.line_length(xy[:, 0], xy[:, 1])) if len(xy) > 1 else 0.0


def geodesic_area_m2(polygon: shapely.Polygon | shapely.MultiPolygon) -> float:
    """Return the geodesic area in square metres of a lon/lat (multi)polygon, holes removed.

    Parameters
    ----------
    polygon : shapely.Polygon or shapely.MultiPolygon
        In CGCS2000 degrees, either ring orientation.
    """
    # pyproj adds each ring's signed area, so a hole wound the same way as its shell (common
    # in real files) would be added, not subtracted; normalize winds holes against shells.
    area, _ = GEOD.geometry_area_perimeter(shapely.normalize(polygon))
    return abs(float(area))


@dataclass(frozen=True)
class LocalMetricFrame:
    """Metres east (x) and north (y) of an origin, for rendering a county in float32.

    A transverse Mercator on the GRS80 ellipsoid centred on the origin: conformal, so
    buildings keep their right angles, and within 30 km of the origin its scale error is
    under 1.2e-5 and coordinates stay small enough for float32 to hold them to ~2 mm.

    Parameters
    ----------
    origin_lon, origin_lat : float
        CGCS2000 degrees of the origin, e.g. the centre of the county's extent.
    """

    origin_lon: float
    origin_lat: float

    @property
    def proj_string(self) -> str:
        """The PROJ definition of the frame, usable wherever a CRS is expected."""
        return (
            f"+proj=tmerc +lat_0={self.origin_lat!r} +lon_0={self.origin_lon!r} +k=1 "
            "+x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs +type=crs"
        )

    def to_local(self, lon: ArrayLike, lat: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Convert CGCS2000 lon/lat to local ``(x_east_m, y_north_m)`` float64 arrays."""
        return self._run(CGCS2000, self.proj_string, lon, lat)

    def to_lonlat(self, x_m: ArrayLike, y_m: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Convert local metres back to CGCS2000 ``(lon, lat)`` float64 arrays."""
        return self._run(self.proj_string, CGCS2000, x_m, y_m)

    @staticmethod
    def _run(src: str, dst: str, a: ArrayLike, b: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        xa, xb = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
        out_a, out_b = transformer(src, dst).transform(xa, xb, errcheck=True)
        return np.asarray(out_a, dtype=np.float64), np.asarray(out_b, dtype=np.float64)

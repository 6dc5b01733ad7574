"""Ledger coordinates to CGCS2000: parse, recognise the system, fix swaps, convert, find outliers.

The importer's order for one dataset:

1. :func:`parse_coordinate` each x and y cell (or :func:`parse_point` for a 经纬度 cell);
2. the system from a column or ``--crs`` (:func:`crs_from_text`), else :func:`guess_crs`
   on all rows at once — a dataset has one system, never one per point;
3. :func:`fix_swapped` each point (a warning naming the row when it swaps);
4. :func:`to_cgcs2000` (or :func:`to_cgcs2000_array` for all rows);
5. :func:`outlier_mask` on the results: a flagged estate is imported unlocated, with a warning.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray
from pyproj.exceptions import ProjError
from shapely.geometry.base import BaseGeometry

from onemap.geo.chinacoords import bd09_to_wgs84, gcj02_to_wgs84
from onemap.geo.crs import GK3_ZONES
from onemap.geo.crs import to_cgcs2000 as _project_to_cgcs2000
from onemap.geo.geodesy import geodesic_distance_m
from onemap.io.coords_crs import (
    GK6_ZONES,
    CoordinateSystem,
    GeographicSystem,
    crs_from_text,
    guess_crs,
    is_projected,
)
from onemap.io.coords_text import parse_coordinate, parse_point

__all__ = [
    "CoordinateSystem",
    "GeographicSystem",
    "crs_from_text",
    "far_from",
    "fix_swapped",
    "guess_crs",
    "outlier_mask",
    "parse_coordinate",
    "parse_point",
    "swapped_mask",
    "to_cgcs2000",
    "to_cgcs2000_array",
]

#: China's rough extent, for telling longitude from latitude.
CHINA_LON = (73.0, 136.0)
CHINA_LAT = (3.0, 54.0)
#: Default distances for :func:`outlier_mask`: outside a county outline, and from a cluster's centre.
OUTSIDE_AREA_KM = 5.0
CLUSTER_RADIUS_KM = 50.0
_KM_PER_DEGREE = 111.2
_SOURCES: dict[str, str] = {"wgs84": "gps", "cgcs2000": "import", "gcj02": "amap", "bd09": "baidu"}
# Zone-prefixed base code -> (plain base code, zone count), for 3- and 6-degree Gauss-Kruger.
_GK_TWINS = {4513: (4534, len(GK3_ZONES)), 4491: (4502, len(GK6_ZONES))}


def to_cgcs2000(x: float, y: float, crs: CoordinateSystem) -> tuple[float, float, str]:
    """Convert one point to CGCS2000 (EPSG:4490) longitude and latitude.

    Parameters
    ----------
    x, y
        Longitude and latitude, or easting and northing, in ``crs`` (fix swaps first).
    crs
        ``"wgs84"``, ``"cgcs2000"``, ``"gcj02"``, ``"bd09"`` or an EPSG code on the CGCS2000/WGS84
        datum. A Gauss-Kruger code is switched to its zone-prefixed or plain twin to fit the
        easting (zone named in words, prefix told by the number).

    Returns
    -------
    (lon, lat, coord_source)
        Degrees, and the :data:`onemap.model.COORD_SOURCES` key: ``"amap"`` for GCJ-02,
        ``"baidu"`` for BD-09, ``"survey"`` for projected metres, ``"gps"`` for WGS84 and
        ``"import"`` for CGCS2000. NaN in gives NaN out.

    Raises
    ------
    ValueError
        For an unknown system, or a point PROJ cannot convert.
    """
    lons, lats, source = to_cgcs2000_array([x], [y], crs)
    return float(lons[0]), float(lats[0]), source


def to_cgcs2000_array(
    xs: ArrayLike, ys: ArrayLike, crs: CoordinateSystem
) -> tuple[NDArray[np.float64], NDArray[np.float64], str]:
    """Convert arrays of points to CGCS2000 ``(lons, lats, coord_source)``; see :func:`to_cgcs2000`."""
    x = np.asarray(xs, dtype=np.float64).ravel()
    y = np.asarray(ys, dtype=np.float64).ravel()
    if isinstance(crs, str):
        if crs not in _SOURCES:
            raise ValueError(f"unknown coordinate system {crs!r}")
        lons, lats = _shift_back(x, y, crs)
        return lons, lats, _SOURCES[crs]
    lons, lats = np.full_like(x, np.nan), np.full_like(y, np.nan)
    finite = np.isfinite(x) & np.isfinite(y)
    codes = np.array([_fit_gk_twin(crs, e) for e in x[finite]], dtype=np.int64)
    for code in np.unique(codes):
        rows = np.flatnonzero(finite)[codes == code]
        try:
            lons[rows], lats[rows] = _project_to_cgcs2000(x[rows], y[rows], int(code))
        except ProjError as exc:
            raise ValueError(f"EPSG:{code} cannot convert these coordinates") from exc
    return lons, lats, "survey" if is_projected(crs) else ("gps" if crs == 4326 else "import")


def _shift_back(
    x: NDArray[np.float64], y: NDArray[np.float64], crs: str
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    with np.errstate(over="ignore", invalid="ignore"):  # absurd numbers give inf/NaN, flagged later
        if crs == "gcj02":
            return gcj02_to_wgs84(x, y)
        if crs == "bd09":
            return bd09_to_wgs84(x, y)
    return x.copy(), y.copy()


def _fit_gk_twin(code: int, easting: float) -> int:
    """The Gauss-Kruger code of the same zone whose false easting fits ``easting``."""
    for prefixed_base, (plain_base, zones) in _GK_TWINS.items():
        if prefixed_base <= code < prefixed_base + zones and easting < 1e6:
            return plain_base + code - prefixed_base
        if plain_base <= code < plain_base + zones and easting >= 1e7:
            return prefixed_base + code - plain_base
    return code


def fix_swapped(x: float, y: float, crs: CoordinateSystem | None = None) -> tuple[float, float, bool]:
    """Swap a point whose two numbers were entered the wrong way round.

    Parameters
    ----------
    x, y
        The point as read: longitude, latitude (or easting, northing).
    crs
        The dataset's system; for projected metres the test is easting/northing shape
        (Chinese surveyors write X for the northing), for degrees China's extent
        (lon 73–136, lat 3–54). ``None`` means degrees.

    Returns
    -------
    (x, y, swapped)
        Swapped only when the original does not fit and the swap does.
    """
    fits = _fits_metres if crs is not None and is_projected(crs) else _fits_china
    if not fits(x, y) and fits(y, x):
        return y, x, True
    return x, y, False


def swapped_mask(xs: NDArray[np.float64], ys: NDArray[np.float64], crs: CoordinateSystem | None) -> NDArray[np.bool_]:
    """Which points :func:`fix_swapped` would swap, for arrays of points in one system."""
    fits = _fits_metres_array if crs is not None and is_projected(crs) else _fits_china_array
    return np.asarray(~fits(xs, ys) & fits(ys, xs))


def _fits_china_array(lon: NDArray[np.float64], lat: NDArray[np.float64]) -> NDArray[np.bool_]:
    return np.asarray((lon >= CHINA_LON[0]) & (lon <= CHINA_LON[1]) & (lat >= CHINA_LAT[0]) & (lat <= CHINA_LAT[1]))


def _fits_metres_array(easting: NDArray[np.float64], northing: NDArray[np.float64]) -> NDArray[np.bool_]:
    e = (
        ((easting > 0) & (easting < 1e6))
        | ((easting >= 13e6) & (easting < 24e6))
        | ((easting >= 25e6) & (easting < 46e6))
    )
    return np.asarray(e & (northing >= 1e6) & (northing < 1e7))


def _fits_china(lon: float, lat: float) -> bool:
    return CHINA_LON[0] <= lon <= CHINA_LON[1] and CHINA_LAT[0] <= lat <= CHINA_LAT[1]


def _fits_metres(easting: float, northing: float) -> bool:
    e = 0 < easting < 1e6 or 13e6 <= easting < 24e6 or 25e6 <= easting < 46e6
    return e and 1e6 <= northing < 1e7


def far_from(lon: float, lat: float, area: BaseGeometry, max_km: float = OUTSIDE_AREA_KM) -> bool:
    """True when a point lies more than ``max_km`` outside ``area`` (a county outline, EPSG:4490).

    With a point for ``area`` (a county seat) it is the distance from that point. NaN is
    never far (it is simply unlocated); numbers that are not longitude/latitude always are.
    """
    return bool(outlier_mask([(lon, lat)], area=area, max_km=max_km)[0])


def outlier_mask(
    points: ArrayLike, *, area: BaseGeometry | None = None, max_km: float | None = None
) -> NDArray[np.bool_]:
    """Flag points that are far from where the county's estates are.

    Parameters
    ----------
    points
        ``(n, 2)`` longitudes and latitudes in EPSG:4490.
    area
        The county outline (or seat) in EPSG:4490. Without one, the points' own cluster is
        used: its centre is the median point, and a point is flagged beyond
        ``max(max_km, median distance + 5 × 1.4826 × MAD)`` from it, so only gross errors
        (wrong system, a typo in a digit, another province) are caught; with fewer than
        three points nothing is flagged.
    max_km
        Kilometres outside ``area`` (default 5), or the smallest cluster radius (default 50).

    Returns
    -------
    ndarray of bool
        True for a point to import unlocated. NaN rows are False; finite numbers that are
        not longitude/latitude are True.
    """
    pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    finite = np.isfinite(pts).all(axis=1)
    valid = finite & (np.abs(pts[:, 0]) <= 180) & (np.abs(pts[:, 1]) <= 90)
    mask = finite & ~valid
    if area is not None:
        limit = OUTSIDE_AREA_KM if max_km is None else max_km
        mask[valid] = _km_outside(pts[valid], area) > limit
    elif valid.sum() >= 3:
        mask[valid] = _beyond_cluster(pts[valid], CLUSTER_RADIUS_KM if max_km is None else max_km)
    return mask


def _km_outside(lonlat: NDArray[np.float64], area: BaseGeometry) -> NDArray[np.float64]:
    # An equirectangular frame at the area's centre: within a county its ~1 % error is
    # nothing against a kilometre threshold, and far points stay far.
    centre = area.centroid
    lon0, lat0 = centre.x, centre.y
    k = math.cos(math.radians(lat0)) * _KM_PER_DEGREE

    def to_km(xy: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.column_stack(((xy[:, 0] - lon0) * k, (xy[:, 1] - lat0) * _KM_PER_DEGREE))

    area_km = shapely.transform(area, to_km)
    xy = to_km(lonlat)
    # a point inside the outline is 0 km from it: only the others are measured (the county's
    # thousands of vertices made this the survey's slowest step)
    shapely.prepare(area_km)
    inside = shapely.contains_xy(area_km, xy[:, 0], xy[:, 1])
    km = np.zeros(len(xy), dtype=np.float64)
    km[~inside] = shapely.distance(shapely.points(xy[~inside]), area_km)
    return km


def _beyond_cluster(lonlat: NDArray[np.float64], floor_km: float) -> NDArray[np.bool_]:
    lon0, lat0 = np.median(lonlat[:, 0]), np.median(lonlat[:, 1])
    km = np.asarray(geodesic_distance_m(lon0, lat0, lonlat[:, 0], lonlat[:, 1]), dtype=np.float64) / 1000
    median = float(np.median(km))
    mad = float(np.median(np.abs(km - median)))
    return np.asarray(km > max(floor_km, median + 5 * 1.4826 * mad))

"""GCJ-02 (Amap, Tencent) and BD-09 (Baidu) coordinates, by the public formula.

Neither system has an EPSG code, so pyproj cannot help: the forward directions use the
widely published formula (Krasovsky ellipsoid, then Baidu's extra rotation), and every
inverse is found by iterating the forward until it reproduces the input to 1e-9 degrees
(~0.1 mm), because the published one-step inverses are off by about a metre (GCJ-02) or
a few centimetres (BD-09) - more than a survey check tolerates.

WGS84 and CGCS2000 (EPSG:4490) differ by centimetres, far below estate scale, so every
"wgs84" here may be read as CGCS2000. Outside China's rough bounding box
(lon 72.004-137.8347, lat 0.8293-55.8271) GCJ-02 is defined as equal to WGS84, the
standard ``out_of_china`` rule; BD-09's rotation still applies there.

All functions take python floats (and return floats) or numpy arrays (vectorised).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

F64 = NDArray[np.float64]
T = TypeVar("T", float, F64)
_Pair = tuple[F64, F64]

_A = 6378245.0  # Krasovsky 1940 semi-major axis, as in the public formula
_EE = 0.00669342162296594323  # Krasovsky first eccentricity squared
_X_PI = np.pi * 3000.0 / 180.0  # Baidu's constant
_TOLERANCE_DEG = 1e-9
_MAX_ITERATIONS = 30


def out_of_china(lon: T, lat: T) -> bool | NDArray[np.bool_]:
    """Return True where a point lies outside the box in which GCJ-02 is shifted."""
    x, y = np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)
    outside = (x < 72.004) | (x > 137.8347) | (y < 0.8293) | (y > 55.8271)
    return bool(outside) if outside.ndim == 0 else outside


def wgs84_to_gcj02(lon: T, lat: T) -> tuple[T, T]:
    """Shift WGS84/CGCS2000 ``(lon, lat)`` to GCJ-02 (unchanged outside China's box).

    Parameters
    ----------
    lon, lat : float or ndarray
        Degrees; arrays broadcast against each other.

    Returns
    -------
    (lon, lat) : tuple of float or of ndarray
        GCJ-02 degrees, floats for float input and arrays for array input.
    """
    return _scalar_or_array(_wgs84_to_gcj02, lon, lat)


def gcj02_to_wgs84(lon: T, lat: T) -> tuple[T, T]:
    """Undo the GCJ-02 shift by iteration; sub-millimetre against the formula.

    Parameters
    ----------
    lon, lat : float or ndarray
        GCJ-02 degrees, e.g. read off Amap or Tencent.

    Returns
    -------
    (lon, lat) : tuple of float or of ndarray
        WGS84/CGCS2000 degrees whose GCJ-02 shift matches the input to 1e-9 degrees.
    """
    return _scalar_or_array(lambda x, y: _invert(_wgs84_to_gcj02, x, y), lon, lat)


def gcj02_to_bd09(lon: T, lat: T) -> tuple[T, T]:
    """Apply Baidu's BD-09 rotation and offset to GCJ-02 ``(lon, lat)``."""
    return _scalar_or_array(_gcj02_to_bd09, lon, lat)


def bd09_to_gcj02(lon: T, lat: T) -> tuple[T, T]:
    """Undo BD-09 by iteration, starting from Baidu's approximate closed-form inverse."""
    return _scalar_or_array(lambda x, y: _invert(_gcj02_to_bd09, x, y, _bd09_guess), lon, lat)


def wgs84_to_bd09(lon: T, lat: T) -> tuple[T, T]:
    """Shift WGS84/CGCS2000 ``(lon, lat)`` to BD-09 (GCJ-02, then Baidu's rotation)."""
    return _scalar_or_array(lambda x, y: _gcj02_to_bd09(*_wgs84_to_gcj02(x, y)), lon, lat)


def bd09_to_wgs84(lon: T, lat: T) -> tuple[T, T]:
    """Undo BD-09 and then GCJ-02, each by iteration."""
    return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))


def _scalar_or_array(fn: Callable[[F64, F64], _Pair], lon: float | F64, lat: float | F64) -> tuple[Any, Any]:
    # Any, not T: the public signatures already promise floats for floats, arrays for arrays.
    x, y = np.broadcast_arrays(np.asarray(lon, np.float64), np.asarray(lat, np.float64))
    out_x, out_y = fn(x, y)
    if out_x.ndim == 0:
        return float(out_x), float(out_y)
    return out_x, out_y


def _invert(
    forward: Callable[[F64, F64], _Pair],
    x: F64,
    y: F64,
    guess: Callable[[F64, F64], _Pair] | None = None,
) -> _Pair:
    # Fixed point w <- w - (forward(w) - target): the shifts vary by ~1e-3 per degree, so
    # each step shrinks the error ~1000-fold and 3-4 steps reach the tolerance.
    wx, wy = guess(x, y) if guess else (x.copy(), y.copy())
    for _ in range(_MAX_ITERATIONS):
        fx, fy = forward(wx, wy)
        dx, dy = fx - x, fy - y
        wx, wy = wx - dx, wy - dy
        if max(np.max(np.abs(dx), initial=0.0), np.max(np.abs(dy), initial=0.0)) < _TOLERANCE_DEG:
            break
    return wx, wy


def _wgs84_to_gcj02(lon: F64, lat: F64) -> _Pair:
    x, y = lon - 105.0, lat - 35.0
    dlat = _shift_lat(x, y)
    dlon = _shift_lon(x, y)
    rad_lat = np.radians(lat)
    magic = 1.0 - _EE * np.sin(rad_lat) ** 2
    dlat = dlat * 180.0 / (_A * (1.0 - _EE) / (magic * np.sqrt(magic)) * np.pi)
    dlon = dlon * 180.0 / (_A / np.sqrt(magic) * np.cos(rad_lat) * np.pi)
    outside = np.asarray(out_of_china(lon, lat))
    return np.where(outside, lon, lon + dlon), np.where(outside, lat, lat + dlat)


def _shift_lat(x: F64, y: F64) -> F64:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    ret = ret + (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    ret = ret + (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    return ret + (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0


def _shift_lon(x: F64, y: F64) -> F64:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    ret = ret + (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    ret = ret + (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    return ret + (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0


def _gcj02_to_bd09(lon: F64, lat: F64) -> _Pair:
    z = np.hypot(lon, lat) + 0.00002 * np.sin(lat * _X_PI)
    theta = np.arctan2(lat, lon) + 0.000003 * np.cos(lon * _X_PI)
    return z * np.cos(theta) + 0.0065, z * np.sin(theta) + 0.006


def _bd09_guess(lon: F64, lat: F64) -> _Pair:
    x, y = lon - 0.0065, lat - 0.006
    z = np.hypot(x, y) - 0.00002 * np.sin(y * _X_PI)
    theta = np.arctan2(y, x) - 0.000003 * np.cos(x * _X_PI)
    return z * np.cos(theta), z * np.sin(theta)

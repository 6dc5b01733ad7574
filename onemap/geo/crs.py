"""The one place OneMap builds pyproj transformers, plus CGCS2000 Gauss-Kruger helpers.

Every transformer comes from :func:`transformer`, which always passes ``always_xy=True``:
EPSG:4490 declares latitude first and the Gauss-Kruger CRSs declare northing first, and
a single factory is the only way to be sure no caller ever gets those orders.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike, NDArray
from pyproj import Transformer

CGCS2000 = "EPSG:4490"
WGS84 = "EPSG:4326"
WEB_MERCATOR = "EPSG:3857"

#: CGCS2000 3-degree Gauss-Kruger zones that have EPSG codes (CM 75E .. 135E).
GK3_ZONES = range(25, 46)
_GK3_PREFIXED_BASE = 4513  # zone 25 with the zone number in front of the easting
_GK3_CM_BASE = 4534  # "CM 75E": plain 500 km false easting

CrsLike = str | int


@lru_cache(maxsize=64)
def transformer(src: CrsLike, dst: CrsLike) -> Transformer:
    """Return the shared, cached transformer from ``src`` to ``dst`` in x/y (lon/lat) order.

    Parameters
    ----------
    src, dst : str or int
        Anything ``pyproj.CRS`` accepts that is hashable: ``"EPSG:4545"``, ``4545``, a PROJ
        string or WKT.

    Returns
    -------
    pyproj.Transformer
        With ``always_xy=True``; pyproj >= 3.1 makes it safe to share across threads.
    """
    return Transformer.from_crs(src, dst, always_xy=True)


#: the WGS84 semi-major axis: EPSG:3857's sphere radius
_WEB_MERCATOR_RADIUS = 6378137.0


def lonlat_to_web_mercator(lon: ArrayLike, lat: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """EPSG:4490 (or 4326) degrees to EPSG:3857 metres, without building a transformer.

    PROJ's numbers (``transformer(CGCS2000, WEB_MERCATOR)``: bit for bit where numpy calls the C
    library's functions; its SIMD ones, SVML on AVX-512 processors, may differ by a few units in the
    last place, nanometres on the ground) (PROJ's pipeline
    is deg->rad, then ``x = R lam``, ``y = R asinh(tan phi)``) for longitudes within +-180
    and latitudes within +-90; building that transformer costs 0.1-0.3 s (a proj.db
    lookup), which the viewer's start-up does without.  A NaN in either makes both NaN.
    """
    lam = np.radians(np.asarray(lon, dtype=np.float64))
    phi = np.radians(np.asarray(lat, dtype=np.float64))
    with np.errstate(invalid="ignore"):
        x, y = _WEB_MERCATOR_RADIUS * lam, _WEB_MERCATOR_RADIUS * np.arcsinh(np.tan(phi))
    blank = np.isnan(x) | np.isnan(y)
    return np.where(blank, np.nan, x), np.where(blank, np.nan, y)


def gk3_zone(lon: float) -> int:
    """Return the 3-degree Gauss-Kruger zone containing longitude ``lon`` (CM = 3 * zone).

    A longitude on a zone edge (e.g. 106.5E) goes to the eastern zone. Pick the zone once
    per dataset, never per point: a county can straddle an edge.
    """
    zone = int(np.floor((lon + 1.5) / 3.0))
    if zone not in GK3_ZONES:
        raise ValueError(f"longitude {lon} is outside the CGCS2000 3-degree zones 25..45")
    return zone


def gk3_epsg(zone: int, prefixed: bool) -> int:
    """Return the EPSG code of CGCS2000 3-degree Gauss-Kruger ``zone``.

    Parameters
    ----------
    zone : int
        Zone number 25..45; its central meridian is ``3 * zone`` degrees east.
    prefixed : bool
        True for the codes whose false easting carries the zone number (EPSG:4513-4533,
        easting ~ zone * 1e6 + 5e5), False for the "CM" codes (EPSG:4534-4554, ~5e5).
    """
    if zone not in GK3_ZONES:
        raise ValueError(f"zone {zone} is outside the CGCS2000 3-degree zones 25..45")
    return (_GK3_PREFIXED_BASE if prefixed else _GK3_CM_BASE) + zone - GK3_ZONES.start


def gk3_epsg_for_easting(easting: ArrayLike, approx_lon: float | None = None) -> int:
    """Recognise which CGCS2000 3-degree Gauss-Kruger CRS a dataset's eastings are in.

    Parameters
    ----------
    easting : array_like
        Eastings of the whole dataset (or one representative value). Their median decides.
    approx_lon : float, optional
        Rough longitude of the data (e.g. the county seat). Required for unprefixed
        eastings, which do not say their zone; checked against prefixed ones.

    Returns
    -------
    int
        EPSG code: 4513-4533 for zone-prefixed eastings (~3.6e7), 4534-4554 otherwise.
    """
    typical = float(np.median(np.asarray(easting, dtype=np.float64)))
    if GK3_ZONES.start * 1e6 <= typical < GK3_ZONES.stop * 1e6:
        zone = int(typical // 1e6)
        if approx_lon is not None and gk3_zone(approx_lon) != zone:
            raise ValueError(f"easting {typical:.0f} is zone {zone}, but lon {approx_lon} is not")
        return gk3_epsg(zone, prefixed=True)
    if 0.0 < typical < 1e6:
        if approx_lon is None:
            raise ValueError("unprefixed Gauss-Kruger eastings need approx_lon to find the zone")
        return gk3_epsg(gk3_zone(approx_lon), prefixed=False)
    raise ValueError(f"easting {typical:.0f} is not a CGCS2000 3-degree Gauss-Kruger easting")


def to_cgcs2000(xs: ArrayLike, ys: ArrayLike, src: CrsLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Convert coordinates in ``src`` to CGCS2000 (EPSG:4490) ``(lon, lat)`` arrays."""
    return _transform(src, CGCS2000, xs, ys)


def from_cgcs2000(lons: ArrayLike, lats: ArrayLike, dst: CrsLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Convert CGCS2000 (EPSG:4490) longitudes/latitudes to ``(x, y)`` arrays in ``dst``."""
    return _transform(CGCS2000, dst, lons, lats)


def _transform(
    src: CrsLike, dst: CrsLike, xs: ArrayLike, ys: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    x_in = np.asarray(xs, dtype=np.float64)
    y_in = np.asarray(ys, dtype=np.float64)
    # errcheck: a point PROJ cannot convert must fail loudly, not come back as inf.
    x_out, y_out = transformer(src, dst).transform(x_in, y_in, errcheck=True)
    return np.asarray(x_out, dtype=np.float64), np.asarray(y_out, dtype=np.float64)

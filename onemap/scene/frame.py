"""The scene's metric frame: Gauss-Kruger metres of the county's zone, shifted to a local origin.

OpenGL takes float32 vertices. A Gauss-Kruger easting is ~5e5 m and a northing ~3.6e6 m,
where float32 steps are 0.03-0.25 m and buildings visibly jitter; subtracting an origin
near the data keeps every coordinate within tens of kilometres, i.e. below 4 mm steps.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from onemap.geo.crs import CGCS2000, gk3_epsg, gk3_zone, transformer

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class SceneFrame:
    """Metres east (x) and north (y) of an origin, in one CGCS2000 3-degree Gauss-Kruger zone.

    Parameters
    ----------
    epsg : int
        The zone's unprefixed ("CM") EPSG code, 4534-4554.
    origin_x, origin_y : float
        The origin's easting and northing in that CRS, in metres (whole metres).
    """

    epsg: int
    origin_x: float
    origin_y: float

    @classmethod
    def around(cls, lon: float, lat: float) -> SceneFrame:
        """The frame in the zone of ``lon`` whose origin is the point (rounded to a metre)."""
        epsg = gk3_epsg(gk3_zone(lon), prefixed=False)
        x, y = transformer(CGCS2000, epsg).transform(lon, lat, errcheck=True)
        return cls(epsg, float(round(x)), float(round(y)))

    def to_local(self, lon: ArrayLike, lat: ArrayLike) -> tuple[FloatArray, FloatArray]:
        """CGCS2000 lon/lat (degrees) to local ``(x_east_m, y_north_m)`` float64 arrays."""
        x, y = transformer(CGCS2000, self.epsg).transform(
            np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64), errcheck=True
        )
        return np.asarray(x, dtype=np.float64) - self.origin_x, np.asarray(y, dtype=np.float64) - self.origin_y

    def to_lonlat(self, x_m: ArrayLike, y_m: ArrayLike) -> tuple[FloatArray, FloatArray]:
        """Local metres back to CGCS2000 ``(lon, lat)`` float64 arrays."""
        gx = np.asarray(x_m, dtype=np.float64) + self.origin_x
        gy = np.asarray(y_m, dtype=np.float64) + self.origin_y
        lon, lat = transformer(self.epsg, CGCS2000).transform(gx, gy, errcheck=True)
        return np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)

    def geometries_to_local(self, geoms_lonlat: NDArray[np.object_]) -> NDArray[np.object_]:
        """Shapely geometries in lon/lat to the local frame, all coordinates in one transform."""
        import shapely

        def convert(coords: FloatArray) -> FloatArray:
            x, y = self.to_local(coords[:, 0], coords[:, 1])
            return np.column_stack([x, y])

        return np.asarray(shapely.transform(geoms_lonlat, convert), dtype=object)

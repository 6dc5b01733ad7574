"""Coordinates for OneMap: CRS transforms, China's shifted systems, geodesy and tiles.

Pure core: numpy, pyproj and shapely only, never Qt. Data are stored in CGCS2000
(EPSG:4490), which is treated as equal to WGS84 at estate scale.
"""

from onemap.geo.chinacoords import (
    bd09_to_gcj02,
    bd09_to_wgs84,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    out_of_china,
    wgs84_to_bd09,
    wgs84_to_gcj02,
)
from onemap.geo.crs import (
    CGCS2000,
    WEB_MERCATOR,
    WGS84,
    from_cgcs2000,
    gk3_epsg,
    gk3_epsg_for_easting,
    gk3_zone,
    to_cgcs2000,
    transformer,
)
from onemap.geo.geodesy import (
    LocalMetricFrame,
    geodesic_area_m2,
    geodesic_distance_m,
    geodesic_length_m,
)
from onemap.geo.tiles import lonlat_to_tile, tile_bounds_3857, tile_range, tiles_covering, tms_row

__all__ = [
    "CGCS2000",
    "WEB_MERCATOR",
    "WGS84",
    "LocalMetricFrame",
    "bd09_to_gcj02",
    "bd09_to_wgs84",
    "from_cgcs2000",
    "gcj02_to_bd09",
    "gcj02_to_wgs84",
    "geodesic_area_m2",
    "geodesic_distance_m",
    "geodesic_length_m",
    "gk3_epsg",
    "gk3_epsg_for_easting",
    "gk3_zone",
    "lonlat_to_tile",
    "out_of_china",
    "tile_bounds_3857",
    "tile_range",
    "tiles_covering",
    "tms_row",
    "to_cgcs2000",
    "transformer",
    "wgs84_to_bd09",
    "wgs84_to_gcj02",
]

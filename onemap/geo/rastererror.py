"""One sentence, in Chinese with its English twin, for each local raster OneMap cannot use.

GeoTIFF orthophotos, DEMs and PMTiles files all report their problems through
:class:`RasterError`, so the viewer, the command line and the PDF say the same thing.
"""

from __future__ import annotations

from pathlib import Path

_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("找不到栅格文件：{name}。请检查路径。", "Raster file not found: {name}. Check the path."),
    "unreadable": (
        "{name} 不是可读的 GeoTIFF 影像（{detail}）。",
        "{name} is not a readable GeoTIFF ({detail}).",
    ),
    "no_crs": (
        "{name} 没有写明坐标系，无法确定它在地图上的位置。"
        "请用 GIS 软件为它指定坐标系（例如 CGCS2000 / EPSG:4545）后再打开。",
        "{name} declares no coordinate system, so its place on the map is unknown. Assign one "
        "(e.g. CGCS2000 / EPSG:4545) in a GIS and open it again.",
    ),
    "unknown_crs": (
        "{name} 的坐标系无法识别（{detail}），无法换算到地图上。",
        "The coordinate system of {name} is not recognised ({detail}); it cannot be placed on the map.",
    ),
    "dem_as_basemap": (
        "{name} 是高程数据（DEM，单波段 {detail}），不是影像；请把它作为三维地形（--dem）使用，而不是底图。",
        "{name} is elevation data (a DEM, one {detail} band), not an image: use it as 3D terrain (--dem), "
        "not as a basemap.",
    ),
    "not_dem": (
        "{name} 是影像（{detail}），不是高程数据（DEM）；三维地形需要单波段高程 GeoTIFF。",
        "{name} is an image ({detail}), not elevation data (a DEM); 3D terrain needs a one-band elevation GeoTIFF.",
    ),
    "dem_outside": (
        "高程数据 {name} 不覆盖这些小区所在的范围（或全部为空值），未显示地形。",
        "The elevation data {name} does not cover the estates' area (or holds only no-data values); no terrain shown.",
    ),
    "drape_failed": (
        "底图 {name} 无法铺到三维地面（{detail}），三维场景使用素色地面。",
        "The basemap {name} could not be draped on the 3D ground ({detail}); the 3D scene shows plain ground.",
    ),
    "pmtiles": (
        "{name} 不是可用的 PMTiles 栅格底图（{detail}）。",
        "{name} is not a usable raster PMTiles basemap ({detail}).",
    ),
    "unsupported": (
        "不支持的栅格文件类型：{name}（支持 .tif/.tiff、.pmtiles、.mbtiles）。",
        "Unsupported raster file type: {name} (.tif/.tiff, .pmtiles and .mbtiles are supported).",
    ),
}


class RasterError(Exception):
    """A local raster OneMap cannot use, with the reason in one sentence.

    ``str(error)`` is the Chinese sentence; :meth:`message` gives either language.
    """

    def __init__(self, kind: str, path: Path | str, detail: str = "") -> None:
        self.kind, self.path, self.detail = kind, Path(path), detail
        super().__init__(self.message("zh"))

    def message(self, lang: str = "zh") -> str:
        """The sentence in ``"zh"`` or ``"en"``."""
        zh, en = _MESSAGES[self.kind]
        return (zh if lang == "zh" else en).format(name=self.path.name, detail=self.detail)

"""Reference layers: roads, rivers, township areas, planning plots read from the county's own files.

Shapefile (GBK or UTF-8), GeoPackage, GeoJSON and KML are read with pyogrio, DXF with
:mod:`onemap.geo.refdxf`.  Every geometry is reprojected once to Web Mercator, the map's
display CRS, from the CRS the file declares or the one the user names (a CAD drawing usually
declares none).  Whatever goes wrong becomes a :class:`RefLayerError` carrying one sentence in
Chinese and English: the map keeps working without that layer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

from onemap.geo.crs import WEB_MERCATOR, transformer
from onemap.geo.refshapes import LabelPoint, RefShapes, shapes_of
from onemap.geo.refstyle import RefStyle
from onemap.said import Said

#: suffixes pyogrio reads for us; ``.dxf`` goes to ezdxf
OGR_SUFFIXES = (".shp", ".gpkg", ".geojson", ".json", ".kml")
SUFFIXES = (*OGR_SUFFIXES, ".dxf")
#: a line's name is repeated about this far apart (metres), and at most MAX_LINE_LABELS times per layer
LABEL_SPACING_M = 180.0
MAX_LINE_LABELS = 6000
#: fields that name a feature, used for labels when the style names none
_NAME_FIELDS = ("name", "名称", "mc", "xzqmc", "dlmc")


class RefLayerError(Exception):
    """A reference layer that cannot be shown; ``args[0]`` is a :class:`~onemap.said.Said`."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(Said(zh, en))


@dataclass
class RefLayer:
    """One reference layer, ready to draw: geometries in Web Mercator metres.

    Attributes
    ----------
    name : str
        What the legend and layers dock call it.
    shapes : RefShapes
        Lines, polygon rings and label points (EPSG:3857).
    style : RefStyle
    source : Path
    crs : str
        The CRS the coordinates were read in (declared or named), e.g. ``"EPSG:4545"``.
    attribution : str
        Whose data it is (or 示意 for a schematic layer), printed under maps that show it.
    skipped : int
        Broken entities left out while reading (DXF); said once by :func:`onemap.geo.refsets.load_specs`.
    """

    name: str
    shapes: RefShapes
    style: RefStyle
    source: Path
    crs: str
    attribution: str = ""
    skipped: int = 0

    @property
    def bounds_3857(self) -> tuple[float, float, float, float] | None:
        """``(xmin, ymin, xmax, ymax)`` of everything in the layer, ``None`` when empty."""
        return self.shapes.bounds()


def load_layer(
    path: Path, *, layer: str | None = None, crs: str | None = None, style: RefStyle | None = None
) -> RefLayer:
    """Read a reference layer file and reproject it to Web Mercator.

    Parameters
    ----------
    path : Path
        ``.shp``, ``.gpkg``, ``.geojson``/``.json``, ``.kml`` or ``.dxf``.
    layer : str, optional
        The layer inside a GeoPackage or KML (the first one when ``None``).
    crs : str, optional
        The CRS the user names (``"EPSG:4545"``); it overrides what the file declares and is
        required for a file that declares none (most DXF drawings).
    style : RefStyle, optional
        Colours, width and label field; a default by geometry kind when ``None``.

    Raises
    ------
    RefLayerError
        Unreadable or missing file, unknown CRS, broken DXF, or a layer with nothing to draw.
    """
    path = Path(path)
    if not path.is_file():
        raise RefLayerError(
            f"找不到参考图层文件 {path}，地图不显示这个图层。",
            f"The reference layer file {path} was not found; the map goes on without it.",
        )
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise RefLayerError(
            f"参考图层只支持 Shapefile、GeoPackage、GeoJSON、KML 和 DXF，“{path.name}”不是其中一种。",
            f"Reference layers can be Shapefile, GeoPackage, GeoJSON, KML or DXF; {path.name} is none of them.",
        )
    style = style or RefStyle()
    if suffix == ".dxf":
        from onemap.geo.refdxf import read_dxf

        geoms, found, skipped = read_dxf(path)
        labels = [(label.x, label.y, label.text) for label in found]
        declared = None
    else:
        geoms, labels, declared = _read_ogr(path, layer, style.label_field)
        skipped = 0
    source_crs = _crs_of(path, crs or declared)
    moved, points = _to_mercator(geoms, labels, source_crs)
    shapes = shapes_of(moved, points)
    if shapes.empty:
        raise RefLayerError(
            f"参考图层“{path.name}”中没有可显示的要素，地图不显示它。",
            f"The reference layer {path.name} has nothing to draw; the map goes on without it.",
        )
    name = layer or path.stem
    return RefLayer(name, shapes, style.for_kind(shapes.kind), path, source_crs, skipped=skipped)


def _read_ogr(
    path: Path, layer: str | None, label_field: str
) -> tuple[np.ndarray, list[tuple[float, float, str]], str | None]:
    def chosen(fields_here: list[str]) -> str:
        return label_field or next((f for f in fields_here if f.lower() in _NAME_FIELDS), "")

    if path.suffix.lower() == ".gpkg":  # read as SQLite: GDAL is ~44 MB a viewer needs for nothing else
        from onemap.store.gpkg_layers import read_layer

        read = read_layer(path, layer, chosen)
        if read is not None:
            return read.geoms, _labels(read.geoms, read.texts, read.crs), read.crs
    import pyogrio
    from pyogrio.errors import DataLayerError, DataSourceError

    try:
        info = pyogrio.read_info(path, layer=layer, encoding=_encoding(path))
        fields_here = [str(f) for f in info["fields"]]
        label_field = chosen(fields_here)
        columns = [label_field] if label_field in fields_here else []
        meta, _index, wkb, fields = pyogrio.raw.read(
            path, layer=layer, columns=columns, encoding=_encoding(path), force_2d=True
        )
    except (DataSourceError, DataLayerError, OSError, ValueError) as error:
        raise RefLayerError(
            f"无法读取参考图层“{path.name}”：文件损坏或格式不对，地图不显示这个图层。",
            f"The reference layer {path.name} cannot be read (damaged or not in its format); "
            "the map goes on without it.",
        ) from error
    geoms = shapely.from_wkb(wkb) if wkb is not None else np.empty(0, dtype=object)
    return geoms, _labels(geoms, fields[0] if columns else None, meta.get("crs")), meta.get("crs")


def _labels(geoms: np.ndarray, texts: Sequence[object] | None, crs: str | None) -> list[tuple[float, float, str]]:
    """Where each feature's text goes (none without texts)."""
    labels: list[tuple[float, float, str]] = []
    if texts is None:
        return labels
    for points, text in zip(_label_points(geoms, crs), texts, strict=True):
        if text in (None, ""):
            continue
        for pt in points:
            if pt is not None and not shapely.is_empty(pt):
                labels.append((shapely.get_x(pt), shapely.get_y(pt), str(text)))
    return labels


def _label_points(geoms: np.ndarray, crs: str | None = None) -> list[list[object]]:
    """Where a feature's name goes: a point inside an area; along a line, every :data:`LABEL_SPACING_M` or so
    (the middle of a short one), so a long street keeps its name in view at any zoom (the map drops the
    repeats that would collide)."""
    points = [[p] for p in shapely.point_on_surface(geoms)]
    linear = np.flatnonzero(np.isin(shapely.get_type_id(geoms), (1, 5)))  # LineString, MultiLineString
    if not len(linear):
        return points
    merged = shapely.line_merge(geoms[linear])
    metres = shapely.length(merged) * _metres_per_unit(crs)
    spacing = max(LABEL_SPACING_M, float(np.nansum(metres)) / MAX_LINE_LABELS)
    for i, line, length in zip(linear, merged, metres, strict=True):
        n = int(min(max(np.nan_to_num(length) // spacing, 1), 63)) | 1  # odd: the middle stays one of them
        points[i] = list(shapely.line_interpolate_point(line, (np.arange(n) + 0.5) / n, normalized=True))
    return points


def _metres_per_unit(crs: str | None) -> float:
    """About how many metres a unit of ``crs`` is (a degree near 33°N for a geographic one)."""
    try:
        return 93_000.0 if crs and CRS.from_user_input(crs).is_geographic else 1.0
    except CRSError:
        return 1.0


def _encoding(path: Path) -> str | None:
    """A Shapefile's text encoding: its ``.cpg``, else a guess (Chinese counties write GBK)."""
    if path.suffix.lower() != ".shp":
        return None
    cpg = path.with_suffix(".cpg")
    if cpg.is_file():
        return None  # GDAL honours the .cpg itself
    dbf = path.with_suffix(".dbf")
    data = dbf.read_bytes() if dbf.is_file() else b""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "GBK"
    return None


def _crs_of(path: Path, crs: str | None) -> str:
    if not crs:
        raise RefLayerError(
            f"参考图层“{path.name}”没有声明坐标系，请为它指定一个（如 CGCS2000 3度带 EPSG:4545）。",
            f"The reference layer {path.name} declares no CRS; name one "
            "(e.g. CGCS2000 3-degree Gauss-Kruger, EPSG:4545).",
        )
    try:
        parsed = CRS.from_user_input(crs)
    except CRSError as error:
        raise RefLayerError(
            f"无法识别参考图层“{path.name}”的坐标系 {crs}，地图不显示这个图层。",
            f"The CRS {crs} of the reference layer {path.name} is unknown; the map goes on without it.",
        ) from error
    authority = parsed.to_authority()
    return f"{authority[0]}:{authority[1]}" if authority else parsed.to_wkt()


def _to_mercator(
    geoms: np.ndarray, labels: list[tuple[float, float, str]], crs: str
) -> tuple[np.ndarray, list[LabelPoint]]:
    forward = transformer(crs, WEB_MERCATOR)

    def move(xy: np.ndarray) -> np.ndarray:
        x, y = forward.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    keep = np.array([g is not None and not shapely.is_empty(g) for g in geoms], dtype=bool)
    moved = shapely.transform(np.asarray(geoms)[keep], move) if keep.any() else np.empty(0, dtype=object)
    if labels:
        lx, ly = forward.transform([t[0] for t in labels], [t[1] for t in labels])
        points = [LabelPoint(float(x), float(y), t[2]) for x, y, t in zip(lx, ly, labels, strict=True)]
    else:
        points = []
    finite = [p for p in points if np.isfinite(p.x) and np.isfinite(p.y)]
    return moved, finite

"""Road and path lines (Shapefile, GeoPackage, GeoJSON … anything GDAL reads) as a walking network.

The file's declared CRS is converted to CGCS2000 (``crs`` overrides it or stands in for a
missing one: ``EPSG:4545``, ``gcj02``, ``bd09``); a file that declares none and whose numbers
look like degrees is taken as CGCS2000.  Points and polygons in the file are ignored; a
polygon layer alone is refused, since a walk follows lines.  In a file of several layers the
line layer is read (or the one named as streets, ``roads``, beside rivers); where that leaves
several, ``FILE:layer`` (or ``layer=``) names one.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import shapely
from numpy.typing import NDArray

from onemap.analysis.walknet import WalkNetwork
from onemap.geo.crs import CGCS2000
from onemap.said import Said


class NetworkError(ValueError):
    """A file that gives no walking network; the argument is a :class:`~onemap.said.Said` sentence."""


def read_network(
    path: Path, *, crs: str | None = None, layer: str | None = None, tolerance_m: float = 1.0
) -> WalkNetwork:
    """Read the lines of ``path`` into a :class:`WalkNetwork`.

    Parameters
    ----------
    path : Path
        A vector file GDAL reads (``.shp``, ``.gpkg``, ``.geojson`` …).
    crs : str, optional
        The lines' CRS when the file declares none or declares it wrongly.
    layer : str, optional
        The layer of a multi-layer file (default: its only line layer, or its one street layer; ``path`` may also end
        in ``:layer``).
    tolerance_m : float
        Line ends closer than this are joined.

    Raises
    ------
    NetworkError
        When the file cannot be read or holds no lines.
    """
    path, layer = line_layer(path, layer)
    parts = read_line_parts(path, crs=crs, layer=layer)
    source = f"{path.name}:{layer}" if layer else path.name
    return WalkNetwork.from_lines(parts, tolerance_m=tolerance_m, source=source)


def line_layer(path: Path, layer: str | None = None) -> tuple[Path, str | None]:
    """The file and the layer to walk: ``FILE:layer`` split, else the file's only line (or street) layer.

    Raises
    ------
    NetworkError
        When the file is not there, names no such layer, or holds several line layers and
        none was named (the sentence lists them).
    """
    file, (head, sep, tail) = Path(path), str(path).rpartition(":")
    if layer is None and sep and not file.exists() and Path(head).is_file() and tail and not set(tail) & set("/\\"):
        file, layer = Path(head), tail  # "roads.gpkg:paths"; in "C:\\x.gpkg" a separator follows the colon
    if not file.exists():
        raise NetworkError(Said(f"找不到路网文件 {file.name}。", f"Network file not found: {file.name}."))
    layers = _layers(file)
    names = [name for name, _kind in layers]
    if layer is not None:
        if names and layer not in names:
            raise NetworkError(_which(file, names, f"{file.name} 中没有图层 {layer}", f"has no layer {layer}"))
        return file, layer
    if len(layers) <= 1:
        return file, None
    lines = [name for name, kind in layers if "linestring" in kind.lower()]
    streets = [name for name in lines if name.lower() in STREET_LAYER_NAMES]
    if len(lines) == 1 or len(streets) == 1:  # the sidecar's roads beside its rivers: walk the roads
        return file, (streets or lines)[0]
    if not lines:
        raise NetworkError(_which(file, names, f"{file.name} 中没有线图层", "holds no line layer"))
    raise NetworkError(_which(file, lines, f"{file.name} 有多个线图层", "has several line layers"))


#: line layers taken as the streets when a file has other line layers too (rivers, boundaries)
STREET_LAYER_NAMES = ("roads", "streets", "paths", "道路", "街道", "步行路网")


def _layers(path: Path) -> list[tuple[str, str]]:
    import pyogrio

    try:
        return [(str(name), str(kind or "")) for name, kind in pyogrio.list_layers(str(path))]
    except Exception:  # not a vector file: read_line_parts says it cannot read it
        return []


def _which(path: Path, names: list[str], zh: str, en: str) -> Said:
    listed, first = "、".join(names), names[0] if names else "图层"
    return Said(
        f"{zh}（图层：{listed}）：请写成 {path.name}:{first} 指定要用的图层。",
        f"{path.name} {en} (layers: {', '.join(names)}): name the one to walk as {path.name}:{first}.",
    )


def read_line_parts(path: Path, *, crs: str | None = None, layer: str | None = None) -> list[NDArray[np.float64]]:
    """Every line part of ``path`` as an ``(k, 2)`` CGCS2000 lon/lat array."""
    import pyogrio.raw
    from pyogrio.errors import DataLayerError, DataSourceError

    try:
        meta, _fids, geometry, _values = pyogrio.raw.read(str(path), layer=layer, columns=[])
    except (DataSourceError, DataLayerError, OSError) as error:
        raise NetworkError(
            Said(
                f"无法读取路网文件 {path.name}。", f"Cannot read the network file {path.name} ({type(error).__name__})."
            )
        ) from None
    geoms = shapely.from_wkb(geometry) if geometry is not None else np.array([])
    return _line_parts(path, geoms, crs or meta.get("crs"))


def _line_parts(path: Path, geoms: NDArray[np.object_], crs: str | None) -> list[NDArray[np.float64]]:
    lines = [g for g in geoms if g is not None and g.geom_type in ("LineString", "MultiLineString")]
    parts = [shapely.get_coordinates(p) for g in lines for p in getattr(g, "geoms", [g])]
    parts = [p for p in parts if len(p) >= 2]
    if not parts:
        raise NetworkError(
            Said(f"{path.name} 中没有线要素，无法作为步行路网。", f"{path.name} holds no lines to walk along.")
        )
    return _to_cgcs2000(parts, crs)


def _to_cgcs2000(parts: list[NDArray[np.float64]], crs: str | None) -> list[NDArray[np.float64]]:
    if crs and crs.lower() in ("gcj02", "bd09"):
        from onemap.geo import chinacoords

        undo = chinacoords.gcj02_to_wgs84 if crs.lower() == "gcj02" else chinacoords.bd09_to_wgs84
        return [np.column_stack(undo(p[:, 0], p[:, 1])) for p in parts]
    if not crs:
        every = np.concatenate(parts)
        if np.abs(every[:, 0]).max() > 180 or np.abs(every[:, 1]).max() > 90:
            raise NetworkError(
                Said(
                    "路网文件未声明坐标系且坐标不是经纬度：请用 --crs 指定（如 EPSG:4545）。",
                    "The network file declares no CRS and its numbers are not degrees: give --crs (e.g. EPSG:4545).",
                )
            )
        return parts
    from onemap.geo.crs import transformer

    move = transformer(crs, CGCS2000)
    return [np.column_stack(move.transform(p[:, 0], p[:, 1])) for p in parts]


#: layer names in an inventory's sidecar ``NAME.layers.gpkg`` taken as its streets
SIDECAR_STREET_LAYERS = ("roads", "streets")


def sidecar_network(inventory: Path) -> WalkNetwork | None:
    """The streets of ``inventory``'s sidecar ``NAME.layers.gpkg`` as a walking network, else ``None``.

    The network's ``source`` names the sidecar file and layer and says they are schematic
    (示意街道), so every output that names its method names these streets.
    """
    from onemap.geo.refsets import sidecar_path

    sidecar = sidecar_path(inventory)
    if not sidecar.is_file():
        return None  # before pyogrio's import: GDAL is 49 MB a viewer without a sidecar never needs
    # a plain GeoPackage's layers are read through SQLite (onemap.store.gpkg_layers), as the viewer
    # reads its reference layers: GDAL is loaded only where that reader cannot answer (then as before)
    from onemap.store.gpkg_layers import feature_layers, read_layer

    listed = feature_layers(sidecar)
    if listed is None:
        import pyogrio

        try:
            listed = [str(row[0]) for row in pyogrio.list_layers(str(sidecar))]
        except Exception:  # an unreadable sidecar: no default network, straight lines as before
            return None
    layer = next((name for name in SIDECAR_STREET_LAYERS if name in listed), None)
    if layer is None:
        return None
    read = read_layer(sidecar, layer, lambda _fields: "")
    parts = read_line_parts(sidecar, layer=layer) if read is None else _line_parts(sidecar, read.geoms, read.crs)
    return WalkNetwork.from_lines(parts, source=f"{sidecar.name}:{layer} 示意街道 schematic streets")

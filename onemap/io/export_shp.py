"""ESRI Shapefile export for ArcGIS: estate points, and their outlines in a second file.

``OUT.shp`` holds one point per estate with the fields of :data:`SHP_NAMES` (10-character
names, listed in the README) plus ``status_lbl`` (the status in Chinese);
``OUT_outlines.shp`` holds the outlines with ``code`` and ``name``.  Text is GBK (the
``.cpg`` says so; ArcGIS on Chinese Windows reads it), or UTF-8 when some text has no GBK
form; the ``.prj`` is CGCS2000 (EPSG:4490) in ESRI's WKT.  Written with pyogrio (GDAL).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Point

from onemap.io.columns_shp import SHP_NAMES
from onemap.io.shp_limits import Notice, cut_fields, cut_notice
from onemap.model import Estate, status_label
from onemap.store.geometry import as_multipolygon

CRS = "EPSG:4490"
OUTLINES_SUFFIX = "_outlines"
_INTEGERS = ("built_year", "buildings", "households", "renewal_year")
_REALS = ("floor_area_m2", "progress_pct", "investment_wan")
_SIDECARS = (".shp", ".shx", ".dbf", ".prj", ".cpg")


def outlines_path(out: Path) -> Path:
    """``OUT_outlines.shp`` beside ``OUT.shp``."""
    return out.with_name(f"{out.stem}{OUTLINES_SUFFIX}{out.suffix}")


def shapefile_parts(out: Path) -> list[Path]:
    """Every file the export writes for ``out`` (both shapefiles and their sidecars)."""
    return [p.with_suffix(s) for p in (out, outlines_path(out)) for s in _SIDECARS]


def write_shp(estates: list[Estate], out: Path, notices: list[Notice] | None = None) -> str:
    """Write the points file and the outlines file; returns the text encoding used.

    Parameters
    ----------
    estates : list of Estate
        Estates with their outlines (``Estate.outline``); unlocated ones get no geometry.
    out : Path
        The points file, ``*.shp``; the outlines go to :func:`outlines_path`.
    notices : list, optional
        Gets a (Chinese, English) sentence naming the fields the 254-byte DBF limit cut.
    """
    import warnings

    encoding = _encoding(estates)
    notice = cut_notice(cut_fields(estates, encoding))
    if notice is not None and notices is not None:
        notices.append(notice)
    with warnings.catch_warnings():  # GDAL's "truncated" warning: the notice above names every cut
        warnings.filterwarnings("ignore", message=".*has been truncated", category=RuntimeWarning)
        _write_files(estates, out, encoding)
    return encoding


def _write_files(estates: list[Estate], out: Path, encoding: str) -> None:
    import pyogrio.raw

    for path in shapefile_parts(out):
        path.unlink(missing_ok=True)  # GDAL refuses to create over an existing shapefile
    points = [None if e.location is None else shapely.to_wkb(Point(e.location)) for e in estates]
    names, data, masks = _fields(estates)
    pyogrio.raw.write(
        str(out),
        np.array(points, dtype=object),
        data,
        names,
        field_mask=masks,
        geometry_type="Point",
        crs=CRS,
        encoding=encoding,
    )
    outlined = [e for e in estates if e.outline is not None and not e.outline.is_empty]
    areas = np.array([shapely.to_wkb(as_multipolygon(e.outline)) for e in outlined], dtype=object)
    pyogrio.raw.write(
        str(outlines_path(out)),
        areas,
        [_strings([e.code for e in outlined]), _strings([e.name for e in outlined])],
        ["code", "name"],
        geometry_type="MultiPolygon",
        crs=CRS,
        encoding=encoding,
    )


def _encoding(estates: list[Estate]) -> str:
    """GBK when every text has a GBK form (what ArcGIS expects in China), else UTF-8."""
    try:
        for estate in estates:
            for value in estate.attributes().values():
                if isinstance(value, str):
                    value.encode("gbk")
    except UnicodeEncodeError:
        return "UTF-8"
    return "GBK"


def _fields(estates: list[Estate]) -> tuple[list[str], list[np.ndarray], list[np.ndarray | None]]:
    names: list[str] = []
    data: list[np.ndarray] = []
    masks: list[np.ndarray | None] = []
    rows = [e.attributes() for e in estates]
    for field, short in SHP_NAMES.items():
        values = [row[field] for row in rows]
        names.append(short)
        if field in _INTEGERS or field in _REALS:
            missing = np.array([v is None for v in values])
            kind = np.int32 if field in _INTEGERS else np.float64
            data.append(np.array([0 if v is None else v for v in values], dtype=kind))
            masks.append(missing)
        else:
            data.append(_strings(values))
            masks.append(None)
    names.append("status_lbl")
    data.append(_strings([status_label(e.status) if e.status else None for e in estates]))
    masks.append(None)
    return names, data, masks


def _strings(values: list[Any]) -> np.ndarray:
    return np.array([None if v is None else str(v) for v in values], dtype=object)

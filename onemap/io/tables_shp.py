"""ESRI Shapefiles as ledgers: OneMap's own export, or any point/polygon shapefile of estates.

Text is decoded by the ``.cpg`` (GBK, UTF-8, 936 …); without one (or an empty one, as
``ogr2ogr -lco ENCODING=`` writes), UTF-8 when the DBF
reads as UTF-8, else GBK (what ArcGIS on Chinese Windows writes).  Geometries in any CRS
the ``.prj`` declares are converted to CGCS2000 here; without a ``.prj`` the importer
recognises the system from the numbers, as for a spreadsheet.  The outlines of OneMap's
export (``OUT_outlines.shp`` beside ``OUT.shp``) join their estates' rows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import mapping

from onemap.io.export_shp import outlines_path
from onemap.io.ledger_table import LedgerError, SourceRow, Table
from onemap.io.tables_gis import tidy_gis_table

CGCS2000 = "EPSG:4490"


def read_shp(path: Path) -> Table:
    """Read ``path`` (and its ``_outlines`` twin when there is one) into one Table.

    Raises
    ------
    LedgerError
        When the shapefile (or a part it needs: ``.dbf``, ``.shx``) cannot be read.
    """
    headers, rows, crs = _read_layer(path)
    table = Table(
        str(path), None, headers, [SourceRow(n, cells, geom) for n, (cells, geom) in enumerate(rows, 1)], crs=crs
    )
    twin = outlines_path(path)
    outlines = []
    if twin.exists():
        _headers, twin_rows, _crs = _read_layer(twin)
        outlines = [SourceRow(0, cells, geom) for cells, geom in twin_rows]
    return tidy_gis_table(table, outlines)


def _read_layer(path: Path) -> tuple[list[str], list[tuple[dict[str, Any], dict[str, Any] | None]], str | None]:
    import pyogrio.raw
    from pyogrio.errors import DataLayerError, DataSourceError

    try:
        meta, _fids, geometry, values = pyogrio.raw.read(str(path), encoding=_encoding(path))
    except (DataSourceError, DataLayerError, OSError) as error:
        raise LedgerError(
            f"{path.name} 不是可读的 Shapefile（缺少 .dbf/.shx 或已损坏）。",
            f"{path.name} is not a readable shapefile ({type(error).__name__}).",
        ) from None
    headers = [str(f) for f in meta["fields"]]
    geoms, crs = _to_cgcs2000(geometry, meta.get("crs"))
    rows = []
    for index in range(len(geoms)):
        cells = {h: _plain(column[index]) for h, column in zip(headers, values, strict=True)}
        geom = geoms[index]
        rows.append((cells, None if geom is None or geom.is_empty else mapping(geom)))
    return headers, rows, crs


def _encoding(path: Path) -> str | None:
    """The ``.cpg``'s encoding for GDAL to use; a guess when there is none."""
    cpg = path.with_suffix(".cpg")
    if cpg.exists() and cpg.read_bytes().strip():
        return None  # GDAL reads the .cpg itself (GBK, UTF-8, 936, 65001 …)
    dbf = path.with_suffix(".dbf")
    data = dbf.read_bytes() if dbf.exists() else b""
    # a DBF cuts text at its field width, mid-character: a few broken UTF-8 sequences are
    # still UTF-8, while GBK text read as UTF-8 breaks at nearly every Chinese character
    broken = data.decode("utf-8", errors="replace").count("\ufffd")
    wide = sum(1 for byte in data if byte >= 0x80)
    return "UTF-8" if broken * 20 <= wide else "GBK"


def _to_cgcs2000(geometry: Any, crs: str | None) -> tuple[list[Any], str | None]:
    """Shapely geometries in CGCS2000 lon/lat when the file declares a CRS; as read otherwise."""
    geoms = list(shapely.from_wkb(geometry)) if geometry is not None else []
    if not crs:
        return geoms, None
    from pyproj import CRS

    from onemap.geo.crs import transformer

    if CRS.from_user_input(crs).equals(CRS.from_user_input(CGCS2000), ignore_axis_order=True):
        return geoms, CGCS2000
    move = transformer(crs, CGCS2000)

    def convert(xy: np.ndarray) -> np.ndarray:
        return np.column_stack(move.transform(xy[:, 0], xy[:, 1]))

    return [None if g is None else shapely.transform(g, convert) for g in geoms], CGCS2000


def _plain(value: Any) -> Any:
    """Numpy scalars as Python numbers (the cell parsers expect those)."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value

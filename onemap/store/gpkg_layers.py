"""Feature layers of a plain GeoPackage read without GDAL: names, OneMap's layer metadata, geometries.

The viewer reads its sidecar reference layers (``NAME.layers.gpkg``) at every opening, and GDAL
(through pyogrio) is ~44 MB of resident memory a viewer needs for nothing else.  A GeoPackage is
SQLite, so these reads go straight to its tables, giving what pyogrio gives for such a file
(tests/core/test_gpkg_layers.py holds them equal).  Whatever this reader does not expect -- a
table that is not a feature table, a CRS that is not an EPSG code, an extended geometry blob,
a label field that is not text -- makes it answer ``None``, and the caller reads with pyogrio as
before.
"""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

from onemap.store.geometry import _wkb_offset

#: GDAL writes its layer metadata as this XML in gpkg_metadata, with this standard URI
_GDAL_URI = "http://gdal.org"
_FLAG_EXTENDED = 0x20


@dataclass(frozen=True)
class FeatureRead:
    """One layer's geometries (shapely, 2D; ``None`` for a NULL), its CRS and one text column."""

    geoms: np.ndarray
    crs: str
    fields: list[str]
    texts: list[str | None] | None


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)


def feature_layers(path: Path) -> list[str] | None:
    """The layer names GDAL lists for ``path`` when every table it holds is a feature table, else ``None``."""
    try:
        with closing(_connect(path)) as conn:
            kinds = conn.execute("SELECT DISTINCT data_type FROM gpkg_contents").fetchall()
            if any(kind != "features" for (kind,) in kinds):
                return None
            rows = conn.execute(  # GDAL's own join, in its order
                "SELECT c.table_name FROM gpkg_geometry_columns g JOIN gpkg_contents c"
                " ON g.table_name = c.table_name WHERE c.data_type = 'features'"
            ).fetchall()
    except sqlite3.Error:
        return None
    return [str(name) for (name,) in rows]


def layer_metadata(path: Path, layer: str) -> dict[str, str] | None:
    """The default-domain items GDAL wrote for ``layer`` (OneMap's styles and titles), ``None`` when unreadable."""
    try:
        with closing(_connect(path)) as conn:
            rows = conn.execute(
                "SELECT m.metadata FROM gpkg_metadata m JOIN gpkg_metadata_reference r ON r.md_file_id = m.id"
                " WHERE r.reference_scope = 'table' AND lower(r.table_name) = lower(?)"
                " AND m.md_standard_uri = ? AND m.mime_type = 'text/xml' ORDER BY m.id",
                (layer, _GDAL_URI),
            ).fetchall()
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return {}  # a GeoPackage without metadata tables: no items, as GDAL says
        return None
    except sqlite3.Error:
        return None
    items: dict[str, str] = {}
    try:
        for (text,) in rows:
            for block in ElementTree.fromstring(str(text)).iter("Metadata"):
                if block.get("domain", "") or block.get("format"):
                    continue  # another domain than the default one
                for item in block.iter("MDI"):
                    items[str(item.get("key"))] = item.text or ""
    except ElementTree.ParseError:
        return None
    return items


def read_layer(path: Path, layer: str | None, label_field: Callable[[list[str]], str]) -> FeatureRead | None:
    """``layer``'s geometries (the first layer's for ``None``) and the values of one field.

    ``label_field`` is told the layer's fields and names the one whose values are wanted; a
    name the layer does not have (or "") reads none, and ``texts`` is ``None``.
    """
    names = feature_layers(path)
    if not names or (layer is not None and layer not in names):
        return None
    layer = layer or names[0]
    try:
        with closing(_connect(path)) as conn:
            return _read(conn, layer, label_field)
    except (sqlite3.Error, ValueError):
        return None


def _read(conn: sqlite3.Connection, layer: str, label_field: Callable[[list[str]], str]) -> FeatureRead | None:
    found = conn.execute(
        "SELECT g.column_name, s.organization, s.organization_coordsys_id FROM gpkg_geometry_columns g"
        " JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id WHERE g.table_name = ?",
        (layer,),
    ).fetchone()
    if found is None or str(found[1]).upper() != "EPSG" or int(found[2]) <= 0:
        return None
    geometry_column, crs = str(found[0]), f"EPSG:{int(found[2])}"
    columns = conn.execute(f"PRAGMA table_info({_quoted(layer)})").fetchall()
    key = next((c[1] for c in columns if c[5] == 1 and str(c[2]).upper() == "INTEGER"), None)
    if key is None:
        return None
    fields = [str(c[1]) for c in columns if c[1] not in (key, geometry_column)]
    declared = {str(c[1]): str(c[2]).upper() for c in columns}
    wanted = label_field(fields)
    wanted = wanted if wanted in fields else ""
    if wanted and not (declared[wanted].startswith("TEXT") or declared[wanted].startswith("VARCHAR")):
        return None  # numbers and dates: GDAL's own formatting, not guessed here
    select = _quoted(geometry_column) + (f", {_quoted(wanted)}" if wanted else "")
    rows = conn.execute(f"SELECT {select} FROM {_quoted(layer)} ORDER BY {_quoted(key)}").fetchall()
    wkb: list[bytes | None] = []
    for row in rows:
        blob = row[0]
        if blob is None:
            wkb.append(None)
            continue
        if bytes(blob[3:4])[0] & _FLAG_EXTENDED:
            return None
        wkb.append(bytes(blob[_wkb_offset(blob) :]))
    geoms = shapely.force_2d(shapely.from_wkb(np.array(wkb, dtype=object)))
    texts = [None if row[1] is None else str(row[1]) for row in rows] if wanted else None
    return FeatureRead(np.asarray(geoms, dtype=object), crs, fields, texts)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'

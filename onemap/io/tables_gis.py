"""GIS files as ledgers: each estate's outline joined to its point, export helpers set aside.

OneMap's GeoJSON export holds an estate's point and, as a second feature marked
``"layer": "estate_areas"``, its outline; the shapefile export puts the outlines in a
second file.  Read back, the outline rides on its point's row as a GeometryCollection
(point + outline), so one row is one estate.  Columns the export adds for other programs
are not data: ``status_label`` (the status's Chinese label) is dropped and the year's
original text (``built_year_text``, 1998年) goes back into the year column, so it is kept.
"""

from __future__ import annotations

from typing import Any

from onemap.io.columns import target_of
from onemap.io.columns_shp import BUILT_YEAR_TEXT_NAMES, STATUS_LABEL_NAMES
from onemap.io.ledger_table import SourceRow, Table

#: the property marking an outline feature in OneMap's GeoJSON export
LAYER_KEY = "layer"
OUTLINE_LAYER = "estate_areas"
_POLYGONS = ("Polygon", "MultiPolygon")


def tidy_gis_table(table: Table, outlines: list[SourceRow] | None = None) -> Table:
    """Join outlines to their estates' rows and set export helper columns aside.

    Parameters
    ----------
    table : Table
        Rows read from a GeoJSON file or a shapefile (cells + GeoJSON-like geometry).
    outlines : list of SourceRow, optional
        Outline rows from a separate file (the shapefile export's ``_outlines`` file).

    Returns
    -------
    Table
        The same table, changed in place: outline rows whose code matches an estate row
        are merged into it; helper columns are gone from headers and cells.
    """
    code_header = next((h for h in table.headers if target_of(h) == ("estate", "code")), None)
    extra = [r for r in table.rows if _is_outline_row(r, table.headers)] + list(outlines or [])
    if code_header is not None and extra:
        _join(table, code_header, extra)
    _fold_helpers(table)
    return table


def _is_outline_row(row: SourceRow, headers: list[str]) -> bool:
    return LAYER_KEY in headers and row.cells.get(LAYER_KEY) == OUTLINE_LAYER


def _join(table: Table, code_header: str, outlines: list[SourceRow]) -> None:
    outline_ids = {id(r) for r in outlines}
    by_code = {str(r.cells.get(code_header)): r for r in table.rows if id(r) not in outline_ids}
    joined = set()
    for outline in outlines:
        owner = by_code.get(str(_code_of(outline, code_header)))
        if owner is None or not outline.geometry or outline.geometry.get("type") not in _POLYGONS:
            continue
        parts = [owner.geometry] if owner.geometry else []
        owner.geometry = {"type": "GeometryCollection", "geometries": [*parts, outline.geometry]}
        joined.add(id(outline))
    table.rows = [r for r in table.rows if id(r) not in joined]


def _code_of(row: SourceRow, code_header: str) -> Any:
    if code_header in row.cells:
        return row.cells[code_header]
    return next((v for k, v in row.cells.items() if target_of(k) == ("estate", "code")), None)


def _fold_helpers(table: Table) -> None:
    """Drop the layer marker, status label and feature id; put the year's own text back in the year column."""
    year = next((h for h in table.headers if target_of(h) == ("estate", "built_year")), None)
    text = next((h for h in table.headers if h.lower() in BUILT_YEAR_TEXT_NAMES), None)
    helpers = {h for h in table.headers if h.lower() in (*STATUS_LABEL_NAMES, LAYER_KEY)}
    code = next((h for h in table.headers if target_of(h) == ("estate", "code")), None)
    if (
        code is not None
        and "id" in table.headers
        and all(r.cells.get("id") in (None, "", r.cells.get(code)) for r in table.rows)
    ):
        helpers.add("id")  # the GeoJSON feature id (= code), made a column by ogr2ogr
    if text is not None:
        helpers.add(text)
    for row in table.rows:
        if year is not None and text is not None and row.cells.get(text) not in (None, ""):
            row.cells[year] = row.cells[text]
        for helper in helpers:
            row.cells.pop(helper, None)
    table.headers = [h for h in table.headers if h not in helpers]

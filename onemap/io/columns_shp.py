"""Shapefile column names: OneMap's own 10-character names, and the ones other tools cut.

A DBF field name holds at most 10 bytes.  OneMap's shapefile export uses the fixed names
in :data:`SHP_NAMES` (documented in the README); ``ogr2ogr`` cuts longer names itself
(``renewal_year`` -> ``renewal_ye``), and GIS users export the inventory's raw column
names.  :data:`FIELD_ALIASES` lists all of them for :mod:`onemap.io.columns`, so every
one of these files imports back to the right fields.
"""

from __future__ import annotations

#: estate column -> shapefile field name (<= 10 characters), in file order
SHP_NAMES: dict[str, str] = {
    "code": "code",
    "name": "name",
    "former_name": "former_nm",
    "township": "township",
    "community": "community",
    "address": "address",
    "kind": "kind",
    "built_year": "built_year",
    "built_year_text": "built_txt",
    "buildings": "buildings",
    "households": "households",
    "floor_area_m2": "floor_area",
    "property_type": "prop_type",
    "management": "management",
    "renewal_year": "renewal_yr",
    "categories": "categories",
    "status": "status",
    "progress_pct": "progress",
    "start_date": "start_date",
    "finish_date": "finish_dt",
    "investment_wan": "invest_wan",
    "coord_source": "coord_src",
    "notes": "notes",
    "updated_at": "updated_at",
    "pipelines_km": "pipe_km",
    "lifts_added": "lifts_add",
    "parking_added": "parking_ad",
    "chargers_added": "charge_add",
    "elderly_facilities_added": "elder_add",
    "childcare_facilities_added": "child_add",
    "service_facilities_added": "serv_add",
}
#: helper column in exports: the status's Chinese label (for ArcGIS symbology); never imported
STATUS_LABEL_NAMES = ("status_label", "status_lbl", "status_lab")
#: the raw year text's names: folded back into the year column on import (keeps 1998年)
BUILT_YEAR_TEXT_NAMES = ("built_year_text", "built_txt", "built_ye_1", "built_yea1", "built_year_")

#: the names ``ogr2ogr`` gives the inventory's long column names (first 10 characters)
_TRUNCATED = {name: name[:10] for name in SHP_NAMES if len(name) > 10}

#: estate field -> every other name a GIS file may give it (raw, OneMap's 10-character, ogr2ogr's)
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    field: tuple(dict.fromkeys(n for n in (field, short, _TRUNCATED.get(field)) if n))
    for field, short in SHP_NAMES.items()
    if field not in ("updated_at", "built_year_text")
}

"""Exports of an inventory (or a filtered part of it): GeoPackage, GeoJSON, CSV, XLSX, KML, Shapefile."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from shapely.geometry import mapping

from onemap.io.flat_sensors import sensor_cells
from onemap.model import ESTATE_FIELD_LABELS, Estate, status_label
from onemap.store import Inventory
from onemap.store.where import Filter

EXPORT_FORMATS = (".gpkg", ".geojson", ".csv", ".xlsx", ".kml", ".shp")


def export(
    inventory: Inventory,
    out: Path,
    where: Filter | str | list[str] | None = None,
    *,
    overwrite: bool = False,
    notices: list[tuple[str, str]] | None = None,
) -> int:
    """Write the matching estates to ``out`` (format by suffix); returns how many.

    ``notices`` gets (Chinese, English) sentences about what the format could not hold
    (a shapefile's text cut at 254 bytes).
    """
    suffix = out.suffix.lower()
    if suffix == ".gpkg":
        return export_gpkg(inventory, out, where, overwrite=overwrite)
    if suffix == ".geojson":
        return export_geojson(inventory, out, where)
    if suffix in (".csv", ".xlsx", ".kml", ".shp"):
        return export_ledger(inventory, out, where, notices)
    raise ValueError(f"unsupported export format {suffix!r}; use one of {', '.join(EXPORT_FORMATS)}")


def export_gpkg(
    inventory: Inventory, out: Path, where: Filter | str | list[str] | None = None, *, overwrite: bool = False
) -> int:
    """A new inventory file holding the matching estates with all their rows."""
    codes = [e.code for e in inventory.estates(where)]
    target = Inventory.create(
        out,
        county_code=inventory.meta("county_code") or "",
        county_name=inventory.meta("county_name") or "",
        user=inventory.audit.who,
        overwrite=overwrite,
    )
    try:
        with target.transaction():
            data_date = inventory.meta("data_date")
            if data_date:  # the date the figures hold for: briefings of the copy print it too
                target.set_meta(data_date=data_date)
            for area in inventory.admin_areas():
                from onemap.store.geometry import decode

                target.add_admin_area(area.code, area.name, area.level, decode(area.geom))
            target.bulk_load((inventory.estate(code) for code in codes), note=f"导出自 {inventory.path.name}")
    finally:
        target.close()
    return len(codes)


def export_ledger(
    inventory: Inventory,
    out: Path,
    where: Filter | str | list[str] | None = None,
    notices: list[tuple[str, str]] | None = None,
) -> int:
    """CSV, XLSX, KML or Shapefile of the matching estates (with people, funding and cameras where they fit)."""
    from onemap.io import export_tables

    estates = [inventory.estate(e.code) for e in inventory.estates(where)]
    suffix = out.suffix.lower()
    if suffix == ".csv":
        export_tables.write_csv(estates, out)
    elif suffix == ".xlsx":
        export_tables.write_xlsx(estates, out)
    elif suffix == ".shp":
        from onemap.io.export_shp import write_shp

        write_shp(estates, out, notices)
    else:
        outlines = {e.code: e.outline for e in estates if e.outline is not None}
        from onemap.io.export_kml import write_kml

        write_kml(estates, outlines, out, inventory.meta("county_name") or inventory.path.stem)
    return len(estates)


def estate_feature(estate: Estate) -> dict[str, Any]:
    """A GeoJSON Feature for an estate (its point; lon/lat, EPSG:4326 = CGCS2000 here)."""
    properties = estate.attributes()
    properties["status_label"] = status_label(estate.status)
    geometry = None if estate.location is None else {"type": "Point", "coordinates": list(estate.location)}
    return {"type": "Feature", "id": estate.code, "geometry": geometry, "properties": properties}


def export_geojson(inventory: Inventory, out: Path, where: Filter | str | list[str] | None = None) -> int:
    """A GeoJSON FeatureCollection (RFC 7946, EPSG:4326) of the matching estates.

    Points carry the attributes; each outline is a second, Polygon feature with ``"layer":
    "estate_areas"`` (and ``code``, ``name``): QGIS offers the two geometry types as two
    layers, and :func:`onemap.io.tables_gis.tidy_gis_table` joins each outline back to its
    estate on import.  A Feature holding a GeometryCollection was the other choice; QGIS
    cannot style one, so it was not taken.
    """
    estates = inventory.estates(where)
    features = [estate_feature(e) for e in estates]
    sensors = inventory.sensors_by_estate() if inventory.has_sensors_table() else {}
    for feature in features:  # an estate's sensors as parallel lists, as the ledger columns hold them
        if feature["id"] in sensors:
            feature["properties"].update(sensor_cells(sensors[feature["id"]], english=True))
    for estate in estates:
        outline = inventory.outline(estate.code)
        if outline is not None:
            features.append(
                {
                    "type": "Feature",
                    "id": f"{estate.code}/area",
                    "geometry": mapping(outline),
                    "properties": {"code": estate.code, "name": estate.name, "layer": "estate_areas"},
                }
            )
    collection = {
        "type": "FeatureCollection",
        "name": inventory.path.stem,
        "onemap_field_labels": ESTATE_FIELD_LABELS,
        "features": features,
    }
    out.write_text(json.dumps(collection, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(estates)

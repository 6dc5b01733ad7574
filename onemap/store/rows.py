"""Rows of the inventory tables to and from the model's dataclasses."""

from __future__ import annotations

import math
import sqlite3
import struct
from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from onemap.model import (
    ESTATE_COLUMNS,
    Building,
    Camera,
    Contact,
    Estate,
    Funding,
    RenovationItem,
    Sensor,
)
from onemap.store.geometry import STORAGE_SRS_ID, as_multipolygon, decode, encode

#: child table -> (dataclass, attribute columns, geometry attribute or None)
CHILD_TABLES: dict[str, tuple[type, tuple[str, ...], str | None]] = {
    "buildings": (Building, ("estate_code", "name", "floors", "height_m"), "footprint"),
    "contacts": (Contact, ("estate_code", "role", "name", "title", "phone"), None),
    "cameras": (Camera, ("estate_code", "name", "kind", "link", "gb_id", "channel"), "location"),
    "funding": (Funding, ("estate_code", "source", "amount_wan"), None),
    "renovation_items": (RenovationItem, ("estate_code", "category", "item"), None),
    "sensors": (
        Sensor,
        ("estate_code", "device_id", "imei", "kind", "name", "low_lel", "high_lel", "status"),
        "location",
    ),
}

_ESTATE_FIELDS = frozenset(f.name for f in fields(Estate))

#: the Estate attribute holding each child table's rows
CHILD_LISTS = {
    "buildings": "building_list",
    "contacts": "contacts",
    "cameras": "cameras",
    "funding": "funding",
    "renovation_items": "items",
    "sensors": "sensors",
}


def point_blob(location: tuple[float, float] | None) -> bytes | None:
    """A ``(lon, lat)`` pair as a POINT blob."""
    if location is None:
        return None
    # what encode(Point(location)) writes, without a shapely round trip: GPKG header, 2D ISO WKB
    return struct.pack("<2sBBiBI2d", b"GP", 0, 1, STORAGE_SRS_ID, 1, 1, float(location[0]), float(location[1]))


def location_of(blob: bytes | None) -> tuple[float, float] | None:
    """A POINT blob as ``(lon, lat)``; ``None`` for NULL or empty."""
    if blob is not None and len(blob) == 29 and blob[3] == 0x01 and blob[8] == 0x01:
        # fast path for what OneMap writes: little-endian, no envelope, 2D ISO WKB point
        # (lists of 200,000 estates spend most of their time here otherwise)
        x, y = struct.unpack_from("<dd", blob, 13)
        return None if math.isnan(x) else (x, y)
    geom = decode(blob)
    if geom is None or geom.is_empty:
        return None
    return (geom.x, geom.y)


def estate_values(estate: Estate, columns: tuple[str, ...] = ESTATE_COLUMNS) -> dict[str, Any]:
    """The ``estates`` row of an estate, geometry included."""
    values = {k: v for k, v in estate.attributes().items() if k in columns}
    values["geom"] = point_blob(estate.location)
    return values


def estate_from_row(row: sqlite3.Row | Mapping[str, Any]) -> Estate:
    """An Estate (without child rows) from an ``estates`` row; absent columns stay blank."""
    keys = row.keys()
    values = {k: row[k] for k in keys if k in _ESTATE_FIELDS and k != "categories"}
    categories = row["categories"] if "categories" in keys else None
    estate = Estate(**values)
    estate.categories = categories.split(",") if categories else []
    estate.location = location_of(row["geom"]) if "geom" in keys else None
    return estate


def child_values(table: str, item: Any, *, geometry: bool = True) -> dict[str, Any]:
    """The row of a child dataclass (Building, Contact, ...); camera links lose any login.

    ``geometry=False`` leaves out ``geom`` (bulk loads encode many footprints at once).
    """
    _cls, columns, geom_attr = CHILD_TABLES[table]
    values = {c: getattr(item, c) for c in columns}
    if table == "cameras":
        values["link"] = storable_link(values["link"])
    if not geometry:
        return values
    if geom_attr == "footprint":
        values["geom"] = encode(as_multipolygon(item.footprint))
    elif geom_attr == "location":
        values["geom"] = point_blob(item.location)
    return values


def storable_link(link: str | None) -> str | None:
    """A camera link as the file may hold it: parsed, with ``user:password@`` split off.

    The login goes to the OS keyring when there is one and is dropped otherwise; a text
    that is not a usable link is not stored at all (it may hide a password).  Importers
    and forms report both cases to the user before they get here.
    """
    if not link:
        return None
    from onemap.cameras import CameraLink, parse_camera_link, store_credential

    parsed = parse_camera_link(link)
    if not isinstance(parsed, CameraLink):
        return None
    if parsed.credential is not None:
        store_credential(parsed.device_key, parsed.credential)
    return str(parsed)


def child_from_row(table: str, row: sqlite3.Row | Mapping[str, Any]) -> Any:
    """A child dataclass from its row."""
    cls, columns, geom_attr = CHILD_TABLES[table]
    item = cls(**{c: row[c] for c in columns})
    if geom_attr == "footprint":
        item.footprint = decode(row["geom"])
    elif geom_attr == "location":
        item.location = location_of(row["geom"])
    return item

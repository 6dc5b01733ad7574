"""One estate as one flat ledger row with Chinese headers: the shape of CSV and Excel exports.

The headers are the ones :mod:`onemap.io.columns` recognises, so an exported ledger
imports back to the same estates.
"""

from __future__ import annotations

from typing import Any

from onemap.cameras import CameraLink, parse_camera_link
from onemap.io.flat_sensors import sensor_cells, sensor_headers
from onemap.model import (
    CATEGORIES,
    CONTACT_ROLES,
    ESTATE_FIELD_LABELS,
    FUNDING_SOURCES,
    Estate,
    category_label,
    status_label,
)

#: estate columns exported, in ledger order (updated_at and the raw year text are folded in)
FLAT_FIELDS = (
    "code",
    "name",
    "former_name",
    "township",
    "community",
    "address",
    "kind",
    "built_year",
    "buildings",
    "households",
    "floor_area_m2",
    "property_type",
    "management",
    "renewal_year",
    "categories",
    "status",
    "progress_pct",
    "start_date",
    "finish_date",
    "investment_wan",
    "coord_source",
    "notes",
    "pipelines_km",
    "lifts_added",
    "parking_added",
    "chargers_added",
    "elderly_facilities_added",
    "childcare_facilities_added",
    "service_facilities_added",
)
CONTACT_PARTS = (("name", "姓名"), ("title", "职务"), ("phone", "联系电话"))


def flat_headers(estates: list[Estate]) -> list[str]:
    """Headers for these estates: fields, position, the contact roles and funding sources they use."""
    headers = [ESTATE_FIELD_LABELS[f] for f in FLAT_FIELDS] + ["经度", "纬度", "坐标系"]
    roles = {c.role for e in estates for c in e.contacts}
    for role, (label, _en) in CONTACT_ROLES.items():
        if role in roles:
            headers += [f"{label}/{part_label}" for _part, part_label in CONTACT_PARTS]
    sources = {f.source for e in estates for f in e.funding}
    headers += [f"{label}（万元）" for source, (label, _en) in FUNDING_SOURCES.items() if source in sources]
    return headers + ["改造内容", "监控链接", "国标编码", *sensor_headers(estates)]


def flat_row(estate: Estate) -> dict[str, Any]:
    """The estate's cells by header (absent headers are blank)."""
    row: dict[str, Any] = {ESTATE_FIELD_LABELS[f]: getattr(estate, f) for f in FLAT_FIELDS}
    row[ESTATE_FIELD_LABELS["built_year"]] = estate.built_year_text or estate.built_year
    row[ESTATE_FIELD_LABELS["status"]] = status_label(estate.status) if estate.status else None
    row[ESTATE_FIELD_LABELS["categories"]] = "、".join(category_label(c) for c in estate.categories) or None
    if estate.location is not None:
        row["经度"], row["纬度"] = round(estate.location[0], 8), round(estate.location[1], 8)
        row["坐标系"] = "CGCS2000"
    for contact in estate.contacts:
        label = CONTACT_ROLES.get(contact.role, (contact.role, ""))[0]
        for part, part_label in CONTACT_PARTS:
            row.setdefault(f"{label}/{part_label}", getattr(contact, part))
    for funding in estate.funding:
        row[f"{FUNDING_SOURCES.get(funding.source, (funding.source, ''))[0]}（万元）"] = funding.amount_wan
    row["改造内容"] = items_text(estate) or None
    links = [clean_link(c.link) for c in estate.cameras]
    row["监控链接"] = "；".join(link for link in links if link) or None
    row["国标编码"] = "；".join(c.gb_id for c in estate.cameras if c.gb_id) or None
    row.update(sensor_cells(estate.sensors))  # onemap/io/flat_sensors.py
    return row


def items_text(estate: Estate) -> str:
    """Renovation items as ``基础类：a、b；完善类：c``."""
    groups = []
    for category in CATEGORIES:
        items = [i.item for i in estate.items if i.category == category]
        if items:
            groups.append(f"{category_label(category)}：{'、'.join(items)}")
    return "；".join(groups)


def clean_link(link: str | None) -> str | None:
    """A camera link as exports write it: parsed again, so no login can slip through."""
    if not link:
        return None
    parsed = parse_camera_link(link)
    return str(parsed) if isinstance(parsed, CameraLink) else None

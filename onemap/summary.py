"""Plain-text and JSON views of an inventory and of one estate, for the command line."""

from __future__ import annotations

from collections import Counter
from typing import Any

from onemap.cameras import display_link
from onemap.model import (
    BLANK_EN,
    BLANK_ZH,
    CATEGORIES,
    CONTACT_ROLES,
    COORD_SOURCES,
    FUNDING_SOURCES,
    STATUSES,
    Estate,
    blank_word,
    category_label,
    field_labels,
    status_label,
    vocab_label,
)
from onemap.store import Inventory
from onemap.store.check_status import status_key
from onemap.store.counties import estate_counties
from onemap.store.rows import location_of
from onemap.watch.cycle import SENSOR_STATUSES


def area_name(inventory: Inventory, lang: str = "zh") -> str:
    """The place an inventory covers, for titles and summaries.

    The county's name (勉县) when the estates lie in one county; when their codes span
    several, 勉县等 5 个县（区） (the file's own county first), so a city-wide or merged
    inventory is never called by one county's name.  Empty when the file names no county.
    """
    from onemap.geo.boundaries import county_name
    from onemap.store.counties import county_names, estate_counties

    own_code, own = inventory.meta("county_code") or "", inventory.meta("county_name") or ""
    counties = estate_counties(inventory)
    if len(counties) <= 1:
        only = next(iter(counties), own_code)
        return own if only == own_code or not only else county_names(inventory).get(only) or county_name(only) or own
    first = own_code if own_code in counties else next(iter(counties))
    name = (own if first == own_code else "") or county_names(inventory).get(first) or county_name(first) or first
    return f"{name}等 {len(counties)} 个县（区）" if lang == "zh" else f"{name} and {len(counties) - 1} more counties"


def inventory_summary(inventory: Inventory) -> dict[str, Any]:
    """Counts an official asks for first: estates, by status, township and renewal year."""
    # the few columns needed as plain tuples (220,000 Estate objects took seconds and 700 MB),
    # in the order estates() lists them, so sums and ties come out exactly as before
    names = ("township", "name", "code", "geom", "households", "investment_wan", "status", "renewal_year")
    rows = inventory.estate_columns(names)
    rows.sort(key=lambda r: (r[0] is not None, r[0] or "", r[1] is not None, r[1] or "", r[2]))
    return {
        "file": str(inventory.path),
        "county": area_name(inventory),
        "county_en": area_name(inventory, "en"),
        "county_code": inventory.meta("county_code"),
        "counties": max(1, len(estate_counties(inventory))),
        "estates": len(rows),
        "unlocated": sum(1 for r in rows if location_of(r[3]) is None),
        "buildings": inventory.table_count("buildings"),
        "households": sum(r[4] or 0 for r in rows),
        "investment_wan": round(sum(r[5] or 0 for r in rows), 2),
        "by_status": {status_label(k): v for k, v in _ordered(Counter(status_key(r[6]) for r in rows), STATUSES)},
        "by_township": dict(Counter(r[0] or BLANK_ZH for r in rows).most_common()),
        "by_renewal_year": dict(sorted(Counter(r[7] or 0 for r in rows).items())),
    }


def _ordered(counts: Counter[str | None], vocab: dict[str, Any]) -> list[tuple[str | None, int]]:
    keys: list[str | None] = [k for k in vocab if k in counts]
    keys += [k for k in counts if k not in vocab]
    return [(k, counts[k]) for k in keys]


def summary_text(summary: dict[str, Any], lang: str = "zh") -> str:
    """The summary as a few lines of Chinese (or English)."""
    if lang != "zh":
        return _summary_text_en(summary)
    lines = [
        f"清单文件：{summary['file']}",
        f"{summary['county'] or ''}（{summary['county_code'] or ''}）：{summary['estates']} 个小区，"
        f"{summary['buildings']} 栋楼，{summary['households']} 户，总投资 {summary['investment_wan']} 万元",
        "按状态：" + "，".join(f"{k} {v}" for k, v in summary["by_status"].items()),
        "按年度：" + "，".join(f"{k or BLANK_ZH} {v}" for k, v in summary["by_renewal_year"].items()),
        "按镇街：" + "，".join(f"{k} {v}" for k, v in list(summary["by_township"].items())[:12]),
    ]
    if summary["unlocated"]:
        lines.append(f"未定位：{summary['unlocated']} 个小区")
    return "\n".join(lines)


def _summary_text_en(summary: dict[str, Any]) -> str:
    statuses = ", ".join(f"{status_label(status_key(k), 'en')} {v}" for k, v in summary["by_status"].items())
    towns = ", ".join(f"{BLANK_EN if k == BLANK_ZH else k} {v}" for k, v in list(summary["by_township"].items())[:12])
    lines = [
        f"Inventory: {summary['file']}",
        f"{summary.get('county_en') or summary['county'] or ''} ({summary['county_code'] or ''}): "
        f"{summary['estates']} estates, {summary['buildings']} buildings, {summary['households']} households, "
        f"investment {summary['investment_wan']} (10k yuan)",
        f"By status: {statuses}",
        "By year: " + ", ".join(f"{k or BLANK_EN} {v}" for k, v in summary["by_renewal_year"].items()),
        f"By township: {towns}",
    ]
    if summary["unlocated"]:
        lines.append(f"Not located: {summary['unlocated']} estates")
    return "\n".join(lines)


def estate_record(estate: Estate) -> dict[str, Any]:
    """Everything about one estate as JSON-ready data (links shown without credentials)."""
    return {
        **estate.attributes(),
        "status_label": status_label(estate.status),
        "lon": estate.location[0] if estate.location else None,
        "lat": estate.location[1] if estate.location else None,
        "has_outline": estate.outline is not None,
        "building_list": [{"name": b.name, "floors": b.floors, "height_m": b.height_m} for b in estate.building_list],
        "contacts": [{"role": c.role, "name": c.name, "title": c.title, "phone": c.phone} for c in estate.contacts],
        "cameras": [
            {
                "name": c.name,
                "kind": c.kind,
                "link": display_link(c.link) if c.link else None,
                "gb_id": c.gb_id,
                "channel": c.channel,
            }
            for c in estate.cameras
        ],
        "funding": [{"source": f.source, "amount_wan": f.amount_wan} for f in estate.funding],
        "items": [{"category": i.category, "item": i.item} for i in estate.items],
        "sensors": [
            {k: getattr(s, k) for k in ("name", "kind", "imei", "device_id", "low_lel", "high_lel", "status")}
            for s in estate.sensors
        ],
    }


def _blank(value: Any, lang: str = "zh") -> str:
    return blank_word(lang) if value is None or value == "" else str(value)


def estate_text(estate: Estate, lang: str = "zh") -> str:
    """One estate as labelled lines, 未填 (or "(blank)") for every blank; Chinese unless ``lang="en"``."""
    zh = lang == "zh"
    words = _WORDS_ZH if zh else _WORDS_EN
    lines = [f"{estate.name}（{estate.code}）" if zh else f"{estate.name} ({estate.code})"]
    for column, label in field_labels(lang).items():
        value = getattr(estate, column)
        if column == "status":
            value = status_label(status_key(value), lang)
        elif column == "categories":
            value = words["sep"].join(category_label(c, lang) for c in value) or None
        elif column == "coord_source" and value:
            value = vocab_label(COORD_SOURCES, value, lang)
        lines.append(f"  {label}{words[':']}{_blank(value, lang)}")
    where = f"{estate.location[0]:.6f}, {estate.location[1]:.6f}" if estate.location else None
    lines.append(f"  {words['where']}{_blank(where, lang)}")
    lines.append(f"  {words['buildings'].format(n=len(estate.building_list))}")
    for c in estate.contacts:
        lines.append(
            f"  {vocab_label(CONTACT_ROLES, c.role, lang)}{words[':']}{_blank(c.name, lang)} "
            f"{c.title or ''} {_blank(c.phone, lang)}"
        )
    for f in estate.funding:
        lines.append(
            f"  {words['funding']}{vocab_label(FUNDING_SOURCES, f.source, lang)}{words[':']}"
            f"{_blank(f.amount_wan, lang)} {words['wan']}"
        )
    for category in CATEGORIES:
        items = [i.item for i in estate.items if i.category == category]
        if items:
            lines.append(f"  {category_label(category, lang)}{words[':']}{words['sep'].join(items)}")
    for cam in estate.cameras:
        lines.append(
            words["camera"].format(name=_blank(cam.name, lang), kind=_blank(cam.kind, lang), gb=_blank(cam.gb_id, lang))
        )
    for sensor in estate.sensors:
        lines.append(_sensor_line(sensor, words, lang))
    return "\n".join(lines)


def _sensor_line(sensor: Any, words: dict[str, str], lang: str) -> str:
    """``传感器：锅炉房（燃气探测器）IMEI 8681… 设备编号 GD-1 低报 20 / 高报 50 %LEL 在线``."""
    zh, en = SENSOR_STATUSES.get(sensor.status or "", (sensor.status, sensor.status))
    return words["sensor"].format(
        name=_blank(sensor.name, lang),
        kind=_blank(sensor.kind, lang),
        imei=_blank(sensor.imei, lang),
        id=_blank(sensor.device_id, lang),
        low=_blank(None if sensor.low_lel is None else f"{sensor.low_lel:g}", lang),
        high=_blank(None if sensor.high_lel is None else f"{sensor.high_lel:g}", lang),
        status=_blank(zh if lang == "zh" else en, lang),
    )


_WORDS_ZH = {
    ":": "：",
    "sep": "、",
    "where": "位置（CGCS2000 经度, 纬度）：",
    "buildings": "楼栋：{n} 栋",
    "funding": "资金·",
    "wan": "万元",
    "camera": "  摄像头：{name}（{kind}）国标编码 {gb}",
    "sensor": "  传感器：{name}（{kind}）IMEI {imei} 设备编号 {id} 低报 {low} / 高报 {high} %LEL，{status}",
}
_WORDS_EN = {
    ":": ": ",
    "sep": ", ",
    "where": "Position (CGCS2000 lon, lat): ",
    "buildings": "Building footprints: {n}",
    "funding": "Funding · ",
    "wan": "(10k yuan)",
    "camera": "  Camera: {name} ({kind}) GB/T 28181 ID {gb}",
    "sensor": "  Sensor: {name} ({kind}) IMEI {imei} device ID {id} low {low} / high {high} %LEL, {status}",
}

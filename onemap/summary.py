"""Plain-text and JSON views of an inventory and of one estate, for the command line."""

from __future__ import annotations

from collections import Counter
from typing import Any

from onemap.cameras import display_link
from onemap.model import (
    BLANK_ZH,
    CATEGORIES,
    CONTACT_ROLES,
    ESTATE_FIELD_LABELS,
    FUNDING_SOURCES,
    STATUSES,
    Estate,
    category_label,
    status_label,
)
from onemap.store import Inventory


def inventory_summary(inventory: Inventory) -> dict[str, Any]:
    """Counts an official asks for first: estates, by status, township and renewal year."""
    estates = inventory.estates()
    return {
        "file": str(inventory.path),
        "county": inventory.meta("county_name"),
        "county_code": inventory.meta("county_code"),
        "estates": len(estates),
        "unlocated": sum(1 for e in estates if e.location is None),
        "buildings": inventory.table_count("buildings"),
        "households": sum(e.households or 0 for e in estates),
        "investment_wan": round(sum(e.investment_wan or 0 for e in estates), 2),
        "by_status": {status_label(k): v for k, v in _ordered(Counter(e.status for e in estates), STATUSES)},
        "by_township": dict(Counter(e.township or BLANK_ZH for e in estates).most_common()),
        "by_renewal_year": dict(sorted(Counter(e.renewal_year or 0 for e in estates).items())),
    }


def _ordered(counts: Counter[str | None], vocab: dict[str, Any]) -> list[tuple[str | None, int]]:
    keys: list[str | None] = [k for k in vocab if k in counts]
    keys += [k for k in counts if k not in vocab]
    return [(k, counts[k]) for k in keys]


def summary_text(summary: dict[str, Any]) -> str:
    """The summary as a few lines of Chinese."""
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
        "cameras": [{"name": c.name, "kind": c.kind, "link": display_link(c.link) if c.link else None,
                     "gb_id": c.gb_id, "channel": c.channel} for c in estate.cameras],
        "funding": [{"source": f.source, "amount_wan": f.amount_wan} for f in estate.funding],
        "items": [{"category": i.category, "item": i.item} for i in estate.items],
    }


def _blank(value: Any) -> str:
    return BLANK_ZH if value is None or value == "" else str(value)


def estate_text(estate: Estate) -> str:
    """One estate as labelled Chinese lines, 未填 for every blank."""
    lines = [f"{estate.name}（{estate.code}）"]
    for column, label in ESTATE_FIELD_LABELS.items():
        value = getattr(estate, column)
        if column == "status":
            value = status_label(value)
        elif column == "categories":
            value = "、".join(category_label(c) for c in value) or None
        lines.append(f"  {label}：{_blank(value)}")
    where = f"{estate.location[0]:.6f}, {estate.location[1]:.6f}" if estate.location else None
    lines.append(f"  位置（CGCS2000 经度, 纬度）：{_blank(where)}")
    lines.append(f"  楼栋：{len(estate.building_list)} 栋")
    for c in estate.contacts:
        lines.append(f"  {CONTACT_ROLES.get(c.role, (c.role,))[0]}：{_blank(c.name)} {c.title or ''} {_blank(c.phone)}")
    for f in estate.funding:
        lines.append(f"  资金·{FUNDING_SOURCES.get(f.source, (f.source,))[0]}：{_blank(f.amount_wan)} 万元")
    for category in CATEGORIES:
        items = [i.item for i in estate.items if i.category == category]
        if items:
            lines.append(f"  {category_label(category)}：{'、'.join(items)}")
    for cam in estate.cameras:
        lines.append(f"  摄像头：{_blank(cam.name)}（{_blank(cam.kind)}）国标编码 {_blank(cam.gb_id)}")
    return "\n".join(lines)

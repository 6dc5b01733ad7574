"""What the details dock shows about one estate, as plain labelled rows in Chinese.

Every estate column appears, 未填 for blanks; contacts keep their phone apart so the
dock can offer a copy button; camera links only ever pass through
:func:`onemap.cameras.display_link`, so a credential can never reach the screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from onemap.cameras import display_link
from onemap.gbid import GbIdRefusal, decode_gb_id
from onemap.model import (
    BLANK_ZH,
    CATEGORIES,
    CONTACT_ROLES,
    COORD_SOURCES,
    ESTATE_FIELD_LABELS,
    FUNDING_SOURCES,
    Estate,
    category_label,
    status_label,
)
from onemap.phones import normalize_phone
from onemap.store.audit import AuditEntry
from onemap.store.labels import COLUMN_LABELS, TABLE_TITLES

_ACTIONS = {"insert": "新增", "update": "修改", "delete": "删除", "bulk": "批量导入"}


@dataclass(frozen=True)
class ContactRow:
    """A responsible person; ``phone`` is the canonical number to copy (``None`` when blank)."""

    role: str
    name: str
    title: str
    phone_text: str
    phone: str | None


@dataclass(frozen=True)
class CameraRow:
    """A camera: name, kind, decoded GB/T 28181 ID and a credential-free link text."""

    name: str
    kind: str
    gb_id: str
    gb_meaning: str
    link: str


@dataclass
class EstateDetails:
    """Everything the details dock shows, already in words."""

    code: str
    title: str
    subtitle: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    contacts: list[ContactRow] = field(default_factory=list)
    cameras: list[CameraRow] = field(default_factory=list)
    funding: list[tuple[str, str, float]] = field(default_factory=list)
    funding_total: str = BLANK_ZH
    items: list[tuple[str, list[str]]] = field(default_factory=list)
    history: list[tuple[str, str, str]] = field(default_factory=list)


def blank(value: Any) -> str:
    """A value as text, 未填 for ``None`` and empty text."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return BLANK_ZH
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:,.0f}"
    return str(value)


def estate_details(estate: Estate, history: list[AuditEntry] | None = None) -> EstateDetails:
    """The details dock's content for one estate (with its child rows) and its audit entries."""
    details = EstateDetails(
        code=estate.code,
        title=estate.name or estate.code,
        subtitle=f"{estate.code} · {status_label(estate.status)}"
        + (f" · 进度 {blank(estate.progress_pct)}%" if estate.progress_pct is not None else ""),
    )
    details.fields = [(label, _field_text(estate, column)) for column, label in ESTATE_FIELD_LABELS.items()]
    where = f"{estate.location[0]:.6f}, {estate.location[1]:.6f}" if estate.location else None
    details.fields.append(("位置（CGCS2000 经度, 纬度）", blank(where)))
    details.fields.append(("范围面", "有" if estate.outline is not None else BLANK_ZH))
    details.fields.append(("楼栋（有基底）", f"{len(estate.building_list)} 栋"))
    details.contacts = [_contact(c) for c in estate.contacts]
    details.cameras = [_camera(c) for c in estate.cameras]
    _funding(details, estate)
    for key in [*CATEGORIES, *sorted({i.category for i in estate.items} - set(CATEGORIES))]:
        items = [i.item for i in estate.items if i.category == key]
        if items:
            details.items.append((category_label(key), items))
    details.history = [_history(h) for h in history or []]
    return details


def _field_text(estate: Estate, column: str) -> str:
    value = getattr(estate, column)
    if column == "status":
        return status_label(value)
    if column == "categories":
        return "、".join(category_label(c) for c in value) or BLANK_ZH
    if column == "coord_source" and value:
        return COORD_SOURCES.get(value, (value,))[0]
    if column in ("built_year", "renewal_year") and value is not None:
        return str(value)
    if column == "updated_at" and isinstance(value, str) and "T" in value:
        return value.replace("T", " ")[:16] + (" UTC" if value.endswith("Z") else "")
    return blank(value)


def _contact(contact: Any) -> ContactRow:
    parsed = normalize_phone(contact.phone)
    raw = str(contact.phone).strip() if contact.phone is not None else ""
    return ContactRow(
        role=CONTACT_ROLES.get(contact.role, (contact.role or BLANK_ZH,))[0],
        name=blank(contact.name),
        title=contact.title or "",
        phone_text=BLANK_ZH if parsed.is_blank else raw,
        phone=None if parsed.is_blank else (parsed.value or raw),
    )


def _camera(camera: Any) -> CameraRow:
    if camera.gb_id:
        decoded = decode_gb_id(camera.gb_id)
        meaning = f"无效：{decoded.reason_zh}" if isinstance(decoded, GbIdRefusal) else decoded.describe()
    else:
        meaning = BLANK_ZH
    return CameraRow(
        name=blank(camera.name),
        kind=blank(camera.kind),
        gb_id=blank(camera.gb_id),
        gb_meaning=meaning,
        link=display_link(camera.link) if camera.link else BLANK_ZH,
    )


def _funding(details: EstateDetails, estate: Estate) -> None:
    amounts = [(f.source, f.amount_wan) for f in estate.funding]
    total = sum(a for _s, a in amounts if a)
    for source, amount in amounts:
        share = (amount or 0) / total if total else 0.0
        details.funding.append((FUNDING_SOURCES.get(source, (source,))[0], _wan(amount), share))
    if amounts:
        details.funding_total = _wan(total)
    elif estate.investment_wan is not None:
        details.funding_total = _wan(estate.investment_wan)


def _wan(amount: float | None) -> str:
    return BLANK_ZH if amount is None else f"{amount:,.2f} 万元"


def _history(entry: AuditEntry) -> tuple[str, str, str]:
    when = entry.at.replace("T", " ")[:16]
    what = _ACTIONS.get(entry.action, entry.action)
    table = TABLE_TITLES.get(entry.table_name, (entry.table_name,))[0]
    if entry.field:
        label = COLUMN_LABELS.get(entry.table_name, {}).get(entry.field, entry.field)
        text = f"{what}{table}·{label}：{blank(entry.old_value)} → {blank(entry.new_value)}"
    else:
        text = f"{what}{table}" + (f"（{entry.new_value}）" if entry.action == "bulk" and entry.new_value else "")
    return when, entry.who, text

"""What the details dock shows about one estate, as plain labelled rows in Chinese (or English).

Every estate column appears, 未填 ("(blank)" in English) for blanks; the words around the
data follow ``lang`` (``"zh"`` or ``"en"``), the data itself (names, addresses) never
changes.  Contacts keep their phone apart so the dock can offer a copy button; camera
links only ever pass through :func:`onemap.cameras.display_link`, so a credential can
never reach the screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from onemap.cameras import display_link
from onemap.cameras.gbid import GbIdRefusal, decode_gb_id
from onemap.model import (
    BLANK_ZH,
    CATEGORIES,
    CONTACT_ROLES,
    COORD_SOURCES,
    ESTATE_FIELD_LABELS_EN,
    FUNDING_SOURCES,
    Estate,
    blank_word,
    category_label,
    field_labels,
    status_label,
    vocab_label,
)
from onemap.phones import normalize_phone
from onemap.store.audit import AuditEntry
from onemap.store.labels import COLUMN_LABELS, TABLE_TITLES

_ACTIONS = {"insert": "新增", "update": "修改", "delete": "删除", "bulk": "批量导入"}
_ACTIONS_EN = {"insert": "Added", "update": "Changed", "delete": "Deleted", "bulk": "Bulk import"}
#: the words around the data: (Chinese, English)
_WORDS: dict[str, tuple[str, str]] = {
    "progress": (" · 进度 {pct}%", " · progress {pct}%"),
    "location": ("位置（CGCS2000 经度, 纬度）", "Location (CGCS2000 lon, lat)"),
    "outline": ("范围面", "Outline"),
    "has": ("有", "Yes"),
    "buildings": ("楼栋（有基底）", "Buildings (with footprint)"),
    "buildings_n": ("{n} 栋", "{n}"),
    "invalid": ("无效：{reason}", "Invalid: {reason}"),
    "wan": ("{amount} 万元", "{amount} × 10k yuan"),
    "list_sep": ("、", ", "),
}


def _word(key: str, lang: str) -> str:
    zh, en = _WORDS[key]
    return zh if lang == "zh" else en


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


def blank(value: Any, lang: str = "zh") -> str:
    """A value as text, 未填 (English: "(blank)") for ``None`` and empty text."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return blank_word(lang)
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:,.0f}"
    return str(value)


def estate_details(estate: Estate, history: list[AuditEntry] | None = None, lang: str = "zh") -> EstateDetails:
    """The details dock's content for one estate (with its child rows) and its audit entries.

    ``lang`` is ``"zh"`` (the default) or ``"en"``: labels, vocabularies and units follow it.
    """
    progress = _word("progress", lang).format(pct=blank(estate.progress_pct, lang))
    details = EstateDetails(
        code=estate.code,
        title=estate.name or estate.code,
        subtitle=f"{estate.code} · {status_label(estate.status, lang)}"
        + (progress if estate.progress_pct is not None else ""),
        funding_total=blank_word(lang),
    )
    details.fields = [(label, _field_text(estate, column, lang)) for column, label in field_labels(lang).items()]
    where = f"{estate.location[0]:.6f}, {estate.location[1]:.6f}" if estate.location else None
    details.fields.append((_word("location", lang), blank(where, lang)))
    outline = _word("has", lang) if estate.outline is not None else blank_word(lang)
    details.fields.append((_word("outline", lang), outline))
    details.fields.append((_word("buildings", lang), _word("buildings_n", lang).format(n=len(estate.building_list))))
    details.contacts = [_contact(c, lang) for c in estate.contacts]
    details.cameras = [_camera(c, lang) for c in estate.cameras]
    _funding(details, estate, lang)
    for key in [*CATEGORIES, *sorted({i.category for i in estate.items} - set(CATEGORIES))]:
        items = [i.item for i in estate.items if i.category == key]
        if items:
            details.items.append((category_label(key, lang), items))
    details.history = [_history(h, lang) for h in history or []]
    return details


def _field_text(estate: Estate, column: str, lang: str = "zh") -> str:
    value = getattr(estate, column)
    if column == "status":
        return status_label(value, lang)
    if column == "categories":
        return _word("list_sep", lang).join(category_label(c, lang) for c in value) or blank_word(lang)
    if column == "coord_source" and value:
        return vocab_label(COORD_SOURCES, value, lang)
    if column in ("built_year", "renewal_year") and value is not None:
        return str(value)
    if column == "updated_at" and isinstance(value, str) and "T" in value:
        return value.replace("T", " ")[:16] + (" UTC" if value.endswith("Z") else "")
    return blank(value, lang)


def _contact(contact: Any, lang: str = "zh") -> ContactRow:
    parsed = normalize_phone(contact.phone)
    raw = str(contact.phone).strip() if contact.phone is not None else ""
    return ContactRow(
        role=vocab_label(CONTACT_ROLES, contact.role, lang),
        name=blank(contact.name, lang),
        title=contact.title or "",
        phone_text=blank_word(lang) if parsed.is_blank else raw,
        phone=None if parsed.is_blank else (parsed.value or raw),
    )


def _camera(camera: Any, lang: str = "zh") -> CameraRow:
    if camera.gb_id:
        decoded = decode_gb_id(camera.gb_id)
        if isinstance(decoded, GbIdRefusal):
            reason = decoded.reason_zh if lang == "zh" else decoded.reason_en
            meaning = _word("invalid", lang).format(reason=reason)
        else:
            meaning = decoded.describe()
    else:
        meaning = blank_word(lang)
    return CameraRow(
        name=blank(camera.name, lang),
        kind=blank(camera.kind, lang),
        gb_id=blank(camera.gb_id, lang),
        gb_meaning=meaning,
        link=display_link(camera.link) if camera.link else blank_word(lang),
    )


def _funding(details: EstateDetails, estate: Estate, lang: str = "zh") -> None:
    amounts = [(f.source, f.amount_wan) for f in estate.funding]
    total = sum(a for _s, a in amounts if a)
    for source, amount in amounts:
        share = (amount or 0) / total if total else 0.0
        details.funding.append((vocab_label(FUNDING_SOURCES, source, lang), _wan(amount, lang), share))
    if amounts:
        details.funding_total = _wan(total, lang)
    elif estate.investment_wan is not None:
        details.funding_total = _wan(estate.investment_wan, lang)


def _wan(amount: float | None, lang: str = "zh") -> str:
    return blank_word(lang) if amount is None else _word("wan", lang).format(amount=f"{amount:,.2f}")


def _history(entry: AuditEntry, lang: str = "zh") -> tuple[str, str, str]:
    when = entry.at.replace("T", " ")[:16]
    if lang != "zh":
        return when, entry.who, _history_en(entry)
    what = _ACTIONS.get(entry.action, entry.action)
    table = TABLE_TITLES.get(entry.table_name, (entry.table_name,))[0]
    if entry.field:
        label = COLUMN_LABELS.get(entry.table_name, {}).get(entry.field, entry.field)
        text = f"{what}{table}·{label}：{blank(entry.old_value)} → {blank(entry.new_value)}"
    else:
        text = f"{what}{table}" + (f"（{entry.new_value}）" if entry.action == "bulk" and entry.new_value else "")
    return when, entry.who, text


def _history_en(entry: AuditEntry) -> str:
    what = _ACTIONS_EN.get(entry.action, entry.action)
    table = entry.table_name.replace("_", " ")
    if entry.field:
        label = ESTATE_FIELD_LABELS_EN.get(entry.field) if entry.table_name == "estates" else None
        label = label or entry.field.replace("_", " ")
        return f"{what} {table} · {label}: {blank(entry.old_value, 'en')} → {blank(entry.new_value, 'en')}"
    return f"{what} {table}" + (f" ({entry.new_value})" if entry.action == "bulk" and entry.new_value else "")

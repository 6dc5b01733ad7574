"""Menu wording for edits, in Chinese and English: 撤销 修改户数 / Undo Edit households."""

from __future__ import annotations

import re

from onemap.model import ESTATE_FIELD_LABELS

#: child table -> (Chinese, English) name of one of its rows
CHILD_NOUNS: dict[str, tuple[str, str]] = {
    "contacts": ("责任人", "contact"),
    "cameras": ("摄像头", "camera"),
    "funding": ("资金来源", "funding source"),
    "renovation_items": ("改造内容", "renovation item"),
    "buildings": ("楼栋", "building"),
}

_CHILD_FIELDS = {
    "name": ("名称", "name"),
    "phone": ("电话", "phone"),
    "role": ("类别", "role"),
    "title": ("职务", "title"),
    "link": ("视频链接", "link"),
    "amount_wan": ("金额", "amount"),
    "source": ("来源", "source"),
    "item": ("内容", "item"),
    "floors": ("层数", "floors"),
    "location": ("位置", "position"),
}
_VERBS = {"add": ("新增", "Add"), "edit": ("修改", "Edit"), "delete": ("删除", "Delete")}
_UNIT = re.compile(r"（[^）]*）$")


def field_label(name: str, lang: str = "zh") -> str:
    """An estate column as a menu names it: 户数, 住宅建筑面积 (units dropped); English: floor area m2."""
    if lang != "zh":
        return name.replace("_", " ")
    return _UNIT.sub("", ESTATE_FIELD_LABELS.get(name, name))


def fields_phrase(names: list[str], lang: str = "zh") -> str:
    """修改户数 · 修改户数、楼栋数 · 修改户数等 3 项 (and the English equivalents)."""
    labels = [field_label(n, lang) for n in names]
    if lang == "zh":
        shown = "、".join(labels) if len(labels) <= 2 else f"{labels[0]}等 {len(labels)} 项"
        return "修改" + shown
    shown = " and ".join(labels) if len(labels) <= 2 else f"{labels[0]} and {len(labels) - 1} more"
    return "Edit " + shown


def child_phrase(verb: str, table: str, lang: str = "zh", fields: list[str] | None = None) -> str:
    """新增责任人 · 删除摄像头 · 修改责任人电话 / Add contact · Edit contact phone."""
    zh, en = CHILD_NOUNS.get(table, (table, table))
    verb_zh, verb_en = _VERBS[verb]
    detail_zh = detail_en = ""
    if fields and len(fields) == 1 and fields[0] in _CHILD_FIELDS:
        detail_zh, detail_en = _CHILD_FIELDS[fields[0]]
        detail_en = " " + detail_en
    return f"{verb_zh}{zh}{detail_zh}" if lang == "zh" else f"{verb_en} {en}{detail_en}"


def estate_phrase(verb: str, name: str, lang: str = "zh") -> str:
    """新增小区「桂园小区」 / Add estate 桂园小区."""
    verb_zh, verb_en = _VERBS[verb]
    return f"{verb_zh}小区「{name}」" if lang == "zh" else f"{verb_en} estate {name}"

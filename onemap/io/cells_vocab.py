"""Renovation status and categories: the words ledgers use, mapped to the model's stable keys.

Statuses follow the programme (谋划 → 计划 → 设计 → 招标 → 在建 → 完工 → 验收 → 移交); the
model has no separate 谋划 stage, so 谋划/储备/前期 read as ``planned``. A text is matched
whole (after folding and dropping 已/正在 ... 阶段/中), never by a word inside it: "完工待验收"
must not read as 验收.
"""

from __future__ import annotations

import re

from onemap.io.cells_base import MAX_VALUE_TEXT, Cell, bad, blank, empty, excel_error, fold, never_raises, ok
from onemap.io.cells_base import original_text as _original
from onemap.model import CATEGORIES, STATUSES

# Space-separated synonyms, matched whole after folding.
_STATUS_WORDS: dict[str, str] = {
    "planned": "谋划 储备 谋划储备 前期 前期准备 计划 计划改造 拟改造 待改造 拟实施 "
    "规划 申报 已申报 立项 已立项 未开工",
    "designing": "设计 方案设计 施工图设计 初步设计 方案编制 设计编制",
    "tendering": "招标 招投标 挂网 已挂网 已招标 采购 招标采购 公开招标 政府采购",
    "under_construction": "在建 在施 施工 施工中 正在施工 已开工 开工 进场 进场施工 实施 实施中 正在实施 "
    "建设中 改造中 正在改造",
    "completed": "完工 已完工 竣工 已竣工 完成 已完成 改造完成 已改造 完工待验收 已完工待验收 基本完工",
    "accepted": "验收 已验收 竣工验收 通过验收 已通过验收 验收完成 验收合格 已竣工验收",
    "handed_over": "移交 已移交 交付 已交付 移交完成 已移交管理",
}
_STATUS_LOOKUP = {
    word: key
    for key, words in _STATUS_WORDS.items()
    for word in (*words.split(), key, key.replace("_", " "), STATUSES[key][0], STATUSES[key][1].lower())
}
_STATUS_AFFIXES = re.compile(r"^(?:已经|已|正在|处于)|(?:阶段|状态|中|期)$")
_STATUS_CHOICES_ZH = "、".join(zh for zh, _ in STATUSES.values())
_STATUS_CHOICES_EN = ", ".join(STATUSES)

_CATEGORY_STEMS: dict[str, tuple[str, ...]] = {
    "basic": ("基础",),
    "improvement": ("完善",),
    "enhancement": ("提升",),
    "safety": ("安全",),
}
_CATEGORY_KEY = {w: key for key, stems in _CATEGORY_STEMS.items() for w in (*stems, key, CATEGORIES[key][1].lower())}
_CATEGORY_WORD = re.compile("|".join(sorted(_CATEGORY_KEY, key=len, reverse=True)))
_CATEGORY_FILLER = re.compile(r"\([^)]*\)|[、,;+/|&\s]|类|改造|项目|内容|和|与|及")


@never_raises
def parse_status(raw: object) -> Cell[str]:
    """Read a renovation status as a :data:`onemap.model.STATUSES` key.

    Parameters
    ----------
    raw
        A Chinese label or synonym (谋划, 拟改造, 方案设计, 挂网, 施工中, 已竣工, 竣工验收,
        已移交 ...) or an English key or label.

    Returns
    -------
    Cell[str]
        The key (``"under_construction"`` ...), or a reason listing the choices.
    """
    original = _original(raw)
    if blank(raw):
        return empty(original)
    if error := excel_error(str(raw)):
        return error
    text = re.sub(r"\s+", " ", fold(str(raw)).lower().replace("_", " ").replace("-", " "))
    key = _STATUS_LOOKUP.get(text) or _STATUS_LOOKUP.get(text.replace(" ", ""))
    if key is None:
        key = _STATUS_LOOKUP.get(_STATUS_AFFIXES.sub("", text.replace(" ", "")))
    if key is None:
        shown = fold(str(raw))[:20]
        return bad(
            original,
            f"无法识别的改造状态「{shown}」，可填：{_STATUS_CHOICES_ZH}",
            f"unknown status {shown!r}; use one of: {_STATUS_CHOICES_EN}",
        )
    return ok(key, original)


@never_raises
def parse_categories(raw: object) -> Cell[list[str]]:
    """Read renovation categories as :data:`onemap.model.CATEGORIES` keys.

    Parameters
    ----------
    raw
        ``"基础类、完善类"``, ``"基础类,提升类"``, ``"基础+完善"``, ``"基础类；安全类"``,
        ``"基础类（水电路气）"``, English keys; any separator, or none.

    Returns
    -------
    Cell[list[str]]
        The keys in the model's order, each once; a note naming words that were not
        categories; a reason when no category is named at all.
    """
    original = _original(raw)
    if blank(raw):
        return empty(original)
    if error := excel_error(str(raw)):
        return error
    text = fold(str(raw)).lower()[:MAX_VALUE_TEXT]
    found = {_CATEGORY_KEY[word] for word in _CATEGORY_WORD.findall(text)}
    if not found:
        return bad(original, "没有可识别的改造类别（基础类/完善类/提升类/安全类）", "no renovation category named")
    keys = [key for key in CATEGORIES if key in found]
    leftover = _CATEGORY_FILLER.sub(" ", _CATEGORY_WORD.sub(" ", text)).split()
    if leftover:
        words = "、".join(leftover)[:40]
        return ok(keys, original, (f"未识别的内容：{words}", f"not recognised: {words}"))
    return ok(keys, original)

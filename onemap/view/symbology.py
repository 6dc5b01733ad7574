"""How estates are drawn: by renovation status, renewal year, renovation category or score.

A :class:`Symbology` is an ordered list of classes, each with a Chinese label, a colour
and a marker shape, plus the rule that puts every estate in one class.  The looks come
from the one style table, :mod:`onemap.style`; this module only decides the classes.  The
map's point layer, the legend and the snapshot all draw from the same object, so the
legend always matches the map.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from onemap.style import (
    BLANK,
    SCORE_BANDS,
    STATUS_STYLES,
    TIER_COLORS,
    ClassStyle,
    category_styles,
    score_styles,
    year_styles,
)
from onemap.view.estate_table import CATEGORY_BITS, STATUS_KEYS, EstateTable

#: symbology kind -> Chinese name shown in the toolbar and legend
SYMBOLOGY_KINDS: dict[str, str] = {
    "status": "按改造状态",
    "year": "按改造年度",
    "category": "按改造类别",
    "score": "按评分",
}
#: estate code -> (score, eligible), what the score symbology reads
Scores = Mapping[str, tuple[float, bool]]
#: one marker per status, so stages differ in shape as well as colour (from the style table)
STATUS_MARKERS: dict[str, str] = {key: style.marker for key, style in STATUS_STYLES.items()}
MAX_YEAR_CLASSES = 10

ClassIndex = NDArray[np.int16]


@dataclass(frozen=True)
class SymbolClass:
    """One legend row: a stable key, a Chinese label, a ``#rrggbb`` colour and a marker.

    ``hatch`` and ``label_en`` come from the same style table (:mod:`onemap.style`).
    """

    key: str
    label: str
    color: str
    marker: str
    hatch: str = "none"
    label_en: str = ""

    @classmethod
    def of(cls, style: ClassStyle) -> SymbolClass:
        """The legend row of a style-table entry."""
        return cls(style.key, style.zh, style.color, style.marker, style.hatch, style.en)


@dataclass(frozen=True)
class Symbology:
    """The classes of one way of colouring estates, and which estate is in which class."""

    kind: str
    classes: tuple[SymbolClass, ...]
    note: str = ""
    scores: Scores = field(default_factory=dict, compare=False, repr=False)

    @property
    def title(self) -> str:
        """The Chinese title, e.g. 按改造状态."""
        return SYMBOLOGY_KINDS[self.kind]

    def classify(self, table: EstateTable) -> ClassIndex:
        """The class index of every estate in ``table``."""
        return _CLASSIFIERS[self.kind](self, table)

    def counts(self, classes: ClassIndex, mask: NDArray[np.bool_] | None = None) -> list[int]:
        """How many estates (of those in ``mask``) fall in each class."""
        chosen = classes if mask is None else classes[mask]
        return np.bincount(chosen, minlength=len(self.classes)).tolist()  # type: ignore[no-any-return]


def symbology_for(kind: str, table: EstateTable, scores: Scores | None = None) -> Symbology:
    """The symbology of ``kind`` (``status``, ``year``, ``category`` or ``score``) for an inventory.

    ``scores`` (code -> (score, eligible)) colours by score band; estates without one are 未评分.

    Raises
    ------
    ValueError
        For an unknown kind.
    """
    if kind == "status":
        return _status()
    if kind == "year":
        return _years(table)
    if kind == "category":
        return _categories()
    if kind == "score":
        classes = [SymbolClass.of(style) for style in score_styles()]
        blank = SymbolClass("", "未评分", BLANK.color, BLANK.marker, BLANK.hatch, "not scored")
        note = "得分为默认权重下各项之和（满分 100）；灰色三角为不符合改造条件"
        return Symbology("score", (*classes, blank), note=note, scores=dict(scores or {}))
    raise ValueError(f"unknown symbology {kind!r}; expected one of {list(SYMBOLOGY_KINDS)}")


def _blank() -> SymbolClass:
    return SymbolClass.of(BLANK)


def _status() -> Symbology:
    classes = [SymbolClass.of(STATUS_STYLES[key]) for key in STATUS_KEYS]
    return Symbology("status", (*classes, _blank()))


def _classify_status(symbology: Symbology, table: EstateTable) -> ClassIndex:
    blank = len(symbology.classes) - 1
    return np.where(table.status >= 0, table.status, blank).astype(np.int16)


def _year_bins(table: EstateTable) -> list[tuple[int, int]]:
    years = np.unique(table.renewal_year[table.renewal_year > 0]).tolist()
    if len(years) <= MAX_YEAR_CLASSES:
        return [(y, y) for y in years]
    first, last = years[0], years[-1]
    width = -(-(last - first + 1) // MAX_YEAR_CLASSES)
    return [(a, min(a + width - 1, last)) for a in range(first, last + 1, width)]


def _years(table: EstateTable) -> Symbology:
    labels = [
        (f"{a}-{b}", f"{a} 年" if a == b else f"{a}–{b} 年", f"{a}" if a == b else f"{a}–{b}")
        for a, b in _year_bins(table)
    ]
    classes = [SymbolClass.of(style) for style in year_styles(labels)]
    return Symbology("year", (*classes, _blank()))


def _classify_year(symbology: Symbology, table: EstateTable) -> ClassIndex:
    out = np.full(len(table), len(symbology.classes) - 1, dtype=np.int16)
    for i, cls in enumerate(symbology.classes[:-1]):
        a, b = (int(v) for v in cls.key.split("-"))
        out[(table.renewal_year >= a) & (table.renewal_year <= b)] = i
    return out


def _categories() -> Symbology:
    classes = [SymbolClass.of(style) for style in category_styles()]
    return Symbology("category", (*classes, _blank()), note="颜色为最高改造档次（基础→完善→提升），菱形表示含安全类")


def _classify_category(symbology: Symbology, table: EstateTable) -> ClassIndex:
    bits = table.category_bits
    safety = (bits & CATEGORY_BITS["safety"]) != 0
    out = np.full(len(table), len(symbology.classes) - 1, dtype=np.int16)
    out[safety] = len(symbology.classes) - 2
    for tier, key in enumerate(TIER_COLORS):
        has = (bits & CATEGORY_BITS[key]) != 0
        out[has & ~safety] = 2 * tier
        out[has & safety] = 2 * tier + 1
    return out


def _classify_score(symbology: Symbology, table: EstateTable) -> ClassIndex:
    ineligible, blank = len(SCORE_BANDS), len(SCORE_BANDS) + 1
    bounds = np.array([lo for lo, _zh, _en in SCORE_BANDS])
    out = np.full(len(table), blank, dtype=np.int16)
    for row, code in enumerate(table.code):
        found = symbology.scores.get(str(code))
        if found is not None:
            points, eligible = found
            out[row] = int(np.argmax(max(points, 0.0) >= bounds)) if eligible else ineligible
    return out


_CLASSIFIERS = {
    "status": _classify_status,
    "year": _classify_year,
    "category": _classify_category,
    "score": _classify_score,
}

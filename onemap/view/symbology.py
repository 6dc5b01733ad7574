"""How estates are drawn: by renovation status, renewal year or renovation category.

A :class:`Symbology` is an ordered list of classes, each with a Chinese label, a colour
and a marker shape, plus the rule that puts every estate in one class.  The map's point
layer, the legend and the snapshot all draw from the same object, so the legend always
matches the map.  Marker names are pyqtgraph's (``o s t1 d p h star x``), kept as plain
strings so this module stays free of Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from onemap.model import BLANK_ZH, CATEGORIES, STATUSES
from onemap.view.estate_table import CATEGORY_BITS, STATUS_KEYS, EstateTable
from onemap.view.palettes import BLANK_GREY, CIVIDIS, OKABE_ITO, VIRIDIS, ramp

#: symbology kind -> Chinese name shown in the toolbar and legend
SYMBOLOGY_KINDS: dict[str, str] = {
    "status": "按改造状态",
    "year": "按改造年度",
    "category": "按改造类别",
}
#: one marker per status, so stages differ in shape as well as colour
STATUS_MARKERS: dict[str, str] = {
    "planned": "t1",
    "designing": "d",
    "tendering": "p",
    "under_construction": "s",
    "completed": "o",
    "accepted": "h",
    "handed_over": "star",
}
BLANK_MARKER = "x"
MAX_YEAR_CLASSES = 10

ClassIndex = NDArray[np.int16]


@dataclass(frozen=True)
class SymbolClass:
    """One legend row: a stable key, a Chinese label, a ``#rrggbb`` colour and a marker."""

    key: str
    label: str
    color: str
    marker: str


@dataclass(frozen=True)
class Symbology:
    """The classes of one way of colouring estates, and which estate is in which class."""

    kind: str
    classes: tuple[SymbolClass, ...]
    note: str = ""

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


def symbology_for(kind: str, table: EstateTable) -> Symbology:
    """The symbology of ``kind`` (``status``, ``year`` or ``category``) for an inventory.

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
    raise ValueError(f"unknown symbology {kind!r}; expected one of {list(SYMBOLOGY_KINDS)}")


def _blank() -> SymbolClass:
    return SymbolClass("", BLANK_ZH, BLANK_GREY, BLANK_MARKER)


def _status() -> Symbology:
    colors = ramp(VIRIDIS, len(STATUS_KEYS), 0.0, 0.94)
    classes = [
        SymbolClass(key, STATUSES[key][0], color, STATUS_MARKERS[key])
        for key, color in zip(STATUS_KEYS, colors, strict=True)
    ]
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
    bins = _year_bins(table)
    colors = ramp(CIVIDIS, len(bins), 0.0, 1.0)
    classes = [
        SymbolClass(f"{a}-{b}", f"{a} 年" if a == b else f"{a}–{b} 年", color, "o")
        for (a, b), color in zip(bins, colors, strict=True)
    ]
    return Symbology("year", (*classes, _blank()))


def _classify_year(symbology: Symbology, table: EstateTable) -> ClassIndex:
    out = np.full(len(table), len(symbology.classes) - 1, dtype=np.int16)
    for i, cls in enumerate(symbology.classes[:-1]):
        a, b = (int(v) for v in cls.key.split("-"))
        out[(table.renewal_year >= a) & (table.renewal_year <= b)] = i
    return out


#: (tier key, Chinese label, colour): the most advanced tier in an estate's plan
_TIERS = (("basic", OKABE_ITO["yellow"]), ("improvement", OKABE_ITO["orange"]), ("enhancement", OKABE_ITO["blue"]))
_SAFETY_ONLY = OKABE_ITO["reddish_purple"]


def _categories() -> Symbology:
    classes = []
    for key, color in _TIERS:
        label = CATEGORIES[key][0]
        classes.append(SymbolClass(key, label, color, "o"))
        classes.append(SymbolClass(key + "+safety", f"{label} + {CATEGORIES['safety'][0]}", color, "d"))
    classes.append(SymbolClass("safety", f"仅{CATEGORIES['safety'][0]}", _SAFETY_ONLY, "d"))
    return Symbology("category", (*classes, _blank()), note="颜色为最高改造档次（基础→完善→提升），菱形表示含安全类")


def _classify_category(symbology: Symbology, table: EstateTable) -> ClassIndex:
    bits = table.category_bits
    safety = (bits & CATEGORY_BITS["safety"]) != 0
    out = np.full(len(table), len(symbology.classes) - 1, dtype=np.int16)
    out[safety] = len(symbology.classes) - 2
    for tier, (key, _color) in enumerate(_TIERS):
        has = (bits & CATEGORY_BITS[key]) != 0
        out[has & ~safety] = 2 * tier
        out[has & safety] = 2 * tier + 1
    return out


_CLASSIFIERS = {"status": _classify_status, "year": _classify_year, "category": _classify_category}

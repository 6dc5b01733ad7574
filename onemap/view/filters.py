"""Which estates are shown: one filter that the map, table, legend and status bar all follow."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from onemap.model import BLANK_EN, BLANK_ZH, CATEGORIES, STATUSES
from onemap.view.estate_table import CATEGORY_BITS, STATUS_KEYS, EstateTable
from onemap.view.search import SearchIndex

Mask = NDArray[np.bool_]
#: the township choice that selects estates whose township is blank
BLANK_TOWNSHIP = BLANK_ZH
#: values the ``--where`` language would misread: its ``and`` / ``且`` joins, quote marks, edge spaces
_UNSAFE = re.compile(r"\s(?:and|AND|且)\s|[\"'“”]|^\s|\s$")


@dataclass(frozen=True)
class EstateFilter:
    """A filter over estates; every field left at its default lets everything through.

    Attributes
    ----------
    text : str
        Search text: name, code, address, pinyin initials or full pinyin.
    township : str or None
        One township (镇/街道); :data:`BLANK_TOWNSHIP` for estates without one.
    statuses : frozenset of str
        Status keys to keep (empty keeps all); ``""`` keeps blank statuses.
    year_min, year_max : int or None
        Inclusive renewal-year range; an estate without a year fails any bound.
    categories : frozenset of str
        Keep estates whose plan includes any of these category keys.
    has_cameras : bool or None
        True: only estates with cameras; False: only without; None: either.
    located : bool or None
        True: only located estates; False: only unlocated; None: either.
    """

    text: str = ""
    township: str | None = None
    statuses: frozenset[str] = field(default_factory=frozenset)
    year_min: int | None = None
    year_max: int | None = None
    categories: frozenset[str] = field(default_factory=frozenset)
    has_cameras: bool | None = None
    located: bool | None = None

    @property
    def is_empty(self) -> bool:
        """True when the filter lets every estate through."""
        return self == EstateFilter()

    def with_(self, **changes: Any) -> EstateFilter:
        """A copy with some fields changed."""
        return replace(self, **changes)

    def mask(self, table: EstateTable, search: SearchIndex | None = None) -> Mask:
        """Row mask of the estates that pass (``search`` is required for a text filter)."""
        keep = np.ones(len(table), dtype=bool)
        if self.text.strip():
            keep &= (search or SearchIndex(table)).matches(self.text)
        if self.township is not None:
            wanted = None if self.township == BLANK_TOWNSHIP else self.township
            keep &= table.township == wanted if wanted is not None else _is_none(table.township)
        if self.statuses:
            keep &= np.isin(
                table.status, [STATUS_KEYS.index(s) if s else -1 for s in self.statuses if not s or s in STATUSES]
            )
        if self.year_min is not None:
            keep &= (table.renewal_year >= self.year_min) & (table.renewal_year > 0)
        if self.year_max is not None:
            keep &= (table.renewal_year <= self.year_max) & (table.renewal_year > 0)
        if self.categories:
            bits = sum(CATEGORY_BITS[c] for c in self.categories if c in CATEGORIES)
            keep &= (table.category_bits & bits) != 0
        if self.has_cameras is not None:
            keep &= (table.cameras > 0) == self.has_cameras
        if self.located is not None:
            keep &= table.located == self.located
        return keep

    def to_where(self) -> list[str] | None:
        """The filter as ``--where`` conditions (``[]`` for none), so the CLI's numbers match the map.

        None when a part cannot be said in that language: a search text (pinyin and
        address matching), several statuses or categories (the language has no ``or``),
        cameras (another table) or located-or-not (the geometry), or a township name the
        language could misread.
        """
        if self.text.strip() or self.has_cameras is not None or self.located is not None:
            return None
        if len(self.statuses) > 1 or len(self.categories) > 1:
            return None
        conditions = []
        if self.township is not None:
            if _UNSAFE.search(self.township):
                return None
            conditions.append(f"township={self.township}")
        for status in self.statuses:
            conditions.append(f"status={status or BLANK_ZH}")
        if self.year_min is not None:
            conditions.append(f"renewal_year>={self.year_min}")
        if self.year_max is not None:
            conditions.append(f"renewal_year<={self.year_max}")
        for category in self.categories:
            conditions.append(f"categories~{category}")
        return conditions

    def describe(self, lang: str = "zh") -> str:
        """The filter in a few Chinese (or, with ``lang="en"``, English) words for the status bar (empty when none)."""
        if lang != "zh":
            return self._describe_en()
        parts = []
        if self.text.strip():
            parts.append(f"搜索“{self.text.strip()}”")
        if self.township is not None:
            parts.append(self.township)
        if self.statuses:
            parts.append("、".join(STATUSES[s][0] if s else BLANK_ZH for s in _ordered(self.statuses, STATUSES)))
        if self.year_min is not None or self.year_max is not None:
            parts.append(f"{self.year_min or '…'}–{self.year_max or '…'} 年度")
        if self.categories:
            parts.append("含" + "或".join(CATEGORIES[c][0] for c in _ordered(self.categories, CATEGORIES)))
        if self.has_cameras is not None:
            parts.append("有摄像头" if self.has_cameras else "无摄像头")
        if self.located is not None:
            parts.append("已定位" if self.located else "未定位")
        return "，".join(parts)

    def _describe_en(self) -> str:
        parts = []
        if self.text.strip():
            parts.append(f"search “{self.text.strip()}”")
        if self.township is not None:
            parts.append(BLANK_EN if self.township == BLANK_TOWNSHIP else self.township)
        if self.statuses:
            parts.append(" or ".join(STATUSES[s][1] if s else BLANK_EN for s in _ordered(self.statuses, STATUSES)))
        if self.year_min is not None or self.year_max is not None:
            parts.append(f"renewal {self.year_min or '…'}–{self.year_max or '…'}")
        if self.categories:
            parts.append("with " + " or ".join(CATEGORIES[c][1] for c in _ordered(self.categories, CATEGORIES)))
        if self.has_cameras is not None:
            parts.append("with cameras" if self.has_cameras else "without cameras")
        if self.located is not None:
            parts.append("located" if self.located else "not located")
        return ", ".join(parts)


def _is_none(column: NDArray[np.object_]) -> Mask:
    return np.fromiter((v is None for v in column), dtype=bool, count=len(column))


def _ordered(keys: frozenset[str], vocab: dict[str, Any]) -> list[str]:
    return [k for k in vocab if k in keys] + sorted(k for k in keys if k not in vocab)


def townships_by_count(table: EstateTable) -> list[tuple[str, int]]:
    """Townships with their estate counts in pinyin order, as a reader looks them up (blank as 未填, last)."""
    from onemap.view.order import pinyin_key

    values, counts = np.unique(
        np.where(_is_none(table.township), BLANK_TOWNSHIP, table.township).astype(str), return_counts=True
    )
    pairs = sorted(
        zip(values.tolist(), counts.tolist(), strict=True), key=lambda p: (p[0] == BLANK_TOWNSHIP, pinyin_key(p[0]))
    )
    return [(name, int(n)) for name, n in pairs]

"""The figures of a county report's 基本情况: totals and one row per renewal year."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from onemap.model import STATUSES, Estate

DONE = frozenset({"completed", "accepted", "handed_over"})
UNDER_WAY = frozenset({"under_construction"})
EARLY = frozenset({"planned", "designing", "tendering"})


@dataclass
class Tally:
    """Totals over a group of estates (a renewal year, or all of them)."""

    label: str
    estates: int = 0
    buildings: int = 0
    households: int = 0
    area_m2: float = 0.0
    investment_wan: float = 0.0
    done: int = 0
    under_way: int = 0
    early: int = 0

    def add(self, estate: Estate) -> None:
        """Count one estate in."""
        self.estates += 1
        self.buildings += estate.buildings or 0
        self.households += estate.households or 0
        self.area_m2 += estate.floor_area_m2 or 0.0
        self.investment_wan += estate.investment_wan or 0.0
        self.done += estate.status in DONE
        self.under_way += estate.status in UNDER_WAY
        self.early += estate.status in EARLY


def tally(label: str, estates: Iterable[Estate]) -> Tally:
    """One :class:`Tally` over ``estates``."""
    total = Tally(label)
    for estate in estates:
        total.add(estate)
    return total


def by_year(estates: Sequence[Estate]) -> list[Tally]:
    """One tally per renewal year, oldest first; estates without a year last as 未填."""
    years = sorted({e.renewal_year for e in estates if e.renewal_year is not None})
    rows = [tally(f"{year} 年", (e for e in estates if e.renewal_year == year)) for year in years]
    blank = [e for e in estates if e.renewal_year is None]
    return rows + ([tally("未填", blank)] if blank else [])


def by_status(estates: Sequence[Estate]) -> list[tuple[str | None, int]]:
    """Estates per status in programme order (blank status last, only if present)."""
    from onemap.store.check_status import status_key

    counts = Counter(status_key(e.status) for e in estates)  # 在建 typed by another program counts as 在建
    ordered: list[tuple[str | None, int]] = [(key, counts.get(key, 0)) for key in STATUSES]
    extra = [(key, n) for key, n in counts.items() if key not in STATUSES]
    return ordered + extra


def by_township(estates: Sequence[Estate]) -> list[tuple[str, int]]:
    """Estates per township, most first."""
    return Counter(e.township or "未填" for e in estates).most_common()


def date_zh(text: str | None) -> str:
    """``2026-11-01`` as ``2026年11月1日`` (other texts unchanged, 未填 for none)."""
    if not text:
        return "未填"
    parts = text[:10].split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{int(parts[0])}年{int(parts[1])}月{int(parts[2])}日"
    return text

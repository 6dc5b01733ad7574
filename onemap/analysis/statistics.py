"""Figures for the current filter: totals, estates per renewal year and status, households per
township, funding per source.

Computed in SQL over the very :class:`~onemap.store.where.Filter` that ``onemap list --where``
uses, so the dock and the command line always give the same numbers.  Areas and money are
rounded to 2 decimals (m², 万元) as ledgers write them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from onemap.model import BLANK_ZH, FUNDING_SOURCES, STATUSES
from onemap.store import Inventory
from onemap.store.check_status import status_key
from onemap.store.where import Filter, parse_where

Dimension = Literal["renewal_year", "status", "township", "funding_source"]
Key = str | int | None
_BLANK_EN = "(blank)"


@dataclass(frozen=True)
class Totals:
    """Sums over the filtered estates (blank values count as nothing)."""

    estates: int
    buildings: int
    households: int
    floor_area_m2: float
    investment_wan: float


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: the key a click filters by, its labels and its value."""

    key: Key
    label_zh: str
    label_en: str
    value: float

    def label(self, lang: str = "zh") -> str:
        """The axis label in Chinese (``"zh"``) or English."""
        return self.label_zh if lang == "zh" else self.label_en


@dataclass(frozen=True)
class Statistics:
    """Everything the statistics dock shows for one filter."""

    where: str
    totals: Totals
    by_renewal_year: list[Bar]
    by_status: list[Bar]
    households_by_township: list[Bar]
    funding_by_source: list[Bar]


def estate_statistics(inventory: Inventory, where: Filter | str | list[str] | None = None) -> Statistics:
    """Statistics of the estates matching ``where`` (the ``--where`` language, or a parsed Filter).

    Parameters
    ----------
    inventory : Inventory
        The open inventory.
    where : Filter, str, list of str or None
        The current filter; None for every estate.

    Returns
    -------
    Statistics
        Totals and the four bar series, in a stable order (statuses in programme order
        with every status present even at zero; years ascending; townships by households,
        most first; funding sources in vocabulary order; blanks last).

    Raises
    ------
    InventoryError
        ``bad_where`` for a filter that cannot be read.
    """
    flt = where if isinstance(where, Filter) else parse_where(where)
    return Statistics(
        flt.text,
        _totals(inventory, flt),
        _by_year(inventory, flt),
        _by_status(inventory, flt),
        _by_township(inventory, flt),
        _by_source(inventory, flt),
    )


def _totals(inventory: Inventory, flt: Filter) -> Totals:
    row = inventory.estate_totals(flt)
    return Totals(int(row[0]), int(row[1]), int(row[2]), round(row[3], 2), round(row[4], 2))


def _by_year(inventory: Inventory, flt: Filter) -> list[Bar]:
    rows = inventory.estate_groups("renewal_year", flt)
    rows.sort(key=lambda r: (r[0] is None, r[0] or 0))
    return [Bar(key, *_labels(key), count) for key, count in rows]


def _by_status(inventory: Inventory, flt: Filter) -> list[Bar]:
    counts: dict[Key, float] = {}
    for status, count in inventory.estate_groups("status", flt):
        key = status_key(status) if isinstance(status, str) else status  # 在建 written by QGIS counts as 在建
        counts[key] = counts.get(key, 0) + count
    keys: list[Key] = [*STATUSES, *sorted(str(k) for k in counts if k is not None and k not in STATUSES)]
    keys += [None] if None in counts else []
    return [Bar(key, *_labels(key, STATUSES), counts.get(key, 0)) for key in keys]


def _by_township(inventory: Inventory, flt: Filter) -> list[Bar]:
    rows = inventory.estate_groups("township", flt, total="households")
    rows.sort(key=lambda r: (r[0] is None, -r[1], str(r[0])))
    return [Bar(key, *_labels(key), int(households)) for key, households in rows]


def _by_source(inventory: Inventory, flt: Filter) -> list[Bar]:
    sums = dict(inventory.funding_by_source(flt))
    keys = [k for k in FUNDING_SOURCES if k in sums] + sorted(str(k) for k in sums if k not in FUNDING_SOURCES)
    return [Bar(key, *_labels(key, FUNDING_SOURCES), round(sums[key], 2)) for key in keys]


def _labels(key: Key, vocab: dict[str, tuple[str, str]] | None = None) -> tuple[str, str]:
    if key is None or key == "":
        return BLANK_ZH, _BLANK_EN
    if vocab is not None and key in vocab:
        return vocab[str(key)]
    return str(key), str(key)

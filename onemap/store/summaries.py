"""The inventory's sums and counts by group (the statistics dock, ``onemap stats``, the PDF charts)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from onemap.store.opening import translated
from onemap.store.reads import as_filter
from onemap.store.where import Filter

Where = Filter | str | list[str] | None
#: estate columns that may be summed or grouped by
_GROUPABLE = frozenset(("renewal_year", "status", "township", "community", "kind", "property_type"))
_SUMMABLE = frozenset(("buildings", "households", "floor_area_m2", "investment_wan"))


class Summaries:
    """Read methods of :class:`~onemap.store.inventory.Inventory` that add up estates."""

    _conn: sqlite3.Connection
    path: Path

    @translated
    def estate_totals(self, where: Where = None) -> tuple[int, float, float, float, float]:
        """Estates matching ``where``: their count and total buildings, households, floor area, investment."""
        flt = as_filter(where)
        row = self._conn.execute(
            "SELECT count(*), total(buildings), total(households), total(floor_area_m2), total(investment_wan) "
            f"FROM estates WHERE {flt.sql}",
            flt.params,
        ).fetchone()
        return int(row[0]), float(row[1]), float(row[2]), float(row[3]), float(row[4])

    @translated
    def estate_groups(self, by: str, where: Where = None, *, total: str | None = None) -> list[tuple[Any, float]]:
        """``(value of by, count)`` for each group of matching estates (``total``: that column's sum instead)."""
        if by not in _GROUPABLE or (total is not None and total not in _SUMMABLE):
            raise ValueError(f"cannot group by {by!r} adding {total!r}")
        flt = as_filter(where)
        value = "count(*)" if total is None else f'total("{total}")'
        rows = self._conn.execute(f'SELECT "{by}", {value} FROM estates WHERE {flt.sql} GROUP BY 1', flt.params)
        return [(row[0], row[1]) for row in rows]

    @translated
    def funding_by_source(self, where: Where = None) -> list[tuple[Any, float]]:
        """``(source, total amount in 万元)`` over the funding rows of matching estates."""
        flt = as_filter(where)
        rows = self._conn.execute(
            "SELECT source, total(amount_wan) FROM funding WHERE estate_code IN "
            f"(SELECT code FROM estates WHERE {flt.sql}) GROUP BY 1",
            flt.params,
        )
        return [(row[0], row[1]) for row in rows]

"""Reads narrowed to a selection of estates, for a briefing of a few hundred out of many thousand.

A briefing's check-up section measures the living-circle coverage of its own estates only,
but :meth:`~onemap.store.facilities.Facilities.estate_points` reads every located estate
(20,000 points parsed to keep 500).  :func:`selected_estate_points` reads only the codes
asked for, the same points in the same (code) order.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from onemap.store.facilities import EstatePoint
from onemap.store.rows import location_of

#: codes per query: well under SQLite's bound-parameter limit
_BATCH = 500


def selected_estate_points(inventory: Any, codes: Iterable[str]) -> list[EstatePoint] | None:
    """The located estates among ``codes``, in code order; None where ``inventory`` is not a
    GeoPackage (a server's store answers :meth:`estate_points` in its own way)."""
    from onemap.store.inventory import Inventory

    if not isinstance(inventory, Inventory):
        return None
    wanted = sorted(set(codes))
    found: list[EstatePoint] = []
    for start in range(0, len(wanted), _BATCH):
        batch = wanted[start : start + _BATCH]
        rows = inventory._conn.execute(
            "SELECT code, name, township, households, geom FROM estates "
            f"WHERE geom IS NOT NULL AND code IN ({', '.join('?' * len(batch))})",
            batch,
        )
        for code, name, township, households, blob in rows:
            location = location_of(blob)
            if location is not None:
                found.append(EstatePoint(code, name, township, households, location))
    found.sort(key=lambda point: point.code)
    return found

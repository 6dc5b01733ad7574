"""What one estate sheet prints, read from the inventory: the estate, its open issues and
what its location map shows around it (neighbouring estates, buildings, admin boundaries).

Neighbours come through the GeoPackage R-trees, so a sheet costs the same in a county of
150 estates as in one of 200,000.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from onemap.model import Estate
from onemap.store.geometry import decode
from onemap.store.inventory import Inventory

#: issue states that count as settled (an issue with any other or no state is open)
CLOSED_STATES = frozenset({"已办结", "办结", "已解决", "解决", "已完成", "完成", "已关闭", "关闭", "已处理",
                           "closed", "done", "resolved"})

LonLatBox = tuple[float, float, float, float]


@dataclass
class Issue:
    """One resident issue (问题) from the ledger."""

    problem: str
    channel: str | None = None
    reported_on: str | None = None
    responsible: str | None = None
    due_on: str | None = None
    state: str | None = None


@dataclass
class Neighbour:
    """Another estate drawn on a sheet's map (outline in EPSG:4490, or only a point)."""

    code: str
    name: str
    status: str | None
    outline: Any = None
    location: tuple[float, float] | None = None


@dataclass
class AdminArea:
    """A county or township outline (EPSG:4490)."""

    name: str
    level: str
    geom: Any


@dataclass
class MapLayers:
    """Everything near an estate that its location map draws."""

    neighbours: list[Neighbour] = field(default_factory=list)
    buildings: list[Any] = field(default_factory=list)
    own_buildings: list[tuple[Any, int | None]] = field(default_factory=list)


def open_issues(inventory: Inventory, code: str) -> list[Issue]:
    """The estate's unsettled resident issues, oldest first ([] for a file without the table)."""
    try:
        rows = inventory.conn.execute(
            "SELECT problem, channel, reported_on, responsible, due_on, state FROM issues "
            "WHERE estate_code = ? ORDER BY reported_on IS NULL, reported_on, fid", (code,)).fetchall()
    except sqlite3.OperationalError:  # a schema-1 file opened read-only has no issues table
        return []
    issues = [Issue(*row) for row in rows]
    return [i for i in issues if (i.state or "").strip().lower() not in CLOSED_STATES]


def admin_areas(inventory: Inventory) -> list[AdminArea]:
    """County and township outlines, county first."""
    rows = inventory.conn.execute("SELECT name, level, geom FROM admin_areas ORDER BY level = 'county' DESC, fid")
    return [AdminArea(name, level, decode(geom)) for name, level, geom in rows if geom is not None]


def map_layers(inventory: Inventory, estate: Estate, box: LonLatBox) -> MapLayers:
    """Neighbouring estates and building footprints within a lon/lat box.

    Parameters
    ----------
    inventory : Inventory
        The open inventory.
    estate : Estate
        The sheet's estate (with its ``building_list``); left out of the neighbours.
    box : tuple of float
        ``(minx, miny, maxx, maxy)`` in EPSG:4490 degrees.
    """
    layers = MapLayers(own_buildings=[(b.footprint, b.floors) for b in estate.building_list
                                      if b.footprint is not None])
    outlined = set()
    areas = _within(inventory, "estate_areas", box, "e.code, e.name, e.status, t.geom",
                    "JOIN estates e ON e.code = t.estate_code")
    for code, name, status, blob in areas:
        if code != estate.code and code not in outlined:
            outlined.add(code)
            layers.neighbours.append(Neighbour(code, name, status, outline=inventory.readable_outline(code, blob)))
    for code, name, status, blob in _within(inventory, "estates", box, "t.code, t.name, t.status, t.geom"):
        if code != estate.code and code not in outlined:
            point = decode(blob)
            if point is not None and not point.is_empty:
                layers.neighbours.append(Neighbour(code, name, status, location=(point.x, point.y)))
    for (blob,) in _within(inventory, "buildings", box, "t.geom", where="t.estate_code != ?", params=(estate.code,)):
        layers.buildings.append(decode(blob))
    return layers


def _within(inventory: Inventory, table: str, box: LonLatBox, columns: str, join: str = "",
            where: str = "1", params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    minx, miny, maxx, maxy = box
    sql = (f"SELECT {columns} FROM {table} t JOIN rtree_{table}_geom r ON t.fid = r.id {join} "
           f"WHERE r.maxx >= ? AND r.minx <= ? AND r.maxy >= ? AND r.miny <= ? AND {where} LIMIT 2000")
    return [tuple(row) for row in inventory.conn.execute(sql, (minx, maxx, miny, maxy, *params))]

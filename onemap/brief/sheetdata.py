"""What one estate sheet prints, read from the inventory: the estate, its open issues, its
sensors and recent alerts, and what its location map shows around it (neighbouring estates,
buildings, admin boundaries).

Neighbours come through the GeoPackage R-trees, so a sheet costs the same in a county of
150 estates as in one of 200,000.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from onemap.model import Estate
from onemap.store.alert_reports import HandledAlert
from onemap.store.geometry import decode
from onemap.store.inventory import Inventory

#: issue states that count as settled (an issue with any other or no state is open)
CLOSED_STATES = frozenset(
    {"已办结", "办结", "已解决", "解决", "已完成", "完成", "已关闭", "关闭", "已处理", "closed", "done", "resolved"}
)

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


@dataclass
class SheetFacts:
    """Everything a sheet lists about its estate (its map reads its own layers)."""

    estate: Estate
    issues: list[Issue]
    alerts: list[HandledAlert] = field(default_factory=list)
    #: sensors by kind, each with its count per status
    sensors: list[tuple[str | None, Counter[str | None]]] = field(default_factory=list)


def sheet_facts(inventory: Inventory, code: str, since: str, until: str) -> SheetFacts:
    """The estate ``code`` with its open issues, its sensors and its alerts going on between
    ``since`` and ``until`` (UTC text)."""
    return SheetFacts(
        inventory.estate(code),
        open_issues(inventory, code),
        inventory.handled_alerts([code], since, until),
        inventory.sensor_statuses(code),
    )


def open_issues(inventory: Inventory, code: str) -> list[Issue]:
    """The estate's unsettled resident issues, oldest first ([] for a file without the table)."""
    issues = [Issue(*row) for row in inventory.open_issue_rows(code)]
    return [i for i in issues if (i.state or "").strip().lower() not in CLOSED_STATES]


def admin_areas(inventory: Inventory) -> list[AdminArea]:
    """County and township outlines, county first."""
    areas = sorted(inventory.admin_areas(), key=lambda area: area.level != "county")  # stable: file order kept
    return [AdminArea(a.name or "", a.level or "", decode(a.geom)) for a in areas if a.geom is not None]


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
    layers = MapLayers(own_buildings=[(b.footprint, b.floors) for b in estate.building_list if b.footprint is not None])
    outlined = set()
    for code, name, status, blob in inventory.outlines_near(box):
        if code != estate.code and code not in outlined:
            outlined.add(code)
            layers.neighbours.append(Neighbour(code, name, status, outline=inventory.readable_outline(code, blob)))
    for code, name, status, blob in inventory.points_near(box):
        if code != estate.code and code not in outlined:
            point = decode(blob)
            if point is not None and not point.is_empty:
                layers.neighbours.append(Neighbour(code, name, status, location=(point.x, point.y)))
    for blob in inventory.buildings_near(box, besides=estate.code):
        layers.buildings.append(decode(blob))
    return layers

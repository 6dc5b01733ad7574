"""Which facility types each estate lacks: the input of the coverage-computed check-up indicators.

This is the one door between the check-up and the living-circle coverage analysis
(``onemap.analysis.coverage.coverage``, built beside this work): when that module is present
:func:`facility_gaps` asks it (walking network or straight line × its detour, as it chose);
until then a stand-in answers from the ``facilities`` layer by straight-line (geodesic)
distance times :data:`DETOUR`.  Either way :attr:`FacilityGaps.method` says which distance
was used, and every roll-up, problem list and score follows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from onemap.geo.geodesy import geodesic_distance_m

#: the detour factor applied to straight-line distance where no walking network is used
DETOUR = 1.3
#: facility type -> the walking distance (m) within which an estate counts as served
#: (GB 50180-2018: these belong to the 5-minute circle, ≈300 m)
SERVED_WITHIN_M: dict[str, float] = {
    "elderly_care": 300.0,
    "childcare": 300.0,
    "kindergarten": 300.0,
    "activity_space": 300.0,
}
#: facility type -> (中文, English) as a problem names it
FACILITY_NAMES: dict[str, tuple[str, str]] = {
    "elderly_care": ("养老服务设施", "elderly-care facility"),
    "childcare": ("婴幼儿照护设施", "infant-care facility"),
    "kindergarten": ("幼儿园", "kindergarten"),
    "activity_space": ("公共活动场地", "public activity space"),
}
#: words a facility's ``kind`` may use for each type (keys, Chinese names)
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "elderly_care": ("elderly_care", "elderly", "老年服务站", "日间照料", "养老", "老年人日间照料中心"),
    "childcare": ("childcare", "nursery", "托儿所", "婴幼儿照护", "托育"),
    "kindergarten": ("kindergarten", "幼儿园"),
    "activity_space": ("activity_space", "公共活动场地", "活动场地", "室外综合健身场地"),
}


class _Points(Protocol):
    def checkup_facility_points(self) -> list[tuple[str, float, float]]: ...
    def checkup_estate_locations(self) -> dict[str, tuple[float, float]]: ...


@dataclass
class FacilityGaps:
    """estate code -> the facility types it lacks, and how distance was measured."""

    missing: dict[str, set[str]] = field(default_factory=dict)
    method: str = "straight"  # or "network"
    detour: float = DETOUR

    def lacks(self, code: str, facility: str) -> bool:
        """Whether the estate lacks this facility type (an unlocated estate lacks all)."""
        return facility in self.missing.get(code, set(SERVED_WITHIN_M))


def _type_of(kind: str) -> str | None:
    return next((t for t, words in KIND_WORDS.items() if kind.strip() in words), None)


#: the check-up's facility type -> the coverage analysis's type key
COVERAGE_KEYS = {"elderly_care": "elderly_care", "childcare": "nursery", "kindergarten": "kindergarten",
                 "activity_space": "activity_space"}  # fmt: skip


def facility_gaps(inventory: _Points, types: tuple[str, ...] = tuple(SERVED_WITHIN_M)) -> FacilityGaps:
    """The facility types each located estate lacks: from the coverage analysis when present."""
    try:
        from onemap.analysis.coverage import coverage  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return straight_gaps(inventory, types)
    found = coverage(inventory, types=[COVERAGE_KEYS[t] for t in types])  # type: ignore[arg-type,unused-ignore]
    gaps = FacilityGaps(method="straight")
    for code, cover in found.items():
        gaps.method, gaps.detour = cover.method, cover.detour or DETOUR
        lacking = set()
        for t in types:
            near = cover.nearest.get(COVERAGE_KEYS[t])
            if near is None or near.distance_m is None or near.distance_m > SERVED_WITHIN_M[t]:
                lacking.add(t)
        gaps.missing[code] = lacking
    return gaps


def straight_gaps(inventory: _Points, types: tuple[str, ...] = tuple(SERVED_WITHIN_M)) -> FacilityGaps:
    """The facility types each located estate lacks within its 5-minute circle.

    Parameters
    ----------
    inventory
        An open :class:`~onemap.store.Inventory` (anything with ``checkup_facility_points`` and
        ``checkup_estate_locations``).
    types
        Facility type keys to test.

    Returns
    -------
    FacilityGaps
        Straight-line distance × :data:`DETOUR` (stand-in for the coverage analysis).
    """
    by_type: dict[str, list[tuple[float, float]]] = {t: [] for t in types}
    for kind, lon, lat in inventory.checkup_facility_points():
        if (t := _type_of(kind)) in by_type:
            by_type[t].append((lon, lat))
    gaps = FacilityGaps()
    for code, (lon, lat) in inventory.checkup_estate_locations().items():
        gaps.missing[code] = {t for t in types if not _served(lon, lat, by_type[t], SERVED_WITHIN_M[t])}
    return gaps


def _served(lon: float, lat: float, points: list[tuple[float, float]], within_m: float) -> bool:
    # a cheap degree box first: 0.01° is over 900 m at any latitude China has
    near = [(x, y) for x, y in points if abs(x - lon) < 0.01 and abs(y - lat) < 0.01]
    return any(geodesic_distance_m(lon, lat, x, y) * DETOUR <= within_m for x, y in near)

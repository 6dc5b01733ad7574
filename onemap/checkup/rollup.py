"""Indicator roll-ups: per estate, then community, township, 片区 and county.

Building indicators count each building once per indicator however many problems it has;
estate indicators count an estate once; quantity indicators take each estate's latest
surveyed value.  Facility indicators are never typed: they come from
:func:`onemap.checkup.facility_inputs.facility_gaps`.  No property management is also read
from the ledger's 管理模式 (无物业).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from onemap.checkup.facility_inputs import FacilityGaps
from onemap.checkup.indicators import IndicatorSet
from onemap.store.checkup import CheckupFinding

#: the levels a roll-up reports, smallest first
LEVELS = ("estate", "community", "township", "district", "county")
NO_MANAGEMENT = "无物业"
_UNSET = "未填"


@dataclass(frozen=True)
class EstatePlace:
    """Where an estate sits in the hierarchy the roll-up climbs."""

    code: str
    name: str
    township: str | None
    community: str | None
    management: str | None = None
    located: bool = True


@dataclass
class Rollup:
    """Figures per level -> group -> indicator code; ``method`` says how facility gaps were measured."""

    version: str
    method: str
    figures: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)

    def of(self, level: str, group: str) -> dict[str, float]:
        """The figures of one group (every indicator, 0 where nothing was found)."""
        return self.figures.get(level, {}).get(group, {})


def estate_figures(
    wording: IndicatorSet, places: Iterable[EstatePlace], findings: Iterable[CheckupFinding], gaps: FacilityGaps
) -> dict[str, dict[str, float]]:
    """estate code -> indicator code -> its figure (buildings, 1/0 or a quantity)."""
    buildings: dict[tuple[str, str], set[int]] = defaultdict(set)
    flagged: set[tuple[str, str]] = set()
    latest: dict[tuple[str, str], tuple[str, int, float]] = {}
    for f in findings:
        if f.version != wording.version or f.indicator not in wording.indicators:
            continue
        level, key = wording.indicators[f.indicator].level, (f.estate_code, f.indicator)
        if level == "building" and f.building_fid is not None:
            buildings[key].add(f.building_fid)
        elif level == "estate":
            flagged.add(key)
        elif level == "quantity" and f.value is not None:
            stamp = (f.surveyed_on or "", f.fid or 0, f.value)
            latest[key] = max(latest.get(key, stamp), stamp)
    out: dict[str, dict[str, float]] = {}
    for place in places:
        row: dict[str, float] = {}
        for code, ind in wording.indicators.items():
            key = (place.code, code)
            if ind.source == "coverage":
                row[code] = float(place.located and gaps.lacks(place.code, ind.facility))
            elif ind.level == "building":
                row[code] = float(len(buildings.get(key, ())))
            elif ind.level == "estate":
                ledger = code == "C11" and place.management == NO_MANAGEMENT
                row[code] = float(key in flagged or ledger)
            else:
                row[code] = latest[key][2] if key in latest else 0.0
        out[place.code] = row
    return out


def roll_up(
    wording: IndicatorSet,
    places: Iterable[EstatePlace],
    findings: Iterable[CheckupFinding],
    gaps: FacilityGaps,
    districts: Mapping[str, str] | None = None,
) -> Rollup:
    """Every level's figures; ``districts`` maps estate code -> 片区 name (estates outside one are left out)."""
    places = list(places)
    per_estate = estate_figures(wording, places, findings, gaps)
    rollup = Rollup(wording.version, gaps.method, {level: {} for level in LEVELS})
    for place in places:
        row = per_estate[place.code]
        township = place.township or _UNSET
        groups = {
            "estate": place.code,
            "community": f"{township}/{place.community or _UNSET}",
            "township": township,
            "county": "county",
        }
        if districts and place.code in districts:
            groups["district"] = districts[place.code]
        for level, group in groups.items():
            total = rollup.figures[level].setdefault(group, dict.fromkeys(wording.indicators, 0.0))
            for code, value in row.items():
                total[code] += value
    return rollup

"""What the check-up roll-ups, the problem list and the score read from an open inventory."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from onemap.checkup.districts import DistrictEstate
from onemap.checkup.facility_inputs import SERVED_WITHIN_M, FacilityGaps, facility_gaps
from onemap.checkup.indicators import CURRENT_VERSION, IndicatorSet, indicator_set
from onemap.checkup.plan import PlanEstate
from onemap.checkup.rollup import NO_MANAGEMENT, EstatePlace
from onemap.checkup.scoring import EstateFacts, score
from onemap.checkup.weights import default_weights
from onemap.store.checkup import CheckupFinding

if TYPE_CHECKING:
    from onemap.store import Inventory

#: funding sources that are pledges beyond government money (the co-funding criterion)
PLEDGED_SOURCES = ("residents", "social", "utilities", "former_owner")
_PLACE_COLUMNS = ["code", "name", "township", "community", "management", "built_year", "households", "buildings"]


@dataclass
class CheckupData:
    """Everything read once from the inventory for one wording version."""

    wording: IndicatorSet
    places: list[EstatePlace]
    findings: list[CheckupFinding]
    gaps: FacilityGaps
    rows: dict[str, tuple[object, ...]]
    building_names: dict[int, str]


def read_checkup(inventory: Inventory, version: str = CURRENT_VERSION) -> CheckupData:
    """Read estates, findings and facility gaps (facility gaps from :func:`facility_gaps`)."""
    located = inventory.checkup_estate_locations()
    rows = {str(r[0]): r for r in inventory.estate_columns(_PLACE_COLUMNS)}
    places = [
        EstatePlace(code, str(r[1] or ""), _text(r[2]), _text(r[3]), _text(r[4]), code in located)
        for code, r in rows.items()
    ]
    found = inventory.checkup_findings()
    names = building_names(inventory, found)
    return CheckupData(indicator_set(version), places, found, facility_gaps(inventory), rows, names)


def building_names(inventory: Inventory, findings: list[CheckupFinding]) -> dict[int, str]:
    """fid -> name of the buildings the findings name, as the whole ``building_keys`` gives them.

    Only the buildings of the estates with such findings are read (a county's 150,000 names
    as tuple keys were 45 MB and 0.4 s for the 1,300 a survey names); should one of those
    buildings belong to another estate, every building is read, as before.
    """
    fids = {f.building_fid for f in findings if f.building_fid is not None}
    if not fids:
        return {}
    codes = {f.estate_code for f in findings if f.building_fid is not None}
    try:
        keys = inventory.building_keys(codes)
    except TypeError:  # a reader without the narrowing (the server's): every building
        keys = inventory.building_keys()
    names = {fid: name for (_code, name), fid in keys.items() if fid in fids}
    if len(names) < len(fids):
        names = {fid: name for (_code, name), fid in inventory.building_keys().items() if fid in fids}
    return names


def _text(value: object) -> str | None:
    return None if value is None or str(value).strip() == "" else str(value)


def hazard_buildings(data: CheckupData) -> dict[str, int]:
    """estate code -> buildings with at least one safety hazard, each counted once."""
    hazards = {c for c, i in data.wording.indicators.items() if i.hazard}
    found: dict[str, set[int]] = defaultdict(set)
    for f in data.findings:
        if f.version == data.wording.version and f.indicator in hazards and f.building_fid is not None:
            found[f.estate_code].add(f.building_fid)
    return {code: len(fids) for code, fids in found.items()}


def estate_facts(inventory: Inventory, data: CheckupData) -> list[EstateFacts]:
    """The score's inputs for every estate."""
    ready, points = inventory.readiness(), inventory.checkup_estate_locations()
    by_estate = getattr(inventory, "funding_by_estate_as", None)  # the server's reader has the dicts only
    if by_estate is not None:
        funding = by_estate(_funding_sums)
    else:
        funding = {code: _funding_sums(money) for code, money in inventory.funding_by_estate().items()}
    unfunded = _funding_sums({})
    hazards = hazard_buildings(data)
    surveyed_c11 = {f.estate_code for f in data.findings if f.indicator == "C11"}
    facts = []
    for place in data.places:
        row, consent = data.rows[place.code], ready.get(place.code)
        pledged_wan, funding_wan = funding.get(place.code, unfunded)
        missing = len(data.gaps.missing.get(place.code, set())) if place.located else 0
        facts.append(
            EstateFacts(
                code=place.code,
                name=place.name,
                township=place.township or "",
                built_year=_int(row[5]),
                households=_int(row[6]),
                buildings=_int(row[7]),
                no_management=place.management == NO_MANAGEMENT or place.code in surveyed_c11,
                hazard_buildings=hazards.get(place.code, 0),
                missing_facilities=missing,
                facility_types=len(SERVED_WITHIN_M),
                owners_consent_pct=consent.owners_consent_pct if consent else None,
                area_consent_pct=consent.area_consent_pct if consent else None,
                demolition=bool(consent and consent.demolition),
                pledged_wan=pledged_wan,
                funding_wan=funding_wan,
                location=points.get(place.code),
            )  # fmt: skip
        )
    return facts


def _funding_sums(money: dict[str, float]) -> tuple[float, float]:
    """万元 pledged beyond government money, and in all, from one estate's source -> 万元."""
    return sum(money.get(s, 0.0) for s in PLEDGED_SOURCES), sum(money.values())


def _int(value: object) -> int | None:
    try:
        return None if value is None or value == "" else int(float(str(value)))
    except ValueError:
        return None


def plan_estates(inventory: Inventory) -> dict[str, PlanEstate]:
    """What the annual plan reads of every estate (status, own estimate, area, households)."""
    columns = ["code", "name", "township", "status", "investment_wan", "floor_area_m2", "households"]
    return {
        str(r[0]): PlanEstate(
            str(r[0]), str(r[1] or ""), str(r[2] or ""), str(r[3] or ""), _float(r[4]), _float(r[5]), _int(r[6])
        )
        for r in inventory.estate_columns(columns)
    }


def _float(value: object) -> float | None:
    try:
        return None if value is None or value == "" else float(str(value))
    except ValueError:
        return None


def district_estates(inventory: Inventory, year: int) -> list[DistrictEstate]:
    """The eligible estates (default gates), best-scored first, as the 片区 grouping sees them."""
    data = read_checkup(inventory)
    facts = estate_facts(inventory, data)
    by_code = {f.code: f for f in facts}
    communities = {p.code: p.community or "" for p in data.places}
    ranked = score(facts, default_weights(), year)
    return [
        DistrictEstate(
            s.code,
            by_code[s.code].township,
            communities[s.code],
            by_code[s.code].households or 0,
            by_code[s.code].location,
            frozenset(data.gaps.missing.get(s.code, set())),
        )  # fmt: skip
        for s in ranked
        if s.eligible
    ]


def scores_by_code(inventory: Inventory, year: int | None = None) -> dict[str, tuple[float, bool]]:
    """Every estate's score under the default weights and whether it passes the gates (the map's colouring)."""
    from datetime import date

    facts = estate_facts(inventory, read_checkup(inventory))
    return {s.code: (s.score, s.eligible) for s in score(facts, default_weights(), year or date.today().year)}

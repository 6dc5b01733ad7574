"""The demo's check-up survey and residents' consent, the same for a seed.

About two in five of Mian's older estates have been surveyed (spring 2025): buildings with
gas, stairwell, structure, envelope or pipe problems, some needing age-friendly or digital
work, and estate-level gaps (parking, chargers, waste sorting).  Four in five estates have a
consent survey (owners' and area share); a few are slated for demolition.  Surveyors are
clearly demo people (调查员甲…).
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from onemap.checkup.indicators import CURRENT_VERSION, IndicatorSet, indicator_set
from onemap.store.checkup import CheckupFinding, Readiness

if TYPE_CHECKING:
    from onemap.store import Inventory

SURVEYORS = ("调查员甲", "调查员乙", "调查员丙")
#: pick-list group -> chance a surveyed old building has one of its problems
BUILDING_ODDS = {"gas": 0.35, "stairwell": 0.3, "pipes": 0.25, "envelope": 0.2, "ageing": 0.25, "structure": 0.05}
#: at most this many estates get a survey (the 220,000-estate demo stays quick to make)
MAX_SURVEYED = 400


def add_demo_checkup(inventory: Inventory, seed: int, county_code: str) -> int:
    """Write the demo's findings and consent for the county's estates (inside the caller's transaction)."""
    rng = random.Random(f"checkup-{seed}")
    wording = indicator_set(CURRENT_VERSION)
    rows = [r for r in inventory.estate_columns(["code", "built_year"]) if str(r[0]).startswith(county_code)]
    rows = rows[: MAX_SURVEYED * 2]
    buildings: dict[str, list[int]] = {}
    # only these estates' buildings: a national demo's 1.7 million others are never looked at
    for (code, _name), fid in sorted(inventory.building_keys([str(code) for code, _built in rows]).items()):
        buildings.setdefault(code, []).append(fid)
    findings: list[CheckupFinding] = []
    ready: list[Readiness] = []
    for code, built in rows:  # inside make_demo's transaction
        if rng.random() < 0.8:
            owners = round(rng.uniform(40, 98), 1)
            area = round(min(100.0, max(0.0, owners + rng.uniform(-6, 6))), 1)
            ready.append(Readiness(code, owners, area, "2025-02-15", rng.random() < 0.03))
        if (built or 2010) <= 2000 and rng.random() < 0.4 and len(findings) < MAX_SURVEYED * 8:
            findings += _estate_findings(rng, wording, code, buildings.get(code, []))
    return inventory.bulk_checkup(findings, ready, f"演示城市体检（种子 {seed}）")


def _estate_findings(rng: random.Random, wording: IndicatorSet, code: str, fids: list[int]) -> list[CheckupFinding]:
    who, day = rng.choice(SURVEYORS), f"2025-0{rng.randint(3, 5)}-{rng.randint(1, 28):02d}"
    by_group: dict[str, list[str]] = {}
    for key, problem in wording.problems.items():
        by_group.setdefault(problem.group, []).append(key)
    out = []
    for fid in fids:
        for group, odds in BUILDING_ODDS.items():
            if rng.random() < odds:
                key = rng.choice(by_group[group])
                indicator = wording.indicator_of(key)
                if indicator is not None:
                    out.append(
                        CheckupFinding(code, indicator.code, wording.version, fid, key, surveyor=who, surveyed_on=day)
                    )
    if rng.random() < 0.6:
        out.append(_estate(code, "C05", "parking.shortage", float(rng.randint(10, 80)), who, day))
    if rng.random() < 0.5:
        out.append(_estate(code, "C07", "charging.no_ebike", None, who, day))
    if rng.random() < 0.3:
        out.append(_estate(code, "C10", "waste.no_sorting", None, who, day))
    return out


def _estate(code: str, indicator: str, problem: str, value: float | None, who: str, day: str) -> CheckupFinding:
    return CheckupFinding(code, indicator, CURRENT_VERSION, None, problem, value, None, None, who, day)

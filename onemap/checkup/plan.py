"""The annual plan: next year's estates by rank within a budget (万元), each in or out with a reason.

Cost is the estate's own estimate (``investment_wan``) where it has one, else its floor area
× a cost per m², else its households × a cost per household; the plan says which was used.
Estates already under way (designing and beyond) are not candidates.  A township minimum
takes each township's best candidates first (if the budget allows), then the rest by rank.
With ``districts`` (estate code -> 片区) and ``whole_districts``, a 片区 enters whole or not
at all: its turn comes with its best-ranked member, it costs the sum of its open members, and
one ineligible member keeps the whole 片区 out (members already under way do not count).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from onemap.checkup.scoring import EstateScore

#: statuses from which an estate can still be put on next year's list
OPEN_STATUSES = frozenset({"", "planned"})
PER_HOUSEHOLD_WAN = 3.0
PER_M2_WAN = 0.035


@dataclass(frozen=True)
class PlanEstate:
    """What the plan reads of an estate beside its score."""

    code: str
    name: str = ""
    township: str = ""
    status: str = ""
    investment_wan: float | None = None
    floor_area_m2: float | None = None
    households: int | None = None


@dataclass(frozen=True)
class Costing:
    """How the cost of an estate was estimated."""

    per_household_wan: float = PER_HOUSEHOLD_WAN
    per_m2_wan: float = PER_M2_WAN

    def cost(self, estate: PlanEstate) -> tuple[float, str]:
        """(万元, basis) of one estate."""
        if estate.investment_wan:
            return round(estate.investment_wan, 2), "estimate"
        if estate.floor_area_m2:
            return round(estate.floor_area_m2 * self.per_m2_wan, 2), "per_m2"
        return round((estate.households or 0) * self.per_household_wan, 2), "per_household"


BASIS = {
    "estimate": ("已有估算", "own estimate"),
    "per_m2": ("按面积估算", "per m²"),
    "per_household": ("按户数估算", "per household"),
}


@dataclass
class PlanLine:
    """One estate in the plan: in or out, why, and its cost."""

    score: EstateScore
    estate: PlanEstate
    cost_wan: float
    basis: str
    chosen: bool = False
    reason: tuple[str, str] = ("", "")


@dataclass
class AnnualPlan:
    """The plan: budget, total, every line in rank order."""

    year: int
    budget_wan: float
    lines: list[PlanLine] = field(default_factory=list)

    @property
    def total_wan(self) -> float:
        """The cost of the chosen estates."""
        return round(sum(line.cost_wan for line in self.lines if line.chosen), 2)

    def as_record(self, lang: str = "zh") -> dict[str, object]:
        """The ``plan --json`` object."""
        pick = 0 if lang == "zh" else 1
        return {
            "year": self.year,
            "budget_wan": self.budget_wan,
            "total_wan": self.total_wan,
            "chosen": [line.estate.code for line in self.lines if line.chosen],
            "left_out": [
                {"estate": line.estate.code, "reason": line.reason[pick]} for line in self.lines if not line.chosen
            ],
        }


def make_plan(
    scores: Sequence[EstateScore],
    estates: Mapping[str, PlanEstate],
    budget_wan: float,
    year: int,
    costing: Costing = Costing(),
    township_min: int = 0,
    districts: Mapping[str, str] | None = None,
    whole_districts: bool = False,
) -> AnnualPlan:
    """Choose by rank within ``budget_wan``; every estate left out gets its reason."""
    plan = AnnualPlan(year, budget_wan)
    for s in scores:
        cost, basis = costing.cost(estates[s.code])
        plan.lines.append(PlanLine(s, estates[s.code], cost, basis))
    open_lines = [line for line in plan.lines if _candidate(line)]
    units = _units(plan.lines, open_lines, districts or {}) if whole_districts else [[line] for line in open_lines]
    left = budget_wan
    if township_min > 0:
        by_township: dict[str, list[list[PlanLine]]] = defaultdict(list)
        for unit in units:
            by_township[unit[0].estate.township].append(unit)
        for township_units in by_township.values():
            for unit in township_units[:township_min]:
                left = _take(unit, left, ("入选（镇街保底）", "chosen (township minimum)"))
    for unit in units:
        if not unit[0].chosen:
            left = _take(unit, left, ("按名次入选", "chosen by rank"))
    return plan


def _units(lines: list[PlanLine], open_lines: list[PlanLine], districts: Mapping[str, str]) -> list[list[PlanLine]]:
    """Open lines grouped by 片区 in the rank of each 片区's best member; blocked 片区 are left out."""
    members: dict[str, list[PlanLine]] = defaultdict(list)
    for line in lines:
        if line.estate.code in districts:
            members[districts[line.estate.code]].append(line)
    units: dict[str, list[PlanLine]] = {}
    for line in open_lines:
        name = districts.get(line.estate.code)
        key = f"片区:{name}" if name else f"小区:{line.estate.code}"
        units.setdefault(key, []).append(line)
    out = []
    for key, unit in units.items():
        name = key[3:] if key.startswith("片区:") else None
        blocker = next((m for m in members.get(name or "", []) if not m.score.eligible), None)
        if blocker is None:
            out.append(unit)
            continue
        for line in unit:
            line.reason = (
                f"片区“{name}”中 {blocker.estate.code} 不符合条件，片区整体未入选",
                f"片区 {name}: {blocker.estate.code} is not eligible, so the 片区 stays out whole",
            )
    return out


def _candidate(line: PlanLine) -> bool:
    if not line.score.eligible:
        line.reason = ("；".join(zh for zh, _en in line.score.reasons), "; ".join(en for _zh, en in line.score.reasons))
        return False
    if (line.estate.status or "") not in OPEN_STATUSES:
        line.reason = ("已在改造中或已完成", "already under way or done")
        return False
    return True


def _take(unit: list[PlanLine], left: float, why: tuple[str, str]) -> float:
    cost = round(sum(line.cost_wan for line in unit), 2)
    whole = ("（片区整体）", " (whole 片区)") if len(unit) > 1 else ("", "")
    if cost <= left + 1e-9:
        for line in unit:
            line.chosen, line.reason = True, (why[0] + whole[0], why[1] + whole[1])
        return left - cost
    for line in unit:
        line.reason = (
            f"预算不足：{'片区整体' if whole[0] else ''}需 {cost:g} 万元，余 {left:.2f} 万元",
            f"over budget: {'the whole 片区 ' if whole[0] else ''}needs {cost:g} 万元, {left:.2f} left",
        )
    return left

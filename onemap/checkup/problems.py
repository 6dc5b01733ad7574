"""The problem list (问题清单): every surveyed problem and every facility gap, one line each.

Each line can become a renovation item of its estate (一区一策) carrying the renovation
category of its pick-list group (安全类 for gas, 完善类 for parking, …).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from onemap.checkup.facility_inputs import FACILITY_NAMES, SERVED_WITHIN_M, FacilityGaps
from onemap.checkup.indicators import IndicatorSet
from onemap.checkup.rollup import EstatePlace
from onemap.model import RenovationItem
from onemap.store.checkup import CheckupFinding

#: the renovation category of a facility gap (community services are 提升类)
GAP_CATEGORY = "enhancement"
#: an indicator with no pick-list group: its category by dimension
_DEFAULT_CATEGORY = {"housing": "basic", "estate": "improvement"}


@dataclass(frozen=True)
class ProblemLine:
    """One line of the problem list."""

    estate_code: str
    estate_name: str
    township: str
    community: str
    building: str
    indicator: str
    indicator_name: str
    problem: str
    category: str
    value: float | None
    surveyor: str
    surveyed_on: str
    photo: str
    note: str

    @property
    def item_text(self) -> str:
        """The wording of the renovation item this problem becomes."""
        where = f"（{self.building}）" if self.building else ""
        return f"{self.problem or self.indicator_name}{where}"


def problem_lines(
    wording: IndicatorSet,
    places: Iterable[EstatePlace],
    findings: Iterable[CheckupFinding],
    gaps: FacilityGaps,
    building_names: Mapping[int, str],
) -> list[ProblemLine]:
    """The problem list of one wording version, by township, community, estate and indicator."""
    by_code = {p.code: p for p in places}
    lines = [
        _surveyed(wording, by_code[f.estate_code], f, building_names) for f in findings if _counts(wording, f, by_code)
    ]
    for place in by_code.values():
        for ind in wording.indicators.values():
            if ind.source == "coverage" and place.located and gaps.lacks(place.code, ind.facility):
                lines.append(_gap_line(place, ind.code, ind.name, ind.facility, gaps))
    return sorted(lines, key=lambda p: (p.township, p.community, p.estate_code, p.indicator, p.building))


def _gap_line(place: EstatePlace, code: str, name: str, facility: str, gaps: FacilityGaps) -> ProblemLine:
    how = gaps.method_text()
    within = SERVED_WITHIN_M.get(facility, 300.0)
    problem = f"步行 {within:g} 米内无{FACILITY_NAMES.get(facility, (facility,))[0]}"
    return _line(place, "", code, name, problem, GAP_CATEGORY, None, note=f"生活圈分析：{how}")


def _counts(wording: IndicatorSet, finding: CheckupFinding, places: Mapping[str, EstatePlace]) -> bool:
    return (
        finding.version == wording.version and finding.indicator in wording.indicators and finding.estate_code in places
    )


def _surveyed(wording: IndicatorSet, place: EstatePlace, f: CheckupFinding, names: Mapping[int, str]) -> ProblemLine:
    ind = wording.indicators[f.indicator]
    problem = wording.problems.get(f.problem or "")
    category = problem.category if problem else _category_of(wording, ind.problems, ind.dimension)
    building = "" if f.building_fid is None else names.get(f.building_fid, f"#{f.building_fid}")
    text = problem.name if problem else ""
    return _line(
        place, building, ind.code, ind.name, text, category, f.value, f.surveyor, f.surveyed_on, f.photo, f.note
    )


def _category_of(wording: IndicatorSet, groups: tuple[str, ...], dimension: str) -> str:
    for key, problem in wording.problems.items():
        if key.split(".", 1)[0] in groups:
            return problem.category
    return _DEFAULT_CATEGORY.get(dimension, "basic")


def _line(
    place: EstatePlace,
    building: str,
    code: str,
    name: str,
    problem: str,
    category: str,
    value: float | None,
    surveyor: str | None = None,
    surveyed_on: str | None = None,
    photo: str | None = None,
    note: str | None = None,
) -> ProblemLine:
    return ProblemLine(
        place.code, place.name, place.township or "", place.community or "", building, code, name, problem,
        category, value, surveyor or "", surveyed_on or "", photo or "", note or "",
    )  # fmt: skip


def renovation_items(lines: Iterable[ProblemLine], existing: Iterable[RenovationItem] = ()) -> list[RenovationItem]:
    """The renovation items these problems become, leaving out any the estates already have."""
    have = {(i.estate_code, i.category, i.item) for i in existing}
    out: list[RenovationItem] = []
    for line in lines:
        item = RenovationItem(line.estate_code, line.category, line.item_text)
        key = (item.estate_code, item.category, item.item)
        if key not in have:
            have.add(key)
            out.append(item)
    return out

"""What a 片区 sheet prints, read once per briefing: members, outlines, gaps and check-up figures.

A 片区 enters the packet when at least one of its members is in the selection; its sheet then
lists every member (a 片区 is renovated as a whole), so its figures are read for the whole
inventory, not only the selection.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import shapely

from onemap.checkup.gather import CheckupData
from onemap.checkup.rollup import roll_up
from onemap.model import Estate
from onemap.store.where import Filter
from onemap.view.order import estate_order


@dataclass
class District:
    """One 片区 with its member estates (township, then name order) and their outlines (EPSG:4490)."""

    name: str
    members: list[Estate]
    outlines: dict[str, Any] = field(default_factory=dict)

    @property
    def townships(self) -> list[str]:
        """The townships of its members (one, as the grouping guarantees, unless edited by hand)."""
        return sorted({e.township for e in self.members if e.township})

    @property
    def communities(self) -> list[str]:
        """The communities its members belong to."""
        return sorted({e.community for e in self.members if e.community})


def full_checkup(ctx: Any) -> CheckupData:
    """The whole inventory's check-up, read once per briefing (the 片区 sheets and the scores share it)."""
    if "checkup_all" not in ctx.extras:
        from onemap.checkup.gather import read_checkup

        read = ctx.checkup  # the packet's check-up section may have read it already: reused when whole
        whole = read is not None and len(read.places) == ctx.inventory.estate_count()
        ctx.extras["checkup_all"] = read if whole else read_checkup(ctx.inventory)
    data: CheckupData = ctx.extras["checkup_all"]
    return data


def districts_of(ctx: Any, selected: Sequence[Estate]) -> list[District]:
    """The 片区 with at least one member in ``selected``, by township then name (cached per briefing)."""
    if "districts" not in ctx.extras:
        ctx.extras["districts"] = _read(ctx.inventory, {e.code for e in selected})
    found: list[District] = ctx.extras["districts"]
    return found


def _read(inventory: Any, codes: set[str]) -> list[District]:
    members = inventory.district_map()
    wanted = sorted({name for code, name in members.items() if code in codes})
    if not wanted:
        return []
    in_wanted = sorted(code for code, name in members.items() if name in set(wanted))
    estates: dict[str, Estate] = {}
    for start in range(0, len(in_wanted), 500):
        chunk = in_wanted[start : start + 500]
        flt = Filter("code IN (" + ", ".join("?" * len(chunk)) + ")", list(chunk))
        estates.update((e.code, e) for e in inventory.estates(flt))
    shapes: dict[str, list[Any]] = defaultdict(list)
    for code, blob in inventory.outline_rows_of(in_wanted):
        geom = inventory.readable_outline(code, blob)
        if geom is not None and not geom.is_empty:
            shapes[code].append(geom)
    found = []
    for name in wanted:
        group = sorted((estates[c] for c, n in members.items() if n == name and c in estates), key=estate_order)
        outlines = {c: shapely.union_all(shapes[c]) for c in (e.code for e in group) if shapes.get(c)}
        found.append(District(name, group, outlines))
    return sorted(found, key=lambda d: ((d.townships or [""])[0], _natural(d.name)))


def _natural(name: str) -> list[object]:
    """第2片区 before 第10片区."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def gap_lines(data: CheckupData, district: District) -> list[tuple[str, list[str]]]:
    """Each facility type lacking somewhere in the 片区: its name and the members lacking it."""
    from onemap.checkup.facility_inputs import FACILITY_NAMES

    lines = []
    for key, (zh, _en) in FACILITY_NAMES.items():
        lacking = [e.name for e in district.members if key in data.gaps.missing.get(e.code, {key})]
        if lacking:
            lines.append((zh, lacking))
    return lines


def problem_figures(data: CheckupData, district: District) -> list[tuple[str, str, str, float]]:
    """(code, indicator, unit, figure) of every check-up indicator found in the 片区's members."""
    codes = {e.code for e in district.members}
    places = [p for p in data.places if p.code in codes]
    findings = [f for f in data.findings if f.estate_code in codes]
    figures = roll_up(data.wording, places, findings, data.gaps).of("county", "county")
    return [(c, i.name, i.unit, figures[c]) for c, i in data.wording.indicators.items() if figures.get(c)]

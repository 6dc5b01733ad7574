"""The national statistical survey's figures (全国城镇老旧小区改造统计调查) as Excel, from the inventory.

The sheets and their column order come from a versioned template (``stats_2025_2.toml`` by
default; ``stats_2025.toml``, the first 2025 mapping, is kept as shipped and chosen by its
version name), so next year's form is a new file, not new code.  A year's estates are those whose ``renewal_year`` is
that year; "started" means 在建 or beyond, "finished" 完工 or beyond.  The 改造效果 figures
(pipelines km, lifts, parking spaces, chargers, facilities added: the estates' 改造成效 columns,
schema 9) add up what the estates reported: a group where no estate reported a figure prints it
blank, never as zero, and the 说明 sheet says how many estates reported.  A source the inventory
does not hold (an older file, a template naming a column nobody keeps) prints blank and is listed
on the 说明 sheet for the clerk to fill by hand.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from onemap.checkup.problems_xlsx import fill_sheet
from onemap.model import OUTPUT_FIELDS, STATUSES

DEFAULT_TEMPLATE = "stats_2025_2.toml"
#: shipped mappings by version name (``--template 2025`` reproduces an export made with the first one)
SHIPPED = {"2025": "stats_2025.toml", "2025.2": "stats_2025_2.toml"}
STARTED = frozenset({"under_construction", "completed", "accepted", "handed_over"})
FINISHED = frozenset({"completed", "accepted", "handed_over"})
COUNTY = "合计"


@dataclass(frozen=True)
class StatsSheet:
    """One block of the form: its name, level and ``(heading, source)`` columns in order."""

    name: str
    level: str
    columns: tuple[tuple[str, str], ...]


def load_template(path: Path | None = None) -> tuple[str, list[StatsSheet]]:
    """``(version, sheets)`` of a template file, or of a shipped one named by its version (default: 2025.2)."""
    shipped = DEFAULT_TEMPLATE if path is None else SHIPPED.get(str(path))
    if path is not None and (shipped is None or Path(path).is_file()):
        text = Path(path).read_text("utf-8")
    else:
        text = resources.files(__package__).joinpath(shipped or DEFAULT_TEMPLATE).read_text("utf-8")
    data = tomllib.loads(text)
    sheets = [
        StatsSheet(str(s["name"]), str(s.get("level", "township")), tuple((str(h), str(k)) for h, k in s["columns"]))
        for s in data["sheets"]
    ]
    return str(data["version"]), sheets


def _num(row: Mapping[str, Any], key: str) -> float:
    value = row.get(key)
    return float(value) if isinstance(value, int | float) else 0.0


def _reported_sum(rows: Sequence[Mapping[str, Any]], key: str) -> float | None:
    """The sum of what the estates reported; None (blank) when none of them reported it."""
    values = [r[key] for r in rows if isinstance(r.get(key), int | float)]
    return round(sum(values), 2) if values else None


def _output_figures(rows: Sequence[Mapping[str, Any]]) -> dict[str, float | None]:
    """The 改造效果 figures of the columns the rows carry (a file before schema 9 carries none)."""
    known = set().union(*(r.keys() for r in rows)) if rows else set(OUTPUT_FIELDS)
    return {k: _reported_sum(rows, k) for k in OUTPUT_FIELDS if k in known}


def _township_figures(rows: Sequence[Mapping[str, Any]]) -> dict[str, float | None]:
    started = [r for r in rows if r.get("status") in STARTED]
    finished = [r for r in rows if r.get("status") in FINISHED]
    return {
        "planned_estates": len(rows),
        "planned_buildings": sum(_num(r, "buildings") for r in rows),
        "planned_households": sum(_num(r, "households") for r in rows),
        "planned_area_10k_m2": round(sum(_num(r, "floor_area_m2") for r in rows) / 10_000, 2),
        "planned_investment_wan": round(sum(_num(r, "investment_wan") for r in rows), 2),
        "started_estates": len(started),
        "start_rate_pct": round(100 * len(started) / len(rows), 1) if rows else 0.0,
        "started_households": sum(_num(r, "households") for r in started),
        "finished_estates": len(finished),
        "finished_investment_wan": round(sum(_num(r, "investment_wan") for r in finished), 2),
        **_output_figures(rows),
    }


_ESTATE_VALUES: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "status": lambda r: STATUSES.get(str(r.get("status") or ""), ("",))[0],
}


def survey_rows(sheet: StatsSheet, estates: Sequence[Mapping[str, Any]]) -> tuple[list[list[Any]], set[str]]:
    """The rows of one sheet for the year's estates, and the sources the inventory lacks."""
    missing: set[str] = set()
    if sheet.level == "estate":
        known = set(estates[0]) if estates else set()
        out = []
        for r in estates:
            out.append([_ESTATE_VALUES.get(k, lambda r, k=k: r.get(k))(r) for _h, k in sheet.columns])
        missing = {k for _h, k in sheet.columns if estates and k not in known}
        return out, missing
    towns: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for r in estates:
        towns[str(r.get("township") or "（未填镇街）")].append(r)
    groups = [*sorted(towns.items()), (COUNTY, list(estates))]
    rows = []
    for area, members in groups:
        figures: dict[str, Any] = {"area": area, **_township_figures(members)}
        rows.append([figures.get(k) for _h, k in sheet.columns])
        missing |= {k for _h, k in sheet.columns if k not in figures}
    return rows, missing


def save_survey(estates: Sequence[Mapping[str, Any]], year: int, path: Path, template: Path | None = None) -> set[str]:
    """Write every sheet of the template for ``year``'s estates; returns the headings left blank."""
    import openpyxl

    version, sheets = load_template(template)
    book = openpyxl.Workbook()
    book.remove(book.active)
    blank: list[tuple[str, str]] = []
    for sheet in sheets:
        rows, missing = survey_rows(sheet, estates)
        fill_sheet(book.create_sheet(sheet.name), [h for h, _k in sheet.columns], rows)
        blank += [(sheet.name, h) for h, k in sheet.columns if k in missing]
    notes = book.create_sheet("说明")
    fill_sheet(notes, ["表", "栏目", "说明"], [(s, h, "清单中暂无此项数据，请手工填写") for s, h in blank])
    notes.append([f"模板 {version}，{year} 年度改造小区（改造年度 = {year}），共 {len(estates)} 个"])
    notes.append([reported_note(estates)])
    book.save(path)
    return {h for _s, h in blank}


def reported_note(estates: Sequence[Mapping[str, Any]]) -> str:
    """How many of the year's estates reported their 改造成效 (the 改造效果 sheet adds up only theirs)."""
    reported = sum(1 for r in estates if any(isinstance(r.get(k), int | float) for k in OUTPUT_FIELDS))
    return (
        f"改造效果情况：{len(estates)} 个小区中 {reported} 个填报了改造成效（台账「改造成效」各栏），"
        "表中为其合计；各镇街均未填报的栏目留空，不计为 0"
    )

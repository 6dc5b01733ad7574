"""The check-up indicator sets and field problem pick-lists, read from ``indicators_<version>.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: the wording in force when no version is named
CURRENT_VERSION = "2024"


@dataclass(frozen=True)
class Indicator:
    """One check-up indicator: a stable ``code`` in one wording ``version``."""

    code: str
    version: str
    dimension: str  # "housing" 住房 or "estate" 小区（社区）
    level: str  # "building" (栋, counted once), "estate" (个) or "quantity" (summed value)
    unit: str
    name: str
    name_en: str
    source: str = "survey"  # or "coverage": computed from the living circles, never typed
    facility: str = ""  # the facility type whose coverage decides a "coverage" indicator
    hazard: bool = False
    problems: tuple[str, ...] = ()

    def label(self, lang: str = "zh") -> str:
        """The wording in one language."""
        return self.name if lang == "zh" else self.name_en


@dataclass(frozen=True)
class Problem:
    """One pick-list entry a surveyor ticks (``gas.no_alarm``), in its group."""

    key: str
    group: str
    name: str
    name_en: str
    category: str  # the renovation category it carries into the estate's plan

    def label(self, lang: str = "zh") -> str:
        """The wording in one language."""
        return self.name if lang == "zh" else self.name_en


@dataclass(frozen=True)
class IndicatorSet:
    """All indicators and pick-lists of one wording version."""

    version: str
    title: str
    title_en: str
    indicators: dict[str, Indicator]
    problems: dict[str, Problem]
    groups: dict[str, tuple[str, str]]  # group key -> (中文, English)

    def indicator_of(self, problem_key: str) -> Indicator | None:
        """The first indicator whose pick-lists hold this problem's group."""
        group = problem_key.split(".", 1)[0]
        return next((i for i in self.indicators.values() if group in i.problems), None)


def available_versions() -> list[str]:
    """Every wording version shipped with this OneMap, oldest first."""
    names = (p.name for p in resources.files(__package__).iterdir())
    return sorted(n[len("indicators_") : -len(".toml")] for n in names if n.startswith("indicators_"))


@cache
def indicator_set(version: str = CURRENT_VERSION) -> IndicatorSet:
    """The indicator set of one wording version.

    Raises
    ------
    KeyError
        For a version this OneMap does not ship.
    """
    if version not in available_versions():
        raise KeyError(version)
    text = resources.files(__package__).joinpath(f"indicators_{version}.toml").read_text("utf-8")
    data = tomllib.loads(text)
    indicators = {
        d["code"]: Indicator(version=version, **{**d, "problems": tuple(d.get("problems", ()))})
        for d in data["indicator"]
    }
    problems: dict[str, Problem] = {}
    groups: dict[str, tuple[str, str]] = {}
    for group, entry in data["problems"].items():
        groups[group] = (entry["name"], entry["name_en"])
        for key, name, name_en in entry["items"]:
            problems[key] = Problem(key, group, name, name_en, entry["category"])
    return IndicatorSet(version, data["title"], data["title_en"], indicators, problems, groups)

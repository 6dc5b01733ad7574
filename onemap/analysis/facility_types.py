"""Service facility types and living-circle distances, read from ``db/facility_types.toml``.

The list is data (a bureau edits it): each type has a stable ``key`` (stored in
``facilities.kind``), a checklist ``code``, its Chinese and English names, the living circle
the standard asks it to lie within, whether the complete-community checklist counts it, and
the aliases an import sheet may use for it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from onemap.paths import data_path

#: the living circles, smallest first (keys of :attr:`FacilityConfig.circles`)
CIRCLES = ("5min", "10min", "15min")


@dataclass(frozen=True)
class FacilityType:
    """One facility type: ``key`` (stored), ``code``, ``zh``/``en`` names, required ``circle``."""

    key: str
    code: str
    zh: str
    en: str
    circle: str
    checklist: bool
    aliases: tuple[str, ...] = ()

    def name(self, lang: str = "zh") -> str:
        """The type's name in ``lang`` (``zh`` or ``en``)."""
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True, eq=False)  # hashed by identity: the alias index is cached per config
class FacilityConfig:
    """The type list with the circle distances (metres) and the detour factor of straight lines."""

    version: str
    types: tuple[FacilityType, ...]
    circles: dict[str, float] = field(default_factory=dict)
    detour_factor: float = 1.3

    def by_key(self) -> dict[str, FacilityType]:
        """Types by their stored key."""
        return {t.key: t for t in self.types}

    def required_m(self, key: str) -> float:
        """The walking distance within which type ``key`` counts as provided."""
        return self.circles[self.by_key()[key].circle]

    def checklist(self) -> tuple[str, ...]:
        """Keys of the types the complete-community checklist asks for."""
        return tuple(t.key for t in self.types if t.checklist)

    def type_of(self, text: str | None) -> FacilityType | None:
        """The type an import sheet's wording names (key, code, name or alias), or None."""
        return _alias_index(self).get(_folded(text or ""))


def _folded(text: str) -> str:
    return re.sub(r"[\s_\-/／、]+", "", text).casefold()


@cache
def _alias_index(config: FacilityConfig) -> dict[str, FacilityType]:
    index: dict[str, FacilityType] = {}
    for kind in config.types:
        for word in (*kind.aliases, kind.key, kind.code, kind.zh, kind.en):
            index.setdefault(_folded(word), kind)
    return index


def load_config(path: Path | None = None) -> FacilityConfig:
    """Read a facility type list (default: the one shipped in ``db/facility_types.toml``).

    Parameters
    ----------
    path : Path, optional
        A TOML file of the same shape (``version``, ``detour_factor``, ``[circles]``, ``[[type]]``).

    Returns
    -------
    FacilityConfig
    """
    data = tomllib.loads((path or data_path("db", "facility_types.toml")).read_text("utf-8"))
    types = tuple(
        FacilityType(
            key=t["key"],
            code=t["code"],
            zh=t["zh"],
            en=t["en"],
            circle=t["circle"],
            checklist=bool(t.get("checklist", False)),
            aliases=tuple(t.get("aliases", ())),
        )
        for t in data["type"]
    )
    circles = {k: float(data["circles"][k]) for k in CIRCLES}
    return FacilityConfig(str(data["version"]), types, circles, float(data.get("detour_factor", 1.3)))


@cache
def default_config() -> FacilityConfig:
    """The shipped type list, read once."""
    return load_config()

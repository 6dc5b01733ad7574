"""Scoring weights: a versioned TOML file (the default one ships as ``weights_2025.toml``)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

#: every criterion a weight file may name, in the order parts are shown
CRITERIA = ("safety", "facilities", "age", "no_management", "consent", "cofunding", "households", "synergy")
DEFAULT_FILE = "weights_2025.toml"


class WeightsError(Exception):
    """A weight file that cannot be used, with a sentence in both languages."""

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_zh)
        self.message_zh = message_zh
        self.message_en = message_en


@dataclass(frozen=True)
class Weights:
    """Gates, weights and measures of one scoring version."""

    version: str
    weights: dict[str, float]
    built_before: int = 2000
    consent_pct: float = 50.0
    exclude_demolition: bool = True
    age_full_years: float = 40.0
    households_full: float = 500.0
    synergy_within_m: float = 500.0
    synergy_full: float = 4.0
    title: str = ""
    source: str = field(default="", compare=False)


def default_weights() -> Weights:
    """The weights shipped with OneMap."""
    text = resources.files(__package__).joinpath(DEFAULT_FILE).read_text("utf-8")
    return parse_weights(text, DEFAULT_FILE)


def load_weights(path: Path) -> Weights:
    """Read a weight file.

    Raises
    ------
    WeightsError
        For a missing or malformed file, an unknown criterion or a negative weight.
    """
    try:
        text = path.read_text("utf-8")
    except OSError:
        raise WeightsError(f"读不到权重文件：{path.name}", f"Cannot read the weight file {path.name}") from None
    return parse_weights(text, path.name)


def parse_weights(text: str, name: str) -> Weights:
    """Weights from the text of a TOML file called ``name``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise WeightsError(
            f"权重文件 {name} 格式有误：{error}", f"The weight file {name} is not valid TOML: {error}"
        ) from None
    raw = data.get("weights", {})
    unknown = sorted(set(raw) - set(CRITERIA))
    if unknown:
        raise WeightsError(
            f"权重文件 {name} 中有未知的评分项：{'、'.join(unknown)}（可用：{'、'.join(CRITERIA)}）",
            f"The weight file {name} names unknown criteria: {', '.join(unknown)} (known: {', '.join(CRITERIA)})",
        )
    bad = [k for k, v in raw.items() if not isinstance(v, int | float) or v < 0]
    if bad:
        raise WeightsError(
            f"权重文件 {name} 中的权重应为非负数：{'、'.join(bad)}", f"Weights must be numbers ≥ 0: {', '.join(bad)}"
        )
    gates, measures = data.get("gates", {}), data.get("measures", {})
    return Weights(
        version=str(data.get("version", name)),
        weights={k: float(raw.get(k, 0.0)) for k in CRITERIA},
        built_before=int(gates.get("built_before", 2000)),
        consent_pct=float(gates.get("consent_pct", 50.0)),
        exclude_demolition=bool(gates.get("exclude_demolition", True)),
        age_full_years=float(measures.get("age_full_years", 40)),
        households_full=float(measures.get("households_full", 500)),
        synergy_within_m=float(measures.get("synergy_within_m", 500.0)),
        synergy_full=float(measures.get("synergy_full", 4)),
        title=str(data.get("title", "")),
        source=name,
    )

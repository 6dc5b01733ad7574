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
    if not isinstance(raw, dict):
        raw = {}
    unknown = sorted(set(raw) - set(CRITERIA))
    if unknown:
        raise WeightsError(
            f"权重文件 {name} 中有未知的评分项：{'、'.join(unknown)}（可用：{'、'.join(CRITERIA)}）",
            f"The weight file {name} names unknown criteria: {', '.join(unknown)} (known: {', '.join(CRITERIA)})",
        )
    bad = [k for k, v in raw.items() if not isinstance(v, int | float) or v < 0]
    if bad:
        raise WeightsError(
            f"权重文件 {name} 中的权重应为非负数：{'、'.join(bad)}",
            f"The weight file {name}: weights must be numbers ≥ 0: {', '.join(bad)}",
        )
    if not any(v > 0 for v in raw.values()):  # every estate would score 0: the ranking would mean nothing
        raise WeightsError(
            f"权重文件 {name} 中没有大于 0 的权重：请在 [weights] 下写出评分项及其权重，如 safety = 30。",
            f"The weight file {name} gives no weight above 0: list criteria under [weights], e.g. safety = 30.",
        )
    gates, measures = _table(data, "gates", name), _table(data, "measures", name)
    return Weights(
        version=str(data.get("version", name)),
        weights={k: float(raw.get(k, 0.0)) for k in CRITERIA},
        built_before=int(_number(gates, "gates.built_before", 2000, name, 1900, 2100)),
        consent_pct=_number(gates, "gates.consent_pct", 50.0, name, 0, 100),
        exclude_demolition=bool(gates.get("exclude_demolition", True)),
        age_full_years=_number(measures, "measures.age_full_years", 40, name, 1e-9),
        households_full=_number(measures, "measures.households_full", 500, name, 1e-9),
        synergy_within_m=_number(measures, "measures.synergy_within_m", 500.0, name, 0),
        synergy_full=_number(measures, "measures.synergy_full", 4, name, 1e-9),
        title=str(data.get("title", "")),
        source=name,
    )


def _table(data: dict[str, object], key: str, name: str) -> dict[str, object]:
    found = data.get(key, {})
    if not isinstance(found, dict):
        raise WeightsError(
            f"权重文件 {name} 中的 {key} 应为一个表（[{key}]）。", f"In {name}, {key} must be a table ([{key}])."
        )
    return found


def _number(table: dict[str, object], dotted: str, default: float, name: str, low: float, high: float = 1e12) -> float:
    """A gate or measure: a number within ``[low, high]``, else one sentence naming it."""
    value = table.get(dotted.split(".")[1], default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        if high < 1e12:
            shown, shown_en = f" {low:g} 到 {high:g} 之间的数", f"a number from {low:g} to {high:g}"
        else:
            shown, shown_en = ("大于 0 的数", "a number above 0") if low > 0 else ("不小于 0 的数", "a number ≥ 0")
        raise WeightsError(
            f"权重文件 {name} 中的 {dotted} 应为{shown}（写的是 {value!r}）。",
            f"In the weight file {name}, {dotted} must be {shown_en} (it is {value!r}).",
        )
    return float(value)

"""Map scale: the 1:N figure, a scale bar of a round length, distances in Chinese (or English) units."""

from __future__ import annotations

import math
from dataclasses import dataclass

METRES_PER_INCH = 0.0254

#: unit words: (Chinese, English)
_UNITS: dict[str, tuple[str, str]] = {
    "m": ("米", "m"),
    "km": ("公里", "km"),
    "m2": ("平方米", "m²"),
    "ha": ("公顷", "ha"),
    "km2": ("平方公里", "km²"),
}


def unit(key: str, lang: str = "zh") -> str:
    """A unit's word: 米 / m, 公里 / km, 平方米 / m², 公顷 / ha, 平方公里 / km²."""
    zh, en = _UNITS[key]
    return zh if lang == "zh" else en


@dataclass(frozen=True)
class ScaleBar:
    """A scale bar: its ground length, its length on screen and its label (e.g. 500 米)."""

    length_m: float
    length_px: float
    label: str


def format_distance(metres: float, lang: str = "zh") -> str:
    """A distance as officials write it: 850 米, 1.25 公里, 12.3 公里, 150 公里 (English: 850 m, 1.25 km)."""
    m, km_word = unit("m", lang), unit("km", lang)
    if metres < 1000:
        return f"{metres:.0f} {m}" if metres >= 10 else f"{metres:.1f} {m}"
    km = metres / 1000
    if km < 10:
        return f"{km:.2f} {km_word}"
    return f"{km:.1f} {km_word}" if km < 100 else f"{km:.0f} {km_word}"


def format_area(square_metres: float, lang: str = "zh") -> str:
    """An area: 850 平方米, 1.25 公顷, 12.3 平方公里 (English: 850 m², 1.25 ha, 12.30 km²)."""
    if square_metres < 10_000:
        return f"{square_metres:.0f} {unit('m2', lang)}"
    if square_metres < 1_000_000:
        return f"{square_metres / 10_000:.2f} {unit('ha', lang)}"
    return f"{square_metres / 1_000_000:.2f} {unit('km2', lang)}"


def scale_bar(ground_m_per_px: float, max_px: float = 120.0, lang: str = "zh") -> ScaleBar:
    """The longest 1-2-5 round length that fits in ``max_px`` pixels.

    Parameters
    ----------
    ground_m_per_px : float
        Ground metres per screen pixel at the place the bar describes.
    max_px : float
        The most screen space the bar may take.
    lang : str
        ``"zh"`` (500 米, 2 公里) or ``"en"`` (500 m, 2 km) for the label.
    """
    if ground_m_per_px <= 0 or not math.isfinite(ground_m_per_px):
        return ScaleBar(0.0, 0.0, "")
    length = nice_length(ground_m_per_px * max_px)
    return ScaleBar(length, length / ground_m_per_px, length_label(length, lang))


#: the round lengths a scale bar takes, times a power of ten: the screen's 1-2-5 and print's 1-2-2.5-5
SCREEN_STEPS = (1.0, 2.0, 5.0)
PRINT_STEPS = (1.0, 2.0, 2.5, 5.0)


def nice_length(metres: float, steps: tuple[float, ...] = SCREEN_STEPS) -> float:
    """The largest of ``steps`` times a power of ten not above ``metres``: a scale bar's length."""
    power = 10.0 ** math.floor(math.log10(max(metres, 1e-9)))
    return float(max(step * power for step in steps if step * power <= metres))


def length_label(metres: float, lang: str = "zh") -> str:
    """A scale bar's round length: ``500 米``, ``2.5 公里`` (English ``500 m``, ``2.5 km``)."""
    if metres >= 1000:
        return f"{metres / 1000:g} {unit('km', lang)}"
    return f"{metres:g} {unit('m', lang)}"


def scale_denominator(ground_m_per_px: float, dpi: float = 96.0) -> float:
    """N of the map scale 1:N for a screen of ``dpi`` dots per inch."""
    return ground_m_per_px / (METRES_PER_INCH / dpi)


def format_scale(denominator: float) -> str:
    """``1:25,000`` style, rounded to 2 significant figures (screen scales are approximate)."""
    if denominator <= 0 or not math.isfinite(denominator):
        return ""
    return f"1:{round_denominator(denominator):,}"


def round_denominator(denominator: float) -> int:
    """A scale's N rounded to 2 significant figures, as maps print it (1:4,100, 1:52,000)."""
    digits = 10 ** max(math.floor(math.log10(denominator)) - 1, 0)
    return int(round(denominator / digits) * digits) or int(denominator)

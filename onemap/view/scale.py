"""Map scale: the 1:N figure, a scale bar of a round length, distances in Chinese units."""

from __future__ import annotations

import math
from dataclasses import dataclass

METRES_PER_INCH = 0.0254


@dataclass(frozen=True)
class ScaleBar:
    """A scale bar: its ground length, its length on screen and its label (e.g. 500 米)."""

    length_m: float
    length_px: float
    label: str


def format_distance(metres: float) -> str:
    """A distance as officials write it: 850 米, 1.25 公里, 12.3 公里, 150 公里."""
    if metres < 1000:
        return f"{metres:.0f} 米" if metres >= 10 else f"{metres:.1f} 米"
    km = metres / 1000
    if km < 10:
        return f"{km:.2f} 公里"
    return f"{km:.1f} 公里" if km < 100 else f"{km:.0f} 公里"


def format_area(square_metres: float) -> str:
    """An area: 850 平方米, 1.25 公顷, 12.3 平方公里."""
    if square_metres < 10_000:
        return f"{square_metres:.0f} 平方米"
    if square_metres < 1_000_000:
        return f"{square_metres / 10_000:.2f} 公顷"
    return f"{square_metres / 1_000_000:.2f} 平方公里"


def scale_bar(ground_m_per_px: float, max_px: float = 120.0) -> ScaleBar:
    """The longest 1-2-5 round length that fits in ``max_px`` pixels.

    Parameters
    ----------
    ground_m_per_px : float
        Ground metres per screen pixel at the place the bar describes.
    max_px : float
        The most screen space the bar may take.
    """
    if ground_m_per_px <= 0 or not math.isfinite(ground_m_per_px):
        return ScaleBar(0.0, 0.0, "")
    limit = ground_m_per_px * max_px
    exponent = math.floor(math.log10(limit))
    length = max(step * 10**exponent for step in (1, 2, 5) if step * 10**exponent <= limit)
    label = f"{length / 1000:g} 公里" if length >= 1000 else f"{length:g} 米"
    return ScaleBar(length, length / ground_m_per_px, label)


def scale_denominator(ground_m_per_px: float, dpi: float = 96.0) -> float:
    """N of the map scale 1:N for a screen of ``dpi`` dots per inch."""
    return ground_m_per_px / (METRES_PER_INCH / dpi)


def format_scale(denominator: float) -> str:
    """``1:25,000`` style, rounded to 2 significant figures (screen scales are approximate)."""
    if denominator <= 0 or not math.isfinite(denominator):
        return ""
    digits = 10 ** max(math.floor(math.log10(denominator)) - 1, 0)
    return f"1:{round(denominator / digits) * digits:,.0f}"

"""Colour ramps and category colours that survive colour blindness and greyscale printing.

Sequential classes (renovation stages, years) use viridis- and cividis-like ramps, whose
lightness rises monotonically, so their order reads in greyscale and for every common
colour-vision deficiency; categories use the Okabe-Ito palette.
"""

from __future__ import annotations

#: viridis sampled at 9 evenly spaced points (matplotlib's values)
VIRIDIS = ("#440154", "#472c7a", "#3b518b", "#2c718e", "#21908d", "#27ad81", "#5cc863", "#aadc32", "#fde725")
#: cividis (Nuñez et al. 2018) at 5 evenly spaced points
CIVIDIS = ("#00204d", "#414d6b", "#7c7b78", "#bcaf6f", "#ffea46")
#: Okabe & Ito (2008), colour-universal design
OKABE_ITO = {
    "black": "#000000",
    "orange": "#e69f00",
    "sky_blue": "#56b4e9",
    "bluish_green": "#009e73",
    "yellow": "#f0e442",
    "blue": "#0072b2",
    "vermillion": "#d55e00",
    "reddish_purple": "#cc79a7",
}
#: for blanks (未填): a neutral grey, always paired with its own marker shape
BLANK_GREY = "#9a9a9a"


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    """``"#rrggbb"`` as an ``(r, g, b)`` tuple of 0–255 integers."""
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def rgb_to_hex(rgb: tuple[float, float, float]) -> str:
    """An ``(r, g, b)`` of 0–255 numbers as ``"#rrggbb"``."""
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def ramp(stops: tuple[str, ...], n: int, lo: float = 0.0, hi: float = 1.0) -> list[str]:
    """``n`` colours evenly spaced between fractions ``lo`` and ``hi`` of a ramp.

    Parameters
    ----------
    stops : tuple of str
        The ramp's colours at evenly spaced fractions 0..1.
    n : int
        How many colours; one colour sits at the middle of ``lo..hi``.
    lo, hi : float
        The part of the ramp to use (e.g. 0.0–0.92 keeps viridis' palest yellow for
        nothing, since markers sit on a pale basemap).
    """
    if n <= 0:
        return []
    fractions = [(lo + hi) / 2] if n == 1 else [lo + (hi - lo) * i / (n - 1) for i in range(n)]
    return [_at(stops, f) for f in fractions]


def _at(stops: tuple[str, ...], fraction: float) -> str:
    position = min(max(fraction, 0.0), 1.0) * (len(stops) - 1)
    i = min(int(position), len(stops) - 2)
    t = position - i
    a, b = hex_to_rgb(stops[i]), hex_to_rgb(stops[i + 1])
    return rgb_to_hex(tuple(x + (y - x) * t for x, y in zip(a, b, strict=True)))  # type: ignore[arg-type]


def relative_luminance(color: str) -> float:
    """WCAG relative luminance (0 black … 1 white), i.e. what a greyscale printer keeps."""

    def linear(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in hex_to_rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def lightness(color: str) -> float:
    """CIE L* (0–100) of a colour: perceived lightness, the only thing greyscale keeps."""
    y = relative_luminance(color)
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27

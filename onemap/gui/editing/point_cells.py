"""A child row's position as one table cell: ``106.6701, 33.1502`` (经度, 纬度, CGCS2000 degrees).

What the user types is kept as typed until it reads as two numbers, so the form's check
(:func:`onemap.validation.validate_sensor`) can name what is wrong with it: a text that is
not a pair is held as ``(text, "")``, which the check reports as 不是（经度, 纬度）.
"""

from __future__ import annotations

import re
from typing import Any

_PAIR = re.compile(r"^\s*\(?\s*(-?\d+(?:\.\d+)?)\s*[,，\s]\s*(-?\d+(?:\.\d+)?)\s*\)?\s*$")


def point_text(value: Any) -> str:
    """``(lon, lat)`` as the cell shows it; blank for None; a held text as it was typed."""
    if value is None:
        return ""
    lon, lat = value
    if isinstance(lon, str):
        return lon
    return f"{float(lon):.6f}, {float(lat):.6f}"


def read_point(text: str) -> Any:
    """The cell's text as ``(lon, lat)``, None for blank, ``(text, "")`` when it is not a pair."""
    if not text.strip():
        return None
    match = _PAIR.match(text)
    if match is None:
        return (text.strip(), "")
    return (float(match.group(1)), float(match.group(2)))

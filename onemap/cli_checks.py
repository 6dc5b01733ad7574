"""Flags of ``onemap import`` checked before anything is read: ``--crs`` and ``--county``.

A ledger cell naming its coordinate system is read generously (高德坐标系（GCJ-02）), but a
flag is typed on purpose, so ``wgs48`` or ``EPSG:99999`` is refused rather than read as
something else; a county code must be six digits and, where the seed data knows every
county, a real one.
"""

from __future__ import annotations

import re

from onemap.cli_text import say
from onemap.io.cells_base import fold
from onemap.io.coords_crs import _AUTO, _NAMES, _NOISE, crs_from_text

_COUNTY = re.compile(r"^[0-9]{6}$")


def crs_problem(text: str, lang: str = "zh") -> str | None:
    """Why ``--crs text`` is refused, or None when OneMap knows the system exactly."""
    cell = crs_from_text(text)
    if cell.reason_zh:
        reason = cell.reason_zh if lang == "zh" else cell.reason_en
        return say(lang, "bad_crs", text=text, reason=reason)
    key = _NOISE.sub("", fold(str(text)).lower())
    if isinstance(cell.value, str) and key not in _NAMES and key not in _AUTO:
        # a known word inside a longer text (wgs48 holds "wgs"): fine in a ledger cell, not in a flag
        return say(lang, "bad_crs", text=text, reason=say(lang, "crs_guess", guess=cell.value))
    return None


def county_problem(code: str | None, lang: str = "zh") -> str | None:
    """Why ``--county code`` is refused, or None (also for no code at all)."""
    if code is None:
        return None
    if not _COUNTY.match(code):
        return say(lang, "bad_county_digits", code=code)
    from onemap.geo.boundaries import MIAN_CODE, county_name

    seed_knows_counties = county_name(MIAN_CODE) is not None  # the seed list ships every county
    if seed_knows_counties and county_name(code) is None:
        return say(lang, "unknown_county", code=code)
    return None

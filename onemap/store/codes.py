"""Estate codes: the county's admin code and a four-digit sequence (6107250001)."""

from __future__ import annotations


def free_code(county: str | None, taken: set[str]) -> str:
    """The first code no estate has, counting up from the number of estates."""
    prefix = county or "000000"
    number = len(taken) + 1
    while f"{prefix}{number:04d}" in taken:
        number += 1
    return f"{prefix}{number:04d}"

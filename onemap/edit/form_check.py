"""What the estate form shows next to each field, and whether Save may go ahead.

The form's widgets hold text; :func:`field_value` turns it into what the file stores
(blank -> ``None``, ``"120"`` -> ``120``) and leaves anything unreadable as typed, so
:mod:`onemap.validation` can say what is wrong with it in the clerk's own words.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from onemap.model import Estate
from onemap.validation import Problem, validate_estate

#: numeric fields of estates and child rows -> the type they are stored as
NUMBER_FIELDS: dict[str, type] = {
    "built_year": int,
    "buildings": int,
    "households": int,
    "renewal_year": int,
    "floor_area_m2": float,
    "progress_pct": float,
    "investment_wan": float,
    "floors": int,
    "channel": int,
    "height_m": float,
    "amount_wan": float,
    "low_lel": float,
    "high_lel": float,
    "pipelines_km": float,
    "lifts_added": int,
    "parking_added": int,
    "chargers_added": int,
    "elderly_facilities_added": int,
    "childcare_facilities_added": int,
    "service_facilities_added": int,
}
_BLANK = frozenset({"", "无", "未填", "—", "-", "/"})


def field_value(name: str, value: Any) -> Any:
    """A form entry as the file stores it: blank -> None, number text -> int/float, else unchanged."""
    if isinstance(value, str):
        value = value.strip()
        if value in _BLANK:
            return None
    kind = NUMBER_FIELDS.get(name)
    if kind is None or value is None or isinstance(value, bool):
        return value
    try:
        number = float(value)
    except (TypeError, ValueError):
        return value
    if not math.isfinite(number):
        return value
    if kind is int:
        return int(number) if number.is_integer() else value
    return number


def coerced(item: Any) -> Any:
    """A copy of an Estate or child row with every field passed through :func:`field_value`."""
    changes = {
        f.name: field_value(f.name, getattr(item, f.name))
        for f in fields(item)
        if not isinstance(getattr(item, f.name), list)
    }
    return replace(item, **changes)


@dataclass(frozen=True)
class FormCheck:
    """The problems of one form, addressed to fields (``households``, ``contacts[0].phone``)."""

    problems: tuple[Problem, ...]

    @property
    def errors(self) -> list[Problem]:
        """Problems that keep Save disabled."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Problems shown but not blocking."""
        return [p for p in self.problems if p.severity != "error"]

    @property
    def can_save(self) -> bool:
        """True when nothing is an error."""
        return not self.errors

    def by_field(self) -> dict[str, list[Problem]]:
        """Field -> its problems, in form order."""
        grouped: dict[str, list[Problem]] = defaultdict(list)
        for problem in self.problems:
            grouped[problem.field].append(problem)
        return dict(grouped)

    def message_for(self, field: str, lang: str = "zh") -> str:
        """The text to show beside one field (one line per problem; empty when fine)."""
        return "\n".join(p.message(lang) for p in self.problems if p.field == field)


def check_form(estate: Estate, *, today: date | None = None) -> FormCheck:
    """Check what the form holds (text or values) with the ledger rules.

    Parameters
    ----------
    estate : Estate
        The edited copy; fields may still hold the text typed into the form.
    today : date, optional
        What "this year" means for year checks.

    Returns
    -------
    FormCheck
        Problems per field; ``can_save`` is False while any is an error.
    """
    return FormCheck(tuple(validate_estate(coerced_estate(estate), today=today)))


def coerced_estate(estate: Estate) -> Estate:
    """The estate and all its child rows with form text turned into stored values."""
    from onemap.store.rows import CHILD_LISTS

    result: Estate = coerced(estate)
    result.categories = list(estate.categories)
    for attr in CHILD_LISTS.values():
        setattr(result, attr, [coerced(item) for item in getattr(estate, attr)])
    return result

"""A click on a statistics bar as a ``--where`` condition, so the map can filter by it."""

from __future__ import annotations

import re

from onemap.analysis.statistics import Dimension, Key
from onemap.model import BLANK_ZH, STATUSES

#: values the where language could misread: its ``and`` / ``且`` joins and quote marks
_UNSAFE = re.compile(r"\s(?:and|AND|且)\s|[\"'“”]|^\s|\s$")
_COLUMNS: dict[str, str] = {"renewal_year": "renewal_year", "status": "status", "township": "township"}


def where_for_bar(dimension: Dimension, key: Key) -> str | None:
    """The ``--where`` condition selecting the estates of one bar.

    Parameters
    ----------
    dimension : {"renewal_year", "status", "township", "funding_source"}
        Which chart was clicked.
    key : str, int or None
        The bar's :attr:`~onemap.analysis.statistics.Bar.key` (None for the 未填 bar).

    Returns
    -------
    str or None
        For example ``renewal_year=2024``, ``status=under_construction`` or
        ``township=未填``; None when the bar cannot be a filter: funding sources live in
        another table, which ``--where`` does not reach, and a value the language could
        misread (one holding `` and `` or quote marks) is not guessed at.
    """
    column = _COLUMNS.get(dimension)
    if column is None:
        return None
    if key is None or key == "":
        return f"{column}={BLANK_ZH}"
    if dimension == "status" and key not in STATUSES:
        return None
    text = str(key)
    if _UNSAFE.search(text):
        return None
    return f"{column}={text}"


def narrowed(where: list[str] | str | None, dimension: Dimension, key: Key) -> list[str] | None:
    """The current filter with a clicked bar's condition added (None when the bar cannot filter)."""
    condition = where_for_bar(dimension, key)
    if condition is None:
        return None
    current = [where] if isinstance(where, str) else list(where or [])
    return [w for w in current if w.strip()] + [condition]

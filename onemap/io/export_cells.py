"""Cells that spreadsheets read as text, never as formulas (OWASP's CSV-injection advice).

A ledger cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a line break is
run as a formula by Excel and WPS when a CSV or workbook is opened (``=HYPERLINK(…)``
becomes a live link).  Every tabular writer (CSV and XLSX exports, the import report
workbook) passes its text through :func:`neutralise`, which puts an apostrophe in front;
readers pass cells through :func:`restore`, which takes it off again, so an export
imported back keeps the text exactly.  Numbers — and text that is just a number, such as
``-5`` — are left alone: a spreadsheet reading them as numbers is what the clerk expects.

The mapping is one-to-one: text that already begins with apostrophes followed by one of
those characters gets one more, so ``restore(neutralise(t)) == t`` for every text.
"""

from __future__ import annotations

import re
from typing import Any

#: first characters a spreadsheet takes as the start of a formula (OWASP), and LF: an XLSX
#: file stores a CR as LF, and the guard must come off a cell that began with either
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _guarded(text: str) -> bool:
    """Text that would start a formula, or that already carries our apostrophe(s)."""
    rest = text.lstrip("'")
    return bool(rest) and rest[0] in FORMULA_STARTS and not (rest == text and _NUMBER.fullmatch(text))


def neutralise(value: Any) -> Any:
    """The value as a spreadsheet cell that can never run: risky text gets a leading ``'``.

    Parameters
    ----------
    value
        Any cell value; only ``str`` is ever changed.

    Returns
    -------
    Any
        ``"'=1+1"`` for ``"=1+1"``; numbers, ``None`` and ordinary text unchanged.
    """
    if isinstance(value, str) and _guarded(value):
        return "'" + value
    return value


def restore(value: Any) -> Any:
    """Undo :func:`neutralise` on a cell read back from a CSV or workbook."""
    if isinstance(value, str) and value.startswith("'") and _guarded(value):
        return value[1:]
    return value

"""Ledger cells read fast: the common plain forms short-cut, repeated cells read once.

A 420,000-row ledger holds a few dozen distinct statuses, townships and years, and its
unique cells (names, counts, coordinates, phones) are nearly always typed plainly:
``测试小区12``, ``1,234``, ``106.6712345``, ``138-1234-5678``.  :class:`CellReader` reads
such a plain cell without the full parser's folding and patterns, and remembers every
other cell it read, so each distinct value is parsed once per import.  The short cuts
only accept text for which the full parser is known to give exactly the same
:class:`~onemap.io.cells_base.Cell` (``tests/core/test_io_cells_fast.py`` holds them to
that); anything else goes to the parser itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from onemap.io import cells
from onemap.io.cells_base import Cell, blank, ok
from onemap.io.coords_text import parse_coordinate

Parser = Callable[[Any], Cell[Any]]

#: remembered cells per import; past this the memory is cleared (unique cells are not worth keeping)
MEMO_LIMIT = 50_000

# no whitespace, control, zero-width or soft-hyphen character: parse_text would change nothing
_PLAIN_TEXT = re.compile(r"[^\s\x00-\x1f\x7f\u200b-\u200f\u2060\ufeff\u00ad]+")
# characters NFKC folds to '#', with which every Excel error value starts
_HASHES = re.compile("[#\uff03\ufe5f]")
# ASCII digits only: \d alone would also take full-width and other digits the parsers fold first
_PLAIN_QUANTITY = re.compile(r"(?:\d{1,3}(?:,\d{3}){1,4}|\d{1,15})(?:\.\d+)?", re.ASCII)
_PLAIN_COORDINATE = re.compile(r"-?\d{1,12}(?:\.\d+)?", re.ASCII)
_PLAIN_MOBILE = re.compile(r"1[3-9]\d(-?)\d{4}\1\d{4}", re.ASCII)


def plain_text_value(raw: object) -> str | None:
    """The text :func:`cells.parse_text` reads from a cell that needs no tidying (either ``join``), else ``None``."""
    if type(raw) is not str or not _PLAIN_TEXT.fullmatch(raw) or _HASHES.search(raw) or blank(raw):
        return None
    return raw


def plain_quantity_value(raw: object) -> float | None:
    """The number :func:`cells.parse_float` reads from ``1234``, ``1,234`` or ``12.5`` as text, else ``None``."""
    if type(raw) is not str or not _PLAIN_QUANTITY.fullmatch(raw):
        return None
    return float(raw.replace(",", ""))


def plain_count_value(raw: object) -> int | None:
    """The number :func:`cells.parse_int` reads from a whole plain quantity, else ``None``."""
    value = plain_quantity_value(raw)
    return int(value) if value is not None and value.is_integer() else None


def plain_phone_value(raw: object) -> str | None:
    """The number :func:`cells.parse_phone` reads from ``13812345678`` or ``138-1234-5678``, else ``None``."""
    if type(raw) is not str or not _PLAIN_MOBILE.fullmatch(raw):
        return None
    return raw.replace("-", "")


def plain_text(raw: object) -> Cell[str] | None:
    """:func:`cells.parse_text` of a cell that needs no tidying, else ``None``."""
    value = plain_text_value(raw)
    return None if value is None else ok(value, value)


def plain_quantity(raw: object) -> Cell[float] | None:
    """:func:`cells.parse_float` of a plain quantity, else ``None``."""
    value = plain_quantity_value(raw)
    return None if value is None else ok(value, str(raw))


def plain_count(raw: object) -> Cell[int] | None:
    """:func:`cells.parse_int` of a whole plain quantity, else ``None``."""
    value = plain_count_value(raw)
    return None if value is None else Cell(value, str(raw))


def plain_phone(raw: object) -> Cell[str] | None:
    """:func:`cells.parse_phone` of a plain mobile number, else ``None``."""
    value = plain_phone_value(raw)
    return None if value is None else ok(value, str(raw))


def coordinate(raw: object) -> float | None:
    """The number :func:`~onemap.io.coords_text.parse_coordinate` reads (``None``: unreadable or blank)."""
    if type(raw) is str and _PLAIN_COORDINATE.fullmatch(raw):
        return float(raw)
    return parse_coordinate(raw).value


#: parser -> the value of a plain cell (``None``: not plain), for callers that need no Cell
PLAIN_VALUES: dict[Any, Callable[[object], Any]] = {
    cells.parse_text: plain_text_value,
    cells.parse_float: plain_quantity_value,
    cells.parse_int: plain_count_value,
    cells.parse_phone: plain_phone_value,
}
#: parser -> its short cut for plain cells
SHORT_CUTS: dict[Any, Callable[[object], Cell[Any] | None]] = {
    cells.parse_text: plain_text,
    cells.parse_float: plain_quantity,
    cells.parse_int: plain_count,
    cells.parse_phone: plain_phone,
}


class CellReader:
    """Reads cells for one import: plain cells by short cut, every other distinct cell once.

    ``read(parser, raw)`` is ``parser(raw)``; parsers are pure (given the day: the year
    bounds move with it), so a remembered cell is the cell the parser would give again.
    """

    def __init__(self) -> None:
        self._memo: dict[tuple[Any, ...], Cell[Any]] = {}
        #: header -> that column's distinct cells as drafted (:func:`onemap.io.ledger_rows._value`)
        self.columns: dict[str, dict[tuple[type, Any], tuple[Any, Any, bool]]] = {}

    def read(self, parser: Parser, raw: object, short_cut: Parser | None = None) -> Cell[Any]:
        """``parser(raw)``, with ``short_cut`` (default: the parser's own) tried first."""
        key = (parser, type(raw), raw)
        try:
            found = self._memo.get(key)
        except TypeError:  # an unhashable cell value: read it as it is
            return parser(raw)
        if found is not None:
            return found
        fast = (short_cut or SHORT_CUTS.get(parser, _none))(raw)
        if fast is not None:
            return fast  # plain cells are cheap to read again and mostly unique: not remembered
        if len(self._memo) >= MEMO_LIMIT:
            self._memo.clear()
        cell = self._memo[key] = parser(raw)
        return cell


def _none(_raw: object) -> None:
    return None

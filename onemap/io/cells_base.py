"""What every ledger cell parser shares: the :class:`Cell` result, blanks, text folding.

A parser takes one raw cell value exactly as openpyxl or the csv module hands it over
(``str``, ``int``, ``float``, ``datetime``, ``date``, ``None`` ... anything) and returns a
:class:`Cell`: the parsed ``value``, or a reason in Chinese and English why it could not be
read, plus the cell's ``original`` text and sometimes a note (a warning that does not stop
the value from being used). Parsers never raise: :func:`never_raises` is the last guard, so
one strange cell cannot stop the import of a 10,000-row ledger.
"""

from __future__ import annotations

import functools
import logging
import numbers
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Generic, ParamSpec, TypeVar

T = TypeVar("T")
P = ParamSpec("P")

_log = logging.getLogger(__name__)

#: Texts that mean "nothing filled in" (compared after folding and lower-casing).
BLANK_TEXTS = frozenset(
    {"", "无", "暂无", "未填", "没有", "空", "不详", "null", "none", "nan", "n/a", "#n/a", "na", "待定", "待补充"}
)
_BLANK_MARKS = re.compile(r"[-/\\_.\s*—–―]*")
# A digit, or a common ideograph that no blank text uses, survives folding: such a cell is
# filled, and most cells are, so they skip the folding (a third of an import's time).
_SURELY_FILLED = re.compile(
    "[0-9]|(?!["
    + "".join(sorted({ch for text in BLANK_TEXTS for ch in text if "\u4e00" <= ch <= "\u9fff"}))
    + "])[\u4e00-\u9fff]"
)
_EXCEL_ERRORS = frozenset({"#ref!", "#value!", "#div/0!", "#name?", "#num!", "#null!", "#spill!", "#calc!"})
# Characters NFKC gets wrong for ledgers: º/˚ are degree signs here, not the letter o.
_PRE_NFKC = str.maketrans({"º": "°", "˚": "°", "∘": "°", "\u00a0": " "})
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]|[\x00-\x08\x0b-\x1f\x7f]")
#: Longest text a number, date, year or coordinate parser will look at.
MAX_VALUE_TEXT = 200


@dataclass(frozen=True)
class Cell(Generic[T]):
    """What a parser made of one cell.

    Attributes
    ----------
    value
        The parsed value, or ``None`` when the cell is blank or could not be read.
    original
        The cell as text, exactly as typed (numbers and dates written out), for keeping
        beside the value (``built_year_text``) and for quoting in the import report.
    reason_zh, reason_en
        Why a non-blank cell could not be read; ``None`` otherwise.
    note_zh, note_en
        A warning about a value that was read (an approximate year, a converted unit,
        a second phone number left out); ``None`` when there is nothing to say.
    """

    value: T | None
    original: str | None = None
    reason_zh: str | None = None
    reason_en: str | None = None
    note_zh: str | None = None
    note_en: str | None = None

    @property
    def ok(self) -> bool:
        """True when a value was read."""
        return self.value is not None

    @property
    def is_blank(self) -> bool:
        """True for a blank cell (无, /, —, empty): normal in a ledger, not an error."""
        return self.value is None and self.reason_zh is None


def ok(value: T, original: str | None, note: tuple[str, str] | None = None) -> Cell[T]:
    """A read value, with an optional ``(zh, en)`` note."""
    zh, en = note if note else (None, None)
    return Cell(value, original, note_zh=zh, note_en=en)


def bad(original: str | None, zh: str, en: str) -> Cell[T]:
    """A cell that could not be read, and why."""
    return Cell(None, original, zh, en)


def empty(original: str | None) -> Cell[T]:
    """A blank cell."""
    return Cell(None, original)


def original_text(raw: object) -> str | None:
    """The cell as text: strings unchanged, ``1998.0`` as ``"1998"``, dates in ISO form.

    Parameters
    ----------
    raw
        Any cell value.

    Returns
    -------
    str or None
        ``None`` for ``None``.
    """
    if raw is None or isinstance(raw, str):
        return raw
    if isinstance(raw, float) and raw.is_integer() and abs(raw) < 1e16:
        return str(int(raw))
    if isinstance(raw, datetime):
        return raw.date().isoformat() if raw.time() == time() else raw.isoformat(sep=" ")
    if isinstance(raw, date | time):
        return raw.isoformat()
    return str(raw)


def fold(text: str) -> str:
    """Fold a cell's text for matching: NFKC (full-width digits and punctuation to ASCII),
    degree look-alikes to ``°``, invisible characters removed, dashes unified, trimmed."""
    text = _INVISIBLE.sub("", text.translate(_PRE_NFKC))
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[‐‑‒–―−﹣ー]", "-", text).strip()


def blank(raw: object) -> bool:
    """Return True when a cell holds nothing: ``None``, NaN, whitespace, 无, /, —, 暂无, #N/A ...

    Parameters
    ----------
    raw
        Any cell value; never raises.
    """
    try:
        if raw is None:
            return True
        if type(raw) is not str:  # most cells are text: the ABC check below costs more than the rest
            if isinstance(raw, numbers.Number):
                return bool(raw != raw)  # NaN, whether float, numpy or Decimal
            if not isinstance(raw, str):
                return False
        if _SURELY_FILLED.search(raw) is not None:
            return False
        text = fold(raw).lower()
        return text in BLANK_TEXTS or _BLANK_MARKS.fullmatch(text) is not None
    except Exception:  # a str subclass with a broken method is still "not blank"
        return False


def excel_error(text: str) -> Cell[Any] | None:
    """The refusal for an Excel error value (``#REF!``, ``#VALUE!`` ...), or ``None``."""
    if fold(text).lower() in _EXCEL_ERRORS:
        shown = text.strip()
        return bad(text, f"单元格是 Excel 错误值 {shown}，请检查公式", f"the cell is the Excel error {shown}")
    return None


def never_raises(parser: Callable[P, Cell[T]]) -> Callable[P, Cell[T]]:
    """Wrap a parser so that an unexpected error becomes a refusal instead of an exception.

    The log line names the parser and the exception type only: a cell may hold a phone
    number or a camera password, so neither the value nor the exception message is logged.
    """

    @functools.wraps(parser)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> Cell[T]:
        try:
            return parser(*args, **kwargs)
        except Exception as exc:  # the guard's whole point
            _log.warning("cell parser %s failed: %s", parser.__name__, type(exc).__name__)
            try:
                original = original_text(args[0]) if args else None
            except Exception:
                original = None
            return bad(original, "单元格内容无法读取", "the cell's content could not be read")

    return guarded

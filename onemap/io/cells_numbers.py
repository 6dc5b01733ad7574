"""Numbers as ledgers type them: ``"1,200"``, ``"1 200"``, ``"１２００"``, ``"约300"``, ``"300户"``,
``"12.5万"``, ``"3,000平方米"``, ``"三栋"``, and Excel's ``1200.0``; progress as ``"85%"`` or ``0.85``.

Every quantity in a ledger is a count, an area, money or a share, so a negative number is
refused. A unit after the number (户, 栋, ㎡, 平方米, 元 ...) is accepted without checking
that it suits the column; a magnitude (千, 万, 亿) multiplies. Fields kept in 万元 pass
``scale=1e4``: then ``"12.5万"``, ``"12.5万元"`` and ``"125000元"`` all read as 12.5.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from onemap.io.cells_base import MAX_VALUE_TEXT, Cell, bad, blank, empty, excel_error, fold, never_raises, ok
from onemap.io.cells_base import original_text as _original

#: Largest quantity a ledger can plausibly hold; beyond it the cell is a typo.
MAX_QUANTITY = 1e15

_APPROX = re.compile(r"大约|大概|估计|约合|约|近|≈|~|左右|上下|以上|以下|余|多")
_FILLER = re.compile(r"共计|合计|总计|共|计|\s+(?=\D)|(?<=\D)\s+")
_SHAPE = re.compile(
    r"(?P<sign>[+-])?"
    r"(?P<num>\d{1,3}(?:[, ]\d{3})+(?:\.\d+)?|\d+(?:\.\d*)?(?:e[+-]?\d{1,3})?|\.\d+|[零一二两三四五六七八九十]{1,3})"
    r"(?P<mag>[千万亿]*)"
    r"(?P<unit>%|m2|m²|m|[\u4e00-\u9fff]{1,4})?"
)
_MAGNITUDES = {"千": 1e3, "万": 1e4, "亿": 1e8}
_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = re.compile(r"(?:(?P<tens>[一二两三四五六七八九])?(?P<ten>十))?(?P<ones>[零一二两三四五六七八九])?")
_NUMERAL_CHARS = frozenset("零一二两三四五六七八九十百千万亿")  # never a unit: "三百" is not 3 百
_DONE = frozenset({"完成", "已完成", "全部完成", "完工", "已完工", "竣工", "已竣工", "完毕"})
_NOT_STARTED = frozenset({"未开工", "未开始", "尚未开工", "未实施", "未启动"})


@dataclass(frozen=True)
class _Reading:
    value: float
    written: str  # the number as written, for notes
    magnitude: float
    unit: str
    approx: bool


@never_raises
def parse_float(raw: object, *, scale: float = 1.0) -> Cell[float]:
    """Read a non-negative quantity (area, money, count) from one cell.

    Parameters
    ----------
    raw
        The cell: text such as ``"3,000平方米"``, ``"约12.5万"``, full-width digits, or a number.
    scale
        How many base units one unit of the field holds: ``1e4`` for a field in 万元, so
        that text with a magnitude or with 元 is converted (``"125000元"`` reads 12.5).
        Plain numbers are taken to be in the field's unit already.

    Returns
    -------
    Cell[float]
        The number; a note when it was approximate (约, 左右, 余) or converted; a reason
        for text that is not one number, a negative, or an implausibly large value.
    """
    original = _original(raw)
    if not isinstance(raw, str):
        return _from_number(raw, original)
    if blank(raw):
        return empty(original)
    if error := excel_error(raw):
        return error
    reading = _read(raw)
    if reading is None:
        return bad(original, "不是一个数字", "not a number")
    if reading.value < 0:
        return bad(original, "数量不能为负数", "a quantity cannot be negative")
    return _scaled(reading, scale, original)


@never_raises
def parse_int(raw: object, *, scale: float = 1.0) -> Cell[int]:
    """Read a non-negative whole number (households, buildings, floors) from one cell.

    Parameters
    ----------
    raw
        As for :func:`parse_float`; Excel's ``1200.0`` reads 1200, ``"1.2万户"`` 12000.
    scale
        As for :func:`parse_float`.

    Returns
    -------
    Cell[int]
        The number, or a reason (also when it has a fractional part, e.g. ``12.5``).
    """
    cell = parse_float(raw, scale=scale)
    if cell.value is None:
        return Cell(None, cell.original, cell.reason_zh, cell.reason_en)
    whole = round(cell.value)
    if abs(cell.value - whole) > 1e-6 * max(1.0, abs(cell.value)):
        return bad(cell.original, f"应为整数，这里是 {cell.value:g}", f"must be a whole number, not {cell.value:g}")
    return Cell(whole, cell.original, note_zh=cell.note_zh, note_en=cell.note_en)


@never_raises
def parse_percent(raw: object) -> Cell[float]:
    """Read a progress or share in percent (0–100) from one cell.

    Parameters
    ----------
    raw
        ``"85%"``, ``"85"``, ``"约85%"``; an Excel percent cell arrives as ``0.85`` (and 100 %
        as ``1``), so a number from 0 to 1 that is not text is multiplied by 100, as is text
        like ``"0.85"``; 完成/已完工 reads 100 and 未开工 reads 0, each with a note.

    Returns
    -------
    Cell[float]
        Percent from 0 to 100, or a reason.
    """
    original = _original(raw)
    if not isinstance(raw, str):
        cell = _from_number(raw, original)
        if cell.value is not None and 0 < cell.value <= 1:
            pct = cell.value * 100
            return ok(pct, original, (f"按 Excel 百分比读作 {pct:g}%", f"read as an Excel percentage: {pct:g}%"))
        return _percent_range(cell)
    if blank(raw):
        return empty(original)
    if error := excel_error(raw):
        return error
    word = fold(raw)
    if word in _DONE or word in _NOT_STARTED:
        pct = 100.0 if word in _DONE else 0.0
        return ok(pct, original, (f"按文字「{word}」记为 {pct:g}%", f"taken as {pct:g}% from the word {word!r}"))
    reading = _read(raw)
    if reading is None or reading.magnitude != 1 or reading.unit not in ("", "%"):
        return bad(original, "不是百分比", "not a percentage")
    if not reading.unit and "." in reading.written and 0 < reading.value <= 1:
        pct = reading.value * 100
        return ok(pct, original, (f"小数按 {pct:g}% 计", f"a fraction, taken as {pct:g}%"))
    return _percent_range(ok(reading.value, original, _join(_approx_note(reading))))


def _percent_range(cell: Cell[float]) -> Cell[float]:
    if cell.value is not None and not 0 <= cell.value <= 100:
        pct = cell.value
        return bad(cell.original, f"百分比应在 0–100 之间，这里是 {pct:g}", f"{pct:g} is not within 0–100 %")
    return cell


def _from_number(raw: object, original: str | None) -> Cell[float]:
    """A cell that arrived as something other than text."""
    if blank(raw):
        return empty(original)
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        if hasattr(raw, "year"):
            return bad(original, "这是日期，不是数字", "a date, not a number")
        return _text_fallback(raw, original)
    if isinstance(raw, int) and abs(raw) > MAX_QUANTITY:
        return bad(original, "数值过大", "the number is implausibly large")
    value = float(raw)
    if not math.isfinite(value) or abs(value) > MAX_QUANTITY:
        return bad(original, "数值过大", "the number is implausibly large")
    if value < 0:
        return bad(original, "数量不能为负数", "a quantity cannot be negative")
    return ok(value, original)


def _text_fallback(raw: object, original: str | None) -> Cell[float]:
    """Booleans are refused; anything else (Decimal, numpy numbers) is read from its text."""
    if isinstance(raw, bool):
        return bad(original, "是真/假值，不是数字", "a true/false value, not a number")
    return parse_float(str(raw))


def _read(text: str) -> _Reading | None:
    """The one number in ``text`` with its magnitude and unit, or None when it is not one."""
    folded = fold(text).lower()
    if len(folded) > MAX_VALUE_TEXT:
        return None
    approx = _APPROX.search(folded) is not None
    shape = _SHAPE.fullmatch(_FILLER.sub("", _APPROX.sub("", folded)))
    if shape is None:
        return None
    written = shape["num"]
    value = _chinese_number(written) if written[0] in _CN_DIGITS or written[0] == "十" else _arabic(written)
    if value is None or abs(value) > MAX_QUANTITY:
        return None
    if shape["sign"] == "-":
        value = -value
    if shape["unit"] and shape["unit"][0] in _NUMERAL_CHARS:  # 三百, 一千二百: a longer written number
        return None
    magnitude = math.prod(_MAGNITUDES[char] for char in shape["mag"])
    return _Reading(value, written, magnitude, shape["unit"] or "", approx)


def _arabic(written: str) -> float | None:
    value = float(written.replace(",", "").replace(" ", ""))
    return value if math.isfinite(value) else None


def _chinese_number(written: str) -> float | None:
    """一 .. 九十九 (``"三栋"``, ``"十二层"``); longer forms are left to the clerk."""
    match = _CN_SMALL.fullmatch(written)
    if match is None or not written:
        return None
    tens = _CN_DIGITS[match["tens"]] if match["tens"] else (1 if match["ten"] else 0)
    ones = _CN_DIGITS[match["ones"]] if match["ones"] else 0
    return float(tens * 10 + ones)


def _scaled(reading: _Reading, scale: float, original: str | None) -> Cell[float]:
    explicit = reading.magnitude != 1 or reading.unit.endswith("元")
    value = reading.value * reading.magnitude / scale if explicit else reading.value
    if not math.isfinite(value) or value > MAX_QUANTITY:
        return bad(original, "数值过大", "the number is implausibly large")
    notes = _approx_note(reading)
    if value != reading.value:
        notes.append((f"已换算为 {value:g}", f"converted to {value:g}"))
    return ok(value, original, _join(notes))


def _approx_note(reading: _Reading) -> list[tuple[str, str]]:
    if not reading.approx:
        return []
    return [(f"约数，按 {reading.value:g} 计", f"approximate, taken as {reading.value:g}")]


def _join(notes: list[tuple[str, str]]) -> tuple[str, str] | None:
    if not notes:
        return None
    return "；".join(n[0] for n in notes), "; ".join(n[1] for n in notes)

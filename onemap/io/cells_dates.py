"""Years and dates as ledgers type them.

Year built: ``"1998"``, ``"1998年"``, ``"2000年12月"``, ``"1995.6"``, ``"98年"``, ``"约1998年"``,
decades (``"20世纪90年代"``, ``"九十年代"``, ``"80年代末"``), Excel numbers and dates. A decade
reads as its middle year (1995; 初 → 2, 末 → 8) with a note; the original text is kept in
``Cell.original`` for ``built_year_text``. A range (``"1998-2000"``) reads as its last year,
because the year built counts from completion (以竣工验收时间为准).

Renewal year: ``"2023年度"``, ``"2025（计划）"``, ``"2023年第二批"``; a range
(``"2023-2024"``) reads as its first year, with a note.

Dates: ``date``/``datetime`` objects, Excel serial numbers (45123), ``"2023-05-01"``,
``"2023/5/1"``, ``"2023.5.1"``, ``"20230501"``, ``"2023年5月1日"``, and a month alone
(``"2023年5月"``, ``"2023年5月中旬"``) with a note; all to ISO ``"YYYY-MM-DD"``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from onemap.io.cells_base import MAX_VALUE_TEXT, Cell, bad, blank, empty, excel_error, fold, never_raises, ok
from onemap.io.cells_base import original_text as _original

_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01; Excel's phantom 1900-02-29 sits before 1950
_CN_YEAR_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_CN_TENS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_DECADE = re.compile(
    r"(?:(?P<century>上世纪|20世纪|二十世纪|本世纪|21世纪|二十一世纪))?"
    r"(?P<decade>\d{4}|\d{2}|[一二三四五六七八九]十|[〇零]{2})(?:年代|'?s)"
    r"(?P<part>初期|初|前期|中期|中|后期|末期|末)?(?:左右|前后)?"
)
_PART_OFFSET = {"初": 2, "前": 2, "中": 5, "后": 8, "末": 8}
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_RANGE = re.compile(r"\d{4}\s*年?度?\s*(?:-|~|至|到|、|/|,)\s*\d{4}")
_APPROX = re.compile(r"约|大约|大概|左右|前后|以前|之前|以后|之后|前|后")
_COMMON_FILLER = r"\d{1,2}|[一二三四五六七八九十]{1,3}月|年度|年|月份|月|日|号|份|\s|[-/.:~至到、,()]"
_BUILT_FILLER = re.compile(_COMMON_FILLER + r"|始建|修建|建成|建于|建设|竣工|建|于|初|底|末|中|上半|下半|期")
_RENEWAL_FILLER = re.compile(_COMMON_FILLER + r"|计划|拟|预计|实施|改造|第[一二三四五六七八九十\d]{1,2}批次?|批次|批")
_ISO_TIME = re.compile(r"[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
_FULL_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?|(\d{4})(\d{2})(\d{2})")
_MONTH_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:月份|月)?\s*(初|上旬|中旬|下旬|底|末)?")
_TEN_DAY: dict[str | None, int] = {None: 1, "初": 1, "上旬": 1, "中旬": 11, "下旬": 21}


def this_year() -> int:
    """The current calendar year (the upper bounds below move with it)."""
    return date.today().year


@never_raises
def parse_year(raw: object) -> Cell[int]:
    """Read the year an estate was built (1900 .. next year) from one cell.

    Parameters
    ----------
    raw
        Text, a number (1998, 1998.0, 1995.6) or a date; see the module docstring.

    Returns
    -------
    Cell[int]
        The year; a note when it is approximate (a decade, 约, 以前, two digits) or was
        taken from a range; a reason for anything else or a year outside the range.
    """
    return _year_cell(raw, renewal=False, low=1900, high=this_year() + 1)


@never_raises
def parse_renewal_year(raw: object) -> Cell[int]:
    """Read a renovation plan year (2000 .. six years ahead) from one cell.

    Parameters
    ----------
    raw
        ``"2023"``, ``"2023年度"``, ``"2025（计划）"``, ``"2023-2024"`` (first year, with a
        note), a number or a date.

    Returns
    -------
    Cell[int]
        The year, or a reason.
    """
    return _year_cell(raw, renewal=True, low=2000, high=this_year() + 6)


@never_raises
def parse_date(raw: object) -> Cell[str]:
    """Read a date (start, finish, notice) from one cell as ISO ``"YYYY-MM-DD"``.

    Parameters
    ----------
    raw
        A ``date``/``datetime``, an Excel serial number, or text; a month without a day
        reads as its first day (上旬/中旬/下旬 as the 1st/11th/21st, 底/末 as
        its last) with a note; a year
        alone is refused rather than guessed.

    Returns
    -------
    Cell[str]
        The ISO date (1950 .. ten years ahead), or a reason.
    """
    original = _original(raw)
    if blank(raw):
        return empty(original)
    if isinstance(raw, datetime | date):
        return _date_cell(raw.year, raw.month, raw.day, original)
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        return bad(original, "不是日期", "not a date")
    if not isinstance(raw, str):
        return _serial_date(raw, original, note=False)
    if error := excel_error(raw):
        return error
    return _text_date(fold(raw)[: MAX_VALUE_TEXT + 1], original)


def _year_cell(raw: object, renewal: bool, low: int, high: int) -> Cell[int]:
    original = _original(raw)
    if blank(raw):
        return empty(original)
    if isinstance(raw, bool) or not isinstance(raw, int | float | str | date):
        return bad(original, "不是年份", "not a year")
    cell = _text_year(raw, renewal, original) if isinstance(raw, str) else _number_year(raw, original)
    if cell.value is not None and not low <= cell.value <= high:
        year = cell.value
        return bad(original, f"年份 {year} 不在 {low}–{high} 之间", f"year {year} is not within {low}–{high}")
    return cell


def _number_year(raw: int | float | date, original: str | None) -> Cell[int]:
    if isinstance(raw, date):  # datetime is a date too
        return ok(raw.year, original)
    if isinstance(raw, float) and not (raw == raw and abs(raw) < 1e6):
        return bad(original, "不是年份", "not a year")
    return ok(int(raw), original)  # 1995.6 (a year.month typed as a number) is 1995


def _text_year(raw: str, renewal: bool, original: str | None) -> Cell[int]:
    text = fold(raw).lower()
    if error := excel_error(raw):
        return error
    if len(text) > MAX_VALUE_TEXT:
        return bad(original, "内容过长，不像年份", "too long to be a year")
    if not renewal and (decade := _decade_year(text, original)):
        return decade
    text = text.translate(_CN_YEAR_DIGITS) if re.search(r"[〇零一二三四五六七八九]{4}", text) else text
    expanded = _expand_two_digit_year(text)
    years = [int(y) for y in _YEAR.findall(expanded)]
    filler = _RENEWAL_FILLER if renewal else _BUILT_FILLER
    leftover = filler.sub("", _APPROX.sub("", _YEAR.sub("", expanded)))
    if not years or leftover or (len(years) == 2 and not _RANGE.search(expanded)) or len(years) > 2:
        return bad(original, "无法识别为年份", "not recognisable as a year")
    return _pick_year(years, renewal, expanded, original, two_digit=expanded != text)


def _pick_year(years: list[int], renewal: bool, text: str, original: str | None, two_digit: bool) -> Cell[int]:
    if len(years) == 2:
        year = years[0] if renewal else years[1]
        zh, en = ("取第一年", "the first taken") if renewal else ("按竣工年份取后一年", "the later one (completion)")
        return ok(year, original, (f"填了两个年份，{zh} {year}", f"two years given; {en}: {year}"))
    year = years[0]
    if two_digit:
        return ok(year, original, (f"两位年份，按 {year} 计", f"a two-digit year, taken as {year}"))
    if not renewal and _APPROX.search(text):
        return ok(year, original, (f"约数，按 {year} 计", f"approximate, taken as {year}"))
    return ok(year, original)


def _expand_two_digit_year(text: str) -> str:
    """``"98年"`` → ``"1998年"`` (00–29 → 20xx); only at the start and only before 年."""
    match = re.match(r"(\d{2})年", text)
    if match is None:
        return text
    short = int(match[1])
    return f"{2000 + short if short < 30 else 1900 + short}{text[2:]}"


def _decade_year(text: str, original: str | None) -> Cell[int] | None:
    match = _DECADE.fullmatch(text)
    if match is None:
        return None
    digits = match["decade"]
    start = _CN_TENS[digits[0]] * 10 if digits[-1] == "十" else 0 if digits[0] in "〇零" else int(digits)
    if start >= 100:
        if start % 10:
            return bad(original, "年代应以 0 结尾", "a decade ends in 0")
    else:
        start += _century(match["century"], start)
    year = start + _PART_OFFSET[match["part"][0]] if match["part"] else start + 5
    return ok(year, original, (f"约数：「{text}」按 {year} 年计", f"approximate: the decade taken as {year}"))


def _century(prefix: str | None, decade: int) -> int:
    if prefix in ("本世纪", "21世纪", "二十一世纪"):
        return 2000
    if prefix:
        return 1900
    return 2000 if decade < 30 else 1900


def _text_date(text: str, original: str | None) -> Cell[str]:
    if len(text) > MAX_VALUE_TEXT:
        return bad(original, "内容过长，不像日期", "too long to be a date")
    text = _ISO_TIME.sub("", text.lower()).strip()
    if full := _FULL_DATE.fullmatch(text):
        parts = [int(p) for p in full.groups() if p is not None]
        return _date_cell(parts[0], parts[1], parts[2], original)
    if month := _MONTH_DATE.fullmatch(text):
        year, month_no = int(month[1]), int(month[2])
        day = _TEN_DAY.get(month[3]) or (calendar.monthrange(year, month_no)[1] if 1 <= month_no <= 12 else 1)
        cell = _date_cell(year, month_no, day, original)
        note = (f"只有年月，按 {cell.value} 计", f"month only; taken as {cell.value}")
        return ok(cell.value, original, note) if cell.value else cell
    if re.fullmatch(r"\d{5}(?:\.\d+)?", text):
        return _serial_date(float(text), original, note=True)
    if re.fullmatch(r"\d{4}\s*年?\s*(?:初|底|末|上半年|下半年)?", text):
        return bad(original, "只有年份，缺少月日", "a year alone, without month and day")
    return bad(original, "无法识别为日期", "not recognisable as a date")


def _serial_date(serial: int | float, original: str | None, note: bool) -> Cell[str]:
    low, high = _date_range()
    if not (serial == serial and (low - _EXCEL_EPOCH).days <= serial <= (high - _EXCEL_EPOCH).days):
        if isinstance(serial, int) and 1900 <= serial <= 2100:
            return bad(original, "只有年份，缺少月日", "a year alone, without month and day")
        return bad(original, "数字不像日期", "a number that does not look like a date")
    day = _EXCEL_EPOCH + timedelta(days=int(serial))
    if note:
        return ok(day.isoformat(), original, ("按 Excel 日期序号换算", "read as an Excel date serial number"))
    return ok(day.isoformat(), original)


def _date_cell(year: int, month: int, day: int, original: str | None) -> Cell[str]:
    try:
        value = date(year, month, day)
    except ValueError:
        return bad(original, f"没有这一天：{year}年{month}月{day}日", f"no such day: {year}-{month}-{day}")
    low, high = _date_range()
    if not low <= value <= high:
        return bad(original, f"日期不在 {low.year}–{high.year} 年之间", f"date not within {low.year}–{high.year}")
    return ok(value.isoformat(), original)


def _date_range() -> tuple[date, date]:
    return date(1950, 1, 1), date(this_year() + 10, 12, 31)

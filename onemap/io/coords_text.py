"""Coordinate numbers as ledgers type them: decimal degrees, degrees-minutes(-seconds), metres.

Accepted: ``"106.6731"``, ``"106.6731°"``, ``"E106.6731"``, ``"东经106.6731"``, ``"106°40′12.5″"``,
``"106°40'12.5\\""``, ``"106度40分12.5秒"``, ``"106 40 12.5"``, ``"106:40:12.5"``, ``"106°40.208′"``,
``"33°09′N"``, ``"北纬33.15"``, full-width digits, and projected metres (``"36512345.678"``,
``"3,672,345.12"``, ``"3672345.12m"``) which pass through as plain numbers. South and west make
the number negative. What system the number is in is decided for the whole dataset later
(:mod:`onemap.io.coords_crs`), never from one cell.
"""

from __future__ import annotations

import math
import re

from onemap.io.cells_base import MAX_VALUE_TEXT, Cell, bad, blank, empty, excel_error, fold, never_raises, ok
from onemap.io.cells_base import original_text as _original

_MARKS = str.maketrans(
    {"度": "°", "分": "'", "秒": '"', "′": "'", "’": "'", "‘": "'", "´": "'", "`": "'", "″": '"', "“": '"', "”": '"'}
)
_HEMISPHERE_WORDS = {"东经": "E", "西经": "W", "北纬": "N", "南纬": "S"}
_LABEL = re.compile(r"^(?:经度|纬度|longitude|latitude|lon|lng|lat|x|y)\s*[:=]?\s*", re.I)
_HEMISPHERE = re.compile(r"^(?P<lead>[NSEW])\s*|\s*(?P<trail>[NSEW])$")
_NUMBER = r"\d+(?:\.\d*)?"
_DMS = re.compile(
    rf"(?P<d>{_NUMBER})\s*°\s*(?:(?P<m>{_NUMBER})\s*'?\s*(?:(?P<s>{_NUMBER})\s*\"?)?)?"
    rf"|(?P<d2>\d{{1,3}})[\s:]+(?P<m2>\d{{1,2}}(?:\.\d*)?)(?:[\s:]+(?P<s2>\d{{1,2}}(?:\.\d*)?))?"
)
_DECIMAL = re.compile(r"\d{1,3}(?:[, ]\d{3})+(?:\.\d*)?|\d+(?:\.\d*)?(?:e[+-]?\d{1,2})?|\.\d+")
_POINT_SPLIT = re.compile(r"\s*[,;/，；、]\s*")
_LETTER_AFTER = re.compile(r"(?<=[\d°'\"′″])\s+([NSEW])\b", re.I)
_LETTER_BEFORE = re.compile(r"\b([NSEW])\s+(?=\d)", re.I)


@never_raises
def parse_coordinate(raw: object) -> Cell[float]:
    """Read one coordinate number (a longitude, a latitude, an easting or a northing).

    Parameters
    ----------
    raw
        Text in any of the forms in the module docstring, or a number.

    Returns
    -------
    Cell[float]
        Decimal degrees (negative for S/W) or the metres as written; a reason for text
        that is not one coordinate, minutes or seconds of 60 or more, or a latitude
        marked N/S beyond 90.
    """
    original = _original(raw)
    if blank(raw):
        return empty(original)
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        return bad(original, "不是坐标数字", "not a coordinate number")
    if not isinstance(raw, str):
        value = float(raw)
        return ok(value, original) if math.isfinite(value) else bad(original, "不是有限的数字", "not a finite number")
    if error := excel_error(raw):
        return error
    read = _read(raw)
    if isinstance(read, tuple):
        return bad(original, *read)
    return ok(read.value, original)


@never_raises
def parse_point(raw: object) -> Cell[tuple[float, float]]:
    """Read a point typed into one cell, ``"106.6731,33.1532"`` or ``"33°09′N 106°40′E"``.

    Parameters
    ----------
    raw
        Two coordinates separated by ``,`` ``;`` ``/`` ``，`` ``、`` or, when no such
        separator is present, by spaces.

    Returns
    -------
    Cell[tuple[float, float]]
        ``(x, y)`` in written order, except that halves marked N/S and E/W are put in
        (longitude, latitude) order; a reason when the cell is not two coordinates.
    """
    original = _original(raw)
    if blank(raw):
        return empty(original)
    text = fold(str(raw))[:MAX_VALUE_TEXT]
    if _POINT_SPLIT.search(text):
        halves = _POINT_SPLIT.split(text)
    else:  # "33°09′ N 106°40′ E", "N 33.1 E 106.6": keep each hemisphere letter with its number
        letters = _LETTER_BEFORE if re.match(r"[NSEW]\b", text, re.I) else _LETTER_AFTER
        halves = letters.sub(r"\1", text).split()
    if len(halves) != 2:
        return bad(original, "应填两个坐标（经度,纬度）", "a point needs two coordinates (lon,lat)")
    first, second = _read(halves[0]), _read(halves[1])
    if isinstance(first, tuple):
        return bad(original, *first)
    if isinstance(second, tuple):
        return bad(original, *second)
    if first.axis == "lat" or second.axis == "lon":
        return ok((second.value, first.value), original)
    return ok((first.value, second.value), original)


class _Read:
    __slots__ = ("value", "axis")

    def __init__(self, value: float, axis: str | None) -> None:
        self.value, self.axis = value, axis


def _read(raw: str) -> _Read | tuple[str, str]:
    """One coordinate from text: its value and the axis its N/S/E/W letter names."""
    text = _LABEL.sub("", fold(raw).upper())
    if len(text) > MAX_VALUE_TEXT:
        return ("内容过长，不像坐标", "too long to be a coordinate")
    for word, letter in _HEMISPHERE_WORDS.items():
        text = text.replace(word, f" {letter} ")
    text = text.translate(_MARKS).replace("''", '"').strip()
    hemisphere = None
    if found := _HEMISPHERE.search(text):
        hemisphere = found["lead"] or found["trail"]
        text = _HEMISPHERE.sub("", text, count=1).strip()
    sign = -1.0 if text.startswith("-") else 1.0
    text = re.sub(r"(?:M|米)$", "", text.lstrip("+-").strip()).strip()
    dms = _DMS.fullmatch(text)
    value = _dms(dms) if dms else _decimal(text)
    if isinstance(value, tuple):
        return value
    if hemisphere in ("S", "W"):
        sign = -1.0
    return _checked(sign * value, hemisphere)


def _dms(match: re.Match[str]) -> float | tuple[str, str]:
    d, m, s = (match["d"] or match["d2"]), (match["m"] or match["m2"]), (match["s"] or match["s2"])
    degrees, minutes, seconds = float(d), float(m or 0), float(s or 0)
    if (m and "." in d.rstrip(".")) or (s and m and "." in m.rstrip(".")):
        return ("度分秒中只有最后一项可以带小数", "only the last of degrees/minutes/seconds may have decimals")
    if minutes >= 60 or seconds >= 60:
        return ("分、秒应小于 60", "minutes and seconds must be below 60")
    if m and degrees > 180:
        return ("度数超过 180", "degrees above 180")
    return degrees + minutes / 60 + seconds / 3600


def _decimal(text: str) -> float | tuple[str, str]:
    text = text.rstrip("°").strip()
    if not _DECIMAL.fullmatch(text.lower()):
        return ("不是坐标数字", "not a coordinate number")
    value = float(text.replace(",", "").replace(" ", ""))
    return value if math.isfinite(value) else ("不是有限的数字", "not a finite number")


def _checked(value: float, hemisphere: str | None) -> _Read | tuple[str, str]:
    if hemisphere in ("N", "S"):
        if abs(value) > 90:
            return ("纬度超过 90°", "a latitude beyond 90°")
        return _Read(value, "lat")
    if hemisphere in ("E", "W"):
        if abs(value) > 180:
            return ("经度超过 180°", "a longitude beyond 180°")
        return _Read(value, "lon")
    return _Read(value, None)

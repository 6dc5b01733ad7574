"""Ledger cell values: one raw cell in, a :class:`Cell` (value or reason, original text) out.

This module is the importer's single entry point; the parsers live in ``cells_numbers``
(quantities, percent), ``cells_dates`` (years, dates) and ``cells_vocab`` (status,
categories), and here: free text, lists in one cell, and phones. No parser raises.

Free text (:func:`parse_text`) is trimmed; full-width and non-breaking spaces become
ordinary ones and runs of spaces one; zero-width and control characters go. A line break
typed inside a cell (Alt+Enter) usually separates items ("一、屋面 / 二、外墙"), so lines
are joined with ``"；"`` by default; pass ``join=""`` for names, where a break is only
wrapping a long name, and ``join="\\n"`` to keep them. Text is not NFKC-folded: 幸福小区（一期）
keeps its full-width brackets as typed.
"""

from __future__ import annotations

import re

from onemap.io.cells_base import Cell, bad, blank, empty, excel_error, never_raises, ok, original_text
from onemap.io.cells_dates import parse_date, parse_renewal_year, parse_year
from onemap.io.cells_numbers import parse_float, parse_int, parse_percent
from onemap.io.cells_vocab import parse_categories, parse_status
from onemap.phones import normalize_phone

__all__ = [
    "Cell",
    "blank",
    "original_text",
    "parse_categories",
    "parse_date",
    "parse_float",
    "parse_int",
    "parse_percent",
    "parse_phone",
    "parse_renewal_year",
    "parse_status",
    "parse_text",
    "parse_year",
    "split_multi",
]

_LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029\x0b\x0c\x85]")
_DROP = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]|[\x00-\x08\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_ENDS_WITH_PUNCTUATION = re.compile(r"[。；;，,、：:！!？?]$")
_ITEM_BREAK = re.compile(r"[\r\n\u2028\u2029；、，]+")
_ASCII_BREAK = re.compile(r"[;,/／|]+")
# A link starts a new item only after a separator: "play?url=rtsp://..." stays whole.
_LINK_START = re.compile(r"(?:^|(?<=[\s;,/|]))(?=[A-Za-z][A-Za-z0-9+.-]*://)")
# a cell holding one link and nothing else (no space, no item separator)
_ONE_LINK = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s；、，]*")
_PHONE_BREAK = re.compile(r"[/／、;；,，|\r\n]+|或|和")
_SPACED_MOBILES = re.compile(r"1\d{10}(?:\s+1\d{10})+")
_NAME_BEFORE_PHONE = re.compile(r"\s*(?P<name>[\u4e00-\u9fff·]{1,8})[\s:：]*(?P<phone>[\d+(（].*)")


@never_raises
def parse_text(raw: object, *, join: str = "；") -> Cell[str]:
    """Tidy free text from one cell (see the module docstring for the rules).

    Parameters
    ----------
    raw
        Any cell value; numbers and dates are written out (1998.0 as ``"1998"``).
    join
        What replaces a line break inside the cell; none is added after a line that
        already ends in punctuation.

    Returns
    -------
    Cell[str]
        The tidy text; blank (无, /, —, whitespace) gives no value and no reason.
    """
    original = original_text(raw)
    if blank(raw) or original is None:
        return empty(original)
    if error := excel_error(original):
        return error
    lines = [_SPACES.sub(" ", _DROP.sub("", line)).strip() for line in _LINE_BREAK.split(original)]
    text = ""
    for line in filter(None, lines):
        separator = "" if not text or _ENDS_WITH_PUNCTUATION.search(text) else join
        text += separator + line
    return ok(text, original) if text and not blank(text) else empty(original)


def split_multi(raw: object) -> list[str]:
    """Split a cell that holds several items (cameras, names) into trimmed, non-blank items.

    Items are separated by line breaks, ``；`` ``、`` ``，`` and, between items that are not
    links, by ``;`` ``,`` ``/`` ``|``. Links (``rtsp://``, ``http://`` ...) are split only where
    a new link starts after a separator or space, so the ``/`` and ``;`` inside a link (or in
    its password) are left alone.

    Parameters
    ----------
    raw
        Any cell value; never raises (an unreadable value gives ``[]``).

    Returns
    -------
    list of str
        The items in cell order; ``[]`` for a blank cell.
    """
    try:
        if type(raw) is str and raw.count("://") == 1 and _ONE_LINK.fullmatch(raw):
            return [raw.rstrip(";,|")]  # one link alone: what the splitting below leaves of it
        text = original_text(raw)
        if text is None or blank(raw):
            return []
        items: list[str] = []
        for piece in _ITEM_BREAK.split(text):
            items += _split_links(piece) if "://" in piece else _ASCII_BREAK.split(piece)
        return [item for item in (_SPACES.sub(" ", i).strip() for i in items) if not blank(item)]
    except Exception:  # a list cell that cannot be read is an empty list, not a failed import
        return []


def _split_links(piece: str) -> list[str]:
    parts = [part for part in _LINK_START.split(piece) if part.strip()]
    # Every part but the last lost its separator to the split; drop what is left of it.
    return [part.rstrip(" \t;,/|") for part in parts[:-1]] + [part.rstrip(" \t;,|") for part in parts[-1:]]


@never_raises
def parse_phone(raw: object, *, area_code: str | None = None) -> Cell[str]:
    """Read a phone number with :func:`onemap.phones.normalize_phone`; keep extra numbers in a note.

    Parameters
    ----------
    raw
        The cell; several numbers may be separated by ``/`` ``、`` ``；`` ``,`` 或, line breaks,
        or (for mobiles) spaces.
    area_code
        Area code (``"0916"``) for a local landline written without one.

    Returns
    -------
    Cell[str]
        The first number in canonical form (``13812345678``, ``0916-3212345``); the others
        listed in the note; the phone parser's reason when the first cannot be read.
    """
    original = original_text(raw)
    if blank(raw):
        return empty(original)
    if error := excel_error(original or ""):
        return error
    parts = _phone_parts(raw) if isinstance(raw, str) else [raw]
    if not parts:
        return bad(original, "没有号码", "no number in it")
    first, notes = normalize_phone(parts[0], area_code), []
    if first.value is None and (name := _NAME_BEFORE_PHONE.fullmatch(str(parts[0]))):
        named = normalize_phone(name["phone"], area_code)  # 张三 13812345678: a name typed before it
        if named.value:
            first = named
            left_out = name["name"]
            notes.append((f"号码前的文字「{left_out}」未导入", f"the text {left_out!r} before the number was left out"))
    if first.value is None:
        return bad(original, first.reason_zh or "没有号码", first.reason_en or "no number in it")
    local_area = first.value.split("-")[0] if first.kind == "landline" else area_code
    rest = [normalize_phone(part, local_area).value or str(part) for part in parts[1:]]
    if rest:
        listed = "、".join(rest)
        notes.append((f"另有 {len(rest)} 个号码：{listed}", f"{len(rest)} more number(s): {listed}"))
    return ok(first.value, original, _join(notes))


def _join(notes: list[tuple[str, str]]) -> tuple[str, str] | None:
    return ("；".join(zh for zh, _ in notes), "; ".join(en for _, en in notes)) if notes else None


def _phone_parts(text: str) -> list[str]:
    parts: list[str] = []
    for part in _PHONE_BREAK.split(text):
        part = part.strip()
        parts += part.split() if _SPACED_MOBILES.fullmatch(part) else [part]
    return [part for part in parts if not blank(part)]

"""Chinese phone numbers as ledgers write them: parse, canonicalise, mask.

Ledgers write ``138 1234 5678``, ``+86-138-1234-5678``, ``（0916）3212345转123``, full-width
digits, or leave 无 / 暂无 / "—".  :func:`normalize_phone` turns one such text into a canonical
form (``13812345678``, ``0916-3212345``, ``0916-3212345-123``, ``12345``) or says, in Chinese
and English, why it cannot.  It never raises.

Extensions: the canonical form puts an extension after a second dash.  A local number is
complete at 7 digits, so ``0916-3212345-6`` keeps ``6`` as the extension (it is never glued
on as an eighth digit, which would dial a different line); an 8-digit local number is
written whole (``0916-32123456``).  After ``+86`` a number that is not a mobile is a landline
whose trunk 0 was dropped: ``+86 10 6512 3456`` is ``010-65123456``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

PhoneKind = Literal["mobile", "landline", "service"]

_BLANKS = frozenset({"", "无", "暂无", "未填", "没有", "空", "不详", "n/a", "none", "null", "nan"})
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−ー", "-"))
_LABEL = re.compile(r"^(?:(?:联系)?电话|手机|座机|固话|tel|phone)(?:号码?)?[:.]?\s*", re.I)
_EXT = re.compile(r"^(?P<main>.*?)\s*\(?\s*(?:转|分机|ext\.?|x|#)\s*(?P<ext>\d{1,6})\s*\)?$", re.I)
_MULTI = re.compile(r"[/,;、|]|或|和")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_SERVICE = re.compile(r"11[02459]|12[02]|12\d{3}|100\d{2}|9[56]\d{3,4}|[48]00\d{7}")
_AREA = re.compile(r"0(?:10|2\d|[3-9]\d\d)")


@dataclass(frozen=True)
class PhoneParse:
    """What :func:`normalize_phone` made of a text.

    ``value`` is the canonical number, or ``None`` when the text is blank or unreadable;
    ``reason_zh`` / ``reason_en`` say why an unreadable text was refused.
    """

    value: str | None
    kind: PhoneKind | None = None
    reason_zh: str | None = None
    reason_en: str | None = None

    @property
    def is_blank(self) -> bool:
        """True for a blank entry (无, /, 暂无 …): normal in a ledger, not an error."""
        return self.value is None and self.reason_zh is None

    @property
    def ok(self) -> bool:
        """True when a canonical number was found."""
        return self.value is not None


def _bad(zh: str, en: str) -> PhoneParse:
    return PhoneParse(None, None, zh, en)


def _clean(text: object) -> str | None:
    """NFKC-folded, dash-unified text, or None for a blank entry."""
    if text is None:
        return None
    if isinstance(text, float):  # Excel hands numbers over as floats
        if not math.isfinite(text):
            return None
        text = int(text) if text.is_integer() else text
    s = unicodedata.normalize("NFKC", str(text)).translate(_DASHES).strip()
    s = _LABEL.sub("", s)
    s = re.sub(r"^(\d+)\.0$", r"\1", s)  # 13812345678.0 from a spreadsheet cell
    if s.lower() in _BLANKS or re.fullmatch(r"[-/\\.\s_*]*", s):
        return None
    return s


def _between_digits(s: str) -> str:
    """The text from its first digit to its last (linear, unlike a backtracking regex)."""
    first, last = re.search(r"\d", s), re.search(r"\d", s[::-1])
    return s[first.start() : len(s) - last.start()] if first and last else ""


def normalize_phone(text: object, area_code: str | None = None) -> PhoneParse:
    """Read one phone number as a ledger writes it.

    Parameters
    ----------
    text
        The cell's content; anything, including ``None`` and numbers from a spreadsheet.
    area_code
        Area code (``"0916"``) to assume for a local landline written without one.

    Returns
    -------
    PhoneParse
        Canonical ``13812345678``, ``0916-3212345``, ``0916-3212345-123`` or ``12345``;
        blank for 无 / 暂无 / "—"; otherwise a reason in Chinese and English.
    """
    s = _clean(text)
    if s is None:
        return PhoneParse(None)
    if "*" in s:
        return _bad("号码已打码，无法还原", "the number is masked and cannot be restored")
    if _MULTI.search(_between_digits(s)):
        return _bad("填了多个号码，每格只填一个", "holds more than one number; put one per field")
    m = _EXT.fullmatch(s)
    main, ext = (m["main"], m["ext"]) if m else (s, None)
    if odd := re.findall(r"[^\d+\-.\s()]", main):
        chars = "".join(dict.fromkeys(odd))[:4]
        return _bad(f"含有非号码字符「{chars}」", f"contains non-phone characters {chars!r}")
    groups = re.findall(r"\d+", main)
    if not groups:
        return _bad("没有号码", "no digits in it")
    if "+" in main or groups[0].startswith("0086"):
        joined = "".join(groups)
        if not joined.removeprefix("00").startswith("86"):
            return _bad("不是中国大陆号码", "not a mainland China number")
        groups = _drop_digits(groups, 4 if joined.startswith("00") else 2)
        if groups and groups[0][0] != "0" and not _MOBILE.fullmatch("".join(groups)):
            groups[0] = "0" + groups[0]  # +86 916 … and +86 10 … drop the trunk 0 of a landline
    elif re.fullmatch(r"86" + _MOBILE.pattern, "".join(groups)):
        groups = _drop_digits(groups, 2)
    return _classify(groups, ext, area_code)


def _drop_digits(groups: list[str], n: int) -> list[str]:
    """Drop the first ``n`` digits (a country code) across the digit groups."""
    out = []
    for group in groups:
        cut = min(n, len(group))
        n -= cut
        if group[cut:]:
            out.append(group[cut:])
    return out


def _classify(groups: list[str], ext: str | None, area_code: str | None) -> PhoneParse:
    digits = "".join(groups)
    if not digits:  # "+86" alone
        return _bad("没有号码", "no digits in it")
    if digits[0] == "0":
        return _landline(groups, ext)
    if _MOBILE.fullmatch(digits) or _SERVICE.fullmatch(digits):
        if ext:
            return _bad("手机和服务号码没有分机", "mobile and service numbers have no extension")
        if _MOBILE.fullmatch(digits):
            return PhoneParse(digits, "mobile")
        if digits[0] in "48":
            return PhoneParse(f"{digits[:3]}-{digits[3:6]}-{digits[6:]}", "service")
        return PhoneParse(digits, "service")
    if digits[0] == "1":
        if len(digits) == 22 and _MOBILE.fullmatch(digits[11:]):  # two mobiles, space-separated
            return _bad("填了多个号码，每格只填一个", "holds more than one number; put one per field")
        if len(digits) != 11:
            return _bad(
                f"手机号码应为 11 位，这里是 {len(digits)} 位",
                f"a mobile number has 11 digits, not {len(digits)}",
            )
        return _bad(f"没有 {digits[:2]} 开头的手机号段", f"{digits[:2]} is not a mobile prefix")
    if 7 <= len(digits) <= 8 and area_code:
        return _landline([re.sub(r"\D", "", area_code), *groups], ext)
    if 7 <= len(digits) <= 8:
        return _bad("固定电话缺少区号", "landline without an area code")
    if len(digits) in (9, 10, 11):
        return _bad("像是丢了开头 0 的固定电话", "looks like a landline that lost its leading 0")
    return _bad(f"电话号码不会是 {len(digits)} 位", f"a phone number cannot have {len(digits)} digits")


def _landline(groups: list[str], ext: str | None) -> PhoneParse:
    first, rest = groups[0], list(groups[1:])
    if len(first) > 4:  # area code glued to the number: 010/02x take 3 digits, others 4
        cut = 3 if first[1] in "12" else 4
        first, rest = first[:cut], [first[cut:], *rest]
    if not _AREA.fullmatch(first):
        return _bad(f"区号 {first} 无效", f"area code {first} is not valid")
    local = ""
    # A local number that already has 7 digits is complete: a group after it is an
    # extension (0916-3212345-6), never an eighth digit glued on (that is another number).
    while rest and len(local) < 7 and len(local) + len(rest[0]) <= 8:
        local += rest.pop(0)
    if rest and not ext and len(rest) == 1 and len(rest[0]) <= 6 and len(local) >= 7:
        ext = rest.pop()
    count = len(local + "".join(rest))
    if rest or not 7 <= count <= 8:
        return _bad(
            f"区号后的号码应为 7–8 位，这里是 {count} 位",
            f"7–8 digits follow the area code, not {count}",
        )
    if local[0] in "01":
        return _bad(f"本地号码不能以 {local[0]} 开头", f"local numbers never start with {local[0]}")
    return PhoneParse(f"{first}-{local}" + (f"-{ext}" if ext else ""), "landline")


def phone_kind(text: object, area_code: str | None = None) -> PhoneKind | None:
    """``"mobile"``, ``"landline"`` or ``"service"``; ``None`` when blank or unreadable."""
    return normalize_phone(text, area_code).kind


def mask_phone(text: object, area_code: str | None = None) -> str:
    """Mask a phone for printouts: ``138****5678``, ``0916-***2345``.

    Service numbers (12345) are public and stay whole; blanks give ``""``.  A text that
    does not parse has every digit but its last four starred.
    """
    parse = normalize_phone(text, area_code)
    if parse.kind == "mobile" and parse.value:
        return parse.value[:3] + "****" + parse.value[-4:]
    if parse.kind == "landline" and parse.value:
        area, local, *ext = parse.value.split("-")
        return "-".join([area, "*" * (len(local) - 4) + local[-4:], *ext])
    if parse.value or parse.is_blank:
        return parse.value or ""
    raw = unicodedata.normalize("NFKC", str(text))
    hide = set([i for i, char in enumerate(raw) if char in "0123456789"][:-4])
    return "".join("*" if i in hide else char for i, char in enumerate(raw))

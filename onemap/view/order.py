"""Chinese names in the order a reader expects: by pinyin (勉阳街道 before 武侯镇), not by code point.

Used wherever townships or estates are listed: the viewer's township filter, the packet's
sheets and its table of contents.  Blank names go last.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Protocol

_LAST = ("\uffff",)


@lru_cache(maxsize=65536)
def pinyin_key(text: str | None) -> tuple[str, ...]:
    """A sort key: the text's syllables with tone numbers (勉 → mian3), then the text itself.

    Blank text sorts after everything else.
    """
    if not text:
        return _LAST
    from pypinyin import Style, lazy_pinyin

    return (*(s.lower() for s in lazy_pinyin(text, style=Style.TONE3, errors="default")), "\x00", text)


class _Named(Protocol):
    code: str
    name: str
    township: str | None


def estate_order(estate: _Named) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """Township, then name, both by pinyin, then code: the order of packets and contents."""
    return pinyin_key(estate.township), pinyin_key(estate.name), estate.code


def names_used_twice(estates: Iterable[_Named]) -> set[str]:
    """Names that more than one estate carries (the contents add the code to tell them apart)."""
    counts = Counter(e.name for e in estates)
    return {name for name, n in counts.items() if n > 1}

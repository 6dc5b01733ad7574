"""The DBF format's 254-byte text limit, on the way out and on the way back in.

A shapefile's text field holds at most 254 bytes: GDAL cuts a longer value (a long 备注
is 127 Chinese characters in GBK).  On export every cut is named, so nobody mistakes the
shapefile for the whole record; on import a value that reaches the limit and merely
begins what the inventory already holds is the cut copy of it, and never replaces the
longer stored text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from onemap.io.columns_shp import SHP_NAMES
from onemap.io.report import ImportReport
from onemap.model import ESTATE_FIELD_LABELS, Estate

#: the longest text a DBF field holds, in bytes of the file's encoding
DBF_TEXT_BYTES = 254
#: a cut may fall before a multi-byte character: UTF-8 loses at most 3 bytes, GBK 1
_SLACK = 3
#: how many estates a notice names before it says "and N more"
_NAMED = 10

Notice = tuple[str, str]


def cut_fields(estates: Iterable[Estate], encoding: str) -> list[tuple[str, str]]:
    """``(code, field)`` of every text value longer than the DBF limit in ``encoding``."""
    cuts = []
    for estate in estates:
        for name, value in estate.attributes().items():
            if name in SHP_NAMES and isinstance(value, str) and len(value.encode(encoding)) > DBF_TEXT_BYTES:
                cuts.append((estate.code, name))
    return cuts


def cut_notice(cuts: list[tuple[str, str]]) -> Notice | None:
    """One sentence (Chinese, English) naming the estates and fields the shapefile cut."""
    if not cuts:
        return None
    named = cuts[:_NAMED]
    zh = "、".join(f"{code}（{ESTATE_FIELD_LABELS.get(name, name)}）" for code, name in named)
    en = ", ".join(f"{code} ({name})" for code, name in named)
    more_zh = f"等 {len(cuts)} 处" if len(cuts) > len(named) else ""
    more_en = f" and {len(cuts) - len(named)} more" if len(cuts) > len(named) else ""
    return (
        f"Shapefile 的文本字段最长 {DBF_TEXT_BYTES} 字节，以下字段已被截断：{zh}{more_zh}。"
        "完整内容请导出为 .gpkg 或 .xlsx；把这个 Shapefile 再导入时，截断的文本不会覆盖清单里的全文。",
        f"A shapefile's text field holds at most {DBF_TEXT_BYTES} bytes; these fields were cut: {en}{more_en}. "
        "Export to .gpkg or .xlsx for the full text; importing this shapefile back never replaces "
        "the inventory's full text with the cut one.",
    )


def at_limit(text: str) -> bool:
    """True when ``text`` is as long as a DBF field holds (so it may be a cut copy)."""
    return len(text.encode("utf-8")) >= DBF_TEXT_BYTES - _SLACK


def keep_uncut(stored: dict[str, Any], fields: dict[str, Any], row: int, report: ImportReport) -> None:
    """Drop from ``fields`` each shapefile text that is a cut copy of the longer stored value.

    Parameters
    ----------
    stored : dict
        The estate's attributes as the inventory holds them.
    fields : dict
        The changes the ledger row would write; edited in place.
    row, report
        The ledger row (for the warning) and the import report.
    """
    for name, value in list(fields.items()):
        old = stored.get(name)
        if not (isinstance(value, str) and isinstance(old, str) and at_limit(value)):
            continue
        if len(old) > len(value) and old.startswith(value.rstrip()):
            del fields[name]
            label = ESTATE_FIELD_LABELS.get(name, name)
            report.warn(
                row,
                label,
                f"{label}是 Shapefile 截断（{DBF_TEXT_BYTES} 字节）的文本，保留清单里的全文",
                f"{name} was cut to {DBF_TEXT_BYTES} bytes by the shapefile; the inventory's full text is kept",
            )

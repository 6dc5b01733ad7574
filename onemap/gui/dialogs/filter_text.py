"""A ``--where`` filter as the dialogs show it: 全部小区, or 筛选：状态=在建 且 renewal_year>=2024."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

Where = str | list[str] | None


def where_list(where: Where) -> list[str]:
    """The filter as a list of conditions (blank ones dropped)."""
    items = [where] if isinstance(where, str) else list(where or [])
    return [w.strip() for w in items if w and w.strip()]


def where_words(where: Where) -> str:
    """The filter in words for a label (the parsed text, so it reads as the command line would)."""
    from onemap.store.where import parse_where

    conditions = where_list(where)
    if not conditions:
        return QCoreApplication.translate("Filter", "全部小区")
    try:
        text = parse_where(conditions).text
    except Exception:  # an unreadable filter is reported where it is used
        text = " 且 ".join(conditions)
    return QCoreApplication.translate("Filter", "筛选：{conditions}").format(conditions=text)

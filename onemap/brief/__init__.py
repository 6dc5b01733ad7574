"""PDF briefings (no Qt): one-page estate sheets and county packets a leader can read on paper.

>>> from onemap.brief import BriefOptions, build_packet
>>> build_packet("勉县.gpkg", codes, "简报.pdf", BriefOptions(redact_phones=True))  # doctest: +SKIP

A packet is one ReportLab document: cover, contents (page numbers from a layout pass),
county summary shaped like a 汇报's 基本情况, an overview map by status, then one sheet
per estate in township and name order, each bookmarked.  Text is set in an embedded
TrueType CJK font (:mod:`onemap.brief.fonts`), escaped before markup, wrapped with
Chinese line-breaking rules; phones can be masked and camera logins never print.

Names load lazily, so ``onemap brief --help`` and the other commands never import ReportLab.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from onemap.brief.build import build_packet, build_sheets, select_estates
    from onemap.brief.fonts import FontChoice, find_cjk_font
    from onemap.brief.options import BriefCancelled, BriefOptions, BriefResult

_HOMES = {
    "build_packet": "build",
    "build_sheets": "build",
    "select_estates": "build",
    "FontChoice": "fonts",
    "find_cjk_font": "fonts",
    "BriefCancelled": "options",
    "BriefOptions": "options",
    "BriefResult": "options",
}

__all__ = [
    "BriefCancelled",
    "BriefOptions",
    "BriefResult",
    "FontChoice",
    "build_packet",
    "build_sheets",
    "find_cjk_font",
    "select_estates",
]


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(f"onemap.brief.{_HOMES[name]}"), name)
    raise AttributeError(f"module 'onemap.brief' has no attribute {name!r}")

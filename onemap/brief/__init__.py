"""PDF briefings (no Qt): one-page estate sheets and county packets a leader can read on paper.

>>> from onemap.brief import BriefOptions, build_packet
>>> build_packet("勉县.gpkg", codes, "简报.pdf", BriefOptions(redact_phones=True))  # doctest: +SKIP

A packet is one ReportLab document: cover, contents (page numbers from a layout pass),
county summary shaped like a 汇报's 基本情况, an overview map by status, then one sheet
per estate in township and name order, each bookmarked.  Text is set in an embedded
TrueType CJK font (:mod:`onemap.brief.fonts`), escaped before markup, wrapped with
Chinese line-breaking rules; phones can be masked and camera logins never print.
"""

from onemap.brief.build import build_packet, build_sheets, select_estates
from onemap.brief.fonts import FontChoice, find_cjk_font
from onemap.brief.options import BriefCancelled, BriefOptions, BriefResult

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

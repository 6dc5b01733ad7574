"""What the brief dialog builds, run in its worker thread: choose the estates, build, draw the preview."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from onemap.gui.dialogs.pdf_pages import render_pages

#: preview pages drawn as pictures at most (cover, contents, summary, map, first sheets)
PREVIEW_PAGES = 12


@dataclass(frozen=True)
class BriefRequest:
    """A briefing to build: which estates, where to, and how it is printed."""

    inventory: Path
    codes: tuple[str, ...]
    where: tuple[str, ...]
    out: Path
    paper: str = "A4"
    landscape: bool = False
    redact_phones: bool = True
    sheets_only: bool = False
    basemap: str = ""
    preview: int | None = None
    #: the annual plan's 汇报 as a packet part, within this budget (万元); None leaves it out
    plan_budget_wan: float | None = None

    def cover_words(self) -> str:
        """What was selected, for the packet's cover (Chinese: the PDF is printed in Chinese)."""
        if self.codes:
            return f"所选 {len(self.codes)} 个小区"
        if not self.where:
            return "全部小区"
        from onemap.store.where import parse_where

        return f"筛选：{parse_where(list(self.where)).text}"


def chosen_codes(inventory: Path, codes: tuple[str, ...] | list[str], where: tuple[str, ...] | list[str]) -> list[str]:
    """The codes a brief covers: the selection, else every estate the filter lets through."""
    if codes:
        return list(codes)
    from onemap.store import Inventory

    with Inventory.open(inventory, readonly=True) as opened:
        return [estate.code for estate in opened.estates(list(where) or None)]


def count_estates(inventory: Path, codes: list[str], where: list[str]) -> int:
    """How many estates the brief covers (0 when the file or the filter cannot be read)."""
    if codes:
        return len(codes)
    from onemap.store import Inventory

    try:
        with Inventory.open(inventory, readonly=True) as opened:
            return opened.count(where or None)
    except Exception:  # the dialog then offers nothing to export
        return 0


def build_brief(
    request: BriefRequest, progress: Callable[[float, str], None], cancel: Callable[[], bool]
) -> tuple[object, list[Path]]:
    """Build the PDF (a preview also draws its pages as PNG files next to it).

    Raises
    ------
    BriefCancelled
        When ``cancel()`` returned True; no PDF was written.
    """
    from onemap.brief import BriefOptions, build_packet, build_sheets
    from onemap.outputs import OutputFile

    codes = chosen_codes(request.inventory, request.codes, request.where)
    options = BriefOptions(
        paper=request.paper,
        landscape=request.landscape,
        redact_phones=request.redact_phones,
        mbtiles_path=request.basemap or None,
        plan_budget_wan=request.plan_budget_wan,
    )
    request.out.parent.mkdir(parents=True, exist_ok=True)
    # never over the inventory or the basemap; a temporary name renamed into place when complete
    # (the dialog asked before an existing file is replaced)
    with OutputFile(request.out, [request.inventory, request.basemap or None], force=True) as temp:
        if request.sheets_only:
            chosen = codes[: request.preview] if request.preview else codes
            result = build_sheets(request.inventory, chosen, temp, options, progress=progress, cancel=cancel)
        else:
            result = build_packet(
                request.inventory,
                codes,
                temp,
                options,
                selection=request.cover_words(),
                progress=progress,
                cancel=cancel,
                preview=request.preview,
            )
    result = replace(result, path=request.out)
    images = render_pages(request.out, request.out.parent, PREVIEW_PAGES) if request.preview else []
    return result, images

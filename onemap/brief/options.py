"""What a briefing is asked for and what it produced: paper, options, result, cancellation."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import A3, A4, landscape, portrait
from reportlab.lib.units import mm

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]

PAPERS: dict[str, tuple[float, float]] = {"A4": A4, "A3": A3}


class BriefCancelled(InterruptedError):
    """The user cancelled a briefing; no output file was left behind."""


@dataclass
class BriefOptions:
    """How a sheet or packet is printed.

    Parameters
    ----------
    paper : {"A4", "A3"}
        Paper size; A4 is what county offices print on.
    landscape : bool
        Landscape pages (the sheet's map and lists sit side by side).
    redact_phones : bool
        Mask every phone number as ``138****5678`` (personal information law).
    font_path : str or Path, optional
        A TrueType font (``.ttf``/``.ttc``) set in Settings; searched before the system fonts.
    font_dirs : list of Path, optional
        Folders to search for fonts instead of the system's (a bundle shipping its own font).
    mbtiles_path : str or Path, optional
        An offline basemap drawn under the sheet maps.
    author : str, optional
        Document metadata; defaults to the county's name.
    inset_images : mapping of str to Path, optional
        A 3D picture per estate code (made by the viewer's 3D snapshot), drawn in a corner
        of that estate's location map.
    workers : int, optional
        Worker processes that draw estate sheets beside the main process (``None``: one
        when the machine has two or more cores; ``0``: draw everything in this process).
        The PDF is the same either way.
    report_date : date, optional
        The day the briefing reports up to: sheets list the estate's alerts of the 30 days
        ending with it and the summary counts them (``None``: today, Beijing time).
    layer_files : list of Path, optional
        Reference layers drawn on the maps besides the inventory's own ``NAME.layers.gpkg``.
    plan_budget_wan : float, optional
        Add the annual plan's 汇报 as a part of the packet, choosing within this budget (万元).
    plan_year : int, optional
        The plan's year (``None``: the year after the report date).
    """

    paper: str = "A4"
    landscape: bool = False
    redact_phones: bool = False
    font_path: str | Path | None = None
    font_dirs: list[Path] | None = None
    mbtiles_path: str | Path | None = None
    author: str | None = None
    inset_images: Mapping[str, Path] | None = None
    workers: int | None = None
    report_date: date | None = None
    layer_files: list[Path] | None = None
    plan_budget_wan: float | None = None
    plan_year: int | None = None

    @property
    def pagesize(self) -> tuple[float, float]:
        """Page width and height in points."""
        width, height = (landscape if self.landscape else portrait)(PAPERS[self.paper.upper()])
        return float(width), float(height)

    @property
    def sheet_scale(self) -> float:
        """How much an estate sheet is enlarged: A3 prints the A4 sheet 1.41x, for reading at a distance."""
        return 2**0.5 if self.paper.upper() == "A3" else 1.0

    @property
    def margins(self) -> tuple[float, float, float, float]:
        """Left, right, top and bottom margins in points (the bottom one holds the footer)."""
        return 13 * mm, 13 * mm, 11 * mm, 15 * mm

    @property
    def frame(self) -> tuple[float, float, float, float]:
        """The content frame ``(x, y, width, height)`` in points."""
        width, height = self.pagesize
        left, right, top, bottom = self.margins
        return left, bottom, width - left - right, height - top - bottom


@dataclass
class BriefResult:
    """What a build wrote.

    ``pages`` maps every bookmark key (``"section:summary"``, ``"estate:CODE"``) to its
    1-based page number, the same numbers the table of contents prints.
    """

    path: Path
    page_count: int
    estates: int
    font_name: str
    font_embedded: bool
    pages: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def check_cancel(cancel: Cancel | None) -> None:
    """Raise :class:`BriefCancelled` when the cancel callable says so."""
    if cancel is not None and cancel():
        raise BriefCancelled("已取消")

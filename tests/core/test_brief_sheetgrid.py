"""The sheets' tables drawn by SheetGrid give the very PDF ReportLab's Table gives: the same bytes
for sheets with alert tables (coloured levels, right-aligned cells, cut lists with 另有 N 项),
facts tables with spanning rows, the score bars, redacted phones and the A3 landscape sheet."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab import rl_config
from reportlab.platypus import Table, TableStyle
from reportlab.platypus.flowables import Flowable

from onemap.brief import BriefOptions, build_packet, fitting
from onemap.brief.fonts import find_cjk_font
from onemap.brief.sheetgrid import SheetGrid
from onemap.brief.typeset import Typesetter
from tests.core.brief_alert_support import Recorded, record_demo_alerts


@pytest.fixture(scope="module")
def alerted(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Recorded]:
    inventory = tmp_path_factory.mktemp("sheetgrid") / "勉县 告警.gpkg"
    shutil.copy(demo_file, inventory)
    return inventory, record_demo_alerts(inventory)


@pytest.fixture
def invariant() -> Iterator[None]:
    saved = rl_config.invariant, fitting.SHEET_GRID
    rl_config.invariant = 1
    try:
        yield
    finally:
        rl_config.invariant, fitting.SHEET_GRID = saved


def _both(inventory: Path, codes: list[str], folder: Path, options: BriefOptions) -> dict[bool, bytes]:
    built = {}
    for fast in (False, True):
        fitting.SHEET_GRID = fast
        out = folder / f"packet-{fast}.pdf"
        build_packet(inventory, codes, out, options)
        built[fast] = out.read_bytes()
    return built


@pytest.mark.parametrize(
    "options",
    [
        {"redact_phones": True},
        {"paper": "A3", "landscape": True},
    ],
    ids=["A4 redacted", "A3 landscape"],
)
def test_sheet_tables_drawn_by_sheetgrid_give_the_same_pdf_as_reportlab_tables(
    alerted: tuple[Path, Recorded], tmp_path: Path, invariant: None, options: dict[str, object]
) -> None:
    inventory, recorded = alerted
    codes = sorted({*recorded.codes[:20], recorded.flood_code, recorded.quiet_code})
    built = _both(inventory, codes, tmp_path, BriefOptions(report_date=recorded.report_date, workers=0, **options))
    assert len(built[True]) > 100_000
    assert built[True] == built[False]


def _grey_table_parts(ts: Typesetter) -> list[list[object]]:
    wrapping = ts.para("一段很长的说明文字，" * 6, 7.5)
    return [["名称", "数量", "说明"], ["甲", "1", wrapping], ["乙\n两行", "22", "短"]]


def test_a_grid_with_every_supported_command_matches_table_operator_for_operator(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    ts = Typesetter(find_cjk_font())
    style = [
        ("FONT", (0, 0), (-1, -1), ts.font.name, 7.5),
        ("GRID", (0, 0), (-1, -1), 0.3, (0.5, 0.5, 0.5)),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, 1), "TOP"),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("ALIGN", (0, 2), (0, 2), "CENTER"),
        ("TEXTCOLOR", (1, 1), (1, 1), (0.8, 0.1, 0.1)),
        ("BACKGROUND", (0, 0), (-1, 0), (0.88, 0.88, 0.88)),
        ("BACKGROUND", (2, 2), (2, 2), (0.93, 0.93, 0.93)),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6),
        ("SPAN", (1, 2), (2, 2)),
    ]
    pages = []
    for make in (lambda rows: Table(rows, colWidths=[40, 50, 90], style=TableStyle(style), hAlign="LEFT"),
                 lambda rows: SheetGrid(rows, [40, 50, 90], style)):  # fmt: skip
        canvas = Canvas(str(tmp_path / "t.pdf"), initialFontName=ts.font.name)
        table: Flowable = make(_grey_table_parts(ts))
        size = table.wrap(180, 1000)
        table.drawOn(canvas, 20, 300)
        pages.append((size, "\n".join(canvas._code)))
    assert pages[0][1].count(" re") >= 2 and "l S" in pages[0][1]
    assert pages[1] == pages[0]


def test_a_grid_refuses_a_command_it_does_not_draw() -> None:
    with pytest.raises(ValueError, match="LINEBELOW|SheetGrid"):
        SheetGrid([["a"]], [10], [("LINEBELOW", (0, 0), (-1, -1), 1, (0, 0, 0))]).wrap(10, 10)

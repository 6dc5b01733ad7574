"""What a packet no longer holds or redoes: same pages, less memory and time (issue 12)."""

from __future__ import annotations

import io
import multiprocessing
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.graphics.shapes import Circle, Line
from reportlab.pdfgen.canvas import Canvas

from onemap.brief import BriefOptions, build_packet
from onemap.brief.mapdraw import grey
from onemap.brief.palette import hatch, hatch_marks
from onemap.brief.widgets import SOURCE_LOOKS, paint_swatch
from onemap.store import Inventory
from onemap.store.selection_reads import selected_estate_points


def _shape_swatch(look: int, w: float, h: float) -> list[str]:
    """A swatch painted as before: a fresh canvas, the hatch as ReportLab shapes."""
    from reportlab.lib import colors

    canvas = Canvas(io.BytesIO())
    start = len(canvas._code)
    shade, pattern = SOURCE_LOOKS[look]
    canvas.saveState()
    canvas.setLineWidth(0.4)
    canvas.setFillColor(grey(shade))
    canvas.rect(0, 0, w, h, stroke=1, fill=1)
    ink = colors.white if shade < 0.5 else colors.black
    strokes = hatch((0, 0, w, h), pattern, 2.6, ink, 0.35)
    canvas.setStrokeColor(ink)
    canvas.setFillColor(ink)
    canvas.setLineWidth(0.35)
    canvas.lines([(s.x1, s.y1, s.x2, s.y2) for s in strokes if isinstance(s, Line)])
    for dot in strokes:
        if isinstance(dot, Circle):
            canvas.circle(dot.cx, dot.cy, dot.r, stroke=0, fill=1)
    canvas.restoreState()
    return list(canvas._code[start:])


@pytest.mark.parametrize("look", range(len(SOURCE_LOOKS)))
def test_a_funding_swatch_paints_the_operators_the_hatchs_shapes_painted(look: int) -> None:
    for width in (14.0, 31.7, 88.123, 203.5):
        canvas = Canvas(io.BytesIO())
        start = len(canvas._code)
        paint_swatch(canvas, look, 0, 0, width, 11.0)
        assert canvas._code[start:] == _shape_swatch(look, width, 11.0)


@pytest.mark.parametrize("pattern", ["none", "diag", "back", "horiz", "cross", "dots"])
def test_the_hatchs_numbers_are_those_of_its_shapes(pattern: str) -> None:
    lines, dots = hatch_marks((3.0, 4.5, 57.3, 12.0), pattern, 2.6)
    shapes = hatch((3.0, 4.5, 57.3, 12.0), pattern, 2.6)
    assert [(s.x1, s.y1, s.x2, s.y2) for s in shapes if isinstance(s, Line)] == lines
    assert [(s.cx, s.cy, s.r) for s in shapes if isinstance(s, Circle)] == dots
    assert len(shapes) == len(lines) + len(dots) and (pattern == "none") == (not shapes)


def test_a_selections_estate_points_are_every_estates_points_narrowed_to_it(demo_file: Path) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        every = inventory.estate_points()
        codes = {p.code for p in every[::7]} | {"NO-SUCH-CODE"}
        assert len(codes) > 10
        assert selected_estate_points(inventory, codes) == [p for p in every if p.code in codes]
        assert selected_estate_points(inventory, []) == []
    assert selected_estate_points(object(), codes) is None  # a store it cannot read: the caller filters


def test_a_packet_without_layer_files_never_imports_gdal(demo_file: Path, tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from onemap.brief import BriefOptions, build_packet\n"
        "from onemap.store import Inventory\n"
        "with Inventory.open(Path(sys.argv[1]), readonly=True) as inventory:\n"
        "    build_packet(inventory, inventory.estates()[:3], Path(sys.argv[2]), BriefOptions(workers=0))\n"
        "print('pyogrio' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(demo_file), str(tmp_path / "p.pdf")],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[2],
    )
    assert out.stdout.strip() == "False"
    assert (tmp_path / "p.pdf").stat().st_size > 10_000


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_the_worker_has_stopped_when_the_last_sheet_is_placed_before_the_file_is_written(
    demo_file: Path, tmp_path: Path
) -> None:
    at_last: list[int] = []

    def progress(fraction: float, message: str) -> None:
        if message == "小区档案 30/30":  # said once the last sheet is on its page, before the save
            at_last.append(len(multiprocessing.active_children()))

    with Inventory.open(demo_file, readonly=True) as inventory:
        build_packet(
            inventory, inventory.estates()[:30], tmp_path / "p.pdf", BriefOptions(workers=1), progress=progress
        )
    assert at_last and set(at_last) == {0}

"""Map labels, markers, scale bars and north arrows drawn straight to the canvas look exactly as
ReportLab's renderPDF draws them: same text, same pixels, on the overview map and the sheets."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from reportlab.graphics.shapes import Group, Rect, String

from onemap.brief import BriefOptions, build_packet, flatdraw
from onemap.store import Inventory
from tests.core.test_brief_ledger import pdf_text


@pytest.fixture
def switch() -> Iterator[None]:
    saved = flatdraw.ENABLED
    try:
        yield
    finally:
        flatdraw.ENABLED = saved


def _pixels(pdf: Path, first: int, last: int) -> list[np.ndarray]:
    stem = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(first), "-l", str(last), str(pdf), str(stem)],
                   check=True, timeout=120)  # fmt: skip
    return [np.asarray(Image.open(p).convert("L")) for p in sorted(pdf.parent.glob(f"{stem.name}-*.png"))]


def test_maps_drawn_flat_look_the_same_as_through_renderpdf(demo_file: Path, tmp_path: Path, switch: None) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        codes = [e.code for e in inventory.estates()][:14]
        built = {}
        for flat in (False, True):
            flatdraw.ENABLED = flat
            built[flat] = build_packet(inventory, codes, tmp_path / f"flat-{flat}.pdf", BriefOptions(workers=0))
    old, new = tmp_path / "flat-False.pdf", tmp_path / "flat-True.pdf"
    assert pdf_text(new) == pdf_text(old)
    first = built[True].pages["section:map"]
    pages = (_pixels(old, first, first + 6), _pixels(new, first, first + 6))
    assert len(pages[1]) == 7
    for before, after in zip(*pages, strict=True):
        assert np.array_equal(before, after)


def test_a_transformed_or_translucent_group_goes_to_renderpdf() -> None:
    plain = Group(Rect(0, 0, 5, 5), String(1, 1, "北", textAnchor="middle"))
    assert flatdraw.flat(plain)
    moved = Group(Rect(0, 0, 5, 5))
    moved.translate(3, 4)
    assert not flatdraw.flat(Group(plain, moved))
    assert not flatdraw.flat(Group(Rect(0, 0, 5, 5, fillOpacity=0.5)))


def test_a_cross_marker_of_two_lines_is_drawn_flat(tmp_path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.pdfgen.canvas import Canvas

    from onemap.brief.palette import marker

    canvas = Canvas(str(tmp_path / "cross.pdf"))
    cross = Group(marker("cross", 50, 50, 4, colors.red))
    assert flatdraw.flat(cross)
    flatdraw.draw_group(canvas, cross, "Helvetica", 100, 100)
    ops = "\n".join(canvas._code)
    assert ops.count(" l S") == 2 and "1 0 0 RG" in ops

"""QR codes drawn as one-bit image masks: rendered, every module's centre is dark exactly where the
code's module is dark, for both links a sheet carries; the mask is a fraction of the path's size."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from onemap.brief.qr import amap_uri, draw_qr, geo_uri, qr_mask, qr_modules, qr_path

X, Y, SIZE, BORDER, DPI = 100.0, 400.0, 160.0, 2, 300


@pytest.mark.parametrize("value", [geo_uri(106.671234, 33.152345), amap_uri(106.671234, 33.152345, "幸福小区（东区）")])
def test_a_rendered_qr_mask_is_dark_at_exactly_the_dark_modules(value: str, tmp_path: Path) -> None:
    pdf = tmp_path / "qr.pdf"
    canvas = Canvas(str(pdf), pagesize=(400, 600))
    draw_qr(canvas, value, X, Y, SIZE, BORDER)
    canvas.save()
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-singlefile", str(pdf), str(tmp_path / "qr")],
                   check=True, timeout=60)  # fmt: skip
    page = np.asarray(Image.open(tmp_path / "qr.png").convert("L"))
    modules = np.asarray(qr_modules(value), dtype=bool)
    n = len(modules)
    cell = SIZE / (n + 2 * BORDER)
    centres = (np.arange(n) + BORDER + 0.5) * cell
    px = ((X + centres) * DPI / 72).astype(int)
    py = ((600 - (Y + SIZE - centres)) * DPI / 72).astype(int)  # row 0 at the top
    seen = page[np.ix_(py, px)] < 128
    assert seen.any() and np.array_equal(seen, modules)


def test_the_mask_is_much_smaller_than_the_path_of_rectangles() -> None:
    modules = qr_modules(amap_uri(106.67, 33.15, "幸福小区"))
    assert len(qr_mask(modules, 0, 0, 52)) * 10 < len(qr_path(modules, 0, 0, 52))

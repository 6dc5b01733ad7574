"""PDF pages as pictures for the brief preview: QtPdf when this Qt has it, else poppler's pdftoppm.

PySide6-Essentials ships no QtPdf module, so on most installs the pages come from
``pdftoppm`` (poppler-utils; Debian ``poppler-utils``, on Windows bundled with the app or
absent), run with an argument list and a timeout.  Without either, the preview shows
only the page count.  Runs off the UI thread.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from PySide6.QtGui import QImage

RENDER_TIMEOUT_S = 60


def renderer() -> str | None:
    """What can draw pages here: ``"qtpdf"``, ``"pdftoppm"`` or None."""
    try:
        from PySide6 import QtPdf  # noqa: F401 - only the full PySide6 has it
    except ImportError:
        return "pdftoppm" if shutil.which("pdftoppm") else None
    return "qtpdf"


def render_pages(pdf: Path, out_dir: Path, last: int, dpi: int = 60) -> list[Path]:
    """Draw pages 1..``last`` of ``pdf`` into PNG files in ``out_dir``; [] when nothing can draw them."""
    out_dir.mkdir(parents=True, exist_ok=True)
    how = renderer()
    if how == "qtpdf":
        return _qtpdf(pdf, out_dir, last, dpi)
    if how == "pdftoppm":
        return _pdftoppm(pdf, out_dir, last, dpi)
    return []


def _pdftoppm(pdf: Path, out_dir: Path, last: int, dpi: int) -> list[Path]:
    tool = shutil.which("pdftoppm")
    if tool is None:
        return []
    prefix = out_dir / "page"
    args = [tool, "-png", "-r", str(dpi), "-f", "1", "-l", str(last), str(pdf), str(prefix)]
    try:
        subprocess.run(args, check=True, capture_output=True, timeout=RENDER_TIMEOUT_S)
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted(out_dir.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def _qtpdf(pdf: Path, out_dir: Path, last: int, dpi: int) -> list[Path]:
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(pdf))
    pages = []
    for index in range(min(last, document.pageCount())):
        size = document.pagePointSize(index) * dpi / 72
        image: QImage = document.render(index, size.toSize())
        path = out_dir / f"page-{index + 1}.png"
        if image.save(str(path)):
            pages.append(path)
    document.close()
    return pages

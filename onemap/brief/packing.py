"""Memory a long packet does not need to hold: finished pages kept compressed, the font file mapped.

ReportLab keeps every page's operators as text until the document is saved, then compresses
each one: a 500-page packet holds ~25 MB of page text it will not change again.
:class:`PackedCanvas` compresses a page's stream as the page ends, with the same filter the
save would apply, so the file is the same byte for byte.

A TrueType font's whole file is read into memory to be parsed and, at save, subset
(wqy-zenhei.ttc: 16 MB).  :func:`map_font_file` puts a read-only memory map of the same file
in its place: the subset reads only the glyphs it embeds, and the pages it does not touch
are never loaded (and are the page cache's, shared with every other process).
"""

from __future__ import annotations

import mmap
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import PDFArray, PDFName, PDFStream, PDFZCompress
from reportlab.pdfgen.canvas import Canvas

from onemap.brief.fasttext import FastText


class PackedCanvas(FastText, Canvas):  # type: ignore[misc]
    """A canvas whose finished pages hold their stream compressed (as the save would write it),
    and whose plain lines of text are written directly (:class:`~onemap.brief.fasttext.FastText`)."""

    def showPage(self) -> None:
        super().showPage()
        pages = self._doc.Pages.pages
        if not pages:
            return
        page = pages[-1]
        stream = getattr(page, "stream", None)
        if not stream or page.Contents or not page.compression or rl_config.useA85:
            return  # ReportLab formats it at the save, as usual
        packed = PDFStream(content=PDFZCompress.encode(stream))
        packed.dictionary["Filter"] = PDFArray([PDFName(PDFZCompress.pdfname)])
        packed.__Comment__ = "page stream"
        page.Contents, page.stream = packed, None


def map_font_file(face: Any, path: Path) -> None:
    """Replace ``face``'s in-memory copy of its font file by a read-only map of ``path``.

    Left as it is when the file cannot be mapped (an empty file, a platform without mmap).
    """
    try:
        with path.open("rb") as handle:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return
    if len(mapped) == len(face._ttf_data):
        face._ttf_data = mapped
    else:  # not the file that was parsed: keep what was read
        mapped.close()

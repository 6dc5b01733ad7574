"""Single lines of TrueType text written with ReportLab's operators, without its text objects.

Table cells, legends and footers are drawn with ``drawString`` and its right-aligned and
centred twins: a hundred calls a sheet, each building a ``PDFTextObject``, shaping and
measuring the text and formatting it through several layers.  For the plain case (an
embedded TrueType font, no render mode, spacing, direction or shaping, one line),
:class:`FastText` writes the very operators ReportLab writes
(``BT 1 0 0 1 x y Tm /F1+0 7.5 Tf 9 TL (…) Tj T* ET``) directly; anything else goes the
usual way.  :data:`ENABLED` switches it off (the tests compare both byte for byte).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics

ENABLED = True


class FastText:
    """A canvas mixin: plain ``drawString``/``drawRightString``/``drawCentredString`` written directly."""

    _fontname: str
    _fontsize: float
    _leading: float
    _code: list[str]
    _doc: Any
    bottomup: int

    def _plain(self, text: str, mode: Any, extra: tuple[Any, ...]) -> Any:
        """The font when the fast path applies, else None."""
        if not ENABLED or mode is not None or any(extra) or not self.bottomup or "\n" in text or "\r" in text:
            return None
        font = pdfmetrics.getFont(self._fontname)
        return font if font._dynamicFont else None  # a plain str is never shaped

    def run(self, font: Any, text: str) -> str:
        """The operators showing ``text`` in ``font`` from the start of a text object."""
        doc, escape, parts, current = self._doc, self._escape, [], -1  # type: ignore[attr-defined]
        tail = f"{fp_str(self._fontsize)} Tf {fp_str(self._leading)} TL"
        for subset, chunk in font.splitString(text, doc):
            if subset != current:
                parts.append(f"{font.getSubsetInternalName(subset, doc)} {tail}")
                current = subset
            parts.append(f"({escape(chunk)}) Tj")
        return " ".join(parts)

    def _line(self, font: Any, x: float, y: float, text: str) -> None:
        self._code.append(f"BT 1 0 0 1 {fp_str(x, y)} Tm {self.run(font, text)} T* ET")

    def drawString(self, x: float, y: float, text: str, mode: Any = None, charSpace: float = 0,
                   direction: Any = None, wordSpace: Any = None, shaping: bool = False) -> None:  # fmt: skip
        font = self._plain(text, mode, (charSpace, direction, wordSpace, shaping))
        if font is None:
            super().drawString(x, y, text, mode, charSpace, direction, wordSpace, shaping)  # type: ignore[misc]
        else:
            self._line(font, x, y, text)

    def drawRightString(self, x: float, y: float, text: str, mode: Any = None, charSpace: float = 0,
                        direction: Any = None, wordSpace: Any = None, shaping: bool = False) -> None:  # fmt: skip
        font = self._plain(text, mode, (charSpace, direction, wordSpace, shaping))
        if font is None:
            super().drawRightString(x, y, text, mode, charSpace, direction, wordSpace, shaping)  # type: ignore[misc]
        else:
            self._line(font, x - pdfmetrics.stringWidth(text, self._fontname, self._fontsize), y, text)

    def drawCentredString(self, x: float, y: float, text: str, mode: Any = None, charSpace: float = 0,
                          direction: Any = None, wordSpace: Any = None, shaping: bool = False) -> None:  # fmt: skip
        font = self._plain(text, mode, (charSpace, direction, wordSpace, shaping))
        if font is None:
            super().drawCentredString(x, y, text, mode, charSpace, direction, wordSpace, shaping)  # type: ignore[misc]
        else:
            self._line(font, x - pdfmetrics.stringWidth(text, self._fontname, self._fontsize) * 0.5, y, text)

"""Text for the printed page: cleaned, escaped, wrapped the Chinese way.

Every piece of ledger text passes :meth:`Typesetter.text` before it is printed: camera
logins are cut out of any URL, phone numbers are masked when asked, and characters the
font lacks are replaced (NFKC form, else ``?``) so no tofu box ever prints.
:meth:`Typesetter.para` then escapes it for Paragraph markup, so ``A&B<东区>`` prints
exactly so.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib import textsplit as _textsplit
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus import paragraph as _paragraph
from reportlab.platypus.paraparser import ParaParser
from reportlab.rl_config import _FUZZ

from onemap.brief import textcache
from onemap.brief.fonts import FontChoice
from onemap.cameras import redact
from onemap.model import BLANK_ZH
from onemap.phones import mask_phone

#: full-width punctuation that must never begin a line (added to ReportLab's kinsoku list)
NO_LINE_START = "，。；：！？）》、」』】〕…·％"
_PHONE = re.compile(r"(?<![\d*])(?:(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}|0\d{2,3}[-\s]?\d{7,8})(?![\d*])")
GREY = colors.Color(0.35, 0.35, 0.35)


def extend_kinsoku() -> None:
    """Add :data:`NO_LINE_START` to ReportLab's can't-start-a-line list (idempotent)."""
    extra = "".join(c for c in NO_LINE_START if c not in _textsplit.ALL_CANNOT_START)
    _textsplit.ALL_CANNOT_START += extra
    _paragraph.ALL_CANNOT_START = _textsplit.ALL_CANNOT_START


extend_kinsoku()
textcache.install()


#: cleaned texts a typesetter remembers; past this it starts afresh
TEXT_LIMIT = 4000

#: wrap each paragraph once per width (False: every time, as ReportLab does; the tests compare)
WRAP_ONCE = True


#: plain texts' paragraphs made without parsing markup (False: parsed, as ReportLab does; the tests compare)
PLAIN_FRAGS = True


#: paragraphs of the same text and style share their lines at a width (False: each breaks its
#: own, as ReportLab does; the tests compare)
SHARED_WRAPS = True

#: markup parsed once per text and style (False: every paragraph parses its own; the tests compare)
MARKUP_ONCE = True

#: lines kept for sharing, and markups kept parsed; past this each starts afresh
SHARED_LIMIT = 4000

#: (kind, text, style id, width) -> the style, and what ReportLab's wrap leaves on a paragraph
_WRAPS: dict[tuple[str, str, int, float], tuple[ParagraphStyle, list[float], Any, float]] = {}

#: (markup, style id) -> the style, and the cleaned text, style, fragments and bullet its parse gives
_PARSED: dict[tuple[str, int], tuple[ParagraphStyle, str, ParagraphStyle, list[Any], Any]] = {}


class Para(Paragraph):  # type: ignore[misc]
    """A Paragraph that breaks its lines once per width, and once per text, style and width.

    A sheet fits each list to its box by measuring tables of the same cells again and again
    (with fewer rows each time), and ReportLab breaks every paragraph's lines anew on every
    measure: Chinese line breaking, character by character, was a fifth of a sheet's time.
    The lines depend on the width alone, so a second wrap at the same width gives back the
    first one's size (its lines are still the paragraph's).  A paragraph made by
    :func:`plain_para` or :func:`markup_para` knows its text (``_onemap_source``): another
    paragraph of that text and style, on this sheet or another, takes the lines the first
    one broke at the same width (ReportLab only reads them to draw).
    """

    #: (kind, text, style id) of a paragraph whose lines others of the same may share
    _onemap_source: tuple[str, str, int] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        known = self.__dict__.get("_onemap_wrap")
        if WRAP_ONCE and known is not None and known[0] == availWidth:
            self.width, self.height = known[1]
            return known[1]  # type: ignore[no-any-return]
        source = self._onemap_source
        if SHARED_WRAPS and source is not None and availWidth >= _FUZZ:
            key = (*source, availWidth)
            shared = _WRAPS.get(key)
            if shared is not None and shared[0] is self.style:
                _style, self._wrapWidths, self.blPara, self.height = shared
                self.width = availWidth
                size = (availWidth, self.height)
            else:
                size = super().wrap(availWidth, availHeight)
                if len(_WRAPS) >= SHARED_LIMIT:
                    _WRAPS.clear()
                _WRAPS[key] = (self.style, self._wrapWidths, self.blPara, self.height)
        else:
            size = super().wrap(availWidth, availHeight)
        self._onemap_wrap = (availWidth, size)
        return size


def markup_para(markup: str, style: ParagraphStyle, plain: bool = True) -> Para:
    """``Para(markup, style)``, its markup parsed once per style (later ones copy the fragments).

    ReportLab parses each paragraph's markup with an HTML parser; a sheet makes the same
    headings, labels and notes on every page.  The paragraph is set up as
    ``Paragraph.__init__`` sets it up from the parse.  A markup without tags or entities
    (a sheet's header line, 另有 N 项) is plain text: :func:`plain_para` makes it unparsed.
    """
    if not MARKUP_ONCE:
        own = Para(markup, style)
        own._onemap_source = ("markup", markup, id(style))
        return own
    unparsed = _unparsed(markup, style) if plain else None  # no tag or entity: its own plain text
    if unparsed is not None:
        return unparsed
    key = (markup, id(style))
    known = _PARSED.get(key)
    if known is None or known[0] is not style:
        text = _paragraph.cleanBlockQuotedText(markup)
        parser = ParaParser()
        parser.caseSensitive = 1  # as Paragraph sets it
        parsed, frags, bullet_frags = parser.parse(text, style)
        if frags is None:
            return Para(markup, style)  # ReportLab's own error
        _paragraph.textTransformFrags(frags, parsed)
        bullet = bullet_frags or getattr(style, "bulletText", None)
        if len(_PARSED) >= SHARED_LIMIT:
            _PARSED.clear()
        known = _PARSED[key] = (style, text, parsed, frags, bullet)
    _style, text, parsed, frags, bullet = known
    para: Para = Para.__new__(Para)
    para.caseSensitive, para.encoding = 1, "utf8"
    para._setup(text, parsed, bullet, [copy.copy(f) for f in frags], _paragraph.cleanBlockQuotedText)
    para._onemap_source = ("markup", markup, id(style))
    return para


#: the fragment a plain text parses to, per style: only its text differs from text to text
_TEMPLATES: dict[int, tuple[ParagraphStyle, Any]] = {}


def plain_para(text: str, style: ParagraphStyle) -> Para:
    """A :class:`Para` of plain ``text`` (no markup, not escaped) in ``style``.

    ReportLab parses every paragraph's markup with an HTML parser (a third of a table cell's
    cost); a text without ``<``, ``&``, ``>`` or line breaks parses to one fragment, the style's,
    holding the text.  That fragment is copied from the one a probe text parsed to.
    """
    para = _unparsed(text, style)
    return para if para is not None else markup_para(escape(text), style, plain=False)


def _unparsed(text: str, style: ParagraphStyle) -> Para | None:
    """:func:`plain_para`'s paragraph made without a parse, or None where the text needs one."""
    cleaned = _paragraph.cleanBlockQuotedText(text)
    if not PLAIN_FRAGS or not cleaned or cleaned != text or any(c in text for c in "<&>"):
        return None
    known = _TEMPLATES.get(id(style))
    if known is None or known[0] is not style:
        parser = ParaParser()
        parser.caseSensitive = 1  # as Paragraph sets it
        _style, frags, _bullets = parser.parse("x", style)
        if frags is None or len(frags) != 1:
            return None
        known = _TEMPLATES[id(style)] = (style, frags[0])
    frag = copy.copy(known[1])
    frag.text = text
    para = Para(text, style, frags=[frag])  # the text has nothing to escape
    para._onemap_source = ("plain", text, id(style))
    return para


def mask_phones_in(text: str) -> str:
    """Mask every phone number inside a free text (``138****5678``)."""
    return _PHONE.sub(lambda m: mask_phone(m.group(0)) or m.group(0), text)


def blank(value: object) -> str:
    """``未填`` for a blank value, else its text."""
    return BLANK_ZH if value is None or (isinstance(value, str) and not value.strip()) else str(value)


def number(value: float | int | None, digits: int = 0, unit: str = "") -> str:
    """A number with thousands separators and a unit; ``未填`` for ``None``."""
    if value is None:
        return BLANK_ZH
    text = f"{value:,.{digits}f}" if digits else f"{round(value):,}"
    return f"{text} {unit}".rstrip() if unit else text


class Typesetter:
    """Cleans ledger text and makes Paragraphs in one CJK font.

    Parameters
    ----------
    font : FontChoice
        The registered font every style uses.
    redact_phones : bool
        Mask phone numbers in every text this typesetter prints.
    """

    def __init__(self, font: FontChoice, redact_phones: bool = False) -> None:
        self.font = font
        self.redact_phones = redact_phones
        self._styles: dict[tuple[float, str, str], ParagraphStyle] = {}
        self._safe: dict[str, str] = {}
        #: cleaned texts by their raw text: a packet prints the same labels and values on every sheet
        self._texts: dict[str, str] = {}
        #: texts cut to a width (:func:`shorten`): every sheet's map cuts the same CRS and credit lines
        self._shortened: dict[tuple[str, float, float], str] = {}

    def text(self, value: object) -> str:
        """Plain text safe to print: no login, masked phones if asked, no missing glyph."""
        raw = blank(value)
        done = self._texts.get(raw)
        if done is None:
            text = redact(raw) if "://" in raw else raw
            if self.redact_phones:
                text = mask_phones_in(text)
            done = "".join(self._glyph(char) for char in text)
            if len(self._texts) >= TEXT_LIMIT:
                self._texts.clear()
            self._texts[raw] = done
        return done

    def _glyph(self, char: str) -> str:
        if char in self._safe:
            return self._safe[char]
        safe = char
        if not char.isspace() and not self.font.covers(char):
            folded = unicodedata.normalize("NFKC", char)
            safe = folded if folded != char and all(map(self.font.covers, folded)) else "?"
        self._safe[char] = safe
        return safe

    def style(self, size: float = 8.5, align: str = "left", color: str = "black") -> ParagraphStyle:
        """A CJK-wrapping paragraph style (cached)."""
        key = (size, align, color)
        if key not in self._styles:
            self._styles[key] = ParagraphStyle(
                f"om-{size}-{align}-{color}",
                fontName=self.font.name,
                fontSize=size,
                leading=size * 1.3,
                wordWrap="CJK",
                alignment={"left": 0, "center": 1, "right": 2}[align],
                textColor=GREY if color == "grey" else colors.black,
            )
        return self._styles[key]

    def para(self, value: object, size: float = 8.5, align: str = "left", color: str = "black") -> Paragraph:
        """A Paragraph of ledger text, cleaned and escaped."""
        return plain_para(self.text(value), self.style(size, align, color))

    def cell(self, value: object, width: float, size: float = 7.5) -> str | Paragraph:
        """Ledger text for a table cell ``width`` wide: a plain string when it fits on one line
        (cheap to lay out, and drawn literally), else an escaped, wrapping Paragraph."""
        text = self.text(value)
        if "\n" not in text and self.width(text, size) <= width - 6.5:  # the cell's padding is 3 + 3
            return text
        return plain_para(text, self.style(size))

    def markup(self, markup: str, size: float = 8.5, align: str = "left", color: str = "black") -> Paragraph:
        """A Paragraph of OneMap's own markup (callers escape any ledger text with :meth:`esc`)."""
        return markup_para(markup, self.style(size, align, color))

    def esc(self, value: object) -> str:
        """Ledger text cleaned and escaped for use inside :meth:`markup`."""
        return escape(self.text(value))

    def width(self, text: str, size: float) -> float:
        """Printed width of a plain text in points."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return float(stringWidth(text, self.font.name, size))


def shorten(ts: Typesetter, text: str, size: float, room: float) -> str:
    """``text`` cut with … to fit ``room`` points at ``size`` (remembered per typesetter)."""
    key = (text, size, room)
    done = ts._shortened.get(key)
    if done is None:
        done = _shorten(ts, text, size, room)
        if len(ts._shortened) >= TEXT_LIMIT:
            ts._shortened.clear()
        ts._shortened[key] = done
    return done


def _shorten(ts: Typesetter, text: str, size: float, room: float) -> str:
    if ts.width(text, size) <= room:
        return text
    while text and ts.width(text + "…", size) > room:
        text = text[:-1]
    return text + "…"

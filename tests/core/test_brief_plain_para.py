"""Plain texts' paragraphs made without parsing markup: the fragments and the PDF ReportLab's parse gives."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from onemap.brief import typeset
from onemap.brief.fonts import find_cjk_font
from tests.core.brief_support import packet_bytes

TEXTS = [
    "61072520001320000001（社区 · 网络摄像机(132) · 序号 000001）",
    "http://10.3.4.5:554/cam/realmonitor?channel=1 · 大华 · 通道 1",
    "幸福小区（一期）外墙保温、屋面防水、雨污分流改造及加装电梯 12 部",
    "A B  C",  # two spaces: cleaned by the parse, so parsed
    " 前导空格",
    "A&B<东区>",  # markup characters: parsed (escaped)
    "行一\n行二",
    "，。；：！？开头的标点",
    "x" * 300,
]


def _frags(paragraph: Paragraph) -> list[dict[str, object]]:
    return [dict(vars(f)) for f in paragraph.frags]


@pytest.mark.parametrize("size,align,color", [(7.5, "left", "black"), (8.5, "center", "grey"), (6, "right", "black")])
def test_a_plain_texts_paragraph_has_the_fragments_and_lines_its_parse_gives(
    size: float, align: str, color: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ts = typeset.Typesetter(find_cjk_font(None, None))
    style = ts.style(size, align, color)
    fast = [typeset.plain_para(t, style) for t in TEXTS]
    monkeypatch.setattr(typeset, "PLAIN_FRAGS", False)
    parsed = [typeset.plain_para(t, style) for t in TEXTS]
    for a, b in zip(fast, parsed, strict=True):
        assert _frags(a) == _frags(b)
        assert a.text == b.text
        assert a.wrap(120, 1000) == b.wrap(120, 1000)
        assert _drawn(a) == _drawn(b)


def _drawn(paragraph: Paragraph) -> list[str]:
    """The operators drawing the paragraph writes."""
    canvas = Canvas(io.BytesIO())
    paragraph.drawOn(canvas, 10, 10)
    return list(canvas._code)


def test_a_plain_texts_paragraph_is_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    ts = typeset.Typesetter(find_cjk_font(None, None))
    style = ts.style(7.5)
    typeset.plain_para("探针", style)  # the style's fragment, parsed once
    parses: list[str] = []
    own = typeset.ParaParser.parse

    def counted(self: object, text: str, st: object) -> object:
        parses.append(text)
        return own(self, text, st)

    monkeypatch.setattr(typeset.ParaParser, "parse", counted)
    typeset.plain_para(TEXTS[0], style)
    typeset.plain_para(TEXTS[2], style)
    assert parses == []
    typeset.plain_para(TEXTS[5], style)
    assert parses == ["A&amp;B&lt;东区&gt;"]


def test_a_packet_of_unparsed_plain_paragraphs_is_the_same_pdf(
    demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rl_config, "invariant", 1)  # no dates or random IDs: comparable bytes

    fast = packet_bytes(demo_file, tmp_path / "fast.pdf")
    monkeypatch.setattr(typeset, "PLAIN_FRAGS", False)
    assert packet_bytes(demo_file, tmp_path / "parsed.pdf") == fast

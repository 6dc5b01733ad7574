"""Paragraphs that share their lines and their parsed markup print what ReportLab's own paragraphs print."""

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

MARKUPS = [
    "安全隐患<br/>（30）",
    "<b>总投资</b> 1,200 万元 · 资金来源：未填",
    "A&amp;B&lt;东区&gt; 幸福小区（一期）外墙保温、屋面防水、雨污分流改造及加装电梯 12 部",
    "……另有 7 项未列出（见 OneMap 清单）",
    "，。开头的标点<br/><br/>两个换行",
    "幸福小区 · 社区未填 · 小区编码 610725001 · 数据日期 2026-01-05",  # plain: made unparsed
    "行一\n行二  两个空格",  # plain but cleaned by the parse: parsed
    " ",
]


def _drawn(paragraph: Paragraph) -> list[str]:
    canvas = Canvas(io.BytesIO())
    paragraph.drawOn(canvas, 10, 10)
    return list(canvas._code)


@pytest.mark.parametrize("size,align,color", [(6, "center", "black"), (7.5, "left", "grey")])
def test_a_markup_paragraph_parsed_once_is_reportlabs_paragraph(size: float, align: str, color: str) -> None:
    ts = typeset.Typesetter(find_cjk_font(None, None))
    style = ts.style(size, align, color)
    for markup in MARKUPS:
        first, again, own = (
            typeset.markup_para(markup, style),
            typeset.markup_para(markup, style),
            Paragraph(markup, style),
        )
        for para in (first, again):
            assert [vars(f) for f in para.frags] == [vars(f) for f in own.frags]
            assert (para.text, para.style, para.bulletText) == (own.text, own.style, own.bulletText)
            assert para.wrap(40, 1000) == own.wrap(40, 1000)
            assert _drawn(para) == _drawn(own)
        assert not first.frags or first.frags[0] is not again.frags[0]  # copies: a paragraph's fragments are its own


def test_markup_is_parsed_and_lines_are_broken_once_per_text_style_and_width(monkeypatch: pytest.MonkeyPatch) -> None:
    ts = typeset.Typesetter(find_cjk_font(None, None))
    style = ts.style(6.25, "center")  # a style no other test made: nothing of it is remembered yet
    parses: list[str] = []
    breaks: list[float] = []
    parse, split = typeset.ParaParser.parse, Paragraph.breakLinesCJK

    def counted_parse(self: object, text: str, st: object) -> object:
        parses.append(text)
        return parse(self, text, st)

    def counted_split(self: Paragraph, widths: object) -> object:
        breaks.append(self.style.fontSize)
        return split(self, widths)

    monkeypatch.setattr(typeset.ParaParser, "parse", counted_parse)
    monkeypatch.setattr(Paragraph, "breakLinesCJK", counted_split)
    sizes = [ts.markup(MARKUPS[0], 6.25, "center").wrap(30, 100) for _ in range(3)]
    sizes += [typeset.plain_para("幸福小区（一期）", style).wrap(30, 100) for _ in range(3)]
    assert len(set(sizes[:3])) == 1 and len(set(sizes[3:])) == 1
    assert parses == [MARKUPS[0], "x"]  # the markup, and the probe of the style's plain fragment
    assert len(breaks) == 2  # one per text: the other paragraphs take the first one's lines
    ts.markup(MARKUPS[0], 6.25, "center").wrap(50, 100)  # another width: broken afresh
    assert len(breaks) == 3


def test_a_packet_of_shared_lines_and_parses_is_the_same_pdf(
    demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rl_config, "invariant", 1)  # no dates or random IDs: comparable bytes

    shared = packet_bytes(demo_file, tmp_path / "shared.pdf")
    monkeypatch.setattr(typeset, "SHARED_WRAPS", False)
    monkeypatch.setattr(typeset, "MARKUP_ONCE", False)
    assert packet_bytes(demo_file, tmp_path / "own.pdf") == shared


def test_a_text_cut_to_a_width_is_cut_once_and_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    ts = typeset.Typesetter(find_cjk_font(None, None))
    line = "坐标系 CGCS2000（EPSG:4490）· 图面投影 Web 墨卡托（EPSG:3857）"
    rooms = [400.0, 120.0, 30.0, 1.0]
    expected = [typeset._shorten(ts, line, 6.5, room) for room in rooms]
    assert expected[0] == line and expected[1].endswith("…") and len(expected[2]) < len(expected[1])
    measured: list[str] = []
    width = typeset.Typesetter.width

    def counted(self: typeset.Typesetter, text: str, size: float) -> float:
        measured.append(text)
        return width(self, text, size)

    monkeypatch.setattr(typeset.Typesetter, "width", counted)
    assert [typeset.shorten(ts, line, 6.5, room) for room in rooms] == expected
    first = len(measured)
    assert [typeset.shorten(ts, line, 6.5, room) for room in rooms * 3] == expected * 3
    assert len(measured) == first  # every sheet's map cuts the same lines: measured once

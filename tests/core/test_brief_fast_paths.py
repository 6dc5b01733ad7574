"""The briefing's speed-ups print what ReportLab's own code prints.

Map outlines written as operators (:mod:`onemap.brief.pathops`), remembered text splits
(:mod:`onemap.brief.textcache`), paragraphs wrapped once per width, lines of text written
directly (:mod:`onemap.brief.fasttext`) and cached swatches are each switched back to
ReportLab's own way; the PDFs must have the same text on every page and render to the same
pixels (pdftoppm; outlines are written to 0.01 pt, so a rare edge pixel may differ by
antialiasing), and everything but the outlines must give the same bytes.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTFont

from onemap.brief import BriefOptions, build_packet, fasttext, pathops, textcache, typeset, widgets
from onemap.store import Inventory
from tests.core.test_brief_ledger import page_texts


def _build(source: Path, out: Path) -> Path:
    with Inventory.open(source, readonly=True) as inventory:
        estates = inventory.estates()[:14]
        build_packet(inventory, estates, out, BriefOptions(workers=0), selection="全部小区")
    return out


def _pixels(pdf: Path, first: int, last: int) -> list[np.ndarray]:
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", "72", "-gray", "-f", str(first), "-l", str(last), str(pdf), str(prefix)],
                   check=True, timeout=120)  # fmt: skip
    pages = sorted(pdf.parent.glob(f"{prefix.name}-*.pgm"))
    return [np.asarray(Image.open(p), dtype=np.int16) for p in pages]


@pytest.fixture
def slow_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """ReportLab's own way for everything the speed work replaced."""
    monkeypatch.setattr(pathops, "DIRECT", False)
    monkeypatch.setattr(TTFont, "splitString", textcache.OWN)
    monkeypatch.setattr(TTFont, "stringWidth", textcache.OWN_WIDTH)
    monkeypatch.setattr(typeset, "TEXT_LIMIT", 0)
    monkeypatch.setattr(widgets, "_SWATCHES", _Forgetful())
    monkeypatch.setattr(typeset, "WRAP_ONCE", False)
    monkeypatch.setattr(fasttext, "ENABLED", False)
    monkeypatch.setattr(typeset, "PLAIN_FRAGS", False)


class _Forgetful(dict):  # type: ignore[type-arg]
    """A swatch cache that never keeps anything: every swatch is painted afresh."""

    def __setitem__(self, key: object, value: object) -> None:
        return None


def test_fast_and_own_drawing_give_the_same_text_and_pixels(
    demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _build(demo_file, tmp_path / "fast.pdf")
    with monkeypatch.context() as patch:
        patch.setattr(pathops, "DIRECT", False)
        patch.setattr(TTFont, "splitString", textcache.OWN)
        patch.setattr(TTFont, "stringWidth", textcache.OWN_WIDTH)
        patch.setattr(typeset, "TEXT_LIMIT", 0)
        patch.setattr(widgets, "_SWATCHES", _Forgetful())
        patch.setattr(typeset, "WRAP_ONCE", False)
        patch.setattr(fasttext, "ENABLED", False)
        own = _build(demo_file, tmp_path / "own.pdf")
    assert fast.read_bytes() != own.read_bytes()  # the operators do differ
    assert page_texts(fast) == page_texts(own)
    count = len(page_texts(fast))
    for a, b in zip(_pixels(fast, count - 13, count), _pixels(own, count - 13, count), strict=True):
        assert a.shape == b.shape
        differing = np.abs(a - b) > 48
        assert differing.mean() < 0.0005, differing.sum()


def test_remembered_splits_lines_wrapped_once_and_direct_text_write_reportlabs_bytes(
    demo_file: Path, tmp_path: Path, slow_paths: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rl_config, "invariant", 1)  # no dates or random IDs: comparable bytes
    own = _build(demo_file, tmp_path / "own.pdf").read_bytes()
    textcache.install()  # text and paragraph wrapping alone differ between the two builds
    monkeypatch.setattr(typeset, "TEXT_LIMIT", 4000)
    monkeypatch.setattr(typeset, "WRAP_ONCE", True)
    monkeypatch.setattr(fasttext, "ENABLED", True)
    assert _build(demo_file, tmp_path / "cached.pdf").read_bytes() == own


def test_pages_packed_as_they_end_and_a_mapped_font_write_the_same_pdf(
    demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen.canvas import Canvas

    from onemap.brief import packet
    from onemap.brief.fonts import find_cjk_font

    monkeypatch.setattr(rl_config, "invariant", 1)
    packed = _build(demo_file, tmp_path / "packed.pdf").read_bytes()
    face = pdfmetrics.getFont(find_cjk_font(None, None).name).face
    assert not isinstance(face._ttf_data, bytes)  # mapped, not read
    monkeypatch.setattr(packet, "PackedCanvas", Canvas)
    monkeypatch.setattr(face, "_ttf_data", bytes(face._ttf_data))
    assert _build(demo_file, tmp_path / "plain.pdf").read_bytes() == packed


def test_a_remembered_width_is_reportlabs_and_is_measured_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab.pdfbase import pdfmetrics

    from onemap.brief.fonts import find_cjk_font

    textcache.install()
    font = pdfmetrics.getFont(find_cjk_font(None, None).name)
    short = ["建", "建成年份", "A&B", "号 12", ""]  # a paragraph's characters, a table's labels
    long = "汉中市勉县幸福小区（一期）"  # one estate's own text: measured each time, not kept
    sizes = (6, 7.5, 8.5)
    own = [textcache.OWN_WIDTH(font, text, size) for text in [*short, long] for size in sizes]
    assert [font.stringWidth(text, size) for text in [*short, long] for size in sizes] == own
    calls: list[str] = []
    measure = textcache.OWN_WIDTH

    def counted(self: TTFont, text: str, size: float, encoding: str = "utf8") -> float:
        calls.append(text)
        return measure(self, text, size, encoding)  # type: ignore[no-any-return]

    monkeypatch.setattr(textcache, "OWN_WIDTH", counted)
    again = [pdfmetrics.stringWidth(text, font.fontName, size) for text in [*short, long] for size in sizes]
    assert again == own
    assert calls == [long] * len(sizes)  # the short ones all remembered from the first round
    assert pdfmetrics.stringWidth("从未量", font.fontName, 7.5) > 0
    assert calls[-1] == "从未量"


def test_a_typesetter_remembers_cleaned_texts_without_changing_them() -> None:
    from onemap.brief.fonts import find_cjk_font

    fresh, reused = (
        typeset.Typesetter(find_cjk_font(None, None), True),
        typeset.Typesetter(find_cjk_font(None, None), True),
    )
    values = ["电话 13812345678", "rtsp://admin:pw@10.0.0.1/live", None, "  ", 3.5, "幸福小区"]
    first = [reused.text(v) for v in values]
    assert [reused.text(v) for v in values] == first
    assert first == [typeset.Typesetter(fresh.font, True).text(v) for v in values]
    assert "13812345678" not in first[0] and "pw" not in first[1]

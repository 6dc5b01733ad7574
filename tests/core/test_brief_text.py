"""Text on the page: escaping, Chinese line breaking, phone masking, 未填, QR links, report figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.platypus import SimpleDocTemplate

from onemap.brief.fonts import find_cjk_font
from onemap.brief.qr import amap_uri, geo_uri, qr_modules
from onemap.brief.stats import by_status, by_year, date_zh
from onemap.brief.typeset import NO_LINE_START, Typesetter, mask_phones_in, number
from onemap.geo.chinacoords import wgs84_to_gcj02
from onemap.model import Estate
from tests.core.test_brief_ledger import pdf_text

SIZE = 10.0


@pytest.fixture(scope="module")
def ts() -> Typesetter:
    return Typesetter(find_cjk_font())


def _print(ts: Typesetter, path: Path, texts: list[str], width: float) -> str:
    doc = SimpleDocTemplate(str(path), leftMargin=50, rightMargin=595 - 50 - width, initialFontName=ts.font.name)
    doc.build([ts.para(text, SIZE) for text in texts])
    return pdf_text(path)


def test_markup_characters_in_ledger_text_print_literally(ts: Typesetter, tmp_path: Path) -> None:
    text = _print(ts, tmp_path / "escape.pdf", ["A&B<东区>", "<b>不是粗体</b> &amp; 5 > 3"], 400)
    assert "A&B<东区>" in text
    assert "<b>不是粗体</b> &amp; 5 > 3" in text


@pytest.mark.parametrize("mark", list("，。；：！？）》、"))
def test_closing_punctuation_never_starts_a_line(ts: Typesetter, tmp_path: Path, mark: str) -> None:
    # ten characters fill the line exactly, so without the rule the mark would open line two
    line = ts.width("测" * 10, SIZE)
    text = _print(ts, tmp_path / "kinsoku.pdf", ["测" * 10 + mark + "试" * 30], line + 0.01)
    lines = [row for row in text.splitlines() if row.strip()]
    assert len(lines) > 1
    assert not [row for row in lines if row[0] in NO_LINE_START]


def test_phones_in_free_text_are_masked() -> None:
    masked = mask_phones_in("找张伟 13812345678，或拨 0916-3212345、+86 139 8765 4321；编码 61072500011320000011")
    assert masked == "找张伟 138****5678，或拨 0916-***2345、139****4321；编码 61072500011320000011"


def test_a_typesetter_masks_phones_and_cuts_logins_out_of_links(ts: Typesetter) -> None:
    redacting = Typesetter(ts.font, redact_phones=True)
    assert (
        redacting.text("电话 13812345678 rtsp://admin:pa@ss@10.0.0.1/live") == "电话 138****5678 rtsp://10.0.0.1/live"
    )
    assert ts.text(None) == "未填" and ts.text("  ") == "未填"


def test_numbers_print_with_separators_and_units() -> None:
    assert number(36448) == "36,448"
    assert number(885.125, 2, "万元") == "885.12 万元" or number(885.125, 2, "万元") == "885.13 万元"
    assert number(None) == "未填"


def test_the_geo_uri_carries_cgcs2000_and_the_amap_link_gcj02() -> None:
    assert geo_uri(106.674321, 33.155123) == "geo:33.155123,106.674321"
    link = amap_uri(106.674321, 33.155123, "A&B<东区>")
    lon, lat = wgs84_to_gcj02(106.674321, 33.155123)
    assert f"position={lon:.6f},{lat:.6f}" in link
    assert "name=A%26B%3C%E4%B8%9C%E5%8C%BA%3E" in link and "coordinate=gaode" in link


def test_a_qr_code_is_a_square_grid_of_modules() -> None:
    modules = qr_modules(geo_uri(106.67, 33.15))
    assert len(modules) >= 21 and all(len(row) == len(modules) for row in modules)
    assert modules[0][:7] == [True] * 7  # the finder pattern


def test_report_figures_group_by_year_and_status() -> None:
    estates = [
        Estate("1", "甲", renewal_year=2024, status="completed", households=10, investment_wan=5.0),
        Estate("2", "乙", renewal_year=2024, status="under_construction", households=20),
        Estate("3", "丙", status="planned"),
    ]
    years = by_year(estates)
    assert [(y.label, y.estates, y.households, y.done, y.under_way) for y in years] == [
        ("2024 年", 2, 30, 1, 1),
        ("未填", 1, 0, 0, 0),
    ]
    assert dict(by_status(estates))["planned"] == 1
    assert date_zh("2026-11-01") == "2026年11月1日" and date_zh(None) == "未填"


@pytest.mark.parametrize("mask", range(8))
def test_qr_modules_equal_those_of_reportlabs_own_encoder_for_every_mask(mask: int) -> None:
    from reportlab.graphics.barcode import qrencoder

    from onemap.brief.qr import REPORTLAB_OWN

    values = [geo_uri(106.67, 33.15), amap_uri(106.671234, 33.151234, "勉阳街道桂园小区（东区）"), "A1" * 90]

    def modules(value: str) -> list[list[bool]]:
        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(value)
        code.version = code.calculate_version()
        code.makeImpl(False, mask)
        return [list(row) for row in code.modules]

    fast = [modules(v) for v in values]
    patched = {name: getattr(cls, name) for cls, name in _qr_methods(qrencoder)}
    try:
        for cls, name in _qr_methods(qrencoder):
            setattr(cls, name, REPORTLAB_OWN[name])
        own = [modules(v) for v in values]
    finally:
        for cls, name in _qr_methods(qrencoder):
            setattr(cls, name, patched[name])
    assert fast == own


def _qr_methods(qrencoder: object) -> list[tuple[type, str]]:
    return [
        (qrencoder.QRPolynomial, "mod"),  # type: ignore[attr-defined]
        (qrencoder.QRCode, "dataPosIterator"),  # type: ignore[attr-defined]
        (qrencoder.QRCode, "mapData"),  # type: ignore[attr-defined]
        (qrencoder.QRBitBuffer, "put"),  # type: ignore[attr-defined]
        (qrencoder.QR8bitByte, "write"),  # type: ignore[attr-defined]
    ]

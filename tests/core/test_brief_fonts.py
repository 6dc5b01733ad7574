"""The CJK font: found on this machine, embedded, CFF skipped, STSong-Light as the last resort."""

from __future__ import annotations

from pathlib import Path

import pytest

from onemap.brief import BriefOptions, build_sheets
from onemap.brief.fonts import FALLBACK_CID, candidate_files, find_cjk_font, font_dirs, outline_kinds
from onemap.brief.typeset import Typesetter
from tests.core.test_brief_ledger import TRICKY, TRICKY_NAME, make_tricky_inventory, pdf_text, pdffonts

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
needs_wqy = pytest.mark.skipif(not WQY.exists(), reason="fonts-wqy-zenhei is not installed")


@needs_wqy
def test_wenquanyi_zen_hei_is_found_among_this_machines_fonts() -> None:
    assert WQY in candidate_files(font_dirs())
    choice = find_cjk_font()
    assert choice.embedded and choice.path is not None
    assert choice.covers("勉") and choice.covers("㎡")


@needs_wqy
def test_a_truetype_collection_is_read_subfont_by_subfont() -> None:
    assert outline_kinds(WQY) == ["truetype", "truetype", "truetype"]


def test_an_opentype_cff_font_is_skipped_with_a_reason(tmp_path: Path) -> None:
    noto = tmp_path / "NotoSansCJK-Regular.otf"
    noto.write_bytes(b"OTTO" + bytes(200))
    choice = find_cjk_font(noto, dirs=[])
    assert any("CFF" in warning for warning in choice.warnings)
    assert choice.name == FALLBACK_CID


def test_a_missing_settings_font_falls_back_to_the_system_font_with_a_warning(tmp_path: Path) -> None:
    choice = find_cjk_font(tmp_path / "不存在.ttf")
    assert any("不存在" in warning for warning in choice.warnings)


@needs_wqy
def test_the_font_set_in_settings_is_used_first() -> None:
    assert find_cjk_font(WQY, dirs=[]).path == WQY


def test_without_any_cjk_font_the_briefing_uses_stsong_light_and_says_the_pdf_depends_on_the_reader() -> None:
    choice = find_cjk_font(None, dirs=[])
    assert choice.name == FALLBACK_CID and not choice.embedded
    assert any("依赖阅读器" in warning for warning in choice.warnings)


@needs_wqy
def test_a_sheet_embeds_its_cjk_font_and_nothing_else(tmp_path: Path) -> None:
    inventory = make_tricky_inventory(tmp_path / "台账.gpkg")
    out = tmp_path / "档案.pdf"
    result = build_sheets(inventory, [TRICKY], out, BriefOptions(font_path=WQY))
    fonts = pdffonts(out)
    assert fonts and all(row[-5] == "yes" for row in fonts), fonts  # the "emb" column
    assert all("WenQuanYi" in row[0] for row in fonts)
    assert result.font_embedded and not result.warnings
    assert TRICKY_NAME in pdf_text(out)


@needs_wqy
def test_characters_the_font_lacks_print_as_a_question_mark_never_as_tofu() -> None:
    typesetter = Typesetter(find_cjk_font(WQY, dirs=[]))
    assert typesetter.text("小区😀") == "小区?"
    assert typesetter.text("") == "未填"


def test_a_sheet_without_any_truetype_font_still_prints_searchable_chinese(tmp_path: Path) -> None:
    inventory = make_tricky_inventory(tmp_path / "台账.gpkg")
    out = tmp_path / "无字体.pdf"
    result = build_sheets(inventory, [TRICKY], out, BriefOptions(font_dirs=[]))
    assert not result.font_embedded and result.font_name == FALLBACK_CID
    assert any("依赖阅读器" in warning for warning in result.warnings)
    assert "勉阳街道" in pdf_text(out)

"""The demo county's packet, read back: contents, bookmarks, page numbers, fonts, order, size."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from onemap.brief import BriefCancelled, BriefOptions, BriefResult, build_packet
from onemap.store import Inventory
from onemap.view.order import estate_order
from tests.core.test_brief_ledger import page_texts, pdf_text, pdffonts

Built = tuple[Path, BriefResult, list[tuple[float, str]]]


@pytest.fixture(scope="module")
def packet(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("packet") / "勉县 简报.pdf"
    calls: list[tuple[float, str]] = []
    with Inventory.open(demo_file, readonly=True) as inventory:
        estates = inventory.estates()
        result = build_packet(
            inventory,
            estates,
            out,
            BriefOptions(redact_phones=True),
            selection="全部小区",
            progress=lambda f, m: calls.append((f, m)),
        )
    return out, result, calls


@pytest.fixture(scope="module")
def texts(packet: Built) -> list[str]:
    return page_texts(packet[0])


@pytest.fixture(scope="module")
def demo_estates(demo_file: Path) -> list:  # type: ignore[type-arg]
    with Inventory.open(demo_file, readonly=True) as inventory:
        return inventory.estates()


def _contents(path: Path, texts: list[str]) -> list[tuple[str, int]]:
    """(title, page) of every contents line, read from the contents pages' layout text."""
    last = next(i for i, t in enumerate(texts) if "一、基本情况" in t and "截至" in t)
    lines = pdf_text(path, 2, last, layout=True).splitlines()
    return [(m[1], int(m[2])) for line in lines if (m := re.match(r"^\s*(\S.*?)\s{2,}(\d+)\s*$", line))]


def test_the_packet_has_a_cover_contents_summary_map_and_one_page_per_estate(
    packet: Built, texts: list[str], demo_estates: list
) -> None:  # type: ignore[type-arg]
    path, result, _ = packet
    sheets = [t for t in texts if "小区编码" in t]
    assert len(sheets) == len(demo_estates) == 150
    assert len(PdfReader(path).pages) == result.page_count == len(texts)
    assert "城镇老旧小区改造" in texts[0] and "收录范围：全部小区" in texts[0]
    assert "目" in texts[1] and "录" in texts[1]


def test_every_contents_page_number_points_at_the_page_that_holds_the_entry(packet: Built, texts: list[str]) -> None:
    path, result, _ = packet
    contents = _contents(path, texts)
    assert len(contents) >= 150 + 5
    for title, page in contents:
        heading = title.rstrip("…").split("、", 1)[-1]  # 二、小区档案 is printed in each sheet's header as 小区档案
        heading = re.sub(r"（\d{10}）$", "", heading)  # a name used twice carries its code in the contents only
        assert heading in texts[page - 1].replace("\n", ""), (title, page)
    estate_pages = [page for key, page in result.pages.items() if key.startswith("estate:")]
    assert estate_pages == sorted(estate_pages) and len(set(estate_pages)) == 150


def test_every_section_township_and_estate_has_a_bookmark_on_its_page(packet: Built, demo_estates: list) -> None:  # type: ignore[type-arg]
    path, result, _ = packet
    reader = PdfReader(path)

    def flatten(items: list) -> list:  # type: ignore[type-arg]
        return [x for item in items for x in (flatten(item) if isinstance(item, list) else [item])]

    outline = flatten(reader.outline)
    townships = {e.township for e in demo_estates}
    assert len(outline) == 2 + 6 + 1 + len(townships) + 150  # cover, contents, 6 summary sections (check-up too), ...
    for item in outline:
        assert reader.get_destination_page_number(item) + 1 in result.pages.values()


def test_sheets_come_in_township_then_name_order(texts: list[str], demo_estates: list) -> None:  # type: ignore[type-arg]
    codes = [m[1] for t in texts if (m := re.search(r"小区编码 (\d{10})", t))]
    expected = [e.code for e in sorted(demo_estates, key=estate_order)]
    assert codes == expected


def test_townships_and_estates_come_in_pinyin_order(texts: list[str], demo_estates: list) -> None:  # type: ignore[type-arg]
    from pypinyin import lazy_pinyin

    codes = [m[1] for t in texts if (m := re.search(r"小区编码 (\d{10})", t))]
    township = {e.code: e.township for e in demo_estates}
    seen = list(dict.fromkeys(township[c] for c in codes))
    initials = [lazy_pinyin(t)[0][0] for t in seen]
    assert initials == sorted(initials), seen  # 褒城镇 before 勉阳街道 before 周家山镇


def test_same_named_estates_show_their_codes_in_the_contents(
    packet: Built, texts: list[str], demo_estates: list
) -> None:  # type: ignore[type-arg]
    names = [e.name for e in demo_estates]
    twice = {e.name: e.code for e in demo_estates if names.count(e.name) > 1}
    assert twice, "the demo has estates sharing a name"
    titles = [title for title, _page in _contents(packet[0], texts)]
    for name, code in twice.items():
        assert f"{name}（{code}）" in titles


def test_every_estate_name_can_be_found_as_text(texts: list[str], demo_estates: list) -> None:  # type: ignore[type-arg]
    everything = "".join(texts)
    assert all(e.name in everything for e in demo_estates)


def test_the_cjk_font_is_embedded_and_no_other_font_is_used(packet: Built) -> None:
    fonts = pdffonts(packet[0])
    assert fonts and all(row[-5] == "yes" for row in fonts)
    assert not any("Helvetica" in row[0] for row in fonts)


def test_every_page_after_the_cover_says_which_page_of_how_many(packet: Built, texts: list[str]) -> None:
    total = packet[1].page_count
    for number, text in enumerate(texts[1:], start=2):
        assert f"第 {number} 页 共 {total} 页" in text


def test_the_summary_reads_like_a_county_report(texts: list[str], demo_estates: list) -> None:  # type: ignore[type-arg]
    summary = next(t for t in texts if "截至" in t)
    assert f"城镇老旧小区 {len(demo_estates)} 个" in summary
    assert "分年度改造情况" in summary and "合计" in summary
    assert any("小区分布图" in t and "移交" in t for t in texts[:12])


def test_no_full_phone_number_is_printed_when_phones_are_redacted(texts: list[str]) -> None:
    everything = "".join(texts)
    assert not re.search(r"(?<![\d*])1[3-9]\d{9}(?![\d*])", everything)
    assert re.search(r"1[3-9]\d\*{4}\d{4}", everything)


def test_no_line_begins_with_closing_punctuation(packet: Built) -> None:
    lines = pdf_text(packet[0]).splitlines()
    assert not [line for line in lines if line and line[0] in "，。；：！？）》、"]


def test_the_document_carries_title_author_and_subject(packet: Built) -> None:
    info = PdfReader(packet[0]).metadata
    assert info is not None
    assert info.title == "勉县城镇老旧小区改造小区档案汇编"
    assert info.author and "勉县" in info.author
    assert info.subject and "150" in info.subject


def test_progress_rises_to_one_as_sheets_are_drawn(packet: Built) -> None:
    fractions = [f for f, _m in packet[2]]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert sum("小区档案" in m for _f, m in packet[2]) == 150


def test_a_sheet_averages_well_under_100_kb(packet: Built) -> None:
    path, result, _ = packet
    assert path.stat().st_size / result.page_count < 100_000


def test_cancelling_stops_the_build_and_leaves_no_file(demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "取消.pdf"
    asked = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) > 20

    with pytest.raises(BriefCancelled):
        build_packet(demo_file, [f"61072500{i:02d}" for i in range(1, 40)], out, cancel=cancel)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_preview_draws_the_front_matter_and_only_the_first_sheets(demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "预览.pdf"
    result = build_packet(demo_file, [f"61072500{i:02d}" for i in range(1, 60)], out, preview=2)
    texts = page_texts(out)
    assert sum("小区编码" in t for t in texts) == 2
    assert "城镇老旧小区 59 个" in "".join(texts)
    assert result.page_count == len(texts)

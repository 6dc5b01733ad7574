"""Search by name, code, address and pinyin: ``gy`` finds 桂园小区."""

from __future__ import annotations

import numpy as np
import pytest

from onemap.view.estate_table import EstateTable
from onemap.view.search import SearchIndex, normalize_query, pinyin_keys


def table_of(
    names: list[str | None], addresses: list[str | None] | None = None, codes: list[str | None] | None = None
) -> EstateTable:
    """A bare estate table of these names (and addresses, codes): every other column blank."""
    n = len(names)
    obj = lambda values: np.array(values, dtype=object)  # noqa: E731
    nan = np.full(n, np.nan)
    return EstateTable(
        code=obj(codes if codes is not None else [f"61072500{i:02d}" for i in range(n)]),
        name=obj(names),
        township=obj([None] * n),
        community=obj([None] * n),
        address=obj(addresses or [None] * n),
        status=np.zeros(n, np.int8),
        renewal_year=np.zeros(n, np.int32),
        category_bits=np.zeros(n, np.uint8),
        households=nan,
        buildings=nan,
        investment_wan=nan,
        cameras=np.zeros(n, np.int32),
        lon=nan,
        lat=nan,
        x=nan,
        y=nan,
    )


NAMES = ["桂园小区", "工商银行家属院", "重庆路小区", "ＡＢＣ花园", "3号楼", "东风公寓"]


@pytest.fixture
def index() -> SearchIndex:
    return SearchIndex(table_of(NAMES, ["勉县勉阳街道桂园路1号", None, None, None, "武侯路", None]))


def found(index: SearchIndex, query: str) -> list[str]:
    return [NAMES[i] for i in np.flatnonzero(index.matches(query))]


def test_pinyin_initials_find_the_estate(index: SearchIndex) -> None:
    assert found(index, "gy") == ["桂园小区", "东风公寓"]  # 桂园 and 公寓 both read g-y
    assert found(index, "GYXQ") == ["桂园小区"]


def test_full_pinyin_finds_the_estate_from_a_syllable_start(index: SearchIndex) -> None:
    assert found(index, "guiyuan") == ["桂园小区"]
    assert found(index, "yuan") == ["桂园小区", "工商银行家属院", "ＡＢＣ花园"]  # 园, 院, 园
    assert found(index, "uiyuan") == []
    # g + y across "shang yin" is not a syllable start, and 工商银行 has no g-y initials
    assert "工商银行家属院" not in found(index, "gy")


def test_polyphonic_characters_read_as_in_the_phrase() -> None:
    assert pinyin_keys("重庆路小区") == ("cqlxq", "chongqingluxiaoqu")


def test_name_code_and_address_match_as_typed(index: SearchIndex) -> None:
    assert found(index, "银行") == ["工商银行家属院"]
    assert found(index, "6107250002") == ["重庆路小区"]
    assert found(index, "桂园路") == ["桂园小区"]
    assert found(index, "武侯") == ["3号楼"]


def test_full_width_letters_and_blanks_are_folded(index: SearchIndex) -> None:
    assert normalize_query(" ＡＢ Ｃ ") == "abc"
    assert found(index, "abc") == ["ＡＢＣ花园"]


def test_an_empty_query_matches_everything(index: SearchIndex) -> None:
    assert index.matches("  ").all()


def test_pinyin_is_only_computed_when_a_query_needs_it() -> None:
    index = SearchIndex(table_of(NAMES))
    index.matches("桂园")
    assert not index.pinyin_ready
    index.matches("gy")
    assert index.pinyin_ready


def test_preparing_can_be_cancelled_and_resumed() -> None:
    index = SearchIndex(table_of(NAMES))
    assert index.prepare(cancel=lambda: True) is False
    assert not index.pinyin_ready
    assert index.prepare() is True
    assert found(index, "dfgy") == ["东风公寓"]


def test_the_folded_text_is_built_on_first_query_not_by_pinyin_warm_up() -> None:
    index = SearchIndex(table_of(NAMES, ["人民路 1 号", None, None, None, None, "新华路"]))
    assert index.prepare() is True
    assert not index.text_ready  # 30 MB at 220,000 estates: only a query (or the focused search box) builds it
    assert found(index, "人民路") == ["桂园小区"]
    assert index.text_ready
    index.prepare_text()  # already built: kept
    assert found(index, "abc") == ["ＡＢＣ花园"]

"""The importer's cell short cuts give exactly the Cell the full parsers give, or step aside."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onemap.io import cells
from onemap.io.cells_fast import (
    MEMO_LIMIT,
    CellReader,
    coordinate,
    plain_count,
    plain_phone,
    plain_quantity,
    plain_text,
)
from onemap.io.coords import fix_swapped, swapped_mask
from onemap.io.coords_text import parse_coordinate

# what ledgers hold in their unique columns, and the characters that make parsers work
LEDGER_CHARS = "0123456789,.-+ 　\t\n#＃'’°′″年度万约户元号小区测试勉阳街道无/—_:x()（）1６E"
ledger_text = st.text(alphabet=LEDGER_CHARS, max_size=16)
TYPICAL = [
    "测试小区12",
    "勉阳街道",
    "1,234",
    "1,234,567",
    "12.5",
    "0012",
    "1234567890123456",
    "1,234,567,890,123,456",
    "106.6712345",
    "-12.5",
    "36512345.678",
    "138-1234-5678",
    "13812345678",
    "12812345678",
    "138-12345678",
    "#REF!",
    "＃REF！",
    "无",
    "暂无",
    "—",
    "",
    " 勉阳街道",
    "供电局\u200b家属院",
    "'=1+1",
    "桂园小区（一期）",
]


def _same(fast: Any, full: Any) -> None:
    assert fast == full and type(fast.value) is type(full.value)


@pytest.mark.parametrize("raw", TYPICAL)
def test_each_short_cut_gives_the_full_parsers_cell_for_typical_ledger_cells(raw: str) -> None:
    pairs = [
        (plain_text, lambda r: cells.parse_text(r)),
        (plain_text, lambda r: cells.parse_text(r, join="")),
        (plain_quantity, cells.parse_float),
        (plain_count, cells.parse_int),
        (plain_phone, cells.parse_phone),
    ]
    for short_cut, parser in pairs:
        fast = short_cut(raw)
        if fast is not None:
            _same(fast, parser(raw))
    assert coordinate(raw) == parse_coordinate(raw).value


@settings(max_examples=3000, deadline=None)
@given(ledger_text)
def test_short_cuts_never_disagree_with_the_full_parsers(raw: str) -> None:
    for short_cut, parser in (
        (plain_text, cells.parse_text),
        (plain_quantity, cells.parse_float),
        (plain_count, cells.parse_int),
        (plain_phone, cells.parse_phone),
    ):
        fast = short_cut(raw)
        if fast is not None:
            _same(fast, parser(raw))
    assert coordinate(raw) == parse_coordinate(raw).value


@settings(max_examples=2000, deadline=None)
@given(st.from_regex(r"1[3-9]\d-?\d{4}-?\d{4}|\d{1,3}(,\d{3}){0,5}(\.\d{1,3})?|-?\d{1,13}(\.\d{1,8})?", fullmatch=True))
def test_plain_numbers_and_mobiles_read_as_the_full_parsers_read_them(raw: str) -> None:
    for short_cut, parser in (
        (plain_quantity, cells.parse_float),
        (plain_count, cells.parse_int),
        (plain_phone, cells.parse_phone),
    ):
        fast = short_cut(raw)
        if fast is not None:
            _same(fast, parser(raw))
    assert coordinate(raw) == parse_coordinate(raw).value


def test_a_remembered_cell_is_the_parsers_cell_and_numbers_are_told_from_text() -> None:
    reader = CellReader()
    for raw in ["在建", "在建", 1998, 1998.0, "1998", True, None, "完工待验收", "完工待验收"]:
        for parser in (cells.parse_status, cells.parse_year, cells.parse_text, cells.parse_categories):
            assert reader.read(parser, raw) == parser(raw)
    assert reader.read(cells.parse_year, True) != reader.read(cells.parse_year, 1)  # True == 1, but not as a year


def test_the_reader_forgets_rather_than_grows_without_bound() -> None:
    reader = CellReader()
    for k in range(MEMO_LIMIT + 10):
        assert reader.read(cells.parse_status, f"状态{k}").value is None
    assert len(reader._memo) <= MEMO_LIMIT


def test_an_unhashable_cell_is_still_read() -> None:
    assert CellReader().read(cells.parse_text, ["a"]) == cells.parse_text(["a"])


def test_one_link_alone_splits_as_the_general_rule_splits_it() -> None:
    for raw in [
        "rtsp://10.0.1.2/Streaming/Channels/101",
        "rtsp://admin:pa@ss@10.0.1.2:554/Streaming/Channels/101;",
        "http://10.61.7.25/rtp/61072500011320000011/hls.m3u8|",
        "rtsp://a/b；rtsp://c/d",
        "rtsp://a/b rtsp://c/d",
    ]:
        general = cells.split_multi(raw + " ")  # a trailing space takes the general path
        assert cells.split_multi(raw) == general


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="rtsphp:/@;,|.-_?&=#%1０a　；、，\u2028", max_size=30).map(lambda s: "rtsp://" + s))
def test_a_cell_with_one_link_splits_as_the_general_rule_splits_it(raw: str) -> None:
    assert cells.split_multi(raw) == cells.split_multi(raw + " ")


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.floats(allow_nan=True), st.sampled_from([73.0, 136.0, 3.0, 54.0, 0.0, 1e6, 13e6, 25e6, 46e6])),
            st.one_of(st.floats(allow_nan=True), st.sampled_from([73.0, 136.0, 3.0, 54.0, 1e6, 1e7, 3.6e6])),
        ),
        max_size=20,
    ),
    st.sampled_from([None, "cgcs2000", "gcj02", 4545, 4513, 4326]),
)
def test_points_swapped_in_arrays_are_the_points_fix_swapped_swaps(points: list[tuple[float, float]], crs: Any) -> None:
    xs = np.array([p[0] for p in points], dtype=np.float64)
    ys = np.array([p[1] for p in points], dtype=np.float64)
    assert swapped_mask(xs, ys, crs).tolist() == [fix_swapped(x, y, crs)[2] for x, y in points]

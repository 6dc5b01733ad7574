"""Ledger cells as county offices type them: every parser gives a value or a reason, never an exception."""

from __future__ import annotations

import logging
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onemap.io.cells import (
    Cell,
    blank,
    original_text,
    parse_categories,
    parse_date,
    parse_float,
    parse_int,
    parse_percent,
    parse_phone,
    parse_renewal_year,
    parse_status,
    parse_text,
    parse_year,
    split_multi,
)
from onemap.model import CATEGORIES, STATUSES

THIS_YEAR = date.today().year
INTERNAL = "the cell's content could not be read"


@pytest.mark.parametrize(
    "raw",
    [None, "", "   ", "\u3000", "无", "/", "／", "—", "-", "——", "暂无", "未填", "null", "NaN", "#N/A", float("nan")],
)
def test_blank_cells_are_recognised(raw):
    assert blank(raw)


@pytest.mark.parametrize("raw", ["0", 0, 0.0, "无锡小区", "1998", datetime(2023, 5, 1), False])
def test_cells_with_content_are_not_blank(raw):
    assert not blank(raw)


@pytest.mark.parametrize(
    "parser",
    [parse_year, parse_renewal_year, parse_int, parse_float, parse_date, parse_percent, parse_status, parse_phone],
)
def test_a_blank_cell_gives_neither_value_nor_reason(parser):
    cell = parser("——")
    assert cell.is_blank and cell.original == "——"


# --- years ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "year"),
    [
        ("1998", 1998),
        ("1998年", 1998),
        ("2000年12月", 2000),
        ("1995.6", 1995),
        ("1995-06", 1995),
        ("1998-06-01 00:00:00", 1998),
        (1998, 1998),
        (1998.0, 1998),
        (1995.6, 1995),
        (datetime(1998, 6, 1), 1998),
        (date(1998, 6, 1), 1998),
        ("１９９８年", 1998),
        ("一九九八年", 1998),
        ("建于1998年", 1998),
        ("1998年建成", 1998),
    ],
)
def test_year_built_is_read_from_every_ledger_form(raw, year):
    cell = parse_year(raw)
    assert cell.value == year and cell.reason_zh is None


@pytest.mark.parametrize(
    ("raw", "year"),
    [
        ("20世纪90年代", 1995),
        ("九十年代", 1995),
        ("1980年代", 1985),
        ("上世纪80年代", 1985),
        ("上世纪八十年代", 1985),
        ("80年代初", 1982),
        ("70年代末", 1978),
        ("1990s", 1995),
    ],
)
def test_a_decade_reads_as_its_middle_year_with_an_approximate_note(raw, year):
    cell = parse_year(raw)
    assert cell.value == year
    assert cell.note_zh and "约数" in cell.note_zh and "approximate" in (cell.note_en or "")
    assert cell.original == raw


@pytest.mark.parametrize(("raw", "year"), [("约1998年", 1998), ("1998年以前", 1998), ("98年", 1998), ("05年", 2005)])
def test_an_approximate_or_two_digit_year_carries_a_note(raw, year):
    cell = parse_year(raw)
    assert cell.value == year and cell.note_zh


def test_a_range_of_years_built_reads_as_the_completion_year():
    cell = parse_year("1998-2000")
    assert cell.value == 2000 and cell.note_zh


@pytest.mark.parametrize(
    "raw", ["1850", "1850年", str(THIS_YEAR + 2), 45123, "abc", "2019年，建于1998年", "1998/1999/2000", True, "#REF!"]
)
def test_implausible_or_unreadable_years_built_are_refused_with_a_reason(raw):
    cell = parse_year(raw)
    assert cell.value is None and cell.reason_zh and cell.reason_en


@pytest.mark.parametrize(
    ("raw", "year"),
    [
        ("2023", 2023),
        ("2023年度", 2023),
        ("2025（计划）", 2025),
        ("2025(计划)", 2025),
        ("2024年", 2024),
        ("2023年第二批", 2023),
        (2023, 2023),
        (2023.0, 2023),
    ],
)
def test_renewal_year_is_read_from_every_ledger_form(raw, year):
    assert parse_renewal_year(raw).value == year


def test_a_range_of_renewal_years_reads_as_the_first_with_a_warning():
    cell = parse_renewal_year("2023-2024")
    assert cell.value == 2023 and cell.note_zh and "2023" in cell.note_zh


@pytest.mark.parametrize("raw", ["1999", str(THIS_YEAR + 7), "九十年代", "明年"])
def test_renewal_years_outside_2000_to_six_years_ahead_are_refused(raw):
    assert parse_renewal_year(raw).reason_zh


# --- numbers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1,200", 1200),
        ("1，200", 1200),
        ("1 200", 1200),
        ("1\u202f200", 1200),
        ("１２００", 1200),
        ("约300", 300),
        ("300户", 300),
        ("300 户", 300),
        ("3000㎡", 3000),
        ("3,000平方米", 3000),
        ("12.5万", 125000),
        ("1.2万户", 12000),
        ("三栋", 3),
        ("十二层", 12),
        ("1.2E+04", 12000),
        (1200, 1200),
        (1200.0, 1200),
        ("0", 0),
    ],
)
def test_numbers_stored_as_text_are_read(raw, value):
    assert parse_float(raw).value == value
    assert parse_int(raw).value == value


def test_an_excel_float_that_is_whole_reads_as_an_int():
    cell = parse_int(1200.0)
    assert cell.value == 1200 and isinstance(cell.value, int)


@pytest.mark.parametrize("raw", ["约300", "300余户", "300户左右"])
def test_an_approximate_number_carries_a_note(raw):
    cell = parse_int(raw)
    assert cell.value == 300 and cell.note_zh and "约数" in cell.note_zh


@pytest.mark.parametrize(("raw", "wan"), [("12.5万", 12.5), ("12.5万元", 12.5), ("125000元", 12.5), ("12.5", 12.5)])
def test_a_field_kept_in_wan_yuan_converts_yuan_and_magnitudes(raw, wan):
    assert parse_float(raw, scale=1e4).value == pytest.approx(wan)


@pytest.mark.parametrize(
    "raw", ["-5", -5, -0.5, "1,5", "300-400户", "abc", "12 5", float("inf"), "1e400", True, "1e20"]
)
def test_negative_or_unreadable_quantities_are_refused(raw):
    cell = parse_float(raw)
    assert cell.value is None and cell.reason_zh and cell.reason_en


def test_a_fractional_count_is_refused():
    assert "整数" in (parse_int("12.5").reason_zh or "")


@pytest.mark.parametrize(
    ("raw", "pct", "noted"),
    [
        ("85%", 85, False),
        ("85％", 85, False),
        ("85", 85, False),
        (85, 85, False),
        (0.85, 85, True),
        (1, 100, True),
        ("0.85", 85, True),
        ("完成", 100, True),
        ("已完工", 100, True),
        ("未开工", 0, True),
        ("约80%", 80, True),
    ],
)
def test_progress_is_read_in_percent(raw, pct, noted):
    cell = parse_percent(raw)
    assert cell.value == pytest.approx(pct)
    assert bool(cell.note_zh) == noted


@pytest.mark.parametrize("raw", ["120%", "-5%", "12万", "三成", "100平方米"])
def test_percentages_outside_0_to_100_or_with_other_units_are_refused(raw):
    assert parse_percent(raw).reason_zh


# --- dates ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        datetime(2023, 5, 1, 14, 30),
        date(2023, 5, 1),
        45047,
        45047.6,
        "2023-05-01",
        "2023/5/1",
        "2023.5.1",
        "2023年5月1日",
        "2023年5月1号",
        "20230501",
        "2023-05-01 00:00:00",
        "２０２３－０５－０１",
    ],
)
def test_dates_read_as_iso(raw):
    cell = parse_date(raw)
    assert cell.value == "2023-05-01" and cell.reason_zh is None


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2023年5月", "2023-05-01"),
        ("2023-05", "2023-05-01"),
        ("2023年5月中旬", "2023-05-11"),
        ("2024年2月底", "2024-02-29"),
        ("45047", "2023-05-01"),
    ],
)
def test_a_month_without_a_day_or_a_serial_in_text_reads_with_a_note(raw, iso):
    cell = parse_date(raw)
    assert cell.value == iso and cell.note_zh


@pytest.mark.parametrize(
    "raw", ["2023-02-30", "2023-13-01", "2023", "2023年", 2023, 2023.5, "下个月", "1900-01-01", True]
)
def test_impossible_dates_and_a_year_alone_are_refused(raw):
    cell = parse_date(raw)
    assert cell.value is None and cell.reason_zh


# --- vocabularies -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("谋划", "planned"), ("储备", "planned"), ("前期", "planned"), ("计划", "planned"), ("拟改造", "planned"),
        ("设计", "designing"), ("方案设计", "designing"), ("设计阶段", "designing"),
        ("招标", "tendering"), ("招投标", "tendering"), ("挂网", "tendering"),
        ("在建", "under_construction"), ("施工中", "under_construction"), ("正在施工", "under_construction"),
        ("已开工", "under_construction"),
        ("完工", "completed"), ("已完工", "completed"), ("竣工", "completed"), ("完工待验收", "completed"),
        ("验收", "accepted"), ("已验收", "accepted"), ("竣工验收", "accepted"),
        ("移交", "handed_over"), ("已移交", "handed_over"),
        ("under_construction", "under_construction"), ("Under construction", "under_construction"),
        (" 在建 ", "under_construction"),
    ],
)  # fmt: skip
def test_status_words_map_to_the_model_keys(raw, key):
    assert parse_status(raw).value == key


def test_every_status_label_and_key_reads_as_itself():
    for key, (zh, en) in STATUSES.items():
        assert parse_status(zh).value == parse_status(en).value == parse_status(key).value == key


def test_an_unknown_status_is_refused_with_the_choices_listed():
    cell = parse_status("差不多了")
    assert cell.value is None
    assert all(zh in (cell.reason_zh or "") for zh, _ in STATUSES.values())
    assert all(key in (cell.reason_en or "") for key in STATUSES)


@pytest.mark.parametrize(
    ("raw", "keys"),
    [
        ("基础类、完善类", ["basic", "improvement"]),
        ("基础类,提升类", ["basic", "enhancement"]),
        ("基础+完善", ["basic", "improvement"]),
        ("基础类；安全类", ["basic", "safety"]),
        ("完善类 基础类", ["basic", "improvement"]),
        ("基础类（水电路气）、完善类", ["basic", "improvement"]),
        ("基础类、基础类", ["basic"]),
        ("basic, safety", ["basic", "safety"]),
        ("基础类、完善类、提升类", list(CATEGORIES)[:3]),
    ],
)
def test_categories_map_to_the_model_keys(raw, keys):
    cell = parse_categories(raw)
    assert cell.value == keys and cell.note_zh is None


def test_a_category_list_with_an_unknown_word_keeps_the_known_ones_and_names_the_rest():
    cell = parse_categories("基础类、绿化类")
    assert cell.value == ["basic"] and "绿化" in (cell.note_zh or "")


def test_a_cell_naming_no_category_is_refused():
    assert parse_categories("其他").reason_zh


# --- phones, lists, text ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "phone", "rest"),
    [
        ("138 1234 5678", "13812345678", None),
        ("138—1234—5678", "13812345678", None),
        (13812345678.0, "13812345678", None),
        ("13812345678/13912345678", "13812345678", "13912345678"),
        ("13812345678、13912345678", "13812345678", "13912345678"),
        ("13812345678；13912345678", "13812345678", "13912345678"),
        ("13812345678\n13912345678", "13812345678", "13912345678"),
        ("13812345678 13912345678", "13812345678", "13912345678"),
        ("0916-3212345/3212346", "0916-3212345", "0916-3212346"),
        ("张三 13812345678", "13812345678", None),
    ],
)
def test_the_first_phone_is_the_value_and_the_others_go_to_the_note(raw, phone, rest):
    cell = parse_phone(raw)
    assert cell.value == phone
    if rest:
        assert rest in (cell.note_zh or "") and rest in (cell.note_en or "")


@pytest.mark.parametrize("raw", ["138****5678", "1381234567", "李四", "电话"])
def test_an_unreadable_phone_gets_the_phone_parsers_reason(raw):
    cell = parse_phone(raw)
    assert cell.value is None and cell.reason_zh and cell.reason_en


@pytest.mark.parametrize(
    ("raw", "items"),
    [
        ("东门；西门", ["东门", "西门"]),
        ("东门;西门、北门，南门,后门/侧门", ["东门", "西门", "北门", "南门", "后门", "侧门"]),
        ("东门\n\n西门\r\n北门", ["东门", "西门", "北门"]),
        (" 东门 ；无；/ ", ["东门"]),
        ("rtsp://a/Streaming/Channels/101；rtsp://b/Streaming/Channels/201",
         ["rtsp://a/Streaming/Channels/101", "rtsp://b/Streaming/Channels/201"]),
        ("rtsp://a/1\nrtsp://b/2", ["rtsp://a/1", "rtsp://b/2"]),
        ("rtsp://a/1 rtsp://b/2", ["rtsp://a/1", "rtsp://b/2"]),
        ("rtsp://a/1/rtsp://b/2", ["rtsp://a/1", "rtsp://b/2"]),
        ("rtsp://admin:pa;ss@1.2.3.4:554/cam/realmonitor?channel=1&subtype=0",
         ["rtsp://admin:pa;ss@1.2.3.4:554/cam/realmonitor?channel=1&subtype=0"]),
        ("http://p/play?url=rtsp://c/1", ["http://p/play?url=rtsp://c/1"]),
        ("34020000001320000001、34020000001320000002", ["34020000001320000001", "34020000001320000002"]),
        (None, []),
        ("无", []),
        (12, ["12"]),
    ],
)  # fmt: skip
def test_a_cell_holding_several_items_is_split_without_breaking_links(raw, items):
    assert split_multi(raw) == items


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("  幸福小区（一期）\u3000", "幸福小区（一期）"),
        ("勇士路  12号", "勇士路 12号"),
        ("一、屋面\n二、外墙\r\n\n三、管网", "一、屋面；二、外墙；三、管网"),
        ("屋面防水；\n外墙保温", "屋面防水；外墙保温"),
        ("a\u200bb\x07c", "abc"),
        (1998.0, "1998"),
        (datetime(2023, 5, 1), "2023-05-01"),
    ],
)
def test_free_text_is_tidied_and_line_breaks_become_semicolons(raw, text):
    assert parse_text(raw).value == text


def test_free_text_joins_a_wrapped_name_without_a_separator_when_asked():
    assert parse_text("勉县幸福\n小区", join="").value == "勉县幸福小区"


def test_the_original_text_is_kept_exactly_as_typed():
    assert parse_year("  20世纪90年代 ").original == "  20世纪90年代 "
    assert parse_int(1200.0).original == "1200"
    assert original_text(datetime(2023, 5, 1, 8, 30)) == "2023-05-01 08:30:00"


@pytest.mark.parametrize(
    "parser",
    [parse_year, parse_renewal_year, parse_int, parse_date, parse_percent, parse_status, parse_phone, parse_text],
)
def test_an_excel_error_value_is_refused_with_a_reason(parser):
    cell = parser("#VALUE!")
    assert cell.value is None and "#VALUE!" in (cell.reason_zh or "")


class _Hostile:
    """A cell value whose every conversion fails, standing in for whatever a reader might hand over."""

    def __str__(self) -> str:
        raise RuntimeError("secret-password-in-message")

    __repr__ = __str__


@pytest.mark.parametrize(
    "parser",
    [parse_year, parse_renewal_year, parse_int, parse_float, parse_date, parse_percent, parse_status,
     parse_categories, parse_phone, parse_text],
)  # fmt: skip
def test_a_value_that_cannot_even_be_printed_gives_a_reason_and_logs_no_content(parser, caplog):
    with caplog.at_level(logging.WARNING):
        cell = parser(_Hostile())
    assert cell.value is None and cell.reason_zh
    assert "secret-password" not in caplog.text
    assert split_multi(_Hostile()) == [] and blank(_Hostile()) is False


# --- fuzzing: a value or a reason, never an exception ------------------------------------------------

FRAGMENTS = [
    "1998", "1995.6", "年", "月", "日", "年代", "世纪", "上世纪", "九十", "20", "约", "左右", "以前", "-", "~", "/",
    "、", "；", ",", "，", " ", "\n", "万", "亿", "元", "户", "㎡", "%", "％", "１２", "0", ".", "e", "E+", "(",
    "（计划）",
    "计划", "完成", "在建", "基础类", "完善", "+", "138", "1234", "5678", "转", "#", "*", "无", "—", "#N/A", "初", "底",
]  # fmt: skip
ledger_text = st.lists(st.sampled_from(FRAGMENTS), max_size=8).map("".join)
cell_values = st.one_of(
    st.none(),
    st.text(max_size=40),
    ledger_text,
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(),
    st.dates(),
    st.decimals(allow_nan=True),
)
PARSERS = [
    (parse_year, int),
    (parse_renewal_year, int),
    (parse_int, int),
    (parse_float, float),
    (parse_date, str),
    (parse_percent, float),
    (parse_status, str),
    (parse_categories, list),
    (parse_phone, str),
    (parse_text, str),
]


@pytest.mark.parametrize(("parser", "kind"), PARSERS, ids=[p.__name__ for p, _ in PARSERS])
@settings(max_examples=400, deadline=None)
@given(raw=cell_values)
def test_every_parser_returns_a_value_or_a_reason_and_never_raises(parser, kind, raw):
    cell = parser(raw)
    assert isinstance(cell, Cell)
    assert cell.reason_en != INTERNAL, "the never-raises guard caught a bug"
    assert (cell.reason_zh is None) == (cell.reason_en is None)
    if cell.value is not None:
        assert isinstance(cell.value, kind) and cell.reason_zh is None
    elif cell.reason_zh is None:
        assert blank(raw) or parser is parse_text
    assert cell.original == original_text(raw)


@settings(max_examples=400, deadline=None)
@given(raw=cell_values)
def test_split_multi_and_blank_never_raise(raw):
    items = split_multi(raw)
    assert all(isinstance(item, str) and item.strip() == item and item for item in items)
    assert isinstance(blank(raw), bool)


@settings(max_examples=200, deadline=None)
@given(year=st.integers(1900, THIS_YEAR + 1))
def test_any_plausible_year_typed_with_a_suffix_reads_back(year):
    for written in (str(year), f"{year}年", f"{year}年6月", f"{year}.6", float(year)):
        assert parse_year(written).value == year


@settings(max_examples=200, deadline=None)
@given(day=st.dates(date(1950, 1, 1), date(THIS_YEAR + 10, 12, 31)))
def test_any_date_written_the_chinese_way_reads_back(day):
    for written in (day.isoformat(), f"{day.year}年{day.month}月{day.day}日", f"{day.year}/{day.month}/{day.day}"):
        assert parse_date(written).value == day.isoformat()


def test_a_longer_written_chinese_number_is_refused_not_read_as_its_first_digit() -> None:
    # 三百 used to read as 3 (百 taken for a unit) and 一千二百 as 1,000: a misreported count is worse
    # than a cell the clerk is asked to check
    for written in ("三百", "三百五十", "一千二百", "3百"):
        cell = parse_float(written)
        assert cell.value is None and cell.reason_en == "not a number", written
    assert parse_float("三十").value == 30
    assert parse_float("两万").value == 20000
    assert parse_float("三栋").value == 3

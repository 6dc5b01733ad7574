"""Phone numbers as county ledgers write them."""

import re
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onemap.phones import mask_phone, normalize_phone, phone_kind


@pytest.mark.parametrize(
    "written",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "138—1234—5678",
        "138–1234–5678",
        "138.1234.5678",
        "１３８１２３４５６７８",
        "+86 138 1234 5678",
        "+86-13812345678",
        "86 13812345678",
        "8613812345678",
        "0086 138 1234 5678",
        "手机：13812345678",
        " 13812345678 ",
        13812345678,
        13812345678.0,
        "13812345678.0",
    ],
)
def test_every_way_a_ledger_writes_a_mobile_reads_as_eleven_digits(written):
    parse = normalize_phone(written)
    assert (parse.value, parse.kind) == ("13812345678", "mobile")


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("0916-3212345", "0916-3212345"),
        ("0916 3212345", "0916-3212345"),
        ("(0916)3212345", "0916-3212345"),
        ("（0916）3212345", "0916-3212345"),
        ("０９１６－３２１２３４５", "0916-3212345"),
        ("0916—3212345", "0916-3212345"),
        ("09163212345", "0916-3212345"),
        ("0916-321-2345", "0916-3212345"),
        ("+86 916 3212345", "0916-3212345"),
        ("电话：0916-3212345", "0916-3212345"),
        ("010-65529988", "010-65529988"),
        ("01065529988", "010-65529988"),
        ("029 8765 4321", "029-87654321"),
    ],
)
def test_a_landline_keeps_its_area_code_before_a_dash(written, canonical):
    parse = normalize_phone(written)
    assert (parse.value, parse.kind) == (canonical, "landline")


@pytest.mark.parametrize(
    "written",
    [
        "0916-3212345转123",
        "0916-3212345 转 123",
        "0916-3212345(转123)",
        "0916-3212345-123",
        "09163212345-123",
        "0916-3212345 ext. 123",
        "0916-3212345 EXT123",
        "0916-3212345x123",
        "0916-3212345分机123",
    ],
)
def test_an_extension_follows_the_landline_after_a_second_dash(written):
    assert normalize_phone(written).value == "0916-3212345-123"


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("12345", "12345"),
        ("12319", "12319"),
        ("１２３４５", "12345"),
        ("95598", "95598"),
        ("400-123-4567", "400-123-4567"),
        ("4001234567", "400-123-4567"),
    ],
)
def test_government_hotlines_and_service_numbers_are_service_numbers(written, canonical):
    parse = normalize_phone(written)
    assert (parse.value, parse.kind) == (canonical, "service")


@pytest.mark.parametrize(
    "blank",
    ["", "  ", "无", "/", "—", "-", "——", "暂无", "未填", "不详", "None", None, float("nan")],
)
def test_blank_entries_are_blank_not_errors(blank):
    parse = normalize_phone(blank)
    assert parse.is_blank
    assert (parse.value, parse.reason_zh, parse.reason_en) == (None, None, None)


@pytest.mark.parametrize(
    ("written", "reason_zh"),
    [
        ("138123", "11 位"),
        ("138123456789", "11 位"),
        ("12012345678", "手机号段"),
        ("3212345", "缺少区号"),
        ("9163212345", "丢了开头 0"),
        ("091-3212345", "区号"),
        ("0916-32123", "7–8 位"),
        ("0916-0212345", "不能以 0 开头"),
        ("张伟", "非号码字符"),
        ("13812345678（张伟）", "非号码字符"),
        ("13812345678/13987654321", "多个号码"),
        ("13812345678、0916-3212345", "多个号码"),
        ("13812345678 13987654321", "多个号码"),
        ("138****5678", "打码"),
        ("+852 2123 4567", "中国大陆"),
        ("13812345678转1", "分机"),
        ("+86", "没有号码"),
    ],
)
def test_unreadable_numbers_say_why_in_chinese_and_english(written, reason_zh):
    parse = normalize_phone(written)
    assert parse.value is None and not parse.is_blank
    assert reason_zh in (parse.reason_zh or "")
    assert parse.reason_en


def test_english_reasons_are_english():
    assert normalize_phone("3212345").reason_en == "landline without an area code"


def test_a_local_number_takes_the_area_code_it_is_given():
    assert normalize_phone("321 2345", area_code="0916").value == "0916-3212345"
    assert normalize_phone("3212345", area_code="（0916）").value == "0916-3212345"


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("13812345678", "mobile"),
        ("0916-3212345", "landline"),
        ("12345", "service"),
        ("无", None),
        ("张伟", None),
    ],
)
def test_phone_kind_names_the_kind_of_number(written, kind):
    assert phone_kind(written) == kind


@pytest.mark.parametrize(
    ("written", "masked"),
    [
        ("13812345678", "138****5678"),
        ("+86 138 1234 5678", "138****5678"),
        ("0916-3212345", "0916-***2345"),
        ("010-65529988", "010-****9988"),
        ("0916-3212345转123", "0916-***2345-123"),
        ("12345", "12345"),
        ("", ""),
        ("无", ""),
        (None, ""),
        ("138123456", "*****3456"),
        ("13812345678/13987654321", "***********/*******4321"),
    ],
)
def test_masking_hides_all_but_the_prefix_and_last_four(written, masked):
    assert mask_phone(written) == masked


@given(st.text())
def test_normalize_phone_never_raises_and_always_answers_one_way(text):
    parse = normalize_phone(text)
    assert parse.ok + parse.is_blank + (parse.reason_zh is not None) == 1
    assert (parse.reason_zh is None) == (parse.reason_en is None)
    assert isinstance(mask_phone(text), str)


@given(st.text(alphabet="0123456789+-—–()（） .转x０１２３４５６７８９", max_size=30))
def test_phone_shaped_text_never_raises_and_canonical_values_read_back_unchanged(text):
    parse = normalize_phone(text)
    if parse.value is not None:
        assert normalize_phone(parse.value) == parse


_SEPARATORS = st.sampled_from(["", " ", "-", "—", "–", ".", "  "])


@given(
    prefix=st.sampled_from(["", "+86 ", "+86-", "86", "0086 "]),
    second=st.sampled_from("3456789"),
    rest=st.text(alphabet="0123456789", min_size=9, max_size=9),
    sep=_SEPARATORS,
    full_width=st.booleans(),
)
def test_a_normalized_mobile_always_masks_to_three_digits_four_stars_four_digits(prefix, second, rest, sep, full_width):
    digits = "1" + second + rest
    written = prefix + sep.join([digits[:3], digits[3:7], digits[7:]])
    if full_width:
        written = written.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    parse = normalize_phone(written)
    assert (parse.value, parse.kind) == (digits, "mobile")
    masked = mask_phone(parse.value)
    assert re.fullmatch(r"1[3-9]\d\*{4}\d{4}", masked)
    assert masked == digits[:3] + "****" + digits[-4:]


@pytest.mark.parametrize("cell", ["1" * 32767, "1 " * 16383, "0" + "1" * 32766, "1/" * 16383])
def test_a_full_excel_cell_of_digits_is_read_in_well_under_a_second(cell):
    started = time.perf_counter()
    normalize_phone(cell)
    mask_phone(cell)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("0916-3212345-6", "0916-3212345-6"),
        ("0916-3212345 转6", "0916-3212345-6"),
        ("0916-3212345-67", "0916-3212345-67"),
        ("0916-32123456", "0916-32123456"),
    ],
)
def test_a_short_group_after_a_complete_local_number_stays_an_extension(written, canonical):
    # 0916-3212345-6 was read as 0916-32123456: another line, not this one with extension 6
    assert normalize_phone(written).value == canonical
    assert normalize_phone(canonical).value == canonical


@pytest.mark.parametrize("written", ["+86 10 6512 3456", "+86-10-65123456", "+861065123456", "0086 10 6512 3456"])
def test_a_beijing_landline_after_plus_86_gets_its_trunk_zero_back(written):
    parse = normalize_phone(written)
    assert (parse.value, parse.kind) == ("010-65123456", "landline")

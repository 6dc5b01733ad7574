"""Ledger checks a county clerk can act on."""

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from shapely.geometry import Polygon, box

from onemap import model
from onemap.model import Building, Camera, Contact, Estate, Funding
from onemap.validation import (
    Problem,
    format_problems,
    validate_building,
    validate_camera,
    validate_contact,
    validate_estate,
    validate_funding,
)

TODAY = date(2025, 6, 1)
MIAN_4490 = (106.673, 33.153)
CODE = "610725001"


def estate(**fields):
    """An estate with only what every ledger row has, plus the given fields."""
    fields.setdefault("code", CODE)
    fields.setdefault("name", "城关镇粮站家属院")
    return Estate(**fields)


def problems_of(**fields):
    return validate_estate(estate(**fields), today=TODAY)


def codes_of(**fields):
    return [(p.field, p.code, p.severity) for p in problems_of(**fields)]


def test_a_ledger_row_with_only_code_and_name_has_no_problems():
    assert problems_of() == []


def test_a_fully_filled_estate_has_no_problems():
    full = estate(
        township="勉阳街道",
        community="城关社区",
        kind="小区",
        built_year=1995,
        buildings=6,
        households=180,
        floor_area_m2=14200.5,
        property_type="房改房",
        management="无物业",
        renewal_year=2024,
        categories=["basic", "improvement"],
        status="completed",
        progress_pct=100,
        start_date="2024-04-01",
        finish_date="2024-11-30",
        investment_wan=560,
        coord_source="tianditu",
        location=MIAN_4490,
        outline=box(106.672, 33.152, 106.674, 33.154),
        building_list=[Building(CODE, "1号楼", floors=6, height_m=18.0)],
        contacts=[
            Contact(CODE, "leader", "张伟", "副局长", "138 1234 5678"),
            Contact(CODE, "complaint_line", phone="12345"),
        ],
        cameras=[
            Camera(
                CODE,
                "东门",
                link="rtsp://10.0.0.8/Streaming/Channels/101",
                gb_id="61072501001320000001",
                channel=1,
                location=MIAN_4490,
            )
        ],
        funding=[Funding(CODE, "central", 400), Funding(CODE, "local", 160)],
    )
    assert validate_estate(full, today=TODAY) == []


@pytest.mark.parametrize("blank", [None, "", "  ", "无", "未填", "/", "—", float("nan")])
@pytest.mark.parametrize(
    "field",
    [
        "built_year",
        "buildings",
        "households",
        "floor_area_m2",
        "renewal_year",
        "status",
        "progress_pct",
        "start_date",
        "finish_date",
        "investment_wan",
        "kind",
        "management",
    ],
)
def test_a_blank_optional_field_is_never_a_problem(field, blank):
    assert problems_of(**{field: blank}) == []


@pytest.mark.parametrize(
    ("year", "message_zh", "message_en"),
    [
        (2031, "建成年份 2031 晚于今年", "built_year 2031 is later than this year"),
        (1850, "建成年份 1850 早于 1900 年", "built_year 1850 is before 1900"),
        (1998.5, "建成年份 1998.5 应为整数", "built_year 1998.5 is not whole"),
        ("1998年", "建成年份「1998年」不是数字", "built_year '1998年' is not a number"),
    ],
)
def test_a_wrong_built_year_is_explained_in_the_clerks_words(year, message_zh, message_en):
    [problem] = problems_of(built_year=year)
    assert (problem.message_zh, problem.message_en) == (message_zh, message_en)
    assert problem.severity == "error"


@pytest.mark.parametrize("year", [1900, 1998, TODAY.year, "1998"])
def test_a_built_year_from_1900_to_this_year_is_fine(year):
    assert problems_of(built_year=year) == []


@pytest.mark.parametrize(
    ("year", "code"),
    [(1999, "too_early"), (2000, None), (TODAY.year + 5, None), (TODAY.year + 6, "too_late")],
)
def test_a_renewal_year_runs_from_2000_to_five_years_ahead(year, code):
    assert [p.code for p in problems_of(renewal_year=year)] == ([code] if code else [])


@pytest.mark.parametrize("field", ["buildings", "households", "floor_area_m2", "investment_wan"])
def test_a_negative_count_is_an_error_and_zero_is_fine(field):
    assert codes_of(**{field: -3}) == [(field, "negative", "error")]
    assert problems_of(**{field: 0}) == []


@pytest.mark.parametrize("field", ["buildings", "households"])
def test_buildings_and_households_are_whole_numbers(field):
    assert codes_of(**{field: 12.5}) == [(field, "not_whole", "error")]


@pytest.mark.parametrize(("progress", "ok"), [(0, True), (55.5, True), (100, True), (-1, False), (100.5, False)])
def test_progress_is_a_percentage(progress, ok):
    assert (problems_of(progress_pct=progress) == []) is ok


@pytest.mark.parametrize("status", list(model.STATUSES))
def test_every_programme_status_is_accepted(status):
    assert problems_of(status=status) == []


def test_an_unknown_status_lists_the_chinese_choices():
    [problem] = problems_of(status="开会")
    assert problem.code == "unknown_value"
    assert "计划、设计、招标、在建" in problem.message_zh


def test_a_status_typed_as_its_chinese_label_points_to_the_key():
    [problem] = problems_of(status="在建")
    assert problem.code == "label_not_key"
    assert "under_construction" in problem.message_zh


@pytest.mark.parametrize("categories", [["basic"], list(model.CATEGORIES), "basic,safety", []])
def test_categories_from_the_vocabulary_are_accepted(categories):
    assert problems_of(categories=categories) == []


def test_an_unknown_category_is_an_error():
    assert codes_of(categories=["basic", "roof"]) == [("categories", "unknown_value", "error")]


@pytest.mark.parametrize(
    ("start", "finish"),
    [
        ("2024-04-01", "2024-11-30"),
        ("2024-04-01", "2024-04-01"),
        (date(2024, 4, 1), datetime(2024, 11, 30, 9)),
        ("2024-04-01", None),
    ],
)
def test_a_renovation_may_finish_on_or_after_its_start(start, finish):
    assert problems_of(start_date=start, finish_date=finish) == []


def test_finishing_before_starting_is_an_error_on_the_finish_date():
    [problem] = problems_of(start_date="2024-05-01", finish_date="2024-03-01")
    assert (problem.field, problem.code) == ("finish_date", "finish_before_start")
    assert problem.message_zh == "完工日期 2024-03-01 早于开工日期 2024-05-01"


def test_a_date_not_in_iso_form_says_how_to_write_it():
    [problem] = problems_of(start_date="2024/5/1")
    assert problem.code == "not_a_date"
    assert "2024-05-01" in problem.message_zh


@pytest.mark.parametrize("field", ["code", "name"])
def test_a_blank_code_or_name_is_an_error(field):
    assert codes_of(**{field: " "}) == [(field, "blank", "error")]


def test_a_code_without_a_county_prefix_is_only_a_warning():
    assert codes_of(code="CG-01") == [("code", "code_without_county", "warning")]


@pytest.mark.parametrize(
    ("field", "value"),
    [("kind", "小区区"), ("property_type", "私房"), ("management", "物业"), ("coord_source", "x")],
)
def test_an_unknown_descriptive_value_is_a_warning(field, value):
    assert codes_of(**{field: value}) == [(field, "unknown_value", "warning")]


@pytest.mark.parametrize("kind", model.ESTATE_KINDS)
def test_every_estate_kind_is_accepted(kind):
    assert problems_of(kind=kind) == []


@pytest.mark.parametrize(
    ("location", "hint"),
    [
        ((0.0, 0.0), ""),
        ((33.153, 106.673), "写反"),
        ((36_500_000.0, 3_670_000.0), "投影"),
        ((-106.673, 33.153), ""),
    ],
)
def test_a_location_outside_china_is_an_error_with_a_hint(location, hint):
    [problem] = problems_of(location=location)
    assert (problem.field, problem.code) == ("location", "outside_china")
    assert hint in problem.message_zh


@pytest.mark.parametrize("location", [(106.673,), ("东经106度", "北纬33度"), (float("nan"), 33.1)])
def test_a_location_that_is_not_a_point_is_an_error(location):
    assert [p.field for p in problems_of(location=location)] == ["location"]


def test_a_completed_estate_below_full_progress_is_a_warning():
    assert codes_of(status="accepted", progress_pct=90) == [("progress_pct", "progress_behind_status", "warning")]


def test_funding_beyond_the_total_investment_is_a_warning():
    funding = [Funding(CODE, "central", 80), Funding(CODE, "local", 50)]
    assert codes_of(investment_wan=100, funding=funding) == [
        ("investment_wan", "funding_exceeds_investment", "warning")
    ]
    assert problems_of(investment_wan=130, funding=funding) == []


def test_a_self_intersecting_outline_is_a_warning():
    bowtie = Polygon([(106.67, 33.15), (106.68, 33.16), (106.68, 33.15), (106.67, 33.16)])
    assert codes_of(outline=bowtie) == [("outline", "invalid_outline", "warning")]


@pytest.mark.parametrize(
    ("floors", "ok"),
    [(1, True), (33, True), (100, True), (0, False), (101, False), (2.5, False), (None, True)],
)
def test_a_building_has_one_to_a_hundred_floors(floors, ok):
    assert (validate_building(Building(CODE, floors=floors)) == []) is ok


def test_a_building_height_cannot_be_negative():
    assert [p.code for p in validate_building(Building(CODE, height_m=-3))] == ["negative"]


@pytest.mark.parametrize("role", list(model.CONTACT_ROLES))
def test_every_contact_role_is_accepted(role):
    assert validate_contact(Contact(CODE, role, "张伟", phone="0916-3212345")) == []


@pytest.mark.parametrize(("role", "code"), [("boss", "unknown_value"), ("", "blank")])
def test_a_contact_needs_a_known_role(role, code):
    assert [p.code for p in validate_contact(Contact(CODE, role))] == [code]


@pytest.mark.parametrize("phone", [None, "", "无", "暂无", "0916-3212345-6", "+86 138-1234-5678"])
def test_a_blank_or_readable_phone_is_fine(phone):
    assert validate_contact(Contact(CODE, "grid_worker", phone=phone)) == []


def test_the_government_hotline_is_fine_as_a_complaint_line():
    assert validate_contact(Contact(CODE, "complaint_line", phone="12345")) == []


@pytest.mark.parametrize(
    ("phone", "code"),
    [
        ("12345", "service_phone"),
        ("13333333333", "fake_phone"),
        ("138 0000 0000", "fake_phone"),
        ("0916-2222222", "fake_phone"),
    ],
)
def test_a_number_no_person_can_have_is_flagged(phone, code):
    [problem] = validate_contact(Contact(CODE, "grid_worker", "张伟", phone=phone))
    assert (problem.field, problem.code, problem.severity) == ("phone", code, "warning")
    assert "电话「" in problem.message_zh and "phone" in problem.message_en


@pytest.mark.parametrize("phone", ["1234", "138123", "1381234567890"])
def test_a_number_of_the_wrong_length_is_flagged(phone):
    assert [p.code for p in validate_contact(Contact(CODE, "leader", phone=phone))] == ["bad_phone"]


def test_an_unreadable_phone_gives_the_reason():
    [problem] = validate_contact(Contact(CODE, "grid_worker", phone="138123"))
    assert (problem.field, problem.code) == ("phone", "bad_phone")
    assert problem.message_zh == "电话「138123」无法识别：手机号码应为 11 位，这里是 6 位"


def test_a_contacts_problem_is_addressed_to_the_estate_and_names_the_person():
    contact = Contact(CODE, "leader", "张伟", phone="138123")
    [problem] = problems_of(contacts=[contact])
    assert problem.field == "contacts[0].phone"
    assert problem.message_zh.startswith("包抓负责人张伟：电话「138123」")
    assert problem.message_en.startswith("Responsible leader 张伟: phone '138123'")


@pytest.mark.parametrize(
    ("gb_id", "ok"),
    [
        ("61072501001320000001", True),
        ("6107250100132000000", False),
        ("61072501001320000001X", False),
        ("6107250100132000000A", False),
        (None, True),
        ("", True),
    ],
)
def test_a_camera_gb_id_is_twenty_digits(gb_id, ok):
    assert (validate_camera(Camera(CODE, gb_id=gb_id)) == []) is ok


@pytest.mark.parametrize(
    "link",
    [
        "rtsp://admin:pa@ss@10.0.0.8/Streaming/Channels/101",
        "rtsp://admin:12345@10.0.0.8:554/cam/realmonitor?channel=1&subtype=0",
        "http://10.0.0.8/cgi-bin/snapshot.cgi?user=admin&password=secret",
    ],
)
def test_a_camera_link_with_a_credential_is_an_error_that_never_repeats_it(link):
    [problem] = validate_camera(Camera(CODE, link=link))
    assert problem.code == "credential_in_link"
    text = problem.message_zh + problem.message_en + format_problems([problem], "en")
    assert "pa@ss" not in text and "12345" not in text and "secret" not in text


def test_a_camera_outside_china_or_on_a_negative_channel_is_an_error():
    camera = Camera(CODE, channel=-1, location=(0.0, 0.0))
    assert [p.field for p in validate_camera(camera)] == ["channel", "location"]


@pytest.mark.parametrize("source", list(model.FUNDING_SOURCES))
def test_every_funding_source_is_accepted(source):
    assert validate_funding(Funding(CODE, source, 12.5)) == []


def test_funding_needs_a_known_source_and_a_non_negative_amount():
    problems = validate_funding(Funding(CODE, "bank", -5))
    assert [(p.field, p.code) for p in problems] == [
        ("source", "unknown_value"),
        ("amount_wan", "negative"),
    ]


def test_every_estate_message_names_its_field_by_the_chinese_label():
    problems = problems_of(
        code="x",
        name="",
        built_year=3000,
        buildings=-1,
        households=-1,
        floor_area_m2=-1,
        renewal_year=1990,
        status="?",
        progress_pct=200,
        start_date="x",
        finish_date="y",
        investment_wan=-1,
        kind="?",
        property_type="?",
        management="?",
        coord_source="?",
    )
    assert len(problems) == 16
    for problem in problems:
        assert problem.message_zh.startswith(model.ESTATE_FIELD_LABELS[problem.field])
        assert problem.message_en.startswith(problem.field)


def test_format_problems_puts_errors_first_one_line_each():
    problems = [
        Problem("kind", "unknown_value", "类型「x」不是可选值", "kind 'x' is unknown", "warning"),
        Problem("built_year", "too_late", "建成年份 2031 晚于今年", "built_year 2031 is late"),
    ]
    assert format_problems(problems) == "错误：建成年份 2031 晚于今年\n提示：类型「x」不是可选值"
    assert format_problems(problems, lang="en") == ("error: built_year 2031 is late\nwarning: kind 'x' is unknown")
    assert format_problems([]) == ""


_JUNK = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.lists(st.text(max_size=3), max_size=2),
)


@given(
    st.fixed_dictionaries({name: _JUNK for name in model.ESTATE_COLUMNS if name not in ("code", "name")}),
    st.one_of(st.none(), st.tuples(st.floats(), st.floats()), st.text(max_size=5)),
    st.lists(st.tuples(_JUNK, _JUNK, _JUNK), max_size=2),
)
def test_validate_estate_never_raises_on_junk_from_a_ledger(columns, location, rows):
    children = {
        "building_list": [Building(CODE, a, b, c) for a, b, c in rows],
        "contacts": [Contact(CODE, a, b, phone=c) for a, b, c in rows],
        "cameras": [Camera(CODE, a, link=b, gb_id=c) for a, b, c in rows],
        "funding": [Funding(CODE, a, b) for a, b, _ in rows],
    }
    problems = validate_estate(estate(location=location, **columns, **children), today=TODAY)
    assert all(isinstance(p, Problem) for p in problems)
    assert len(format_problems(problems).splitlines()) == len(problems)

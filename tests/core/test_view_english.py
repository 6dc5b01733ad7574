"""The core's words in English (``lang="en"``): details rows, units, measuring, the filter summary, status names.

Chinese stays the default and unchanged; English labels come from the model's (zh, en) vocabularies.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from onemap.model import (
    BLANK_EN,
    BLANK_ZH,
    ESTATE_FIELD_LABELS,
    ESTATE_FIELD_LABELS_EN,
    Contact,
    Estate,
    Funding,
    RenovationItem,
    blank_word,
    field_labels,
    status_label,
)
from onemap.store import Inventory
from onemap.store.audit import AuditEntry
from onemap.view.details import blank, estate_details
from onemap.view.filters import BLANK_TOWNSHIP, EstateFilter
from onemap.view.measure import Measurement
from onemap.view.scale import format_area, format_distance, scale_bar

HAN = re.compile(r"[\u3400-\u9fff]")

ESTATE = Estate(
    code="6107250001",
    name="幸福小区",
    households=120,
    status="under_construction",
    progress_pct=40.0,
    categories=["basic", "safety"],
    coord_source="survey",
    location=(106.67, 33.15),
    contacts=[Contact("6107250001", "grid_worker", "王强", None, "138 1234 5678"), Contact("6107250001", "leader")],
    funding=[Funding("6107250001", "central", 100.0), Funding("6107250001", "residents", 20.0)],
    items=[RenovationItem("6107250001", "basic", "雨污分流")],
)


def test_every_estate_field_has_an_english_label_in_the_same_order() -> None:
    assert list(ESTATE_FIELD_LABELS_EN) == list(ESTATE_FIELD_LABELS)
    assert all(label and not HAN.search(label) for label in ESTATE_FIELD_LABELS_EN.values())
    assert field_labels("zh") is ESTATE_FIELD_LABELS and field_labels("en") is ESTATE_FIELD_LABELS_EN


@pytest.mark.parametrize(
    ("lang", "households", "blank_text", "status", "categories", "source"),
    [
        ("zh", "户数", BLANK_ZH, "在建", "基础类、安全类", "测绘"),
        ("en", "Households", BLANK_EN, "Under construction", "Basic, Safety", "Survey"),
    ],
)
def test_details_rows_follow_the_language(
    lang: str, households: str, blank_text: str, status: str, categories: str, source: str
) -> None:
    details = estate_details(ESTATE, lang=lang)
    values = dict(details.fields)
    assert values[households] == "120"
    assert values[field_labels(lang)["address"]] == blank_text
    assert values[field_labels(lang)["status"]] == status
    assert values[field_labels(lang)["categories"]] == categories
    assert values[field_labels(lang)["coord_source"]] == source
    assert blank(None, lang) == blank_word(lang) == blank_text


def test_english_details_carry_no_chinese_but_the_data_itself() -> None:
    details = estate_details(ESTATE, lang="en")
    assert details.subtitle == "6107250001 · Under construction · progress 40%"
    assert dict(details.fields)["Outline"] == "(blank)"
    assert dict(details.fields)["Buildings (with footprint)"] == "0"
    worker, leader = details.contacts
    assert (worker.role, worker.name, worker.phone_text, worker.phone) == (
        "Grid worker",
        "王强",
        "138 1234 5678",
        "13812345678",
    )
    assert (leader.role, leader.name, leader.phone_text, leader.phone) == (
        "Responsible leader",
        BLANK_EN,
        BLANK_EN,
        None,
    )
    assert [(s, a) for s, a, _share in details.funding] == [
        ("Central subsidy", "100.00 × 10k yuan"),
        ("Residents", "20.00 × 10k yuan"),
    ]
    assert details.funding_total == "120.00 × 10k yuan"
    assert details.items == [("Basic", ["雨污分流"])]
    data = {"幸福小区", "王强", "雨污分流"}
    words = [
        details.subtitle,
        *(t for row in details.fields for t in row),
        worker.role,
        leader.role,
        *(t for s, a, _ in details.funding for t in (s, a)),
        details.funding_total,
        details.items[0][0],
    ]
    assert not [w for w in words if HAN.search(w) and w not in data]


def test_a_blank_estate_reads_blank_in_english() -> None:
    details = estate_details(Estate(code="1", name="空白"), lang="en")
    assert details.funding_total == BLANK_EN
    assert dict(details.fields)["Renovation status"] == BLANK_EN
    assert dict(details.fields)["Location (CGCS2000 lon, lat)"] == BLANK_EN


def test_history_reads_in_english_too(demo_file: Path) -> None:
    entries = [
        AuditEntry("2024-05-01T08:30:00Z", "张伟", "update", "estates", "1", "households", "100", "120"),
        AuditEntry("2024-05-01T08:31:00Z", "张伟", "bulk", "estates", None, None, None, "ledger.xlsx"),
    ]
    zh = estate_details(ESTATE, entries).history
    en = estate_details(ESTATE, entries, lang="en").history
    assert zh[0][2] == "修改老旧小区·户数：100 → 120"
    assert en[0] == ("2024-05-01 08:30", "张伟", "Changed estates · Households: 100 → 120")
    assert en[1][2] == "Bulk import estates (ledger.xlsx)"
    with Inventory.open(demo_file, readonly=True) as inventory:
        estate = inventory.estate(inventory.estates()[0].code)
    assert dict(estate_details(estate, lang="en").fields)["Estate name"] == estate.name


@pytest.mark.parametrize(
    ("metres", "zh", "en"),
    [
        (8.5, "8.5 米", "8.5 m"),
        (850, "850 米", "850 m"),
        (1250, "1.25 公里", "1.25 km"),
        (150_000, "150 公里", "150 km"),
    ],
)
def test_distances_in_both_languages(metres: float, zh: str, en: str) -> None:
    assert format_distance(metres) == format_distance(metres, "zh") == zh
    assert format_distance(metres, "en") == en


@pytest.mark.parametrize(
    ("square_metres", "zh", "en"),
    [(850, "850 平方米", "850 m²"), (34_000, "3.40 公顷", "3.40 ha"), (12_300_000, "12.30 平方公里", "12.30 km²")],
)
def test_areas_in_both_languages(square_metres: float, zh: str, en: str) -> None:
    assert format_area(square_metres) == zh and format_area(square_metres, "en") == en


@pytest.mark.parametrize(("m_per_px", "zh", "en"), [(1.0, "100 米", "100 m"), (20.0, "2 公里", "2 km")])
def test_the_scale_bar_label_follows_the_language(m_per_px: float, zh: str, en: str) -> None:
    assert scale_bar(m_per_px).label == zh
    english = scale_bar(m_per_px, lang="en")
    assert english.label == en and english.length_m == scale_bar(m_per_px).length_m


def test_measuring_speaks_english() -> None:
    m = Measurement()
    assert m.text("en").startswith("Distance: click")
    m.add(106.0, 33.0)
    m.add(106.01, 33.0)
    assert re.fullmatch(r"Distance \d+ m", m.text("en")) and m.text().startswith("距离 ")
    m.add(106.01, 33.01)
    m.mode = "area"
    assert re.fullmatch(r"Area [\d.]+ ha \(perimeter [\d.]+ km\)", m.text("en"))


@pytest.mark.parametrize(
    ("flt", "zh", "en"),
    [
        (EstateFilter(), "", ""),
        (EstateFilter(text="幸福"), "搜索“幸福”", "search “幸福”"),
        (EstateFilter(statuses=frozenset({"completed", ""})), "完工、未填", "Completed or (blank)"),
        (EstateFilter(township=BLANK_TOWNSHIP, has_cameras=True), "未填，有摄像头", "(blank), with cameras"),
        (
            EstateFilter(year_min=2023, year_max=2024, categories=frozenset({"basic"}), located=False),
            "2023–2024 年度，含基础类，未定位",
            "renewal 2023–2024, with Basic, not located",
        ),
    ],
)
def test_the_filter_summary_in_both_languages(flt: EstateFilter, zh: str, en: str) -> None:
    assert flt.describe() == zh and flt.describe("en") == en


def test_status_names_for_the_hover_tip() -> None:
    assert status_label("completed") == "完工" and status_label("completed", "en") == "Completed"
    assert status_label(None, "en") == BLANK_EN

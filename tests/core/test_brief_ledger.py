"""Estate sheets from a tricky ledger: escaped names, logins pasted into links, long lists, blanks.

The inventory is written through the store (Inventory.create / add_estate) as an import
would; every check reads the real PDF back with pdftotext and pypdf.  Helpers here are
shared by the other test_brief_* modules.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from shapely.geometry import box

from onemap.brief import BriefOptions, build_sheets
from onemap.model import Building, Camera, Contact, Estate, Funding, RenovationItem
from onemap.store import Inventory
from tests.store_access import connection

TRICKY = "6107259001"
BLANK = "6107259002"
NEIGHBOUR = "6107259003"
POINT_ONLY = "6107259004"
LONG_NAME = "勉县勉阳街道汉江路与定军山大道交叉口东南角原县物资局及县供销合作社联合家属院（含北侧临街商住楼）"
TRICKY_NAME = "A&B<东区>"
PASSWORD_LINK = "rtsp://admin:pa@ss@10.0.0.1/Streaming/Channels/101"
LEADER_PHONE = "13812345678"
GRID_PHONE = "0916-3212345"
NOTE_PHONE = "13987654321"


def pdf_text(path: Path, first: int | None = None, last: int | None = None, layout: bool = False) -> str:
    """The text of a PDF (or of pages ``first``..``last``) as pdftotext extracts it."""
    command = ["pdftotext", "-enc", "UTF-8"]
    command += ["-layout"] if layout else []
    command += ["-f", str(first)] if first else []
    command += ["-l", str(last)] if last else []
    result = subprocess.run([*command, str(path), "-"], capture_output=True, text=True, check=True, timeout=120)
    return result.stdout


def page_texts(path: Path) -> list[str]:
    """One text per page (pdftotext separates pages with a form feed)."""
    return pdf_text(path).split("\f")[: len(PdfReader(path).pages)]


def pdffonts(path: Path) -> list[list[str]]:
    """pdffonts' table: one row of columns per font."""
    result = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True, timeout=60)
    return [line.split() for line in result.stdout.splitlines()[2:] if line.strip()]


def _tricky_estate() -> Estate:
    outline = box(106.6700, 33.1600, 106.6720, 33.1615)
    return Estate(
        code=TRICKY,
        name=TRICKY_NAME,
        township="勉阳街道",
        community="城西社区",
        address="勉阳街道<旧城>路 1 号",
        kind="小区",
        built_year=1992,
        buildings=3,
        households=96,
        floor_area_m2=7200.0,
        property_type="房改房",
        management="无物业",
        renewal_year=2024,
        categories=["basic", "improvement"],
        status="under_construction",
        progress_pct=60,
        start_date="2024-04-01",
        investment_wan=320.5,
        coord_source="survey",
        notes=f"联系电话 {NOTE_PHONE}；旧链接 rtsp://root:hunter2@10.0.0.9/live 已停用。",
        location=(106.6710, 33.16075),
        outline=outline,
        building_list=[
            Building(
                TRICKY,
                f"{i}号楼",
                floors=6,
                footprint=box(106.6702 + i * 0.0005, 33.1603, 106.6705 + i * 0.0005, 33.1606),
            )
            for i in range(3)
        ],
        contacts=[
            Contact(TRICKY, "leader", "张伟", "副县长", LEADER_PHONE),
            Contact(TRICKY, "grid_worker", "李娜", "网格员", GRID_PHONE),
        ],
        cameras=[
            Camera(TRICKY, "北门", "球机", PASSWORD_LINK, "61072500011320000011", 1),
            Camera(TRICKY, "坏编码", "枪机", None, "123", 2),
        ]
        + [Camera(TRICKY, f"围墙{i}", "枪机", f"rtsp://10.0.0.{i}/Streaming/Channels/101") for i in range(3, 40)],
        funding=[
            Funding(TRICKY, "central", 200.0),
            Funding(TRICKY, "local", 100.5),
            Funding(TRICKY, "residents", 20.0),
        ],
        items=[RenovationItem(TRICKY, "basic", f"基础项目第{i}项（屋面、外墙、管网等综合整治）") for i in range(60)],
    )


def make_tricky_inventory(path: Path) -> Path:
    """An inventory with the tricky estate, an all-blank one and a neighbour, plus resident issues."""
    inventory = Inventory.create(path, county_code="610725", county_name="勉县", user="测试员")
    with inventory, inventory.transaction():
        inventory.add_admin_area("610725", "勉县", "county", box(106.60, 33.10, 106.75, 33.20))
        inventory.add_estate(_tricky_estate())
        inventory.add_estate(Estate(code=BLANK, name="空白小区"))
        inventory.add_estate(
            Estate(
                code=NEIGHBOUR,
                name="乙邻居小区",
                township="勉阳街道",
                status="completed",
                location=(106.6735, 33.1608),
                outline=box(106.6728, 33.1602, 106.6742, 33.1614),
            )
        )
        inventory.add_estate(
            Estate(code=POINT_ONLY, name=LONG_NAME, township="勉阳街道", status="planned", location=(106.6690, 33.1590))
        )
        inventory.set_meta(data_date="2026-11-01")
        connection(inventory).executemany(
            "INSERT INTO issues (estate_code, problem, channel, reported_on, responsible, due_on, state) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (TRICKY, "楼道灯不亮，请尽快维修。", "12345", "2026-10-01", "社区", "2026-10-15", "办理中"),
                (TRICKY, "雨天积水严重", "来访", "2026-10-05", "住建局", None, None),
                (TRICKY, "这件事早已办结", "电话", "2026-09-01", "物业", None, "已办结"),
            ],
        )
    return path


@pytest.fixture(scope="module")
def tricky_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tricky inventory, written once per module."""
    return make_tricky_inventory(tmp_path_factory.mktemp("tricky") / "张伟的 台账.gpkg")


@pytest.fixture(scope="module")
def sheets_pdf(tricky_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sheets") / "小区档案.pdf"
    build_sheets(tricky_file, [TRICKY, BLANK, NEIGHBOUR], out)
    return out


@pytest.fixture(scope="module")
def redacted_pdf(tricky_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("redacted") / "打码.pdf"
    build_sheets(tricky_file, [TRICKY, BLANK], out, BriefOptions(redact_phones=True))
    return out


def test_every_estate_gets_exactly_one_page_however_long_its_lists(sheets_pdf: Path) -> None:
    assert len(PdfReader(sheets_pdf).pages) == 3


def test_the_name_a_and_b_east_block_prints_exactly_as_written(sheets_pdf: Path) -> None:
    text = pdf_text(sheets_pdf)
    assert TRICKY_NAME in text
    assert "勉阳街道<旧城>路 1 号" in text
    assert "&amp;" not in text and "&lt;" not in text


def test_long_lists_are_cut_with_a_count_of_what_was_left_out(sheets_pdf: Path) -> None:
    tricky = next(t for t in page_texts(sheets_pdf) if TRICKY_NAME in t)
    assert tricky.count("另有") >= 2, "both the 60 renovation items and the 39 cameras are cut"
    assert "基础项目第59项" not in tricky


def test_a_password_pasted_into_a_camera_link_never_prints(sheets_pdf: Path, redacted_pdf: Path) -> None:
    for pdf in (sheets_pdf, redacted_pdf):
        text = pdf_text(pdf)
        assert "pa@ss" not in text and "admin" not in text
        assert "hunter2" not in text and "root:" not in text
        assert "rtsp://10.0.0.1/Streaming/Channels/101" in text.replace("\n", "")


def test_camera_ids_are_decoded_and_bad_ones_say_why(sheets_pdf: Path) -> None:
    text = pdf_text(sheets_pdf)
    assert "61072500011320000011（社区 · 网络摄像机）" in text
    assert "123（无效" in text


def test_with_redact_phones_no_full_number_appears_anywhere(redacted_pdf: Path) -> None:
    text = pdf_text(redacted_pdf)
    for phone in (LEADER_PHONE, GRID_PHONE, NOTE_PHONE):
        assert phone not in text
    assert "138****5678" in text
    assert "0916-***2345" in text
    assert "139****4321" in text


def test_without_redaction_the_phones_print_whole(sheets_pdf: Path) -> None:
    text = pdf_text(sheets_pdf)
    assert LEADER_PHONE in text and GRID_PHONE in text


def test_blank_fields_print_weitian_and_an_unlocated_estate_says_so(sheets_pdf: Path) -> None:
    blank = next(t for t in page_texts(sheets_pdf) if "空白小区" in t)
    assert blank.count("未填") >= 10
    assert "未定位" in blank


def test_open_issues_are_listed_and_settled_ones_are_not(sheets_pdf: Path) -> None:
    text = pdf_text(sheets_pdf)
    assert "楼道灯不亮" in text and "雨天积水严重" in text
    assert "这件事早已办结" not in text
    assert "未办结 2 件" in text


def test_the_location_map_names_the_neighbouring_estate(sheets_pdf: Path) -> None:
    tricky = next(t for t in page_texts(sheets_pdf) if "A&B" in t)
    assert "乙邻居小区" in tricky
    assert "EPSG:4490" in tricky and "北" in tricky


def test_a_very_long_name_and_an_estate_known_only_by_its_point_fit_one_page(tricky_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "长名字.pdf"
    build_sheets(tricky_file, [POINT_ONLY], out)
    assert len(PdfReader(out).pages) == 1
    text = pdf_text(out).replace("\n", "")
    assert LONG_NAME in text
    assert "北" in text and "（约 1:" in text, "the point still gets a location map with a scale bar"


def test_a3_and_landscape_change_the_page_size(tricky_file: Path, tmp_path: Path) -> None:
    sizes = {}
    for paper, landscape in (("A4", False), ("A4", True), ("A3", False)):
        out = tmp_path / f"{paper}-{landscape}.pdf"
        build_sheets(tricky_file, [TRICKY], out, BriefOptions(paper=paper, landscape=landscape))
        reader = PdfReader(out)
        assert len(reader.pages) == 1
        sizes[paper, landscape] = tuple(round(float(v)) for v in reader.pages[0].mediabox[2:])
        assert TRICKY_NAME in pdf_text(out)
    assert sizes == {("A4", False): (595, 842), ("A4", True): (842, 595), ("A3", False): (842, 1191)}


def test_swapped_coordinates_and_a_self_crossing_outline_do_not_break_the_sheet(tmp_path: Path) -> None:
    from shapely.geometry import Polygon

    bowtie = Polygon([(106.670, 33.160), (106.672, 33.162), (106.672, 33.160), (106.670, 33.162)])
    inventory = Inventory.create(tmp_path / "坏坐标.gpkg", county_code="610725", county_name="勉县")
    with inventory, inventory.transaction():
        inventory.add_estate(Estate(code="1", name="经纬度写反小区", location=(33.16, 106.67)))
        inventory.add_estate(Estate(code="2", name="蝴蝶结范围小区", location=(106.671, 33.161), outline=bowtie))
    out = tmp_path / "坏坐标.pdf"
    build_sheets(tmp_path / "坏坐标.gpkg", ["1", "2"], out)
    texts = page_texts(out)
    assert len(texts) == 2
    assert "未定位" in next(t for t in texts if "经纬度写反小区" in t)
    assert "（约 1:" in next(t for t in texts if "蝴蝶结范围小区" in t)

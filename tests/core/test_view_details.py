"""The details dock's words: every field in Chinese, 未填 for blanks, no camera credential ever."""

from __future__ import annotations

import shutil
from pathlib import Path

from onemap.model import BLANK_ZH, ESTATE_FIELD_LABELS, Camera, Contact, Estate, Funding, RenovationItem
from onemap.store import Inventory
from onemap.view.details import blank, estate_details


def test_every_estate_field_is_listed_with_its_chinese_label(demo_file: Path) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        estate = inventory.estate(inventory.estates()[0].code)
    details = estate_details(estate)
    labels = [label for label, _value in details.fields]
    assert labels[: len(ESTATE_FIELD_LABELS)] == list(ESTATE_FIELD_LABELS.values())
    assert "位置（CGCS2000 经度, 纬度）" in labels
    values = dict(details.fields)
    assert values["小区名称"] == estate.name
    assert values["改造状态"] in {"计划", "设计", "招标", "在建", "完工", "验收", "移交"}
    assert values["坐标来源"] == "演示数据"


def test_blanks_read_未填_everywhere() -> None:
    details = estate_details(Estate(code="6107259999", name="空白小区"))
    values = dict(details.fields)
    assert values["所在镇（街道）"] == BLANK_ZH
    assert values["改造状态"] == BLANK_ZH
    assert values["改造类别"] == BLANK_ZH
    assert values["位置（CGCS2000 经度, 纬度）"] == BLANK_ZH
    assert details.funding_total == BLANK_ZH
    assert details.contacts == [] and details.cameras == [] and details.items == []
    assert blank("  ") == BLANK_ZH and blank(0) == "0"


def test_contacts_keep_a_canonical_phone_to_copy() -> None:
    estate = Estate(
        code="1",
        name="甲",
        contacts=[
            Contact("1", "leader", "王强", "副县长", "138 1234 5678"),
            Contact("1", "grid_worker", None, None, "无"),
        ],
    )
    leader, worker = estate_details(estate).contacts
    assert (leader.role, leader.name, leader.phone_text, leader.phone) == (
        "包抓负责人",
        "王强",
        "138 1234 5678",
        "13812345678",
    )
    assert (worker.role, worker.name, worker.phone_text, worker.phone) == ("网格员", BLANK_ZH, BLANK_ZH, None)


def test_cameras_show_the_decoded_gb_id_and_never_a_password() -> None:
    estate = Estate(
        code="1",
        name="甲",
        cameras=[
            Camera(
                "1", "南门", "枪机", "rtsp://admin:pa@ss@10.7.1.2:554/Streaming/Channels/101", "61072500011320000011"
            ),
            Camera("1", "北门", None, None, "12345"),
        ],
    )
    south, north = estate_details(estate).cameras
    assert "pa@ss" not in south.link and "admin" not in south.link
    assert south.link.startswith("rtsp://10.7.1.2:554/Streaming/Channels/101")
    assert "网络摄像机(132)" in south.gb_meaning and "社区" in south.gb_meaning
    assert north.kind == BLANK_ZH and north.link == BLANK_ZH
    assert north.gb_meaning.startswith("无效：")


def test_funding_shows_shares_of_the_total_and_items_group_by_category() -> None:
    estate = Estate(
        code="1",
        name="甲",
        funding=[Funding("1", "central", 300.0), Funding("1", "residents", 100.0)],
        items=[
            RenovationItem("1", "improvement", "加装电梯"),
            RenovationItem("1", "basic", "屋面防水"),
            RenovationItem("1", "basic", "管网改造"),
        ],
    )
    details = estate_details(estate)
    assert details.funding == [("中央补助", "300.00 万元", 0.75), ("居民出资", "100.00 万元", 0.25)]
    assert details.funding_total == "400.00 万元"
    assert details.items == [("基础类", ["屋面防水", "管网改造"]), ("完善类", ["加装电梯"])]


def test_recent_audit_entries_read_as_sentences(demo_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "清单.gpkg"
    shutil.copy(demo_file, copy)
    with Inventory.open(copy, user="张伟") as inventory:
        code = inventory.estates()[0].code
        with inventory.transaction():
            inventory.update_estate(code, households=500)
        estate, history = inventory.estate(code), inventory.history(code)
    when, who, text = estate_details(estate, history).history[0]
    assert who == "张伟"
    assert text.startswith("修改老旧小区·户数：") and text.endswith("→ 500")
    assert len(when) == 16

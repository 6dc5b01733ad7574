"""Cameras from a ledger: 国标编码 cells become cameras, login columns go to the keyring."""

from __future__ import annotations

import json
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from onemap.cameras import KEYRING_SERVICE
from onemap.io.importer import import_ledger
from onemap.store import Inventory

PASSWORD = "Zx9!pa@ss#Mian"


@pytest.fixture
def memory_keyring():
    """An OS keyring in memory, installed for one test and the previous one put back."""
    before = keyring.get_keyring()  # pinned before the class below registers itself

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self):
            super().__init__()
            self.secrets = {}

        def get_password(self, service, username):
            return self.secrets.get((service, username))

        def set_password(self, service, username, password):
            self.secrets[(service, username)] = password

        def delete_password(self, service, username):
            del self.secrets[(service, username)]

    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


def _import(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    ledger = tmp_path / "监控.csv"
    ledger.write_text(text, "utf-8")
    into = tmp_path / "清单.gpkg"
    report = import_ledger(ledger, into)
    with Inventory.open(into, readonly=True) as inventory:
        estate = inventory.estate(report.imported[0])
    return report, estate, into


def test_a_gb28181_id_in_the_ledger_creates_a_camera_for_the_estate(tmp_path: Path) -> None:
    _report, estate, _into = _import(tmp_path, "小区名称,镇街,国标编码\n桂园小区,勉阳街道,61072500011320000011\n")
    [camera] = estate.cameras
    assert (camera.gb_id, camera.kind) == ("61072500011320000011", "gb28181")


def test_several_ids_in_one_cell_make_several_cameras(tmp_path: Path) -> None:
    cell = (
        '"61072500011320000011、61072500011320000012;61072500011320000013/61072500011310000014\n61072500011320000015"'
    )
    _report, estate, _into = _import(tmp_path, f"小区名称,镇街,国标编码\n桂园小区,勉阳街道,{cell}\n")
    assert [c.gb_id for c in estate.cameras] == [
        f"610725000113{n}" for n in ("20000011", "20000012", "20000013", "10000014", "20000015")
    ]


def test_an_invalid_id_is_a_warning_naming_row_and_column(tmp_path: Path) -> None:
    text = "小区名称,镇街,国标编码\n桂园小区,勉阳街道,6107250001132000001、61072500011320000012\n"
    report, estate, _into = _import(tmp_path, text)
    assert [c.gb_id for c in estate.cameras] == ["61072500011320000012"]
    [warning] = [w for w in report.warnings if w.field == "国标编码"]
    assert warning.row == 2 and "第 1 个国标编码" in warning.message and "20 位" in warning.message


def test_an_id_that_a_link_of_the_same_row_carries_is_that_camera_not_a_second_one(tmp_path: Path) -> None:
    text = (
        "小区名称,镇街,监控链接,国标编码\n"
        "桂园小区,勉阳街道,http://10.61.7.25/rtp/61072500011320000011/hls.m3u8,61072500011320000011\n"
    )
    _report, estate, _into = _import(tmp_path, text)
    [camera] = estate.cameras
    assert camera.gb_id == "61072500011320000011" and camera.link.endswith("hls.m3u8")


@pytest.mark.parametrize(
    ("header", "cell"),
    [("用户名/密码", f"admin/{PASSWORD}"), ("账号/口令", f"admin：{PASSWORD}"), ("账号密码", f"admin {PASSWORD}")],
)
def test_a_login_column_becomes_the_cameras_login_in_the_keyring_and_never_the_notes(
    tmp_path: Path, memory_keyring, header: str, cell: str
) -> None:  # type: ignore[no-untyped-def]
    text = (
        f"小区名称,镇街,监控链接,{header}\n桂园小区,勉阳街道,rtsp://192.168.10.64:554/Streaming/Channels/101,{cell}\n"
    )
    report, estate, into = _import(tmp_path, text)
    assert estate.notes is None and report.unknown_columns == []
    stored = json.loads(memory_keyring.secrets[(KEYRING_SERVICE, "rtsp://192.168.10.64:554")])
    assert stored == {"username": "admin", "password": PASSWORD}
    [said] = [w for w in report.warnings if w.field == header]
    assert "系统钥匙串" in said.message and "keyring" in said.message_en
    assert PASSWORD not in json.dumps(report.as_dict(), ensure_ascii=False) + report.text() + report.text("en")
    assert PASSWORD.encode() not in into.read_bytes()


def test_separate_user_and_password_columns_make_one_login_for_every_camera_of_the_row(
    tmp_path: Path, memory_keyring
) -> None:  # type: ignore[no-untyped-def]
    text = (
        "小区名称,镇街,国标编码,用户名,密码\n"
        f"桂园小区,勉阳街道,61072500011320000011、61072500011320000012,admin,{PASSWORD}\n"
    )
    report, estate, into = _import(tmp_path, text)
    assert len(estate.cameras) == 2 and estate.notes is None
    for gb_id in ("61072500011320000011", "61072500011320000012"):
        stored = json.loads(memory_keyring.secrets[(KEYRING_SERVICE, f"gb28181:{gb_id}")])
        assert stored == {"username": "admin", "password": PASSWORD}
    assert PASSWORD.encode() not in into.read_bytes()


def test_a_password_without_a_camera_is_dropped_and_said_not_kept_in_notes(tmp_path: Path, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    report, estate, into = _import(tmp_path, f"小区名称,镇街,密码\n桂园小区,勉阳街道,{PASSWORD}\n")
    assert estate.notes is None and memory_keyring.secrets == {}
    [said] = [w for w in report.warnings if w.field == "密码"]
    assert "未保存" in said.message and PASSWORD not in said.message
    assert PASSWORD.encode() not in into.read_bytes()


def test_a_dry_run_keeps_no_login_in_the_keyring_and_says_so(tmp_path: Path, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    from onemap.io.importer import ImportOptions

    ledger = tmp_path / "监控.csv"
    ledger.write_text(
        "小区名称,镇街,监控链接,密码\n"
        f"桂园小区,勉阳街道,rtsp://admin:{PASSWORD}@192.168.10.64/Streaming/Channels/101,{PASSWORD}\n",
        "utf-8",
    )
    report = import_ledger(ledger, tmp_path / "清单.gpkg", ImportOptions(dry_run=True))
    assert memory_keyring.secrets == {}
    assert any("试运行" in w.message for w in report.warnings)

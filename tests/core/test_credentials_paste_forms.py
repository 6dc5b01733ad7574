"""Twenty-two ways of pasting a password: none reaches the file, show, list, an export or the history."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest

from onemap.cli import main
from onemap.edit import EditHistory, EstateForm, SetEstateFields, UpdateChild
from onemap.model import Camera, Contact
from onemap.store import Inventory
from onemap.store.check import check_inventory
from onemap.store.geometry import register_functions
from tests.store_access import connection

SECRET = "Qx7mima9"  # printable ASCII, as camera passwords are
CODE = "6107250001"

# (column header, cell text) pasted into a ledger row beside 小区名称 / 所在镇（街道）
LEDGER_FORMS = [
    ("监控链接", f"rtsp://admin:{SECRET}@10.0.0.1:554/Streaming/Channels/101"),
    ("监控链接", f"http://10.0.0.5/cgi-bin/snapshot.cgi?user=admin&password={SECRET}&channel=1"),
    ("监控链接", f"http://10.0.0.5/cgi-bin/snapshot.cgi?channel=1&pwd={SECRET}"),
    ("视频链接", f"http://10.0.0.5/live/1.flv?token={SECRET}"),
    ("监控链接", f"http://10.0.0.5/ISAPI/Streaming/channels/101/picture?passwd={SECRET}"),
    ("备注", f"门禁密码：{SECRET}"),
    ("备注", f"平台登录 password={SECRET}"),
    ("备注", f"账号 admin 口令 {SECRET}"),
    ("备注", f"rtsp://admin:{SECRET}@1.2.3.4:554/ch1 是大门"),
    ("地址", f"勉阳街道幸福路3号（机房密码{SECRET}）"),
    ("用户名/密码", f"admin/{SECRET}"),
    ("密码", SECRET),
    ("国标配置", f"SIP服务器ID:34020000002000000001 SIP域:3402000000 密码:{SECRET}"),
    ("平台参数", f"sip_id=34020000002000000001;password={SECRET}"),
    ("备注", f"PWD: {SECRET}"),
]


def _ledger(path: Path, header: str, text: str) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["小区编码", "小区名称", "所在镇（街道）", header])
        writer.writerow([CODE, "桂园小区", "勉阳街道", text])
    return path


def _assert_nowhere(inventory_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert SECRET.encode() not in inventory_path.read_bytes(), "in the file"
    export = tmp_path / "导出.csv"
    assert main(["export", str(inventory_path), str(export), "--force"]) == 0
    assert SECRET.encode() not in export.read_bytes(), "in the CSV export"
    capsys.readouterr()
    for command in (["show", CODE, "--json"], ["show", CODE], ["list", "--json"], ["history"], ["history", "--json"]):
        assert main([command[0], str(inventory_path), *command[1:]]) == 0
        assert SECRET not in capsys.readouterr().out, f"in {' '.join(command)}"
    assert not [f for f in check_inventory(inventory_path).findings if "密码" in f.message]


@pytest.mark.parametrize("header, text", LEDGER_FORMS, ids=[f"{h}-{i}" for i, (h, _t) in enumerate(LEDGER_FORMS)])
def test_a_password_pasted_into_a_ledger_reaches_nothing(tmp_path: Path, capsys, header: str, text: str) -> None:  # type: ignore[no-untyped-def]
    into = tmp_path / "清单.gpkg"
    assert (
        main(
            [
                "import",
                str(_ledger(tmp_path / "台账.csv", header, text)),
                "--into",
                str(into),
                "--county",
                "610725",
                "--json",
            ]
        )
        == 0
    )
    assert SECRET not in capsys.readouterr().out, "in the import report"
    _assert_nowhere(into, tmp_path, capsys)


def _estate_with_camera(fresh: Inventory) -> int:
    from onemap.model import Estate

    with fresh.transaction():
        fresh.add_estate(
            Estate(
                code=CODE,
                name="桂园小区",
                township="勉阳街道",
                cameras=[Camera(CODE, "大门", link="rtsp://10.0.0.1/Streaming/Channels/101")],
                contacts=[Contact(CODE, "grid_worker", "王芳", phone="13812345678")],
            )
        )
    return int(connection(fresh).execute("SELECT fid FROM cameras").fetchone()[0])


def _store_update_notes(inventory: Inventory, camera: int) -> None:
    with inventory.transaction():
        inventory.update_estate(CODE, notes=f"机房 密码：{SECRET}")


def _store_add_camera(inventory: Inventory, camera: int) -> None:
    with inventory.transaction():
        inventory.add_child("cameras", Camera(CODE, "侧门", link=f"http://10.0.0.9/snapshot.cgi?password={SECRET}"))


def _store_update_child_link(inventory: Inventory, camera: int) -> None:
    with inventory.transaction():
        inventory.update_child("cameras", camera, link=f"rtsp://admin:{SECRET}@10.0.0.1/Streaming/Channels/101")


def _edit_update_child_link(inventory: Inventory, camera: int) -> None:
    EditHistory(inventory).push_and_apply(
        UpdateChild("cameras", camera, link=f"rtsp://admin:{SECRET}@10.0.0.1/Streaming/Channels/102")
    )


def _edit_contact_title(inventory: Inventory, camera: int) -> None:
    fid = connection(inventory).execute("SELECT fid FROM contacts").fetchone()[0]
    EditHistory(inventory).push_and_apply(UpdateChild("contacts", fid, title=f"网格员（系统密码 {SECRET}）"))


def _form_notes(inventory: Inventory, camera: int) -> None:
    form = EstateForm.load(inventory, CODE)
    form.estate.notes = f"GB28181 password={SECRET}"
    EditHistory(inventory).push_and_apply(form.save_command(inventory))


def _clear_then_undo(inventory: Inventory, camera: int) -> None:
    """A password typed in QGIS, then cleared in OneMap, then the clear undone."""
    inventory.close()
    conn = sqlite3.connect(inventory.path)
    register_functions(conn)
    with conn:
        conn.execute("UPDATE estates SET notes = ? WHERE code = ?", (f"门禁密码：{SECRET}", CODE))
    conn.close()
    assert any("密码" in f.message for f in check_inventory(inventory.path).findings)  # validate flags it
    with Inventory.open(inventory.path) as reopened:
        history = EditHistory(reopened)
        history.push_and_apply(SetEstateFields(CODE, notes=None))
        history.undo()


@pytest.mark.parametrize(
    "paste",
    [
        _store_update_notes,
        _store_add_camera,
        _store_update_child_link,
        _edit_update_child_link,
        _edit_contact_title,
        _form_notes,
        _clear_then_undo,
    ],
)
def test_a_password_written_through_the_store_or_an_edit_reaches_nothing(
    fresh: Inventory, tmp_path: Path, capsys, paste
) -> None:  # type: ignore[no-untyped-def]
    camera = _estate_with_camera(fresh)
    paste(fresh, camera)
    fresh.close()
    _assert_nowhere(fresh.path, tmp_path, capsys)

"""``onemap alerts``: the Chinese table, JSON for scripts, and the same audited transitions as the viewer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onemap.cli import main
from onemap.store import Inventory
from onemap.watch.alerts import AlertBook
from onemap.watch.event import AlertType, DeviceKey
from tests.core.alert_support import IMEI, T0, event, make_inventory


@pytest.fixture
def inventory_path(tmp_path: Path) -> Path:
    """Three alerts: an intrusion folded from 5 events, a gas leak (level 1, 32.5 %LEL), a closed parking one."""
    with make_inventory(tmp_path / "命令 清单.gpkg") as inventory:
        book = AlertBook(inventory)
        for i in range(5):
            book.record(event(seconds=i))
        book.record(event(DeviceKey("imei", IMEI), AlertType.GAS_LEAK, level=1, value=32.5, seconds=60))
        parked = book.record(event(kind=AlertType.ILLEGAL_PARKING, at=T0.replace(day=20)))
        assert parked is not None
        book.advance(parked.id, "closed", "物业 李强", "车已挪走")
        return inventory.path


def _json(capsys, *args: str) -> list[dict]:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert main(["alerts", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_the_list_is_a_chinese_table_newest_first(inventory_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["alerts", str(inventory_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("编号\t级别\t类型\t状态\t次数")
    assert "违停占道" in lines[1] and "已办结" in lines[1]
    assert "燃气泄漏（32.5）" in lines[2] and "桂园小区（6107250001）" in lines[2]
    assert "区域入侵" in lines[3] and "\t5\t" in lines[3] and "2026-12-01 09:30:00" in lines[3]
    assert lines[-1] == "共 3 条告警"


def test_json_lists_every_field_scripts_need(inventory_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    found = _json(capsys, str(inventory_path))
    assert [a["type"] for a in found] == ["illegal_parking", "gas_leak", "intrusion"]
    gas = found[1]
    assert (gas["level"], gas["value"], gas["device_kind"], gas["status"]) == (1, 32.5, "sensor", "new")
    assert found[2]["count"] == 5 and found[2]["first_time"] == "2026-12-01T09:30:00+08:00"


def test_filters_by_status_type_township_and_since(inventory_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = str(inventory_path)
    assert [a["type"] for a in _json(capsys, path, "--status", "new")] == ["gas_leak", "intrusion"]
    assert [a["type"] for a in _json(capsys, path, "--type", "gas_leak", "--type", "intrusion")] == [
        "gas_leak",
        "intrusion",
    ]
    assert _json(capsys, path, "--township", "武侯镇") == []
    assert [a["type"] for a in _json(capsys, path, "--since", "2026-12-10")] == ["illegal_parking"]
    assert len(_json(capsys, path, "--limit", "1")) == 1


def test_close_with_a_note_runs_the_audited_transition(inventory_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    gas = _json(capsys, str(inventory_path), "--type", "gas_leak")[0]
    assert (
        main(["alerts", str(inventory_path), "--close", str(gas["id"]), "--note", "已关阀通风", "--who", "王芳"]) == 0
    )
    assert f"告警 {gas['id']} 已改为“已办结”" in capsys.readouterr().out
    with Inventory.open(inventory_path, readonly=True) as inventory:
        step = inventory.alert_steps(gas["id"])[-1]
        audit = inventory.audit.entries("alerts", f"alerts/{gas['id']}")
    assert (step.from_status, step.to_status, step.who, step.note) == ("new", "closed", "王芳", "已关阀通风")
    assert audit[0].who == "王芳" and audit[0].new_value == "已关阀通风"
    assert audit[1].field == "status" and audit[1].new_value == "closed"


def test_advance_moves_one_step_and_a_refused_move_exits_1(inventory_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    intrusion = _json(capsys, str(inventory_path), "--type", "intrusion")[0]
    path, alert_id = str(inventory_path), str(intrusion["id"])
    assert main(["alerts", path, "--advance", alert_id, "--to", "dispatched"]) == 0
    capsys.readouterr()
    assert main(["alerts", path, "--advance", alert_id, "--to", "handled"]) == 1
    assert "不能直接改为“已处置”" in capsys.readouterr().err
    assert main(["--lang", "en", "alerts", path, "--close", alert_id]) == 1
    assert "needs a note" in capsys.readouterr().err
    assert _json(capsys, path, "--type", "intrusion")[0]["status"] == "dispatched"


def test_closing_an_alert_that_is_not_there_exits_1(inventory_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["alerts", str(inventory_path), "--close", "999", "--note", "x"]) == 1
    assert "没有编号为 999 的告警" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [["--since", "yesterday"], ["--status", "done"], ["--advance", "1"], ["--close", "1", "--advance", "1"]],
)
def test_usage_errors_exit_2(inventory_path: Path, args: list[str]) -> None:
    assert main(["alerts", str(inventory_path), *args]) == 2

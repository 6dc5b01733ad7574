"""Alert handling done in the field (签收, 办结 with notes) goes back to the server at checkin, once, with the
server's own moves of the same alert listed as collisions."""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path
from typing import Any

import psycopg
import pytest

from onemap.cli import main
from onemap.store import Inventory
from onemap.store.files import connect as connect_file
from tests.core.server_support import MIAN, loaded, new_login, remember, url_as
from tests.keyring_kit import MemoryKeyring as Keyring

TOWNSHIP = "勉阳街道"


@pytest.fixture
def city(pg_database: str, demo_copy: Path) -> tuple[str, int]:
    """The demo on the server with one gas alert of a 勉阳街道 estate, its first step (new) recorded."""
    fid = _alerted(demo_copy)
    return loaded(pg_database, demo_copy), fid


def _alerted(path: Path) -> int:
    """One gas alert of a 勉阳街道 estate in the file, its first step (new) recorded; its fid."""
    with closing(connect_file(path, readonly=False)) as conn:
        code = conn.execute("SELECT min(code) FROM estates WHERE township = ?", (TOWNSHIP,)).fetchone()[0]
        fid = conn.execute(
            "INSERT INTO alerts (estate_code, device_kind, device, type, level, first_time, last_time) "
            "VALUES (?, 'sensor', 'S1', 'gas', 2, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
            (code,),
        ).lastrowid
        conn.execute(
            "INSERT INTO alert_steps (alert_id, from_status, to_status, who, at) "
            "VALUES (?, NULL, 'new', '采集器', '2026-01-01T00:00:00Z')",
            (fid,),
        )
    return int(fid)


def _checkout(source: str, out: Path) -> None:
    assert main(["checkout", source, "--where", f"镇街={TOWNSHIP}", "-o", str(out)]) == 0


def _field_moves(out: Path, fid: int, *moves: tuple[str, str, str]) -> None:
    """Move the alert in the field copy as the alert dock does: one step per move, with its note."""
    with Inventory.open(out) as laptop, laptop.transaction():
        for old, new, note in moves:
            assert laptop.set_alert_status(fid, old, new, "李四", note) is not None


def _estate(out: Path, fid: int) -> str | None:
    with Inventory.open(out, readonly=True) as laptop:
        row = laptop.alert_row(fid)
    return None if row is None else row.estate_code


def _checkin(out: Path, capsys: pytest.CaptureFixture[str], *flags: str) -> tuple[int, dict[str, Any]]:
    capsys.readouterr()
    code = main(["checkin", str(out), "--json", *flags])
    return code, json.loads(capsys.readouterr().out)


def _server(url: str, fid: int) -> tuple[str, list[tuple[Any, ...]]]:
    with psycopg.connect(url) as conn:
        status = conn.execute("SELECT status FROM alerts WHERE fid = %s", (fid,)).fetchone()[0]
        steps = conn.execute(
            "SELECT from_status, to_status, who, note FROM alert_steps WHERE alert_id = %s ORDER BY fid", (fid,)
        ).fetchall()
    return status, [tuple(s) for s in steps]


def test_a_checkout_carries_each_alerts_steps(city: tuple[str, int], tmp_path: Path) -> None:
    server, fid = city
    out = tmp_path / "外业.gpkg"
    _checkout(server, out)
    with Inventory.open(out, readonly=True) as laptop:
        assert [(s.to_status, s.who) for s in laptop.alert_steps(fid)] == [("new", "采集器")]


def test_steps_and_notes_made_in_the_field_reach_the_server_once(
    city: tuple[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server, fid = city
    out = tmp_path / "外业.gpkg"
    _checkout(server, out)
    _field_moves(out, fid, ("new", "accepted", "已到场查看"), ("accepted", "closed", "阀门已关，复测正常"))
    code, report = _checkin(out, capsys)
    assert code == 0 and report["collisions"] == []
    expected = [
        (None, "new", "采集器", None),
        ("new", "accepted", "李四", "已到场查看"),
        ("accepted", "closed", "李四", "阀门已关，复测正常"),
    ]
    assert _server(server, fid) == ("closed", expected)
    code, report = _checkin(out, capsys)  # a rerun changes nothing and doubles no step
    assert (code, report["applied"]) == (0, [])
    assert _server(server, fid) == ("closed", expected)


def test_an_alert_moved_on_the_server_too_is_a_collision_and_prefer_field_sends_the_fields_steps(
    city: tuple[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server, fid = city
    out = tmp_path / "外业.gpkg"
    _checkout(server, out)
    with psycopg.connect(server) as office:  # the office calls it a false alarm meanwhile
        office.execute("UPDATE alerts SET status = 'false_alarm' WHERE fid = %s", (fid,))
        office.execute(
            "INSERT INTO alert_steps (alert_id, from_status, to_status, who, at, note) "
            "VALUES (%s, 'new', 'false_alarm', '王五', '2026-01-02T00:00:00Z', '传感器误报')",
            (fid,),
        )
    _field_moves(out, fid, ("new", "accepted", "已到场：确有气味"))
    code, report = _checkin(out, capsys)
    assert code == 1
    [collision] = report["collisions"]
    assert (collision["table"], collision["field"], collision["row"]) == ("alerts", "status", f"alerts/{fid}")
    assert collision["code"] == _estate(out, fid)  # the alert's estate, not its table
    assert (collision["server"]["value"], collision["field_copy"]["value"]) == ("false_alarm", "accepted")
    assert [s["note"] for s in collision["field_copy"]["steps"]] == ["已到场：确有气味"]
    assert _server(server, fid)[0] == "false_alarm"  # nothing of the alert applied while it waits
    assert [s[3] for s in _server(server, fid)[1]] == [None, "传感器误报"]
    code, report = _checkin(out, capsys, "--prefer", "field")
    assert code == 0
    status, steps = _server(server, fid)
    assert status == "accepted" and steps[-1] == ("new", "accepted", "李四", "已到场：确有气味")


def test_a_county_editor_checks_in_alert_steps_under_row_level_security(
    city: tuple[str, int], tmp_path: Path, memory_keyring: Keyring, capsys: pytest.CaptureFixture[str]
) -> None:
    server, fid = city
    login, password = new_login(server, "county-editor", MIAN)
    editor = url_as(server, login)
    remember(memory_keyring, editor, password)
    out = tmp_path / "外业.gpkg"
    _checkout(editor, out)
    _field_moves(out, fid, ("new", "accepted", "县里已签收"))
    code, report = _checkin(out, capsys)
    assert code == 0 and report["collisions"] == []
    with psycopg.connect(server) as office:
        assert office.execute(
            "SELECT note, changed_by FROM alert_steps WHERE alert_id = %s ORDER BY fid DESC LIMIT 1", (fid,)
        ).fetchone() == ("县里已签收", login)


def test_steps_made_on_a_laptop_reach_the_office_file_once_when_there_is_no_server(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fid = _alerted(demo_copy)
    out = tmp_path / "外业.gpkg"
    _checkout(str(demo_copy), out)
    _field_moves(out, fid, ("new", "accepted", "已到场查看"))
    for _run in range(2):  # the second run changes nothing
        code, report = _checkin(out, capsys)
        assert code == 0 and report["collisions"] == []
        with Inventory.open(demo_copy, readonly=True) as office:
            row, steps = office.alert_row(fid), office.alert_steps(fid)
        assert row is not None and row.status == "accepted"
        assert [(s.to_status, s.who, s.note) for s in steps] == [
            ("new", "采集器", None),
            ("accepted", "李四", "已到场查看"),
        ]
    assert report["applied"] == []


def test_a_checkin_killed_after_the_servers_commit_sends_no_step_twice_when_rerun(
    city: tuple[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server, fid = city
    out = tmp_path / "外业.gpkg"
    _checkout(server, out)
    _field_moves(out, fid, ("new", "accepted", "已到场查看"), ("accepted", "handled", "已处置"))
    with Inventory.open(out, readonly=True) as laptop:
        noted = laptop.meta("checkout_fids")
    assert _checkin(out, capsys)[0] == 0
    with Inventory.open(out) as laptop, laptop.transaction():  # as if killed before the copy noted what it sent
        laptop.set_meta(checkout_fids=noted)
    code, report = _checkin(out, capsys)
    assert (code, report["applied"]) == (0, [])
    assert [s[3] for s in _server(server, fid)[1]] == [None, "已到场查看", "已处置"]


def test_an_alert_raised_in_the_field_reaches_the_server_with_its_steps(
    city: tuple[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server, _fid = city
    out = tmp_path / "外业.gpkg"
    _checkout(server, out)
    with Inventory.open(out) as laptop, laptop.transaction():
        code = laptop.estates()[0].code
        when = "2026-01-03T00:00:00.000Z"
        values = {"estate_code": code, "device_kind": "sensor", "device": "巡查", "type": "gas", "level": 3}
        raised = laptop.insert_alert({**values, "first_time": when, "last_time": when}, None)
        assert laptop.set_alert_status(raised, "new", "accepted", "李四", "巡查发现，已签收") is not None
    for _run in range(2):  # once
        assert _checkin(out, capsys)[0] == 0
        with psycopg.connect(server) as office:
            found = office.execute(
                "SELECT a.status, s.to_status, s.note FROM alerts a JOIN alert_steps s ON s.alert_id = a.fid "
                "WHERE a.device = '巡查'"
            ).fetchall()
        assert [tuple(r) for r in found] == [("accepted", "accepted", "巡查发现，已签收")]

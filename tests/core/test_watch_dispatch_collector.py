"""Escalation running in the collector: a real inventory, the loopback SMS gateway and robot, a clock the
test moves.  The first role at once, the next after N minutes unless someone accepted in the inventory,
every send kept in ``dispatch_sends``, and a restarted collector taking up where the last one stopped."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import keyring
import pytest

from onemap.cli import main
from onemap.model import Contact
from onemap.store import Inventory
from onemap.store.triggers import OUTSIDE
from onemap.watch.alerts import AlertBook
from onemap.watch.config import WatchConfig
from onemap.watch.dispatch import parse_dispatch
from onemap.watch.dispatch.clock import ManualClock
from onemap.watch.dispatch.keys import store_secret
from onemap.watch.dispatch.toml_out import viewer_watch_file
from onemap.watch.wiring import Wiring
from tests.conftest import run_validators
from tests.core.alert_support import CODE, event, make_inventory
from tests.core.watch_dispatch_servers import ACCESS_KEY_SECRET, WECOM_KEY, MemoryKeyring, aliyun_server, robot_server
from tests.store_access import connection

MANAGER, GRID, SECRETARY = "13912345678", "13800001111", "13600002222"
RULES = """
[dispatch]
escalate_after_min = 5
default_channels = ["sms"]

[[dispatch.rules]]
type = "intrusion"
steps = [["property_manager"], ["grid_worker"], ["community_secretary"]]

[dispatch.roles.property_manager]
channels = ["sms", "estates"]

[dispatch.channels.sms]
kind = "aliyun_sms"
endpoint = "{sms}/"
access_key_id = "LTAI5tTestKeyId00"
sign_name = "勉县一张图"
template_code = "SMS_465912345"

[dispatch.channels.estates]
kind = "wecom"
endpoint = "{wecom}/cgi-bin/webhook/send"
"""


@pytest.fixture
def world(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """An inventory whose estate has three contacts, the SMS gateway and a WeCom robot, secrets in a keyring."""
    before = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    store_secret("sms", "access_key_secret", ACCESS_KEY_SECRET)
    store_secret("estates", "key", WECOM_KEY)
    path = tmp_path / "派发.gpkg"
    with make_inventory(path) as inventory, inventory.transaction():
        for role, name, phone in [
            ("property_manager", "王经理", MANAGER), ("grid_worker", "李网格", GRID),
            ("community_secretary", "赵书记", SECRETARY),
        ]:  # fmt: skip
            inventory.add_child("contacts", Contact(CODE, role, name, phone=phone))
    clock = ManualClock()
    with aliyun_server(clock) as sms, robot_server("wecom", clock) as wecom:
        rules = parse_dispatch(RULES.format(sms=sms.url, wecom=wecom.url))
        yield {"path": path, "clock": clock, "sms": sms, "wecom": wecom, "rules": rules}
    keyring.set_keyring(before)


def collector(world: dict[str, Any], inventory: Inventory) -> Wiring:
    """A collector as ``onemap watch`` wires it (not started: the test feeds and ticks it)."""
    book = AlertBook(inventory)
    return Wiring(WatchConfig(), inventory, book.record, world["rules"], lambda _name: None, clock=world["clock"])


def phones_told(world: dict[str, Any]) -> list[str]:
    return [r["PhoneNumbers"] for r in world["sms"].requests]


def feed(wiring: Wiring, seconds: float = 0.0) -> None:
    wiring.collector.take([event(seconds=seconds)], "push")
    wiring.collector.drain()


def test_the_first_role_is_told_at_once_and_the_next_after_the_wait(world: dict[str, Any]) -> None:
    with Inventory.open(world["path"]) as inventory:
        wiring = collector(world, inventory)
        feed(wiring)
        assert phones_told(world) == [MANAGER] and len(world["wecom"].requests) == 1
        world["clock"].advance(5 * 60 - 1)
        wiring.collector.tick()
        assert phones_told(world) == [MANAGER]
        world["clock"].advance(1)
        wiring.collector.tick()
        assert phones_told(world) == [MANAGER, GRID]
        world["clock"].advance(5 * 60)
        wiring.collector.tick()
        assert phones_told(world) == [MANAGER, GRID, SECRETARY]
    assert world["sms"].problems == [] and world["wecom"].problems == []


def test_the_collectors_run_loop_ticks_the_escalation(world: dict[str, Any]) -> None:
    with Inventory.open(world["path"]) as inventory:
        wiring = collector(world, inventory)
        feed(wiring)
        world["clock"].advance(5 * 60)
        wiring.collector.run(threading.Event(), seconds=0.6, tick=0.1)
    assert phones_told(world) == [MANAGER, GRID]


def test_nobody_more_is_told_once_the_alert_is_accepted_in_another_program(world: dict[str, Any]) -> None:
    with Inventory.open(world["path"]) as inventory:
        wiring = collector(world, inventory)
        feed(wiring)
        alert_id = inventory.alert_rows()[0].fid
        with Inventory.open(world["path"], user="王经理") as viewer:  # the viewer's own connection
            AlertBook(viewer).advance(alert_id, "accepted", "王经理")
        world["clock"].advance(30 * 60)
        wiring.collector.tick()
        assert wiring.collector.relay is not None and wiring.collector.relay.dispatcher.waiting() == []
    assert phones_told(world) == [MANAGER]


def test_closing_the_alert_stops_the_escalation_too(world: dict[str, Any]) -> None:
    with Inventory.open(world["path"]) as inventory:
        wiring = collector(world, inventory)
        feed(wiring)
        AlertBook(inventory).advance(inventory.alert_rows()[0].fid, "closed", "值班员", "现场已处置")
        world["clock"].advance(30 * 60)
        wiring.collector.tick()
    assert phones_told(world) == [MANAGER]


def test_every_send_is_kept_with_its_result_and_a_masked_recipient(world: dict[str, Any]) -> None:
    with Inventory.open(world["path"]) as inventory:
        wiring = collector(world, inventory)
        feed(wiring)
        world["clock"].advance(5 * 60)
        wiring.collector.tick()
        alert_id = inventory.alert_rows()[0].fid
        sends = inventory.dispatch_sends([alert_id])
    shown = [(s.step, s.roles, s.channel, s.kind, s.recipients, s.attempt, s.result) for s in sends]
    assert shown == [
        (0, "property_manager", "sms", "aliyun_sms", "139****5678", 1, "sent"),
        (0, "property_manager", "estates", "wecom", "139****5678", 1, "sent"),
        (1, "grid_worker", "sms", "aliyun_sms", "138****1111", 1, "sent"),
    ]
    assert [s.at for s in sends] == ["2026-01-01T00:00:00Z"] * 2 + ["2026-01-01T00:05:00Z"]
    sms = [s for s in sends if s.channel == "sms"]
    assert all(s.provider_id.endswith("^0") for s in sms) and len({s.provider_id for s in sms}) == 2  # BizId
    assert [s.out_id for s in sms] == [r["OutId"] for r in world["sms"].requests]
    assert all(s.code == "OK" for s in sms)


def test_a_restarted_collector_tells_the_next_step_on_time_and_nothing_twice(world: dict[str, Any]) -> None:
    with Inventory.open(world["path"]) as inventory:
        feed(collector(world, inventory))
    assert phones_told(world) == [MANAGER]
    world["clock"].advance(3 * 60)
    with Inventory.open(world["path"]) as inventory:
        wiring = collector(world, inventory)  # the collector came back after a restart
        assert wiring.collector.relay is not None and wiring.collector.relay.resumed == 1
        feed(wiring, seconds=30)  # the same camera again: folds into the alert, told already
        wiring.collector.tick()
        assert phones_told(world) == [MANAGER]
        world["clock"].advance(2 * 60)
        wiring.collector.tick()
        wiring.collector.tick()
        assert inventory.alert_rows()[0].count == 2
    assert phones_told(world) == [MANAGER, GRID]
    assert len(world["wecom"].requests) == 1


def test_a_retry_planned_before_a_restart_is_made_after_it_with_the_same_out_id(world: dict[str, Any]) -> None:
    world["sms"].script = ["limit"]  # flow control: a definite refusal, worth another try
    with Inventory.open(world["path"]) as inventory:
        feed(collector(world, inventory))
        first = inventory.dispatch_sends()[0]
    assert (first.result, first.code, first.retry_at != "") == ("failed", "isv.BUSINESS_LIMIT_CONTROL", True)
    world["clock"].advance(60)
    with Inventory.open(world["path"]) as inventory:
        collector(world, inventory).collector.tick()
        sms = [s for s in inventory.dispatch_sends() if s.channel == "sms"]
    assert [(s.attempt, s.result) for s in sms] == [(1, "failed"), (2, "sent")]
    assert [r["OutId"] for r in world["sms"].requests] == [first.out_id, first.out_id]


def test_an_sms_the_provider_may_have_taken_is_never_sent_again_after_a_restart(world: dict[str, Any]) -> None:
    with Inventory.open(world["path"]) as inventory:
        wiring = collector(world, inventory)
        feed(wiring)
        alert_id = inventory.alert_rows()[0].fid
    with Inventory.open(world["path"]) as inventory:
        relay = collector(world, inventory).collector.relay
        assert relay is not None
        sms = relay.dispatcher.channels["sms"]
        told = inventory.dispatch_sends([alert_id])[0]
        assert told.out_id in sms.settled  # type: ignore[attr-defined]


def test_onemap_alerts_shows_each_alerts_sends_in_json_and_a_summary_in_text(
    world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    world["sms"].script = ["ok", "limit"]
    with Inventory.open(world["path"]) as inventory:
        wiring = collector(world, inventory)
        feed(wiring)
        world["clock"].advance(5 * 60)
        wiring.collector.tick()
    capsys.readouterr()
    assert main(["alerts", str(world["path"]), "--json"]) == 0
    (alert,) = json.loads(capsys.readouterr().out)
    shown = [(s["step"], s["channel"], s["recipients"], s["result"]) for s in alert["sends"]]
    assert shown == [
        (0, "sms", "139****5678", "sent"),
        (0, "estates", "139****5678", "sent"),
        (1, "sms", "138****1111", "failed"),
    ]
    assert alert["sends"][2]["code"] == "isv.BUSINESS_LIMIT_CONTROL" and alert["sends"][2]["retry_at"]
    assert main(["alerts", str(world["path"])]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("\t派发") and lines[1].endswith("\t成功 2，失败 1")
    assert lines[-1] == "共 1 条告警；派发 3 次：成功 2，失败 1"


def test_an_inventory_with_dispatch_sends_passes_both_geopackage_validators(world: dict[str, Any]) -> None:
    with Inventory.open(world["path"]) as inventory:
        feed(collector(world, inventory))
        assert len(inventory.dispatch_sends()) == 2
        conn = connection(inventory)
        kinds = dict(conn.execute("SELECT table_name, data_type FROM gpkg_contents"))
        aliases = dict(conn.execute("SELECT table_name || '.' || column_name, name FROM gpkg_data_columns"))
    assert kinds["dispatch_sends"] == "attributes" and aliases["dispatch_sends.recipients"] == "收件人（已隐藏）"
    for result in run_validators(world["path"]):
        assert result.returncode == 0, result.stdout + result.stderr


def test_a_send_written_by_another_program_lands_in_the_audit_trail(world: dict[str, Any]) -> None:
    with Inventory.open(world["path"]) as inventory:
        feed(collector(world, inventory))
        alert_id = inventory.alert_rows()[0].fid
    with sqlite3.connect(world["path"]) as outside:
        outside.execute(
            "INSERT INTO dispatch_sends (alert_id, step, channel, attempt, at, result) "
            "VALUES (?, 0, 'sms', 1, ?, 'sent')",
            (alert_id, "2026-01-01T00:00:00Z"),
        )
    with Inventory.open(world["path"], readonly=True) as inventory:
        trail = inventory.audit.entries("dispatch_sends", f"alerts/{alert_id}")
    assert any(e.who == OUTSIDE and e.field == "channel" and e.new_value == "sms" for e in trail)


def test_onemap_watch_without_config_reads_the_file_the_viewer_writes(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    viewer_file = viewer_watch_file()
    viewer_file.parent.mkdir(parents=True, exist_ok=True)
    viewer_file.write_text("[dispatch]\nescalate_after_min = -5\n", "utf-8")
    assert main(["watch", str(demo_file), "--for", "1", "--listen", "127.0.0.1:0"]) == 1
    assert "watch.toml 第 2 行：dispatch.escalate_after_min 应是 0 到 1440 之间的分钟数" in capsys.readouterr().err


def test_a_demo_alert_is_never_sent_to_real_people(world: dict[str, Any]) -> None:
    with Inventory.open(world["path"]) as inventory:
        wiring = collector(world, inventory)
        wiring.collector.take([replace(event(), source="demo")], "push")
        wiring.collector.drain()
        world["clock"].advance(30 * 60)
        wiring.collector.tick()
        assert inventory.alert_rows()[0].source == "demo" and inventory.dispatch_sends() == []
    assert phones_told(world) == [] and world["wecom"].requests == []
    assert wiring.collector.counts["dispatch_skipped_demo"] == 1


def test_the_first_successful_send_moves_the_alert_to_dispatched_once_timed_attributed_and_audited(
    world: dict[str, Any],
) -> None:
    with Inventory.open(world["path"], user="采集器") as inventory:
        wiring = collector(world, inventory)
        feed(wiring)
        alert = inventory.alert_rows()[0]
        world["clock"].advance(5 * 60)
        wiring.collector.tick()  # the next step is told too: no second move
        steps = inventory.alert_steps(alert.fid)
        audited = inventory.audit.entries("alerts", f"alerts/{alert.fid}")
        status = inventory.alert_rows()[0].status
    assert phones_told(world) == [MANAGER, GRID] and status == "dispatched"
    assert [(s.from_status, s.to_status, s.who) for s in steps] == [("new", "dispatched", "采集器")]
    assert steps[0].at.endswith("Z") and "sms" in (steps[0].note or "")
    assert [(e.who, e.field, e.old_value, e.new_value) for e in audited if e.field == "status"] == [
        ("采集器", "status", "new", "dispatched")
    ]


def test_an_alert_whose_sends_all_failed_stays_new_and_one_accepted_meanwhile_is_not_moved_back(
    world: dict[str, Any],
) -> None:
    world["sms"].script = ["limit"]
    world["wecom"].script = ["busy"]
    with Inventory.open(world["path"], user="采集器") as inventory:
        wiring = collector(world, inventory)
        feed(wiring)
        alert_id = inventory.alert_rows()[0].fid
        assert inventory.alert_rows()[0].status == "new" and inventory.alert_steps(alert_id) == []
        AlertBook(inventory).advance(alert_id, "accepted", "王经理")
        world["clock"].advance(60)
        wiring.collector.tick()  # the retries succeed now
        steps = inventory.alert_steps(alert_id)
    assert [s.to_status for s in steps] == ["accepted"] and world["sms"].requests

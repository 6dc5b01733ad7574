"""Dispatch end to end: the example WATCH.toml, an estate's contacts, every channel on loopback servers."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest

from onemap.model import Contact
from onemap.watch.dispatch import Dispatcher, alert_message, make_channels, parse_dispatch
from onemap.watch.dispatch.clock import ManualClock
from onemap.watch.dispatch.keys import store_secret
from onemap.watch.dispatch.retry import Backoff
from tests.core.test_watch_dispatch_mail import Inbox, free_port
from tests.core.watch_dispatch_servers import (
    ACCESS_KEY_SECRET,
    DING_SECRET,
    DING_TOKEN,
    WECOM_KEY,
    MemoryKeyring,
    aliyun_server,
    robot_server,
)

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")
DATA = Path(__file__).parent / "data" / "watch_dispatch"
CONTACTS = [
    Contact("610725-0001", "property_manager", "王经理", phone="13912345678"),
    Contact("610725-0001", "grid_worker", "李网格", phone="13800001111"),
    Contact("610725-0001", "community_secretary", "赵书记", phone="13600002222"),
    Contact("610725-0001", "leader", "张副县长", phone="13500003333"),
]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def world(clock: ManualClock) -> Iterator[dict[str, Any]]:
    """Loopback SMS gateway, two robots and an SMTP server; secrets in an in-memory OS keyring."""
    before = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    for channel, what, value in [
        ("sms", "access_key_secret", ACCESS_KEY_SECRET), ("estates", "key", WECOM_KEY),
        ("ding", "access_token", DING_TOKEN), ("ding", "secret", DING_SECRET),
    ]:  # fmt: skip
        store_secret(channel, what, value)
    inbox, port = Inbox(), free_port()
    smtp = aiosmtpd_controller.Controller(inbox, hostname="127.0.0.1", port=port)
    smtp.start()
    with aliyun_server(clock) as sms, robot_server("wecom", clock) as wecom, robot_server("dingtalk", clock) as ding:
        text = (DATA / "WATCH.toml").read_text("utf-8")
        text = text.replace("https://dysmsapi.aliyuncs.com/", sms.url + "/")
        text = text.replace('kind = "wecom"', f'kind = "wecom"\nendpoint = "{wecom.url}/cgi-bin/webhook/send"')
        text = text.replace('kind = "dingtalk"', f'kind = "dingtalk"\nendpoint = "{ding.url}/robot/send"')
        text = text.replace('host = "smtp.mianxian.example.cn"\nport = 587', f'host = "127.0.0.1"\nport = {port}')
        config = parse_dispatch(text)
        backoff = Backoff(base_s=10, cap_s=120, rng=random.Random(7))
        dispatcher = Dispatcher(config, make_channels(config, clock), clock, backoff)
        yield {"dispatcher": dispatcher, "sms": sms, "wecom": wecom, "ding": ding, "inbox": inbox}
    smtp.stop()
    keyring.set_keyring(before)


def alert(kind: str, n: int = 1, level: int = 3) -> Any:
    return alert_message(f"A-{n}", "610725-0001", "桂园小区", kind, level, "2026-01-01 08:00", "3号楼东侧")


def test_a_gas_leak_tells_all_four_roles_at_once_on_every_channel(world) -> None:  # type: ignore[no-untyped-def]
    records = world["dispatcher"].alert(alert("gas_leak"), CONTACTS)
    assert {r.channel: r.status for r in records} == {"sms": "sent", "estates": "sent", "ding": "sent", "mail": "sent"}
    assert [s.problems for s in (world["sms"], world["wecom"], world["ding"])] == [[], [], []]
    phones = world["sms"].requests[0]["PhoneNumbers"].split(",")
    assert phones == ["13912345678", "13600002222", "13700000001", "13500003333"]  # 物业, 书记, 燃气公司, 包抓领导
    assert world["wecom"].requests[0]["text"]["mentioned_mobile_list"] == ["13912345678"]
    assert world["ding"].requests[0]["at"]["atMobiles"] == ["13500003333"]
    assert world["inbox"].envelopes[0].rcpt_tos == ["duty@ranqi.example.cn", "duty@mianxian.example.cn"]


def test_records_hold_masked_recipients_and_never_a_whole_phone(world) -> None:  # type: ignore[no-untyped-def]
    world["dispatcher"].alert(alert("gas_leak"), CONTACTS)
    records = world["dispatcher"].records
    sms = next(r for r in records if r.channel == "sms")
    assert sms.recipients == "139****5678, 136****2222, 137****0001, 135****3333"
    assert sms.attempt == 1 and sms.time == "2026-01-01T00:00:00Z" and sms.provider_id.startswith("9000")
    dumped = json.dumps([r.__dict__ for r in records], ensure_ascii=False)
    assert not re.search(r"1\d{10}", dumped) and "d***@ranqi.example.cn" in dumped


def test_an_intrusion_escalates_to_the_secretary_after_five_minutes_and_stops_when_accepted(world, clock) -> None:  # type: ignore[no-untyped-def]
    dispatcher = world["dispatcher"]
    dispatcher.alert(alert("intrusion", level=2), CONTACTS)
    clock.advance(299)
    assert dispatcher.tick() == []
    clock.advance(1)
    told = dispatcher.tick()
    assert [(r.channel, r.recipients) for r in told] == [("sms", "136****2222")]
    assert dispatcher.accept("A-1")
    clock.advance(3600)
    assert dispatcher.tick() == []
    sms_batches = [r["PhoneNumbers"] for r in world["sms"].requests]
    assert sms_batches == ["13912345678,13800001111", "13600002222"]  # the leader was never told


def test_a_throttled_sms_is_retried_with_backoff_under_the_same_outid(world, clock) -> None:  # type: ignore[no-untyped-def]
    dispatcher, sms = world["dispatcher"], world["sms"]
    sms.script = ["limit", "limit"]
    first = dispatcher.alert(alert("illegal_parking"), CONTACTS)
    assert [(r.channel, r.status, r.attempt) for r in first if r.channel == "sms"] == [("sms", "failed", 1)]
    clock.advance(4.9)  # the first retry waits 5–10 s
    assert [r for r in dispatcher.tick() if r.channel == "sms"] == []
    statuses = []
    for _ in range(60):
        clock.advance(1)
        statuses += [(r.status, r.attempt) for r in dispatcher.tick() if r.channel == "sms"]
    assert statuses == [("failed", 2), ("sent", 3)]
    assert len({r["OutId"] for r in sms.requests}) == 1 and len(sms.requests) == 3


def test_an_sms_whose_answer_was_lost_is_not_sent_again(world, clock) -> None:  # type: ignore[no-untyped-def]
    dispatcher, sms = world["dispatcher"], world["sms"]
    sms.script = ["drop"]
    records = dispatcher.alert(alert("illegal_parking"), CONTACTS)
    assert [r.status for r in records if r.channel == "sms"] == ["ambiguous"]
    for _ in range(70):
        clock.advance(10)
        dispatcher.tick()
    assert len(sms.requests) == 2  # the alert's second step (grid worker) at ten minutes, nothing resent
    assert sms.requests[1]["PhoneNumbers"] == "13800001111"


def test_a_burst_of_alerts_reaches_the_wecom_group_merged(world, clock) -> None:  # type: ignore[no-untyped-def]
    dispatcher, wecom = world["dispatcher"], world["wecom"]
    for n in range(30):
        dispatcher.alert(alert("smoke_fire", n), CONTACTS)
    for _ in range(120):
        clock.advance(1)
        dispatcher.tick()
    delivered = json.dumps(wecom.requests, ensure_ascii=False)
    codes = {r.alert_ids[0]: r for r in dispatcher.records if r.channel == "estates" and r.status == "sent"}
    assert wecom.problems == [] and wecom.__dict__.get("rate_limited", 0) == 0
    assert delivered.count("烟雾明火") == 30 and len(wecom.requests) <= 8 and len(codes) <= 8


def test_an_alert_no_rule_covers_tells_nobody(world) -> None:  # type: ignore[no-untyped-def]
    assert world["dispatcher"].alert(alert("device_offline", level=1), CONTACTS) == []
    assert world["sms"].requests == []


def test_an_alert_stops_waiting_once_accepted_or_its_last_step_is_told(world, clock) -> None:  # type: ignore[no-untyped-def]
    dispatcher = world["dispatcher"]
    dispatcher.alert(alert("intrusion", 1, level=2), CONTACTS)
    dispatcher.alert(alert("intrusion", 2, level=2), CONTACTS)
    dispatcher.alert(alert("gas_leak", 3), CONTACTS)  # one step only: told at once, nothing to wait for
    assert dispatcher.waiting() == ["A-1", "A-2"]
    dispatcher.accept("A-1")
    assert dispatcher.waiting() == ["A-2"]
    clock.advance(10 * 60)
    assert [r.recipients for r in dispatcher.tick() if r.channel == "sms"] == ["136****2222", "135****3333"]
    assert dispatcher.waiting() == []


def test_the_dispatchers_memory_of_sends_keeps_only_the_latest_ones() -> None:
    from onemap.watch.dispatch.dispatcher import RECENT_SENDS

    config = parse_dispatch(
        '[dispatch]\ndefault_channels = ["sms"]\n[[dispatch.rules]]\ntype = "intrusion"\n'
        'steps = [["property_manager"]]\n[dispatch.channels.sms]\nkind = "aliyun_sms"\n'
        'endpoint = "http://127.0.0.1:9/"\naccess_key_id = "LTAI5tTestKeyId00"\n'
        'sign_name = "勉县一张图"\ntemplate_code = "SMS_465912345"\n'
    )
    dispatcher = Dispatcher(config, {}, ManualClock())  # no channel set up: each send settles at once as failed
    for n in range(RECENT_SENDS + 50):
        message = alert_message(str(n), "610725-0001", "桂园小区", "intrusion", 3, "12-06 09:30", "勉阳街道")
        dispatcher.alert(message, CONTACTS)
    assert len(dispatcher.records) == RECENT_SENDS
    assert [r.alert_ids for r in (dispatcher.records[0], dispatcher.records[-1])] == [
        ("50",),
        (str(RECENT_SENDS + 49),),
    ]

"""WeCom and DingTalk group robots on loopback: JSON shapes, DingTalk's signature, 20 a minute, merging."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator

import keyring
import pytest

from onemap.watch.dispatch.channels import DingTalkRobot, Outgoing, WeComRobot
from onemap.watch.dispatch.channels.dingtalk import dingtalk_sign
from onemap.watch.dispatch.clock import ManualClock
from onemap.watch.dispatch.keys import store_secret
from onemap.watch.dispatch.message import AlertMessage, alert_message
from onemap.watch.dispatch.rules import ChannelSpec
from tests.core.watch_dispatch_servers import DING_SECRET, DING_TOKEN, WECOM_KEY, MemoryKeyring, robot_server


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def secrets() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    store_secret("wecom", "key", WECOM_KEY)
    store_secret("ding", "access_token", DING_TOKEN)
    store_secret("ding", "secret", DING_SECRET)
    yield backend
    keyring.set_keyring(before)


def wecom(url: str, clock: ManualClock, fmt: str = "text") -> WeComRobot:
    options = {"kind": "wecom", "endpoint": url + "/cgi-bin/webhook/send", "format": fmt}
    return WeComRobot(ChannelSpec("wecom", "wecom", options), clock)


def ding(url: str, clock: ManualClock, fmt: str = "markdown") -> DingTalkRobot:
    options = {"kind": "dingtalk", "endpoint": url + "/robot/send", "format": fmt}
    return DingTalkRobot(ChannelSpec("ding", "dingtalk", options), clock)


def alert(n: int, kind: str = "intrusion") -> AlertMessage:
    return alert_message(f"A-{n}", f"610725-{n:04d}", f"桂园{n}号小区", kind, 2, "2026-01-01 08:00", f"{n}号楼")


def test_dingtalks_sign_is_the_documented_hmac_sha256_of_timestamp_and_secret() -> None:
    # DingTalk's example inputs (timestamp 1577262236757, secret "this is secret"); the expected value is
    # the one another, independent DingTalk client asserts in its own tests for the same inputs
    assert dingtalk_sign(1577262236757, "this is secret") == "hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D"


def test_a_wecom_text_message_mentions_the_mobiles(secrets, clock) -> None:  # type: ignore[no-untyped-def]
    with robot_server("wecom", clock) as server:
        result = wecom(server.url, clock).send(Outgoing((alert(1),), ("13912345678", "0916-3212345"), key="k1"))
    assert server.problems == [] and result.status == "sent"
    body = server.requests[0]
    assert body["msgtype"] == "text" and body["text"]["mentioned_mobile_list"] == ["13912345678"]
    assert "区域入侵" in body["text"]["content"] and "桂园1号小区" in body["text"]["content"]


def test_a_wecom_markdown_message_has_only_content(secrets, clock) -> None:  # type: ignore[no-untyped-def]
    with robot_server("wecom", clock) as server:
        assert wecom(server.url, clock, "markdown").send(Outgoing((alert(1),), ("13912345678",), key="k1")).ok
    assert server.problems == [] and set(server.requests[0]["markdown"]) == {"content"}


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_a_signed_dingtalk_message_passes_the_robots_checks(secrets, clock, fmt) -> None:  # type: ignore[no-untyped-def]
    with robot_server("dingtalk", clock) as server:
        result = ding(server.url, clock, fmt).send(Outgoing((alert(1),), ("13912345678",), key="k1"))
    assert server.problems == [] and result.status == "sent"
    body = server.requests[0]
    assert body["at"] == {"atMobiles": ["13912345678"], "isAtAll": False}
    assert "@13912345678" in json.dumps(body, ensure_ascii=False)


def test_a_wrong_signing_secret_is_refused_by_the_dingtalk_server(secrets, clock) -> None:  # type: ignore[no-untyped-def]
    store_secret("ding", "secret", "SECwrong")
    with robot_server("dingtalk", clock) as server:
        result = ding(server.url, clock).send(Outgoing((alert(1),), (), key="k1"))
    assert result.status == "failed" and result.code == "310000" and not result.retryable
    assert server.problems == ["sign does not match"]


def test_the_robot_server_really_blocks_the_21st_message_in_a_minute(clock) -> None:  # type: ignore[no-untyped-def]
    with robot_server("wecom", clock) as server:
        body = json.dumps({"msgtype": "text", "text": {"content": "x"}}).encode()
        answers = []
        for _ in range(21):
            request = urllib.request.Request(
                f"{server.url}/cgi-bin/webhook/send?key={WECOM_KEY}", body, {"Content-Type": "application/json"}
            )
            with urllib.request.urlopen(request, timeout=5) as answer:
                answers.append(json.loads(answer.read())["errcode"])
    assert answers == [0] * 20 + [45009]


@pytest.mark.parametrize("flavour", ["wecom", "dingtalk"])
def test_a_burst_of_60_alerts_is_merged_and_never_exceeds_20_a_minute(secrets, clock, flavour) -> None:  # type: ignore[no-untyped-def]
    with robot_server(flavour, clock) as server:
        robot = wecom(server.url, clock) if flavour == "wecom" else ding(server.url, clock)
        immediate = [robot.send(Outgoing((alert(n),), ("13912345678",), key=f"k{n}")) for n in range(60)]
        flushed = []
        for _ in range(300):  # five minutes, one tick a second
            clock.advance(1)
            flushed += robot.flush()
    assert server.problems == [] and server.__dict__.get("rate_limited", 0) == 0
    assert [r.status for r in immediate].count("sent") == 4 and [r.status for r in immediate].count("queued") == 56
    assert all(result.ok for _, result in flushed) and robot.pending == []
    delivered = json.dumps(server.requests, ensure_ascii=False)
    assert all(f"桂园{n}号小区" in delivered for n in range(60))
    assert len(server.requests) < 10  # 60 alerts arrived as a handful of messages
    times = server.__dict__["accepted_at"]
    assert max(sum(1 for t in times if start <= t < start + 60) for start in times) <= 19


def test_after_dingtalk_says_too_fast_the_robot_keeps_quiet_for_ten_minutes(secrets, clock) -> None:  # type: ignore[no-untyped-def]
    with robot_server("dingtalk", clock) as server:
        server.__dict__["blocked_until"] = clock() + 600  # another program used up this robot's minute
        robot = ding(server.url, clock)
        first = robot.send(Outgoing((alert(1),), (), key="k1"))
        assert first.status == "failed" and first.retryable and first.code == "410100"
        assert robot.send(Outgoing((alert(2),), (), key="k2")).status == "queued"
        clock.advance(599)
        assert robot.flush() == []
        clock.advance(2)
        flushed = robot.flush()
    assert [result.status for _, result in flushed] == ["sent"] and server.__dict__["rate_limited"] == 1


def test_a_busy_robot_answer_is_retryable(secrets, clock) -> None:  # type: ignore[no-untyped-def]
    with robot_server("wecom", clock) as server:
        server.script = ["busy"]
        result = wecom(server.url, clock).send(Outgoing((alert(1),), (), key="k1"))
    assert result.status == "failed" and result.retryable and result.code == "-1"


def test_without_the_robot_key_in_the_keyring_nothing_is_sent(clock) -> None:  # type: ignore[no-untyped-def]
    with robot_server("wecom", clock) as server:
        result = wecom(server.url, clock).send(Outgoing((alert(1),), (), key="k1"))
    assert result.code == "no_secret" and server.requests == [] and server.problems == []


def test_a_robot_refuses_a_message_holding_a_credential(secrets, clock) -> None:  # type: ignore[no-untyped-def]
    raw = AlertMessage(
        "A-9", "610725-0001", "桂园小区", "intrusion", 2, "08:00", "rtsp://admin:Qx7mima9@10.0.0.8/", "X"
    )
    with robot_server("dingtalk", clock) as server:
        result = ding(server.url, clock).send(Outgoing((raw,), (), key="k9"))
    assert result.status == "refused" and server.requests == [] and server.problems == []


def test_a_robot_refuses_a_message_quoting_its_own_key(secrets, clock) -> None:  # type: ignore[no-untyped-def]
    leaked = alert_message("A-7", "610725-0007", "桂园小区", "intrusion", 2, "08:00", f"门口 {WECOM_KEY}")
    with robot_server("wecom", clock) as server:
        result = wecom(server.url, clock).send(Outgoing((leaked,), (), key="k7"))
    assert result.status == "refused" and result.code == "secret" and server.requests == []

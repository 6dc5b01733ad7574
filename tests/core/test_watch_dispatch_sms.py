"""SMS through an Aliyun-shaped SendSms endpoint on loopback: every byte, the signature, de-duplication."""

from __future__ import annotations

import json
from collections.abc import Iterator

import keyring
import pytest

from onemap.watch.dispatch.channels import AliyunSms, Outgoing
from onemap.watch.dispatch.channels.aliyun_sign import signature
from onemap.watch.dispatch.clock import ManualClock
from onemap.watch.dispatch.keys import store_secret
from onemap.watch.dispatch.message import AlertMessage, alert_message
from onemap.watch.dispatch.rules import ChannelSpec
from tests.core.watch_dispatch_servers import ACCESS_KEY_ID, ACCESS_KEY_SECRET, MemoryKeyring, aliyun_server

PHONES = ("13912345678", "13800001111")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def gateway(clock: ManualClock) -> Iterator[object]:
    with aliyun_server(clock) as server:
        yield server


def sms(url: str, clock: ManualClock) -> AliyunSms:
    options = {"kind": "aliyun_sms", "endpoint": url + "/", "access_key_id": ACCESS_KEY_ID}
    options |= {"sign_name": "勉县一张图", "template_code": "SMS_465912345"}
    return AliyunSms(ChannelSpec("sms", "aliyun_sms", options), clock)


def fire(alert_id: str = "A-1", place: str = "勉阳街道 桂园小区 3号楼东侧 消防通道") -> AlertMessage:
    return alert_message(alert_id, "610725-0001", "桂园小区", "smoke_fire", 3, "2026-01-01 08:00", place)


def test_the_signature_reproduces_aliyuns_documented_sendsms_example() -> None:
    params = {
        "AccessKeyId": "testId", "Action": "SendSms", "Format": "XML", "OutId": "123",
        "PhoneNumbers": "15300000001", "RegionId": "cn-hangzhou", "SignName": "阿里云短信测试专用",
        "SignatureMethod": "HMAC-SHA1", "SignatureNonce": "45e25e9b-0a6f-4070-8c85-2956eda1b466",
        "SignatureVersion": "1.0", "TemplateCode": "SMS_71390007", "TemplateParam": '{"customer":"test"}',
        "Timestamp": "2017-07-12T02:42:19Z", "Version": "2017-05-25",
    }  # fmt: skip
    assert signature("GET", params, "testSecret") == "zJDF+Lrzhj/ThnlvIToysFRq6t4="


def test_a_sendsms_request_matches_the_documented_format_byte_for_byte(memory_keyring, gateway, clock) -> None:  # type: ignore[no-untyped-def]
    store_secret("sms", "access_key_secret", ACCESS_KEY_SECRET)
    result = sms(gateway.url, clock).send(Outgoing((fire(),), PHONES, key="OUT-1"))
    assert gateway.problems == []
    assert result.ok and result.status == "sent" and result.provider_id == "9000000001^0"
    sent = gateway.requests[0]
    assert sent["PhoneNumbers"] == "13912345678,13800001111" and sent["OutId"] == "OUT-1"
    assert sent["Timestamp"] == "2026-01-01T00:00:00Z" and sent["SignName"] == "勉县一张图"
    params = json.loads(sent["TemplateParam"])
    assert params["estate"] == "桂园小区" and params["type"] == "烟雾明火" and len(params["code"]) == 6


def test_the_gateway_refuses_a_request_signed_with_the_wrong_secret(memory_keyring, gateway, clock) -> None:  # type: ignore[no-untyped-def]
    store_secret("sms", "access_key_secret", "not-the-secret")
    result = sms(gateway.url, clock).send(Outgoing((fire(),), PHONES, key="OUT-2"))
    assert result.status == "failed" and result.code == "SignatureDoesNotMatch" and not result.retryable
    assert gateway.problems == ["Signature does not match"]


def test_flow_control_is_retryable_and_the_retry_with_the_same_outid_is_sent(memory_keyring, gateway, clock) -> None:  # type: ignore[no-untyped-def]
    store_secret("sms", "access_key_secret", ACCESS_KEY_SECRET)
    gateway.script = ["limit"]
    channel = sms(gateway.url, clock)
    first = channel.send(Outgoing((fire(),), PHONES, key="OUT-3"))
    assert first.status == "failed" and first.retryable and first.code == "isv.BUSINESS_LIMIT_CONTROL"
    clock.advance(5)
    second = channel.send(Outgoing((fire(),), PHONES, key="OUT-3"))
    assert second.status == "sent"
    assert [r["OutId"] for r in gateway.requests] == ["OUT-3", "OUT-3"]
    assert gateway.requests[0]["SignatureNonce"] != gateway.requests[1]["SignatureNonce"]


def test_after_an_ambiguous_send_the_same_outid_is_never_sent_again(memory_keyring, gateway, clock) -> None:  # type: ignore[no-untyped-def]
    store_secret("sms", "access_key_secret", ACCESS_KEY_SECRET)
    gateway.script = ["drop"]
    channel = sms(gateway.url, clock)
    first = channel.send(Outgoing((fire(),), PHONES, key="OUT-4"))
    assert first.status == "ambiguous" and not first.retryable
    again = channel.send(Outgoing((fire(),), PHONES, key="OUT-4"))
    assert again.status == "deduplicated" and again.detail == "ambiguous"
    assert len(gateway.requests) == 1


def test_a_system_error_counts_as_maybe_sent_and_is_not_resent(memory_keyring, gateway, clock) -> None:  # type: ignore[no-untyped-def]
    store_secret("sms", "access_key_secret", ACCESS_KEY_SECRET)
    gateway.script = ["system_error"]
    channel = sms(gateway.url, clock)
    assert channel.send(Outgoing((fire(),), PHONES, key="OUT-5")).status == "ambiguous"
    assert channel.send(Outgoing((fire(),), PHONES, key="OUT-5")).status == "deduplicated"
    assert len(gateway.requests) == 1


def test_a_delivered_outid_is_deduplicated_without_a_request(memory_keyring, gateway, clock) -> None:  # type: ignore[no-untyped-def]
    store_secret("sms", "access_key_secret", ACCESS_KEY_SECRET)
    channel = sms(gateway.url, clock)
    assert channel.send(Outgoing((fire(),), PHONES, key="OUT-6")).status == "sent"
    again = channel.send(Outgoing((fire(),), PHONES, key="OUT-6"))
    assert again.ok and again.status == "deduplicated" and again.provider_id == "9000000001^0"
    assert len(gateway.requests) == 1


def test_a_gateway_that_is_down_is_retryable_because_nothing_left(memory_keyring, clock) -> None:  # type: ignore[no-untyped-def]
    store_secret("sms", "access_key_secret", ACCESS_KEY_SECRET)
    with aliyun_server(clock) as closed:
        url = closed.url
    result = sms(url, clock).send(Outgoing((fire(),), PHONES, key="OUT-7"))
    assert result.status == "failed" and result.retryable


def test_without_a_keyring_secret_nothing_is_sent(gateway, clock) -> None:  # type: ignore[no-untyped-def]
    result = sms(gateway.url, clock).send(Outgoing((fire(),), PHONES, key="OUT-8"))
    assert result.status == "failed" and result.code == "no_secret" and gateway.requests == []


def test_a_camera_login_in_the_place_is_stripped_before_it_is_sent(memory_keyring, gateway, clock) -> None:  # type: ignore[no-untyped-def]
    store_secret("sms", "access_key_secret", ACCESS_KEY_SECRET)
    message = fire(place="3号楼 rtsp://admin:Qx7mima9@10.0.0.8/ch1")
    assert sms(gateway.url, clock).send(Outgoing((message,), PHONES, key="OUT-9")).ok
    assert "Qx7mima9" not in json.dumps(gateway.requests, ensure_ascii=False)


def test_a_message_holding_a_credential_is_refused_before_any_request(memory_keyring, gateway, clock) -> None:  # type: ignore[no-untyped-def]
    store_secret("sms", "access_key_secret", ACCESS_KEY_SECRET)
    raw = AlertMessage("A-9", "610725-0001", "桂园小区", "intrusion", 2, "08:00", "密码：Qx7mima9", "ABCDEF")
    result = sms(gateway.url, clock).send(Outgoing((raw,), PHONES, key="OUT-10"))
    assert result.status == "refused" and result.code == "secret" and gateway.requests == []


def test_more_than_1000_phones_are_refused_not_truncated(memory_keyring, gateway, clock) -> None:  # type: ignore[no-untyped-def]
    store_secret("sms", "access_key_secret", ACCESS_KEY_SECRET)
    phones = tuple(f"139{i:08d}" for i in range(1001))
    assert sms(gateway.url, clock).send(Outgoing((fire(),), phones, key="OUT-11")).status == "refused"
    assert sms(gateway.url, clock).send(Outgoing((fire(),), phones[:1000], key="OUT-12")).ok
    assert gateway.problems == [] and len(gateway.requests[0]["PhoneNumbers"].split(",")) == 1000


def test_a_message_quoting_the_access_key_secret_is_refused(memory_keyring, gateway, clock) -> None:  # type: ignore[no-untyped-def]
    store_secret("sms", "access_key_secret", ACCESS_KEY_SECRET)
    leaked = fire(place=f"3号楼 备注 {ACCESS_KEY_SECRET}")  # no label, so only the known value gives it away
    result = sms(gateway.url, clock).send(Outgoing((leaked,), PHONES, key="OUT-13"))
    assert result.status == "refused" and gateway.requests == [] and gateway.problems == []

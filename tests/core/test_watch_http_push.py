"""The HTTP push listener on a real loopback socket: every format in, bad requests out, still running."""

from __future__ import annotations

import http.client
import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from onemap.watch import AlertType, Event, State
from onemap.watch.http_push import PushConfig, PushListener
from onemap.watch.sources import onenet

DATA = Path(__file__).parent / "data" / "watch"
TOKEN = "onemap-test-token"
SECRET = "s3cret-Shared-Key"


class Inbox:
    """What the listener delivered, with a wait for the asynchronous CTWing path."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.arrived = threading.Condition()

    def __call__(self, events: list[Event]) -> None:
        with self.arrived:
            self.events += events
            self.arrived.notify_all()

    def wait_for(self, count: int) -> list[Event]:
        with self.arrived:
            assert self.arrived.wait_for(lambda: len(self.events) >= count, timeout=5), self.events
        return self.events


@pytest.fixture
def served() -> Iterator[tuple[PushListener, Inbox, int]]:
    inbox = Inbox()
    listener = PushListener(PushConfig(port=0, onenet_token=TOKEN, max_body=200_000, max_json=20_000), inbox)
    _, port = listener.start()
    yield listener, inbox, port
    listener.stop()


def post(
    port: int, path: str, body: bytes, content_type: str, headers: dict[str, str] | None = None
) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("POST", path, body, {"Content-Type": content_type, **(headers or {})})
    response = connection.getresponse()
    answer = response.status, response.read()
    connection.close()
    return answer


def get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    answer = response.status, response.read()
    connection.close()
    return answer


def read(name: str) -> bytes:
    return (DATA / name).read_bytes()


def test_every_format_posted_to_any_path_is_recognised_and_delivered(served: tuple[PushListener, Inbox, int]) -> None:
    listener, inbox, port = served
    form = "multipart/form-data; boundary=MIME_boundary"
    sent = [
        ("/ISAPI/alarm", read("hikvision_push_multipart.bin"), form),
        ("/", read("hikvision_parking_isapi_org.xml"), "application/xml"),
        ("/ctwing/gas", read("ctwing_datareport_gas_alarm.json"), "application/json"),
        ("/any/where?x=1", read("onenet_push_datapoint.json"), "application/json"),
        ("/frigate", read("frigate_event_new.json"), "application/json"),
        ("/tuya", read("tuya_dps_alarm.json"), "application/json"),
        ("/onemap", read("onemap_event.json"), "application/json; charset=utf-8"),
    ]
    for path, body, content_type in sent:
        status, _ = post(port, path, body, content_type)
        assert status == 200, path
    events = inbox.wait_for(7)
    assert sorted(e.source for e in events) == sorted(
        ["hikvision", "hikvision", "ctwing", "onenet", "frigate", "tuya", "onemap"]
    )
    picture = next(e for e in events if e.pictures)
    assert picture.pictures[0] == read("snapshot.jpg") and picture.type is AlertType.INTRUSION
    assert listener.accepted == 7 and sum(listener.rejections.values()) == 0


def test_ctwing_is_answered_before_its_body_is_processed(served: tuple[PushListener, Inbox, int]) -> None:
    listener, inbox, port = served
    gate = threading.Event()
    listener.on_events = lambda events: (gate.wait(5), inbox(events))  # a slow downstream
    started = time.perf_counter()
    status, body = post(port, "/", read("ctwing_datareport_gas_alarm.json"), "application/json")
    answered_in = time.perf_counter() - started
    assert status == 200 and json.loads(body) == {"code": 0}
    assert answered_in < 2 and inbox.events == []  # answered while delivery still waits
    gate.set()
    [event] = inbox.wait_for(1)
    assert event.type is AlertType.GAS_LEAK and event.state is State.ACTIVE


def test_onenet_url_verification_echoes_msg_with_plus_in_the_signature(served: tuple[PushListener, Inbox, int]) -> None:
    _, _, port = served
    nonce = next(n for n in (f"n{i}" for i in range(1000)) if "+" in onenet.signature(TOKEN, n, "hello123"))
    signature = onenet.signature(TOKEN, nonce, "hello123")
    for encoded in (quote(signature, safe=""), signature):  # percent-encoded, or with a raw "+"
        status, body = get(port, f"/onenet?msg=hello123&nonce={nonce}&signature={encoded}")
        assert (status, body) == (200, b"hello123")
    status, _ = get(port, f"/onenet?msg=hello123&nonce={nonce}&signature=AAAA")
    assert status == 401


def test_bad_requests_get_the_right_status_are_counted_and_the_listener_keeps_running(
    served: tuple[PushListener, Inbox, int],
) -> None:
    listener, inbox, port = served
    bomb = b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xxxxxxxxxx"><!ENTITY y "&x;&x;&x;&x;&x;">]><a>&y;</a>'
    forged = read("onenet_push_datapoint.json").replace(b'"value":1', b'"value":0')
    checks = [
        (read("hikvision_fielddetection_ver20.xml")[:300], "application/xml", 400),
        (bomb, "application/xml", 400),
        (b'{"hello": "world"}', "application/json", 415),
        (b"not json at all", "text/plain", 415),
        (b'{"device":"x","type":"flood","time":"2026-12-06T16:00:00","level":1}', "application/json", 400),
        (forged, "application/json", 401),
        (b'{"msg":{"type":1},"nonce":"abc"}', "application/json", 401),
        (b"x" * 30_000, "application/json", 413),
        (read("hikvision_push_multipart.bin"), "multipart/form-data", 400),
    ]
    for body, content_type, expected in checks:
        status, answer = post(port, "/push", body, content_type)
        assert status == expected, (body[:40], answer)
        assert json.loads(answer)["message_en"]
    status, _ = post(port, "/", read("onenet_push_datapoint.json"), "application/json")
    replay, _ = post(port, "/", read("onenet_push_datapoint.json"), "application/json")
    assert (status, replay) == (200, 409)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("PUT", "/", b"{}")
    assert connection.getresponse().status == 405
    connection.close()
    assert listener.counts()["rejected"] == {
        "malformed_xml": 1,
        "xml_entities": 1,
        "unknown_format": 2,
        "missing_field": 1,
        "bad_signature": 1,
        "unsigned": 1,
        "oversized": 1,
        "malformed_multipart": 1,
        "replayed": 1,
        "bad_method": 1,
    }
    status, _ = post(port, "/", read("frigate_event_new.json"), "application/json")
    assert status == 200 and inbox.wait_for(2)[-1].source == "frigate"  # still running


def test_an_oversized_body_is_refused_from_its_length_without_being_read(
    served: tuple[PushListener, Inbox, int],
) -> None:
    listener, _, port = served
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        raw.sendall(
            b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
            b"Content-Length: 900000000\r\n\r\n--b\r\n"
        )
        answer = raw.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413") and listener.rejections["oversized"] == 1


def test_a_failing_callback_is_logged_and_the_next_push_still_arrives(served: tuple[PushListener, Inbox, int]) -> None:
    listener, inbox, port = served

    called = threading.Event()

    def broken(events: list[Event]) -> None:
        called.set()
        raise RuntimeError("downstream is down")

    listener.on_events = broken
    assert post(port, "/", read("onemap_event.json"), "application/json")[0] == 200
    assert called.wait(5)  # delivery may follow the answer: switch callbacks only once it failed
    listener.on_events = inbox
    assert post(port, "/", read("onemap_event.json"), "application/json")[0] == 200
    assert len(inbox.wait_for(1)) == 1


def test_with_a_secret_only_the_token_in_a_header_or_the_query_gets_in(caplog: pytest.LogCaptureFixture) -> None:
    inbox = Inbox()
    listener = PushListener(PushConfig(port=0, secret=SECRET), inbox)
    _, port = listener.start()
    try:
        with caplog.at_level(logging.INFO, logger="onemap.watch"):
            body = read("onemap_event.json")
            assert post(port, "/", body, "application/json")[0] == 403
            assert post(port, f"/?token={SECRET}x", body, "application/json")[0] == 403
            assert post(port, "/", body, "application/json", {"X-OneMap-Token": SECRET})[0] == 200
            assert post(port, f"/ctwing?token={quote(SECRET)}", body, "application/json")[0] == 200
        assert len(inbox.wait_for(2)) == 2 and listener.rejections["forbidden"] == 2
        logged = "\n".join(record.getMessage() for record in caplog.records)
        assert "forbidden" in logged and SECRET not in logged and "token=" not in logged
    finally:
        listener.stop()


def test_an_allow_list_admits_its_networks_only() -> None:
    elsewhere = PushListener(PushConfig(port=0, allow=("10.61.0.0/16",)), Inbox())
    _, port = elsewhere.start()
    try:
        assert post(port, "/", read("onemap_event.json"), "application/json")[0] == 403
    finally:
        elsewhere.stop()
    here = PushListener(PushConfig(port=0, allow=("127.0.0.0/8",)), Inbox())
    _, port = here.start()
    try:
        assert post(port, "/", read("onemap_event.json"), "application/json")[0] == 200
    finally:
        here.stop()


def test_listening_beyond_loopback_without_a_secret_or_allow_list_is_refused() -> None:
    with pytest.raises(ValueError) as refused:
        PushListener(PushConfig(host="0.0.0.0", port=0), Inbox())
    said = refused.value.args[0]
    assert "共享口令" in said and "shared secret" in said.en


def test_a_parser_bug_costs_one_push_a_500_and_a_count_not_the_listener(
    served: tuple[PushListener, Inbox, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    listener, inbox, port = served
    from onemap.watch.sources import tuya

    def crash(body: bytes, device: str = "", received: object = None) -> list[Event]:
        raise KeyError("a bug")

    monkeypatch.setattr(tuya, "parse", crash)  # the parser is not under test here: the listener is
    status, answer = post(port, "/", read("tuya_dps_alarm.json"), "application/json")
    assert status == 500 and json.loads(answer)["error"] == "internal_error"
    monkeypatch.undo()
    assert post(port, "/", read("tuya_dps_alarm.json"), "application/json")[0] == 200
    assert listener.rejections["internal_error"] == 1 and len(inbox.wait_for(1)) == 1

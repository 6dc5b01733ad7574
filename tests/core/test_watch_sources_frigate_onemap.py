"""Frigate's MQTT events and reviews, and OneMap's own JSON both ways."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from onemap.watch import SHANGHAI, AlertType, DeviceKey, Event, Rejection, State
from onemap.watch.sources import frigate, onemap_json

DATA = Path(__file__).parent / "data" / "watch"


def read(name: str) -> bytes:
    return (DATA / name).read_bytes()


def test_a_new_frigate_person_is_an_intrusion_on_the_named_camera() -> None:
    [event] = frigate.parse_event(read("frigate_event_new.json"))  # type: ignore[misc]
    assert (event.type, event.level, event.state) == (AlertType.INTRUSION, 2, State.ACTIVE)
    assert event.device == DeviceKey("name", "gate_east") and event.detail == "night_yard"
    assert event.time == datetime.fromtimestamp(1796545265.475377, SHANGHAI)
    assert event.extra["score"] == pytest.approx(0.959, abs=1e-3)


def test_a_frigate_end_clears_at_its_end_time_and_an_update_adds_nothing() -> None:
    [event] = frigate.parse_event(read("frigate_event_end.json"))  # type: ignore[misc]
    assert event.state is State.CLEARED and event.time == datetime.fromtimestamp(1796545301.2, SHANGHAI)
    update = json.loads(read("frigate_event_new.json"))
    update["type"] = "update"
    assert frigate.parse_event(json.dumps(update).encode()) == []


def test_a_frigate_false_positive_raises_nothing() -> None:
    body = json.loads(read("frigate_event_new.json"))
    body["after"]["false_positive"] = True
    assert frigate.parse_event(json.dumps(body).encode()) == []


def test_a_frigate_review_takes_the_worst_object_and_a_detection_is_one_level_milder() -> None:
    [alert] = frigate.parse_review(read("frigate_review_new.json"))  # type: ignore[misc]
    assert (alert.type, alert.level, alert.code) == (AlertType.INTRUSION, 2, "person")
    body = json.loads(read("frigate_review_new.json"))
    body["after"]["severity"] = "detection"
    body["after"]["data"]["objects"] = ["car"]
    [milder] = frigate.parse_review(json.dumps(body).encode())  # type: ignore[misc]
    assert (milder.type, milder.level) == (AlertType.ILLEGAL_PARKING, 4)


@pytest.mark.parametrize("body", [b"nope", b'{"type":"new"}', b'{"type":"gone","after":{"camera":"x"}}'])
def test_bad_frigate_messages_are_refused(body: bytes) -> None:
    assert isinstance(frigate.parse_event(body), Rejection)


def test_onemap_json_reads_back_what_it_writes() -> None:
    [event] = onemap_json.parse(read("onemap_event.json"))  # type: ignore[misc]
    assert (event.device, event.type, event.level, event.value) == (
        DeviceKey("gb28181", "61072500011320000123"),
        AlertType.SMOKE_FIRE,
        1,
        None,
    )
    reading = Event(
        "ctwing",
        DeviceKey("imei", "869162052818257"),
        AlertType.GAS_LEAK,
        1,
        datetime(2026, 12, 6, 16, 21, 5, tzinfo=SHANGHAI),
        State.CLEARED,
        value=18.5,
    )
    assert json.loads(reading.to_json()) == {
        "device": "869162052818257",
        "type": "gas_leak",
        "time": "2026-12-06T16:21:05+08:00",
        "level": 1,
        "value": 18.5,
        "state": "cleared",
    }
    [back] = onemap_json.parse(reading.to_json())  # type: ignore[misc]
    assert (back.device, back.type, back.level, back.time, back.state, back.value) == (
        reading.device,
        reading.type,
        reading.level,
        reading.time,
        reading.state,
        reading.value,
    )


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"device":"x","type":"flood","time":"2026-12-06T16:00:00","level":1}', "missing_field"),
        (b'{"device":"x","type":"intrusion","time":"2026-12-06T16:00:00","level":5}', "missing_field"),
        (b'{"device":"x","type":"intrusion","time":"yesterday","level":2}', "missing_field"),
        (b'{"device":"","type":"intrusion","time":"2026-12-06T16:00:00","level":2}', "missing_field"),
        (b'{"device":"x","type":"intrusion","time":"2026-12-06T16:00:00","level":2,"value":"high"}', "missing_field"),
        (b'{"device":', "malformed_json"),
        (b"\xff\xfe", "malformed_json"),
    ],
)
def test_bad_onemap_json_is_refused_with_the_field_named(body: bytes, reason: str) -> None:
    result = onemap_json.parse(body)
    assert isinstance(result, Rejection) and result.reason == reason


def test_a_naive_onemap_time_is_beijing_time() -> None:
    [event] = onemap_json.parse(b'{"device":"gas-7","type":"gas_leak","time":"2026-12-06T08:00:00","level":1}')  # type: ignore[misc]
    assert event.time.utcoffset() is not None and event.time.utcoffset().total_seconds() == 8 * 3600  # type: ignore[union-attr]
    assert event.device == DeviceKey("device_id", "gas-7")


def test_broker_messages_are_routed_by_topic() -> None:
    from onemap.watch.recognise import parse_mqtt

    [own] = parse_mqtt("onemap/events/610725/gas", read("onemap_event.json"))  # type: ignore[misc]
    [person] = parse_mqtt("frigate/events", read("frigate_event_new.json"))  # type: ignore[misc]
    [car] = parse_mqtt("nvr2/reviews", read("frigate_review_new.json"), frigate_prefix="nvr2")  # type: ignore[misc]
    [gas] = parse_mqtt("zigbee2mqtt/kitchen_gas_03", b'{"gas":false,"gas_value":0.4}')  # type: ignore[misc]
    assert [e.source for e in (own, person, car, gas)] == ["onemap", "frigate", "frigate", "tuya"]
    assert gas.device.value == "kitchen_gas_03" and gas.state is State.CLEARED
    stray = parse_mqtt("frigate/gate_east/person", b"1")
    assert isinstance(stray, Rejection) and stray.reason == "unknown_format"


def test_a_camera_known_by_address_and_channel_keeps_both_through_onemap_json() -> None:
    event = Event(
        "hikvision",
        DeviceKey("ip", "192.168.1.64", 3),
        AlertType.INTRUSION,
        2,
        datetime(2026, 12, 6, 16, 0, tzinfo=SHANGHAI),
    )
    assert json.loads(event.to_json())["device"] == "192.168.1.64#3"
    [back] = onemap_json.parse(event.to_json())  # type: ignore[misc]
    assert back.device == DeviceKey("ip", "192.168.1.64", 3)

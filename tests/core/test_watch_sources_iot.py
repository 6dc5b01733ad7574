"""Gas detectors through CTWing, OneNET (signed, replay-guarded) and Tuya-style data points."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from onemap.watch import AlertType, DeviceKey, Event, Rejection, State
from onemap.watch.sources import ctwing, onenet, tuya

DATA = Path(__file__).parent / "data" / "watch"
TOKEN = "onemap-test-token"
NOW = 1796545265.0  # the fixtures' own time, 2026-12-06 16:21:05 Beijing


def read(name: str) -> bytes:
    return (DATA / name).read_bytes()


def one(result: list[Event] | Rejection) -> Event:
    assert isinstance(result, list) and len(result) == 1, result
    return result[0]


def test_a_ctwing_gas_alarm_is_a_level_one_gas_leak_with_its_lel_value() -> None:
    event = one(ctwing.parse(read("ctwing_datareport_gas_alarm.json")))
    assert (event.type, event.level, event.state, event.value) == (AlertType.GAS_LEAK, 1, State.ACTIVE, 18.0)
    assert event.device == DeviceKey("imei", "869162052818257")
    assert event.aliases == (DeviceKey("device_id", "acf7baaee65e431eadfb8f5fe50e8b81"),)
    assert event.time.isoformat() == "2026-12-06T16:21:05+08:00"
    assert event.raw == read("ctwing_datareport_gas_alarm.json")


def test_a_ctwing_normal_report_in_service_data_form_clears() -> None:
    event = one(ctwing.parse(read("ctwing_datareport_servicedata.json")))
    assert (event.state, event.value) == (State.CLEARED, 0.0)


def test_a_ctwing_pass_through_report_is_decoded_from_base64() -> None:
    body = json.loads(read("ctwing_datareport_gas_alarm.json"))
    body["payload"] = {"APPdata": base64.b64encode(b'{"gas_sensor_state":1,"gas_value":31}').decode()}
    event = one(ctwing.parse(json.dumps(body).encode()))
    assert (event.state, event.value) == (State.ACTIVE, 31.0)


def test_a_ctwing_offline_report_raises_device_offline_and_online_clears_it() -> None:
    event = one(ctwing.parse(read("ctwing_online_offline.json")))
    assert (event.type, event.state) == (AlertType.DEVICE_OFFLINE, State.ACTIVE)
    online = read("ctwing_online_offline.json").replace(b'"eventType":0', b'"eventType":1')
    assert one(ctwing.parse(online)).state is State.CLEARED


@pytest.mark.parametrize(
    ("body", "reason"),
    [(b"{", "malformed_json"), (b"[]", "missing_field"), (b'{"messageType":"dataReport","IMEI":""}', "missing_field")],
)
def test_bad_ctwing_bodies_are_refused(body: bytes, reason: str) -> None:
    result = ctwing.parse(body)
    assert isinstance(result, Rejection) and result.reason == reason


def test_a_signed_onenet_push_gives_a_gas_leak() -> None:
    guard = onenet.NonceGuard(clock=lambda: NOW)
    event = one(onenet.parse(read("onenet_push_datapoint.json"), TOKEN, guard))
    assert (event.type, event.state, event.device) == (
        AlertType.GAS_LEAK,
        State.ACTIVE,
        DeviceKey("imei", "865820031234567"),
    )
    assert event.aliases == (DeviceKey("device_id", "523098765"),)


def test_a_batched_onenet_push_gives_an_offline_device_and_a_reading() -> None:
    events = onenet.parse(read("onenet_push_list.json"), TOKEN, onenet.NonceGuard(clock=lambda: NOW))
    assert isinstance(events, list)
    assert [(e.type, e.state, e.value) for e in events] == [
        (AlertType.DEVICE_OFFLINE, State.ACTIVE, None),
        (AlertType.GAS_LEAK, State.HEARTBEAT, 3.5),
    ]


def test_onenet_refuses_a_wrong_token_a_tampered_msg_and_an_unsigned_push() -> None:
    body = read("onenet_push_datapoint.json")
    guard = onenet.NonceGuard(clock=lambda: NOW)
    wrong = onenet.parse(body, "another-token", guard)
    tampered = onenet.parse(body.replace(b'"value":1', b'"value":0'), TOKEN, guard)
    unsigned = onenet.parse(b'{"msg":{"type":1,"dev_id":1,"ds_id":"gas_value","value":1}}', TOKEN, guard)
    no_token = onenet.parse(body, "", guard)
    assert [r.reason for r in (wrong, tampered, unsigned, no_token) if isinstance(r, Rejection)] == [
        "bad_signature",
        "bad_signature",
        "unsigned",
        "unsigned",
    ]


def test_onenet_refuses_the_same_nonce_twice_and_a_push_outside_the_window() -> None:
    clock = [NOW]
    guard = onenet.NonceGuard(window=300, clock=lambda: clock[0])
    body = read("onenet_push_datapoint.json")
    assert isinstance(onenet.parse(body, TOKEN, guard), list)
    replay = onenet.parse(body, TOKEN, guard)
    assert isinstance(replay, Rejection) and replay.reason == "replayed"
    clock[0] += 301  # the nonce has aged out of the window: accepted again
    assert isinstance(onenet.parse(body, TOKEN, guard), list)
    msg = '"{\\"type\\":1,\\"dev_id\\":7,\\"ds_id\\":\\"gas_value\\",\\"value\\":2}"'
    text = json.loads(msg)
    stale_body = json.dumps(
        {
            "msg": text,
            "signature": onenet.signature(TOKEN, "n1", text),
            "nonce": "n1",
            "time": int((clock[0] - 3600) * 1000),
        }
    ).encode()
    stale = onenet.parse(stale_body, TOKEN, guard)
    assert isinstance(stale, Rejection) and stale.reason == "stale"


def test_the_onenet_signature_covers_the_msg_exactly_as_sent() -> None:
    spaced = '{"msg" : { "type": 1, "dev_id": 9, "ds_id": "gas_sensor_state", "value": 1 } , "nonce": "x", "z": [1]}'
    assert onenet.raw_member(spaced, "msg") == '{ "type": 1, "dev_id": 9, "ds_id": "gas_sensor_state", "value": 1 }'
    assert onenet.raw_member(spaced, "z") == "[1]" and onenet.raw_member(spaced, "none") is None


def test_the_onenet_url_check_answers_msg_only_when_signed() -> None:
    msg, nonce = "vT8qLw2", "Ab12Cd34"
    sig = onenet.signature(TOKEN, nonce, msg)
    assert onenet.verify_url({"msg": msg, "nonce": nonce, "signature": sig}, TOKEN) == msg
    spaced = sig.replace("+", " ")  # a form decoder turned "+" into a space
    assert onenet.verify_url({"msg": msg, "nonce": nonce, "signature": spaced}, TOKEN) == msg
    bad = onenet.verify_url({"msg": msg, "nonce": nonce, "signature": "AAAA"}, TOKEN)
    assert isinstance(bad, Rejection) and bad.reason == "bad_signature"


def test_tuya_dp_one_alarm_and_dp_two_tenths_make_a_gas_leak_at_lel() -> None:
    event = one(tuya.parse(read("tuya_dps_alarm.json")))
    assert (event.type, event.level, event.state, event.value) == (AlertType.GAS_LEAK, 1, State.ACTIVE, 23.6)
    assert event.device == DeviceKey("device_id", "6c8a5e2d9f04b1c7e3kq1x")
    assert event.time.isoformat() == "2026-12-06T16:21:05+08:00"


def test_tuya_cloud_status_normal_clears_and_carries_the_reading() -> None:
    event = one(tuya.parse(read("tuya_status_cloud.json")))
    assert (event.state, event.value) == (State.CLEARED, 1.2)
    assert event.time.isoformat() == "2026-12-06T16:22:05+08:00"


@pytest.mark.parametrize(
    ("dps", "state"),
    [
        ({"1": 0}, State.ACTIVE),
        ({"1": 1}, State.CLEARED),
        ({"gas_sensor_state": "1"}, State.ACTIVE),
        ({"gas_sensor_state": "2"}, State.CLEARED),
        ({"2": 55}, State.HEARTBEAT),
    ],
)
def test_tuya_enum_indexes_and_the_legacy_code_are_understood(dps: dict[str, object], state: State) -> None:
    body = json.dumps({"dps": dps, "t": NOW}).encode()
    assert one(tuya.parse(body, device="gas-0042")).state is state


def test_tuya_without_a_device_name_is_refused_and_irrelevant_points_give_nothing() -> None:
    missing = tuya.parse(b'{"dps":{"1":"alarm"}}')
    assert isinstance(missing, Rejection) and missing.reason == "missing_field"
    assert tuya.parse(b'{"devId":"x","dps":{"6":"2","13":true}}') == []


def test_zigbee2mqtt_s_gas_shape_is_read_unscaled_with_the_device_from_the_topic() -> None:
    body = b'{"gas":true,"gas_value":12.3,"fault_alarm":false,"preheat":false,"linkquality":120}'
    event = one(tuya.parse(body, device="kitchen_gas_03"))
    assert (event.state, event.value, event.device) == (State.ACTIVE, 12.3, DeviceKey("device_id", "kitchen_gas_03"))

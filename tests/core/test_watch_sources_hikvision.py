"""Hikvision ISAPI pushes: every namespace, multipart with pictures, bare XML and JSON, and bad XML."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from onemap.watch import AlertType, DeviceKey, Rejection, State
from onemap.watch.sources import hikvision
from onemap.watch.sources.multipart import form_parts

DATA = Path(__file__).parent / "data" / "watch"
FORM = "multipart/form-data; boundary=MIME_boundary"


def read(name: str) -> bytes:
    return (DATA / name).read_bytes()


def test_a_multipart_push_gives_one_intrusion_with_its_picture() -> None:
    [event] = hikvision.parse_push(read("hikvision_push_multipart.bin"), FORM)  # type: ignore[misc]
    assert event.type is AlertType.INTRUSION and event.level == 2 and event.state is State.ACTIVE
    assert event.device == DeviceKey("ip", "192.168.1.64", 1)
    assert DeviceKey("mac", "44:19:b6:3a:5c:01", 1) in event.aliases
    assert event.time == datetime(2026, 12, 6, 16, 20, 5, tzinfo=timezone(timedelta(hours=8)))
    assert event.pictures == (read("snapshot.jpg"),)
    assert event.raw == read("hikvision_fielddetection_ver20.xml")
    assert event.code == "fielddetection" and event.source == "hikvision"


@pytest.mark.parametrize(
    ("name", "kind", "code", "device"),
    [
        (
            "hikvision_fielddetection_ver20.xml",
            AlertType.INTRUSION,
            "fielddetection",
            DeviceKey("ip", "192.168.1.64", 1),
        ),
        (
            "hikvision_parking_isapi_org.xml",
            AlertType.ILLEGAL_PARKING,
            "parking",
            DeviceKey("gb28181", "61072500011320000123"),
        ),
        ("hikvision_duration_std_cgi.xml", AlertType.INTRUSION, "linedetection", DeviceKey("ip", "192.168.1.65", 2)),
    ],
)
def test_a_bare_xml_push_is_read_whatever_its_namespace(
    name: str, kind: AlertType, code: str, device: DeviceKey
) -> None:
    [event] = hikvision.parse_push(read(name), "application/xml")  # type: ignore[misc]
    assert (event.type, event.code, event.device) == (kind, code, device)
    assert event.time.tzinfo is not None


def test_a_naive_device_time_is_read_as_beijing_time() -> None:
    [event] = hikvision.parse_push(read("hikvision_parking_isapi_org.xml"), "text/xml")  # type: ignore[misc]
    assert event.time.utcoffset() == timedelta(hours=8) and event.time.hour == 7
    assert DeviceKey("ip", "10.61.7.25", 3) in event.aliases


def test_a_z_time_is_utc_and_compares_with_beijing_times() -> None:
    [event] = hikvision.parse_push(read("hikvision_duration_std_cgi.xml"), "text/xml")  # type: ignore[misc]
    assert event.time == datetime(2026, 12, 6, 10, 3, 4, tzinfo=timezone(timedelta(hours=8)))


def test_videoloss_inactive_is_a_heartbeat_and_other_inactive_clears() -> None:
    [beat] = hikvision.parse_push(read("hikvision_videoloss_ver10.xml"), "text/xml")  # type: ignore[misc]
    assert beat.state is State.HEARTBEAT
    cleared = read("hikvision_fielddetection_ver20.xml").replace(b">active<", b">inactive<")
    [event] = hikvision.parse_push(cleared, "text/xml")  # type: ignore[misc]
    assert event.state is State.CLEARED and event.type is AlertType.INTRUSION


def test_a_json_alert_part_of_newer_firmware_is_read_too() -> None:
    body = (
        b'{"ipAddress":"192.168.1.66","channelID":4,"dateTime":"2026-12-06T16:00:00+08:00",'
        b'"eventType":"fireDetection","eventState":"active"}'
    )
    [event] = hikvision.parse_push(body, "application/json")  # type: ignore[misc]
    assert (event.type, event.level, event.device) == (AlertType.SMOKE_FIRE, 1, DeviceKey("ip", "192.168.1.66", 4))


def test_an_unknown_event_type_is_kept_as_other_at_the_lowest_level() -> None:
    body = read("hikvision_fielddetection_ver20.xml").replace(b"fielddetection<", b"audioexception<")
    [event] = hikvision.parse_push(body, "text/xml")  # type: ignore[misc]
    assert (event.type, event.level, event.code) == (AlertType.OTHER, 4, "audioexception")


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<EventNotificationAlert><eventType>VMD</eventType>", "malformed_xml"),
        (
            b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xxxxxxxx"><!ENTITY y "&x;&x;&x;&x;">]><a>&y;</a>',
            "xml_entities",
        ),
        (
            b'<!DOCTYPE EventNotificationAlert SYSTEM "http://127.0.0.1:9/evil.dtd"><EventNotificationAlert/>',
            "xml_entities",
        ),
        (b"<ResponseStatus><statusCode>1</statusCode></ResponseStatus>", "missing_field"),
        (b"{not json", "malformed_json"),
    ],
)
def test_bad_xml_and_entity_bombs_are_refused_with_a_reason(body: bytes, reason: str) -> None:
    result = hikvision.parse_push(body, "application/xml")
    assert isinstance(result, Rejection) and result.reason == reason
    assert result.message and result.message.en and result.status in (400, 415)


def test_a_form_without_a_boundary_is_refused_as_malformed() -> None:
    result = hikvision.parse_push(read("hikvision_push_multipart.bin"), "multipart/form-data")
    assert isinstance(result, Rejection) and result.reason == "malformed_multipart"


def test_a_megabyte_push_with_pictures_comes_apart_byte_exact() -> None:
    """The cutter's time is printed (the comparison with ``email`` is in multipart.py's docstring)."""
    jpeg = read("snapshot.jpg") * 180  # ~350 KB a picture, three pictures: a large real push
    body = read("hikvision_push_multipart.bin").replace(read("snapshot.jpg"), jpeg)
    body = body.replace(b"Content-Length: 1982", f"Content-Length: {len(jpeg)}".encode())
    started = time.perf_counter()
    for _ in range(5):
        parts = form_parts(body, FORM)
    per_parse_ms = (time.perf_counter() - started) / 5 * 1000
    print(f"multipart push of {len(body) / 1e6:.2f} MB parsed in {per_parse_ms:.1f} ms")
    assert [p.content_type for p in parts] == ["application/xml", "image/jpeg"]
    assert parts[1].body == jpeg and parts[0].name == "fielddetection"


def test_a_gb2312_declared_alert_keeps_its_chinese_channel_name() -> None:
    utf8 = read("hikvision_fielddetection_ver20.xml")
    gb = utf8.decode("utf-8").replace('encoding="UTF-8"', 'encoding="GB2312"').encode("gb2312")
    [event] = hikvision.parse_push(gb, "text/xml")  # type: ignore[misc]
    assert event.type is AlertType.INTRUSION
    assert event.extra["channel_name"] == "3号楼东侧通道"
    assert "3号楼东侧通道".encode("gb2312") in gb and gb != utf8  # really GB2312 bytes, not UTF-8

"""Pulled streams (Hikvision alertStream, Dahua attach) cut into events whatever the chunk splits."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onemap.watch import DeviceKey, Event, Rejection
from onemap.watch.sources.dahua import AttachStream, parse_text
from onemap.watch.sources.hikvision_stream import AlertStream
from onemap.watch.sources.multipart import PartStream

DATA = Path(__file__).parent / "data" / "watch"
HIK = (DATA / "hikvision_alertstream.bin").read_bytes()
DAHUA = (DATA / "dahua_attach.bin").read_bytes()


def chunks(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(data) + 1) for c in cuts} | {0, len(data)})
    return [data[a:b] for a, b in zip(points, points[1:], strict=False)]


def summary(items: list[Event | Rejection]) -> list[tuple[str, str, int]]:
    return [(str(e.state), str(e.type), len(e.pictures)) for e in items if isinstance(e, Event)]


EXPECTED_HIK = [("heartbeat", "device_offline", 0), ("active", "intrusion", 1), ("heartbeat", "device_offline", 0)]


def test_the_alertstream_in_one_piece_gives_heartbeats_and_an_alert_with_its_picture() -> None:
    stream = AlertStream("boundary")
    items = stream.feed(HIK) + stream.close()
    assert summary(items) == EXPECTED_HIK
    alert = items[1]
    assert isinstance(alert, Event) and alert.pictures == ((DATA / "snapshot.jpg").read_bytes(),)
    assert alert.device == DeviceKey("ip", "192.168.1.64", 1)


def test_the_alertstream_byte_by_byte_gives_the_same_events() -> None:
    stream, items = AlertStream(), []  # the boundary is learnt from the stream itself
    for i in range(len(HIK)):
        items += stream.feed(HIK[i : i + 1])
    assert [s for s, _, _ in summary(items + stream.close())] == ["heartbeat", "active", "heartbeat"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=len(HIK)), max_size=12))
def test_the_alertstream_split_anywhere_loses_no_event(cuts: list[int]) -> None:
    stream, items = AlertStream("boundary"), []
    for piece in chunks(HIK, cuts):
        items += stream.feed(piece)
    items += stream.close()
    assert [(s, t) for s, t, _ in summary(items)] == [(s, t) for s, t, _ in EXPECTED_HIK]


def test_a_broken_xml_part_in_the_stream_is_refused_and_the_stream_goes_on() -> None:
    bad = b"--boundary\r\nContent-Type: application/xml\r\nContent-Length: 22\r\n\r\n<EventNotificationAler\r\n"
    stream = AlertStream("boundary")
    items = stream.feed(bad) + stream.feed(HIK) + stream.close()
    assert isinstance(items[0], Rejection) and items[0].reason == "malformed_xml"
    assert summary(items[1:]) == EXPECTED_HIK and stream.rejected == 1


def test_a_part_that_never_ends_is_dropped_at_the_buffer_limit() -> None:
    stream = PartStream("boundary", limit=1000)
    assert stream.feed(b"--boundary\r\nContent-Length: 999999\r\n\r\n" + b"x" * 2000) == []
    assert stream.dropped == 1
    assert len(stream.feed(b"--boundary\r\nContent-Length: 2\r\n\r\nok")) == 1


EXPECTED_DAHUA = [
    ("heartbeat", "other", None, "Heartbeat"),
    ("active", "intrusion", 1, "CrossRegionDetection"),
    ("active", "illegal_parking", 2, "ParkingDetection"),
    ("cleared", "intrusion", 1, "CrossRegionDetection"),
]


def dahua_summary(items: list[Event | Rejection]) -> list[tuple[str, str, int | None, str]]:
    return [(str(e.state), str(e.type), e.device.channel, e.code) for e in items if isinstance(e, Event)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=len(DAHUA)), max_size=12))
def test_the_dahua_attach_stream_split_anywhere_gives_start_stop_and_heartbeat(cuts: list[int]) -> None:
    stream, items = AttachStream("192.168.1.108", "myboundary"), []
    for piece in chunks(DAHUA, cuts):
        items += stream.feed(piece)
    assert dahua_summary(items) == EXPECTED_DAHUA
    assert all(isinstance(e, Event) and e.device.value == "192.168.1.108" for e in items)


def test_a_dahua_event_takes_its_time_and_rule_name_from_the_data_json() -> None:
    [_, cross, *_] = AttachStream("192.168.1.108").feed(DAHUA)
    assert isinstance(cross, Event)
    assert cross.time.isoformat() == "2026-12-06T16:21:30+08:00" and cross.detail == "东门入口"
    assert cross.level == 2


@pytest.mark.parametrize("text", [b"Code=CrossLineDetection;index=0", b"action=Start;index=0", b"nonsense"])
def test_a_dahua_part_without_code_or_action_is_refused(text: bytes) -> None:
    result = parse_text(text, "192.168.1.108")
    assert isinstance(result, Rejection) and result.reason == "missing_field"

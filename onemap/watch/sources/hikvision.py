"""Hikvision ISAPI ``EventNotificationAlert``: pushed ("HTTP监听") or pulled (alertStream).

The push is ``multipart/form-data``: one part (named after the event type) holds the XML, the
rest are ``image/jpeg`` pictures; some firmware posts a bare XML body, newer firmware a JSON
part with the same field names.  The namespace differs by firmware and is ignored.  Fields used:
ipAddress, macAddress, channelID/dynChannelID, dateTime, eventType, eventState, eventDescription,
and ``relationEvent`` inside a ``duration`` wrapper.  ``videoloss`` ``inactive`` is the stream's
heartbeat; any other ``inactive`` clears the alarm.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from onemap.watch.event import SHANGHAI, DeviceKey, Event, State, key_for_id, parse_time
from onemap.watch.mapping import classify
from onemap.watch.rejection import Rejection
from onemap.watch.sources import Parsed
from onemap.watch.sources.multipart import Part, form_parts
from onemap.watch.sources.safexml import UnsafeXML, parse_xml, text_of

SOURCE = "hikvision"
FIELDS = (
    "ipAddress",
    "macAddress",
    "channelID",
    "dynChannelID",
    "dateTime",
    "eventType",
    "eventState",
    "eventDescription",
    "channelName",
    "relationEvent",
    "deviceID",
)


def parse_push(body: bytes, content_type: str, received: datetime | None = None) -> Parsed:
    """The events of one ISAPI push: a multipart form, a bare XML or a bare JSON body."""
    if "multipart" in content_type.lower():
        try:
            parts = form_parts(body, content_type)
        except ValueError as error:
            return Rejection("malformed_multipart", str(error))
        return parse_parts(parts, received)
    return parse_parts([Part({"content-type": content_type}, body)], received)


def parse_parts(parts: list[Part], received: datetime | None = None) -> Parsed:
    """Events from parts already cut (a push, or one alertStream message); JPEG parts are pictures."""
    pictures = tuple(p.body for p in parts if p.content_type == "image/jpeg" or p.body[:3] == b"\xff\xd8\xff")
    events: list[Event] = []
    for part in parts:
        if part.content_type == "image/jpeg" or part.body[:3] == b"\xff\xd8\xff":
            continue
        fields = _fields(part.body)
        if isinstance(fields, Rejection):
            return fields
        if fields is not None:
            events.append(event_from_fields(fields, part.body, pictures, received))
    if not events:
        return Rejection("missing_field", "EventNotificationAlert")
    return events


def _fields(body: bytes) -> dict[str, str] | Rejection | None:
    """The alert's fields from an XML or JSON part; None for a part that is neither."""
    text = body.lstrip()
    if text.startswith(b"{"):
        try:
            data = json.loads(body)
        except ValueError as error:
            return Rejection("malformed_json", str(error)[:80])
        alert = data.get("EventNotificationAlert", data) if isinstance(data, dict) else None
        return {k: str(v) for k, v in alert.items() if k in FIELDS} if isinstance(alert, dict) else None
    if not text.startswith(b"<"):
        return None
    try:
        root = parse_xml(body)
    except UnsafeXML:
        return Rejection("xml_entities")
    except ValueError as error:
        return Rejection("malformed_xml", str(error))
    if root.tag != "EventNotificationAlert":
        return Rejection("missing_field", "EventNotificationAlert")
    return {name: text_of(root, name) for name in FIELDS}


def event_from_fields(
    fields: Mapping[str, Any], raw: bytes, pictures: tuple[bytes, ...] = (), received: datetime | None = None
) -> Event:
    """One :class:`Event` from an alert's fields (missing ones tolerated: the device is still named)."""
    code = str(fields.get("eventType", "")).strip()
    if code.lower() == "duration" and fields.get("relationEvent"):
        code = str(fields["relationEvent"]).strip()
    inactive = str(fields.get("eventState", "active")).strip().lower() == "inactive"
    state = State.CLEARED if inactive else State.ACTIVE
    if code.lower() == "videoloss" and inactive:
        state = State.HEARTBEAT  # the alertStream's "nothing happens" tick
    kind, level = classify(SOURCE, code)
    return Event(
        source=SOURCE,
        device=_device(fields)[0],
        aliases=_device(fields)[1],
        type=kind,
        level=level,
        time=_time(str(fields.get("dateTime", "")), received),
        state=state,
        code=code,
        raw=raw,
        pictures=pictures,
        detail=str(fields.get("eventDescription", "") or fields.get("channelName", "")),
        extra={"channel_name": str(fields.get("channelName", ""))},
    )


def _device(fields: Mapping[str, Any]) -> tuple[DeviceKey, tuple[DeviceKey, ...]]:
    channel_text = str(fields.get("channelID") or fields.get("dynChannelID") or "").strip()
    channel = int(channel_text) if channel_text.isdigit() else None
    keys = []
    if ip := str(fields.get("ipAddress", "")).strip():
        keys.append(DeviceKey("ip", ip, channel))
    gbid = key_for_id(str(fields.get("deviceID", "")).strip())
    if gbid.kind == "gb28181":
        keys.insert(0, gbid)
    if mac := str(fields.get("macAddress", "")).strip().lower():
        keys.append(DeviceKey("mac", mac, channel))
    if not keys:
        keys.append(DeviceKey("ip", "unknown", channel))
    return keys[0], tuple(keys[1:])


def _time(text: str, received: datetime | None) -> datetime:
    try:
        return parse_time(text)
    except ValueError:  # no or broken device clock: the time it reached us
        return received or datetime.now(SHANGHAI)

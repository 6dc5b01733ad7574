"""Which format a pushed request is in, from the request itself, so one URL serves every platform.

Content type first (a multipart form or XML is a Hikvision push), then the body's shape: CTWing
names a ``messageType``, OneNET signs a ``msg`` with a ``nonce``, OneMap's JSON has ``device``,
``type`` and ``time``, Frigate wraps ``before``/``after``, Tuya carries ``dps`` or ``status``.
A GET with ``msg``, ``nonce`` and ``signature`` is OneNET's URL check.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from onemap.watch.rejection import Rejection
from onemap.watch.sources import Parsed, ctwing, frigate, hikvision, onemap_json, onenet, tuya


def recognise(method: str, content_type: str, body: bytes, query: Mapping[str, str]) -> str:
    """``hikvision``, ``ctwing``, ``onenet``, ``onenet_verify``, ``onemap``, ``frigate_event``,
    ``frigate_review``, ``tuya``, or ``""`` when it is none of them."""
    if method == "GET":
        return "onenet_verify" if {"msg", "nonce", "signature"} <= set(query) else ""
    kind = content_type.split(";")[0].strip().lower()
    text = body.lstrip()
    if kind.startswith("multipart/") or kind.endswith("/xml") or text.startswith(b"<"):
        return "hikvision"
    try:
        data = json.loads(body)
    except ValueError:
        return ""
    return _json_kind(data) if isinstance(data, dict) else ""


def _json_kind(data: dict[str, Any]) -> str:
    keys = set(data)
    if "messageType" in keys:
        return "ctwing"
    if "msg" in keys and "nonce" in keys:
        return "onenet"
    if {"device", "type", "time"} <= keys:
        return "onemap"
    if "EventNotificationAlert" in keys or {"eventType", "ipAddress"} <= keys:
        return "hikvision"
    if data.get("type") in ("new", "update", "end") and isinstance(data.get("after"), dict):
        return "frigate_review" if "severity" in data["after"] else "frigate_event"
    if keys & {"dps", "devId", "gas_sensor_status", "gas_sensor_state"}:
        return "tuya"
    return ""


def parser_for(
    kind: str, content_type: str, token: str, guard: onenet.NonceGuard
) -> Callable[[bytes, datetime | None], Parsed]:
    """The parser of a recognised push format (not ``onenet_verify``, which answers a GET)."""
    parsers: dict[str, Callable[[bytes, datetime | None], Parsed]] = {
        "hikvision": lambda body, at: hikvision.parse_push(body, content_type, at),
        "ctwing": ctwing.parse,
        "onenet": lambda body, at: onenet.parse(body, token, guard, at),
        "onemap": lambda body, _at: onemap_json.parse(body),
        "frigate_event": frigate.parse_event,
        "frigate_review": frigate.parse_review,
        "tuya": lambda body, at: tuya.parse(body, received=at),
    }
    return parsers.get(kind, lambda _body, _at: Rejection("unknown_format", content_type[:40] or "?"))


def parse_mqtt(
    topic: str,
    payload: bytes,
    frigate_prefix: str = "frigate",
    sensor_prefixes: tuple[str, ...] = ("tuya", "zigbee2mqtt"),
) -> Parsed:
    """A message from the broker, by its topic: ``onemap/events/…``, Frigate's ``events``/``reviews``,
    or a gas sensor under one of ``sensor_prefixes`` (the next topic level names the device)."""
    levels = topic.strip("/").split("/")
    if levels[0] == "onemap" and levels[1:2] == ["events"]:
        return onemap_json.parse(payload)
    if levels[0] == frigate_prefix and len(levels) == 2 and levels[1] in ("events", "reviews"):
        return frigate.parse_event(payload) if levels[1] == "events" else frigate.parse_review(payload)
    if levels[0] in sensor_prefixes and len(levels) >= 2:
        return tuya.parse(payload, device=levels[1])
    return Rejection("unknown_format", topic[:40])

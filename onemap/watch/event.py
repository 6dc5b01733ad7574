"""The normalised event: what every source (camera, IoT platform, MQTT feed) is turned into.

One :class:`Event` is one thing a device said at one moment: an alarm starting (``active``), an
alarm ending (``cleared``) or a sign of life (``heartbeat``).  Folding a flood into one alert,
finding the estate and storing it happen downstream; the event keeps what they need: the device
key to look the estate up by, OneMap's alert type and level, the time (always timezone-aware),
a measured value such as %LEL, the raw payload and any JPEG pictures.

Levels follow GB/T 28181's AlarmPriority and China's warning colours: **1 is the most severe**
(一级, red) and 4 the least (四级, blue).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from enum import StrEnum
from typing import Any

#: China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact and needs
#: no tz database (Windows Pythons ship none without the ``tzdata`` package).
SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")


_IP_CHANNEL = re.compile(r"(\d{1,3}(?:\.\d{1,3}){3})(?:#(\d{1,4}))?")


class AlertType(StrEnum):
    """OneMap's alert types; the value is the word used in JSON, MQTT and the inventory."""

    SMOKE_FIRE = "smoke_fire"
    INTRUSION = "intrusion"
    ILLEGAL_PARKING = "illegal_parking"
    ABSENT_POST = "absent_post"
    GAS_LEAK = "gas_leak"
    DEVICE_FAULT = "device_fault"
    DEVICE_OFFLINE = "device_offline"
    OTHER = "other"


class State(StrEnum):
    """Where the event stands: an alarm begins or goes on, ends, or the device only says it lives."""

    ACTIVE = "active"
    CLEARED = "cleared"
    HEARTBEAT = "heartbeat"


#: Chinese and English names of the types, for messages, the README table and the viewer.
TYPE_NAMES: dict[AlertType, tuple[str, str]] = {
    AlertType.SMOKE_FIRE: ("烟雾明火", "smoke or open fire"),
    AlertType.INTRUSION: ("区域入侵", "intrusion"),
    AlertType.ILLEGAL_PARKING: ("违停占道", "illegal parking / blocked fire lane"),
    AlertType.ABSENT_POST: ("离岗睡岗", "guard absent or asleep"),
    AlertType.GAS_LEAK: ("燃气泄漏", "gas leak"),
    AlertType.DEVICE_FAULT: ("设备故障", "device fault"),
    AlertType.DEVICE_OFFLINE: ("设备离线", "device offline"),
    AlertType.OTHER: ("其他", "other"),
}


@dataclass(frozen=True)
class DeviceKey:
    """How a source names its device; the collector looks the estate up by it.

    ``kind`` is ``gb28181`` (20-digit GB/T 28181 ID), ``ip`` (camera IP with ``channel``),
    ``imei``, ``device_id`` (an IoT platform's own ID), ``mac`` or ``name`` (Frigate's camera name).
    """

    kind: str
    value: str
    channel: int | None = None

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}" + ("" if self.channel is None else f"#{self.channel}")


@dataclass(frozen=True)
class Event:
    """One normalised event.  ``time`` is timezone-aware; ``level`` is 1 (most severe) to 4."""

    source: str
    device: DeviceKey
    type: AlertType
    level: int
    time: datetime
    state: State = State.ACTIVE
    code: str = ""
    value: float | None = None
    raw: bytes = b""
    pictures: tuple[bytes, ...] = ()
    aliases: tuple[DeviceKey, ...] = ()
    detail: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if self.time.tzinfo is None:
            raise ValueError("Event.time must be timezone-aware")
        if not 1 <= self.level <= 4:
            raise ValueError(f"Event.level must be 1-4, not {self.level}")

    def to_json(self) -> bytes:
        """OneMap's own JSON (see :func:`from_json`), as published on ``onemap/events/…``."""
        device = self.device.value
        if self.device.kind == "ip" and self.device.channel is not None:
            device += f"#{self.device.channel}"  # key_for_id reads it back as the same key
        body: dict[str, Any] = {
            "device": device,
            "type": str(self.type),
            "time": self.time.isoformat(),
            "level": self.level,
        }
        if self.value is not None:
            body["value"] = self.value
        if self.state is not State.ACTIVE:
            body["state"] = str(self.state)
        return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes | str, source: str = "onemap") -> Event:
        """An event from OneMap's own JSON; raises ValueError (with the field) when it is not that.

        ``{"device": GB/T 28181 ID or sensor ID, "type": one of :class:`AlertType`, "time": ISO 8601,
        "level": 1-4, "value": optional number, "state": optional active|cleared|heartbeat}``.
        """
        body = json.loads(data)
        if not isinstance(body, dict):
            raise ValueError("body: not a JSON object")
        device, kind, moment = body.get("device"), body.get("type"), body.get("time")
        level, value = body.get("level"), body.get("value")
        if not isinstance(device, str) or not device.strip():
            raise ValueError("device")
        if kind not in _TYPE_WORDS:
            raise ValueError("type")
        if not isinstance(moment, str):
            raise ValueError("time")
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 4:
            raise ValueError("level")
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise ValueError("value")
        state = body.get("state", "active")
        if state not in _STATE_WORDS:
            raise ValueError("state")
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        return cls(
            source=source,
            device=key_for_id(device.strip()),
            type=AlertType(kind),
            level=level,
            time=parse_time(moment),
            state=State(state),
            code=str(kind),
            value=None if value is None else float(value),
            raw=raw,
        )


#: the words of the types and states, built once (an enum's set costs more than parsing the rest of an event)
_TYPE_WORDS = frozenset(t.value for t in AlertType)
_STATE_WORDS = frozenset(s.value for s in State)


def key_for_id(text: str) -> DeviceKey:
    """The key of a bare device ID: 20 digits are GB/T 28181, 15 an IMEI, ``IP[#channel]`` a camera
    address, the rest a platform ID."""
    if found := _IP_CHANNEL.fullmatch(text):
        return DeviceKey("ip", found.group(1), int(found.group(2)) if found.group(2) else None)
    if text.isascii() and text.isdigit() and len(text) == 20:
        return DeviceKey("gb28181", text)
    if text.isascii() and text.isdigit() and len(text) == 15:
        return DeviceKey("imei", text)
    return DeviceKey("device_id", text)


def aware(moment: datetime) -> datetime:
    """``moment`` with a timezone: a naive device time is read as Beijing time."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=SHANGHAI)


def parse_time(text: str) -> datetime:
    """An ISO 8601 time (``Z``, ``+08:00`` or none) as an aware datetime; raises ValueError."""
    text = text.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    return aware(datetime.fromisoformat(text))


def from_epoch(seconds: float) -> datetime:
    """A Unix time in seconds (platforms send milliseconds: divide first) as an aware datetime."""
    if not math.isfinite(seconds):
        raise ValueError("time is not a finite number")
    return datetime.fromtimestamp(seconds, SHANGHAI)

"""Dahua ``/cgi-bin/eventManager.cgi?action=attach&codes=[All]&heartbeat=N``: text parts in a stream.

Each part's body reads ``Code=CrossRegionDetection;action=Start;index=0`` and may end with
``;data={…JSON…}`` (LocaleTime, Name, Object…).  ``action`` Start → active, Stop → cleared,
Pulse → active (a momentary event); ``index`` is the 0-based channel, so channel = index + 1.
A body of ``Heartbeat`` is the heartbeat asked for with ``heartbeat=N``.  The stream does not
name the camera: the puller passes the address it connected to.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from onemap.watch.event import SHANGHAI, AlertType, DeviceKey, Event, State, parse_time
from onemap.watch.mapping import classify
from onemap.watch.rejection import Rejection
from onemap.watch.sources import Parsed
from onemap.watch.sources.multipart import PartStream

SOURCE = "dahua"
_ACTIONS = {"start": State.ACTIVE, "pulse": State.ACTIVE, "stop": State.CLEARED}


def parse_text(body: bytes, device: str, received: datetime | None = None) -> Parsed:
    """The events in one part's text (usually one; a few firmware put several lines in a part)."""
    now = received or datetime.now(SHANGHAI)
    text = body.decode("utf-8", "replace").strip()
    if text.lower().startswith("heartbeat"):
        return [Event(SOURCE, DeviceKey("ip", device), AlertType.OTHER, 4, now, State.HEARTBEAT, "Heartbeat", raw=body)]
    events = []
    for block in re.split(r"\r?\n(?=Code=)", text):
        fields, data = _fields(block)
        code, action = fields.get("Code", ""), fields.get("action", "").lower()
        if not code or action not in _ACTIONS:
            return Rejection("missing_field", "Code/action")
        index = fields.get("index", "0")
        channel = int(index) + 1 if index.isdigit() else None
        kind, level = classify(SOURCE, code)
        events.append(
            Event(
                SOURCE,
                DeviceKey("ip", device, channel),
                kind,
                level,
                _time(data, now),
                _ACTIONS[action],
                code,
                raw=block.encode("utf-8"),
                detail=str(data.get("Name", "")),
            )
        )
    return events


def _fields(block: str) -> tuple[dict[str, str], dict[str, Any]]:
    head, _, data_text = block.partition(";data=")
    fields = dict(item.partition("=")[::2] for item in head.split(";") if "=" in item)
    try:
        data = json.loads(data_text) if data_text else {}
    except ValueError:
        data = {}
    return {k.strip(): v.strip() for k, v in fields.items()}, data if isinstance(data, dict) else {}


def _time(data: dict[str, Any], now: datetime) -> datetime:
    try:
        return parse_time(str(data["LocaleTime"]).replace(" ", "T"))
    except (KeyError, ValueError):
        return now


class AttachStream:
    """Incremental parser for one camera's attach stream (chunks split anywhere)."""

    def __init__(self, device: str, boundary: str = "", limit: int = 1024 * 1024) -> None:
        self.device = device
        self._parts = PartStream(boundary, limit)

    def feed(self, chunk: bytes, received: datetime | None = None) -> list[Event | Rejection]:
        """The events (and rejections) the chunk completes."""
        out: list[Event | Rejection] = []
        for part in self._parts.feed(chunk):
            parsed = parse_text(part.body, self.device, received)
            out += [parsed] if isinstance(parsed, Rejection) else parsed
        return out

"""Frigate's MQTT messages: ``frigate/events`` (one tracked object) and ``frigate/reviews``.

``frigate/events``: ``{"type": "new"|"update"|"end", "before": {…}, "after": {…}}`` with id,
camera, label, score/top_score, start_time, end_time (Unix seconds), current_zones,
entered_zones, false_positive.  ``new`` starts an alarm, ``end`` clears it; ``update`` (a better
snapshot, a zone change) adds nothing the folding needs and yields no event.
``frigate/reviews``: the same envelope around a review item (camera, start_time, end_time,
severity ``alert``/``detection``, data.objects, data.zones); its type is the worst its objects
map to, and a mere ``detection`` is one level milder.  Subscribe to one of the two topics, not
both, or each activity is counted twice.  The camera is named by Frigate's camera name.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from onemap.watch.event import SHANGHAI, AlertType, DeviceKey, Event, State, from_epoch
from onemap.watch.mapping import classify
from onemap.watch.rejection import Rejection
from onemap.watch.sources import Parsed

SOURCE = "frigate"


def parse_event(body: bytes, received: datetime | None = None) -> Parsed:
    """A ``frigate/events`` message."""
    data = _envelope(body)
    if isinstance(data, Rejection):
        return data
    kind, after = data
    if kind == "update" or after.get("false_positive") is True:
        return []
    label = str(after.get("label", ""))
    alert, level = classify(SOURCE, label)
    return [_event(after, kind, alert, level, label, body, received, {"score": after.get("top_score")})]


def parse_review(body: bytes, received: datetime | None = None) -> Parsed:
    """A ``frigate/reviews`` message."""
    data = _envelope(body)
    if isinstance(data, Rejection):
        return data
    kind, after = data
    if kind == "update":
        return []
    objects = (after.get("data") or {}).get("objects") or []
    labels = [str(o).split("-")[0] for o in objects] or ["other"]
    label = min(labels, key=lambda name: classify(SOURCE, name)[1])
    alert, level = classify(SOURCE, label)
    if after.get("severity") == "detection":
        level = min(level + 1, 4)
    return [_event(after, kind, alert, level, label, body, received, {"severity": after.get("severity")})]


def _envelope(body: bytes) -> tuple[str, dict[str, Any]] | Rejection:
    try:
        data = json.loads(body)
    except ValueError as error:
        return Rejection("malformed_json", str(error)[:80])
    if not isinstance(data, dict) or data.get("type") not in ("new", "update", "end"):
        return Rejection("missing_field", "type")
    after = data.get("after")
    if not isinstance(after, dict) or not isinstance(after.get("camera"), str):
        return Rejection("missing_field", "after.camera")
    return data["type"], after


def _event(
    after: dict[str, Any],
    kind: str,
    alert: AlertType,
    level: int,
    label: str,
    raw: bytes,
    received: datetime | None,
    extra: dict[str, Any],
) -> Event:
    stamp: Any = after.get("end_time") if kind == "end" else after.get("start_time")
    try:
        moment = from_epoch(float(stamp))
    except (TypeError, ValueError, OverflowError, OSError):
        moment = received or datetime.now(SHANGHAI)
    zones = after.get("current_zones") or (after.get("data") or {}).get("zones") or []
    state = State.CLEARED if kind == "end" else State.ACTIVE
    return Event(
        SOURCE,
        DeviceKey("name", after["camera"]),
        alert,
        level,
        moment,
        state,
        label,
        raw=raw,
        detail=",".join(map(str, zones)),
        extra={"id": after.get("id"), **extra},
    )

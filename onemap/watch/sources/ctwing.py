"""China Telecom CTWing (天翼物联) subscription pushes: ``dataReport`` and online/offline reports.

Shape (product-level subscription, HTTP POST of JSON)::

    {"upPacketSN":-1,"upDataSN":-1,"topic":"v1/up/ad","timestamp":1609231209882,
     "tenantId":"10461180","serviceId":"","protocol":"lwm2m","productId":"15017088",
     "payload":{"gas_value":0,"gas_sensor_state":1,"valve_state":2,"battery_value":100},
     "messageType":"dataReport","deviceType":"","deviceId":"…","assocAssetId":"",
     "IMSI":"undefined","IMEI":"869162052818257"}

``payload`` is the object-model fields, or ``{"serviceId":…, "serviceData":{…}}``, or
``{"APPdata": base64}`` for pass-through products (decoded when it is JSON).  The platform
retries 3 times and cools a slow receiver down, so the listener answers 200 before parsing.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from typing import Any

from onemap.watch.event import SHANGHAI, DeviceKey, Event, State, from_epoch
from onemap.watch.mapping import classify
from onemap.watch.rejection import Rejection
from onemap.watch.sources import Parsed
from onemap.watch.sources.gas import gas_events

SOURCE = "ctwing"


def parse(body: bytes, received: datetime | None = None) -> Parsed:
    """The events of one CTWing push; other message types are accepted and yield none."""
    try:
        data = json.loads(body)
    except ValueError as error:
        return Rejection("malformed_json", str(error)[:80])
    if not isinstance(data, dict) or not isinstance(data.get("messageType"), str):
        return Rejection("missing_field", "messageType")
    keys = _keys(data)
    if keys is None:
        return Rejection("missing_field", "IMEI/deviceId")
    moment = _time(data.get("timestamp"), received)
    kind = data["messageType"]
    if kind == "deviceOnlineOfflineReport":
        offline = str(data.get("eventType", "")) == "0"
        alert, level = classify(SOURCE, kind)
        return [
            Event(
                SOURCE,
                keys[0],
                alert,
                level,
                moment,
                State.ACTIVE if offline else State.CLEARED,
                kind,
                raw=body,
                aliases=keys[1],
            )
        ]
    if kind in ("dataReport", "eventReport"):
        return gas_events(SOURCE, payload_fields(data.get("payload")), keys[0], keys[1], moment, body)
    return []


def payload_fields(payload: Any) -> dict[str, Any]:
    """The object-model fields of a payload in any of its three shapes."""
    if not isinstance(payload, dict):
        return {}
    if isinstance(payload.get("serviceData"), dict):
        return dict(payload["serviceData"])
    if isinstance(payload.get("APPdata"), str):
        try:
            decoded = json.loads(base64.b64decode(payload["APPdata"], validate=True))
        except (ValueError, binascii.Error):
            return {}
        return decoded if isinstance(decoded, dict) else {}
    return dict(payload)


def _keys(data: dict[str, Any]) -> tuple[DeviceKey, tuple[DeviceKey, ...]] | None:
    keys = []
    imei = str(data.get("IMEI") or "").strip()
    if imei and imei.lower() not in ("undefined", "null"):
        keys.append(DeviceKey("imei", imei))
    if device_id := str(data.get("deviceId") or "").strip():
        keys.append(DeviceKey("device_id", device_id))
    return (keys[0], tuple(keys[1:])) if keys else None


def _time(stamp: Any, received: datetime | None) -> datetime:
    try:
        return from_epoch(float(stamp) / 1000)
    except (TypeError, ValueError, OverflowError, OSError):
        return received or datetime.now(SHANGHAI)

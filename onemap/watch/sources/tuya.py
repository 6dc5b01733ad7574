"""Tuya-style gas detector data points (category ``rqbj``), as bridges put them on MQTT.

Shapes accepted: the device protocol's ``{"devId": …, "dps": {"1": "alarm", "2": 125}, "t": s}``,
the cloud's ``{"devId": …, "status": [{"code": "gas_sensor_status", "value": "alarm", "t": ms}]}``
and a flat ``{"gas_sensor_status": "alarm", …}``.  Data points supported, and why:

- DP 1 ``gas_sensor_status``: Tuya's standard status of a gas alarm, enum ``["alarm","normal"]``;
  on the wire an enum may be its index, so ``0`` is alarm and ``1`` normal (zigbee2mqtt reads the
  TS0601 gas sensors' DP 1 the same way).
- DP 2 ``gas_sensor_value``: the reading, scale 1 (tenths), shown as %LEL (zigbee2mqtt's unit).
- ``gas_sensor_state``: the legacy code, ``"1"`` alarm and ``"2"`` normal.
- ``fault_alarm``: zigbee2mqtt's name for the sensor's fault flag.
- zigbee2mqtt's own shape for Tuya TS0601 gas sensors, ``{"gas": true, "gas_value": 12.3}``
  (already %LEL, so not scaled), with the device named by the topic.

Anything else (ringtone, self-test, preheat, battery) is not an alert and is ignored.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from onemap.watch.event import SHANGHAI, Event, State, from_epoch, key_for_id
from onemap.watch.mapping import classify
from onemap.watch.rejection import Rejection
from onemap.watch.sources import Parsed

SOURCE = "tuya"
DP_CODES = {"1": "gas_sensor_status", "2": "gas_sensor_value"}
_FLAT = ("gas_sensor_status", "gas_sensor_state", "gas_sensor_value", "fault_alarm", "gas", "gas_value")
_ALARM = {"alarm": True, "normal": False, "0": True, "1": False, "true": True, "false": False}


def parse(body: bytes, device: str = "", received: datetime | None = None) -> Parsed:
    """The events of one data-point report; ``device`` (from the topic) when the body names none."""
    try:
        data = json.loads(body)
    except ValueError as error:
        return Rejection("malformed_json", str(error)[:80])
    if not isinstance(data, dict):
        return Rejection("missing_field", "dps")
    points = datapoints(data)
    name = str(data.get("devId") or data.get("deviceId") or device).strip()
    if not name:
        return Rejection("missing_field", "devId")
    status = data["status"] if isinstance(data.get("status"), list) else []
    stamps = [s.get("t") for s in status if isinstance(s, dict)]
    moment = _time(data.get("t", stamps[0] if stamps else None), received)  # the cloud times each status
    key = key_for_id(name)
    events = []
    tenths = "gas_sensor_value" in points  # Tuya's DP 2 counts tenths; zigbee2mqtt's gas_value is %LEL
    value = _reading(points.get("gas_sensor_value"), 10) if tenths else _reading(points.get("gas_value"), 1)
    alarm = _alarm(points)
    if alarm is not None or value is not None:
        kind, level = classify(SOURCE, "gas_sensor_status")
        state = State.HEARTBEAT if alarm is None else State.ACTIVE if alarm else State.CLEARED
        events.append(Event(SOURCE, key, kind, level, moment, state, "gas_sensor_status", value=value, raw=body))
    if points.get("fault_alarm") is True:
        kind, level = classify(SOURCE, "fault_alarm")
        events.append(Event(SOURCE, key, kind, level, moment, State.ACTIVE, "fault_alarm", raw=body))
    return events


def datapoints(data: dict[str, Any]) -> dict[str, Any]:
    """Code → value from any of the shapes (numeric DP ids translated by :data:`DP_CODES`)."""
    points: dict[str, Any] = {}
    if isinstance(data.get("dps"), dict):
        points |= {DP_CODES.get(str(k), str(k)): v for k, v in data["dps"].items()}
    if isinstance(data.get("status"), list):
        points |= {str(s["code"]): s.get("value") for s in data["status"] if isinstance(s, dict) and "code" in s}
    points |= {k: v for k, v in data.items() if k in _FLAT}
    return points


def _alarm(points: dict[str, Any]) -> bool | None:
    if "gas_sensor_status" in points:
        return _ALARM.get(str(points["gas_sensor_status"]).lower())
    if "gas_sensor_state" in points:
        return {"1": True, "2": False, "0": False}.get(str(points["gas_sensor_state"]))
    return points["gas"] if isinstance(points.get("gas"), bool) else None


def _reading(value: Any, scale: int) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) / scale


def _time(stamp: Any, received: datetime | None) -> datetime:
    try:
        seconds = float(stamp)
        return from_epoch(seconds / 1000 if seconds > 1e11 else seconds)  # the cloud sends ms, devices s
    except (TypeError, ValueError, OverflowError, OSError):
        return received or datetime.now(SHANGHAI)

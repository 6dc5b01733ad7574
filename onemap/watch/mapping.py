"""Each source's event code → OneMap's alert type and default level, as data.

The README's table ("Live watch: payload formats and the type mapping") is generated from
:data:`RULES` by :func:`markdown_table`, and a test checks the two are the same, so the README
cannot drift from what the parsers do.  A code no row knows becomes ``other`` at level 4: the
event is kept (counted, shown), never dropped for being new.  Levels: 1 is the most severe.
"""

from __future__ import annotations

from dataclasses import dataclass

from onemap.watch.event import TYPE_NAMES, AlertType

T = AlertType


@dataclass(frozen=True)
class Rule:
    """One row: ``source``'s ``code`` is OneMap's ``type`` at ``level``; ``note`` says why."""

    source: str
    code: str
    type: AlertType
    level: int
    note: str = ""


RULES: tuple[Rule, ...] = (
    # Hikvision ISAPI eventType (push and alertStream); ``duration`` is unwrapped to its relationEvent.
    Rule("hikvision", "fireDetection", T.SMOKE_FIRE, 1, "thermal fire detection"),
    Rule("hikvision", "smokeDetection", T.SMOKE_FIRE, 1, "smoke AI firmware (vendor-specific code)"),
    Rule("hikvision", "fielddetection", T.INTRUSION, 2, "区域入侵 intrusion region"),
    Rule("hikvision", "regionEntrance", T.INTRUSION, 2, "entering a region"),
    Rule("hikvision", "linedetection", T.INTRUSION, 2, "line crossing (tripwire)"),
    Rule("hikvision", "parking", T.ILLEGAL_PARKING, 3, "违停: parking in a no-parking region"),
    Rule("hikvision", "videoloss", T.DEVICE_OFFLINE, 3, "active only; `inactive` is the stream's heartbeat"),
    Rule("hikvision", "shelteralarm", T.DEVICE_FAULT, 3, "video tampering (lens covered)"),
    Rule("hikvision", "nicbroken", T.DEVICE_OFFLINE, 3, "network cable unplugged"),
    Rule("hikvision", "diskfull", T.DEVICE_FAULT, 4, "recorder disk full"),
    Rule("hikvision", "diskerror", T.DEVICE_FAULT, 4, "recorder disk error"),
    Rule("hikvision", "VMD", T.OTHER, 4, "plain motion: too noisy to dispatch"),
    # Dahua eventManager Code (attach stream); Start → active, Stop → cleared, Pulse → active.
    Rule("dahua", "FireWarning", T.SMOKE_FIRE, 1, "thermal fire warning"),
    Rule("dahua", "CrossRegionDetection", T.INTRUSION, 2, "intrusion region"),
    Rule("dahua", "CrossLineDetection", T.INTRUSION, 2, "tripwire"),
    Rule("dahua", "ParkingDetection", T.ILLEGAL_PARKING, 3, "illegal parking"),
    Rule("dahua", "LeaveDetection", T.ABSENT_POST, 3, "IVS 离岗检测 (behaviour-analysis firmware)"),
    Rule("dahua", "VideoLoss", T.DEVICE_OFFLINE, 3, "channel lost its video"),
    Rule("dahua", "VideoBlind", T.DEVICE_FAULT, 3, "lens covered"),
    Rule("dahua", "StorageFailure", T.DEVICE_FAULT, 4, "recorder storage failure"),
    Rule("dahua", "VideoMotion", T.OTHER, 4, "plain motion"),
    # Frigate object label (frigate/events; frigate/reviews uses the worst of data.objects).
    Rule("frigate", "fire", T.SMOKE_FIRE, 1, "custom / Frigate+ model label"),
    Rule("frigate", "smoke", T.SMOKE_FIRE, 1, "custom / Frigate+ model label"),
    Rule("frigate", "person", T.INTRUSION, 2, "a person in a watched zone"),
    Rule("frigate", "car", T.ILLEGAL_PARKING, 3, "a vehicle in a fire-lane zone"),
    Rule("frigate", "truck", T.ILLEGAL_PARKING, 3, ""),
    Rule("frigate", "motorcycle", T.ILLEGAL_PARKING, 3, ""),
    Rule("frigate", "bus", T.ILLEGAL_PARKING, 3, ""),
    # Gas detectors through carrier platforms and Tuya-style data points.
    Rule("ctwing", "gas_sensor_state", T.GAS_LEAK, 1, "1 = alarm (active); 0 or 2 = normal (clears)"),
    Rule("ctwing", "deviceOnlineOfflineReport", T.DEVICE_OFFLINE, 3, "eventType 0 = offline; 1 = online (clears)"),
    Rule("onenet", "gas_sensor_state", T.GAS_LEAK, 1, "datapoint ds_id; 1 = alarm, 0 or 2 = normal"),
    Rule("onenet", "type=2", T.DEVICE_OFFLINE, 3, "status 0 = offline; 1 = online (clears)"),
    Rule("tuya", "gas_sensor_status", T.GAS_LEAK, 1, "DP 1: `alarm` / `normal`"),
    Rule("tuya", "gas_sensor_state", T.GAS_LEAK, 1, "legacy code: `1` alarm, `2` normal"),
    Rule("tuya", "fault_alarm", T.DEVICE_FAULT, 4, "zigbee2mqtt's name for the fault flag: true = fault"),
)
# OneMap's own JSON names the type itself; its rows say so, one per type.
RULES += tuple(Rule("onemap", str(t), t, 0, "level from the message") for t in AlertType)

_INDEX = {(rule.source, rule.code.lower()): rule for rule in RULES}


def classify(source: str, code: str) -> tuple[AlertType, int]:
    """OneMap's type and default level for ``source``'s ``code`` (case-insensitive); else other, 4."""
    rule = _INDEX.get((source, code.strip().lower()))
    return (rule.type, rule.level) if rule is not None else (AlertType.OTHER, 4)


def markdown_table() -> str:
    """The README's table of :data:`RULES`, one Markdown row per rule."""
    lines = ["| source | code | OneMap type | level | note |", "| --- | --- | --- | --- | --- |"]
    for rule in RULES:
        zh, _en = TYPE_NAMES[rule.type]
        level = str(rule.level) if rule.level else "as sent"
        lines.append(f"| {rule.source} | `{rule.code}` | `{rule.type}` {zh} | {level} | {rule.note} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # python -m onemap.watch.mapping: the README's table, to paste
    print(markdown_table(), end="")

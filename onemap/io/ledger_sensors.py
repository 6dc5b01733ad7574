"""A ledger row's sensors: 燃气探测器 / 传感器IMEI / 设备编号 cells, their kind and alarm set points.

A device column names one sensor per item (several items in one cell are separated by
、 ， ； ; , | or line breaks, as camera columns are): an IMEI column (传感器IMEI, IMEI) its
IMEIs, a device-ID column (设备编号, 设备ID) the IoT platform's IDs, and a 燃气探测器 / 传感器
column either (15 digits make an IMEI).  IMEIs and IDs in parallel columns with as many
items each are the same devices, in order.  The kind (传感器类型) and the low and high
alarm set points (低报 / 高报, %LEL) hold one value for every sensor of the row, or one per
sensor in the same order.  Problems — a bad IMEI check digit, a set point out of range, a
device named twice — are reported by row and column and never cost the row: the sensor is
kept (an IMEI as written) so the clerk can correct it, except a repeat of the same device.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from onemap.io import cells
from onemap.io.report import ImportReport
from onemap.model import Sensor
from onemap.watch.sensor_checks import GAS_DETECTOR, imei_problem, threshold_problems

#: sensor column targets -> header variants (compared after ``columns.normalise``); the GeoJSON
#: export's names and their 10-character shapefile cuts (``ogr2ogr`` of that export) included
SENSOR_ALIASES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("sensors", "any"): ("燃气探测器", "传感器", "燃气报警器", "可燃气体探测器", "燃气传感器", "sensors"),
    ("sensors", "imei"): ("传感器imei", "探测器imei", "imei", "imei号", "sensor_imeis", "sensor_ime"),
    ("sensors", "device_id"): (
        "设备编号",
        "设备id",
        "传感器编号",
        "探测器编号",
        "传感器id",
        "sensor_device_ids",
        "sensor_dev",
    ),
    ("sensors", "kind"): ("传感器类型", "探测器类型", "sensor_kinds", "sensor_kin"),
    ("sensors", "low"): ("低报", "低报值", "低报阈值", "低报(%lel)", "低报阈值(%lel)", "sensor_low_lel", "sensor_low"),
    ("sensors", "high"): (
        "高报",
        "高报值",
        "高报阈值",
        "高报(%lel)",
        "高报阈值(%lel)",
        "sensor_high_lel",
        "sensor_hig",
    ),
}
#: the column kinds that name devices (the others describe them)
DEVICE_PARTS = ("any", "imei", "device_id")
#: one item per separator, blanks kept in place, so parallel columns stay aligned
_ITEMS = re.compile(r"\s*(?:[；;、，,|\n]|\r\n?)\s*")
_BLANK_ITEMS = frozenset({"", "-", "—", "/", "无", "暂无"})
_DIGITS = re.compile(r"^\d{15}$")
_LEL = re.compile(r"\s*(%\s*lel|％\s*lel|%|％|lel)\s*$", re.IGNORECASE)


@dataclass
class RowSensors:
    """The sensor cells of one ledger row, gathered cell by cell, turned into sensors by :func:`finish`."""

    imeis: list[str | None] = field(default_factory=list)
    ids: list[str | None] = field(default_factory=list)
    either: list[tuple[str, str]] = field(default_factory=list)  # (header, item)
    described: dict[str, tuple[str, list[Any]]] = field(default_factory=dict)  # part -> (header, items)
    headers: dict[str, str] = field(default_factory=dict)  # part -> header
    gas: bool = False


def items(raw: Any) -> list[str | None]:
    """A cell's items in order, ``None`` for a blank one between separators; ``[]`` for a blank cell."""
    if cells.blank(raw):
        return []
    text = cells.original_text(raw) or ""
    found = [part.strip() for part in _ITEMS.split(text.strip())]
    return [None if part in _BLANK_ITEMS else part for part in found]


def add_cell(found: RowSensors, header: str, part: str, raw: Any) -> None:
    """Remember one sensor cell (``part``: any, imei, device_id, kind, low, high)."""
    found.headers.setdefault(part, header)
    if part == "any":
        found.gas = found.gas or "燃气" in header
        found.either += [(header, item) for item in items(raw) if item]
    elif part == "imei":
        found.imeis += items(raw)
    elif part == "device_id":
        found.ids += items(raw)
    else:
        found.described[part] = (header, items(raw))


def finish(found: RowSensors, row: int, report: ImportReport) -> list[Sensor]:
    """The row's sensors, each checked; problems reported against ``row``."""
    pairs = _devices(found)
    sensors: list[Sensor] = []
    seen: set[str] = set()
    for imei, device_id in pairs:
        keys = {k for k in (imei, device_id) if k}
        if keys & seen:
            report.warn(
                row,
                found.headers.get("imei") or found.headers.get("any") or found.headers.get("device_id"),
                f"传感器「{imei or device_id}」在本行出现了两次，只导入一次",
                f"sensor {imei or device_id!r} is listed twice in this row; imported once",
            )
            continue
        seen |= keys
        sensors.append(Sensor("", device_id=device_id, imei=imei, kind=GAS_DETECTOR if found.gas else None))
    for sensor in sensors:
        _check_imei(sensor, row, found.headers.get("imei") or found.headers.get("any") or "IMEI", report)
    _describe(found, sensors, row, report)
    return sensors


def _devices(found: RowSensors) -> list[tuple[str | None, str | None]]:
    """``(imei, device_id)`` of each device the row names, parallel columns paired in order."""
    imeis: list[str | None] = [*found.imeis, *(i for _h, i in found.either if _DIGITS.match(i))]
    ids: list[str | None] = [*found.ids, *(i for _h, i in found.either if not _DIGITS.match(i))]
    if imeis and ids and len(imeis) == len(ids):
        return [(i, d) for i, d in zip(imeis, ids, strict=True) if i or d]
    return [(i, None) for i in imeis if i] + [(None, d) for d in ids if d]


def _check_imei(sensor: Sensor, row: int, header: str, report: ImportReport) -> None:
    problem = imei_problem(sensor.imei)
    if problem is not None:
        report.warn(row, header, f"{problem}（仍导入，请核对）", f"{problem.en} (imported anyway; please check)")


def _describe(found: RowSensors, sensors: list[Sensor], row: int, report: ImportReport) -> None:
    """Kind and set points: one value for all the row's sensors, or one each in order."""
    for part, (header, values) in found.described.items():
        present = [v for v in values if v is not None]
        if not present:
            continue
        if not sensors:
            report.warn(
                row, header, "本行没有传感器 IMEI 或设备编号，此列未导入", "no sensor in this row; not imported"
            )
            continue
        if len(values) == 1:
            values = values * len(sensors)
        elif len(values) != len(sensors):
            report.warn(
                row,
                header,
                f"有 {len(values)} 个值，但本行有 {len(sensors)} 个传感器，对不上（未导入）",
                f"{len(values)} values for {len(sensors)} sensors in this row (not imported)",
            )
            continue
        for sensor, value in zip(sensors, values, strict=True):
            if part == "kind":
                sensor.kind = value or sensor.kind
            else:
                setattr(sensor, f"{part}_lel", _set_point(value, row, header, report))
    for sensor in sensors:
        for severity, said in threshold_problems(sensor.low_lel, sensor.high_lel):
            header = found.headers.get("low") or found.headers.get("high") or ""
            if severity == "error" and not (sensor.low_lel is not None and sensor.high_lel is not None):
                continue  # out of range was already reported and left blank
            report.warn(row, header, f"传感器「{sensor.imei or sensor.device_id}」{said}", f"sensor: {said.en}")


def _set_point(value: Any, row: int, header: str, report: ImportReport) -> float | None:
    """A set point in %LEL (``20``, ``20%``, ``20%LEL``); out of 0–100 is reported and left blank."""
    if value is None:
        return None
    text = _LEL.sub("", str(value))
    number = cells.parse_float(text).value
    if number is None or not 0 <= number <= 100:
        report.warn(
            row,
            header,
            f"报警值「{str(value)[:20]}」不是 0–100 之间的 %LEL 数值（已留空）",
            f"alarm set point {str(value)[:20]!r} is not a number within 0–100 %LEL (left blank)",
        )
        return None
    return float(number)

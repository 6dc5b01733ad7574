"""``onemap validate`` on the sensors: devices the collector could not place, or would misplace.

A sensor is found by its IMEI or its platform device ID (:meth:`SensorStore.sensor_by_id`),
so an IMEI that fails its check digit, a device with neither, one whose estate is gone (a
program that wrote with foreign keys off) and a device registered twice are what a clerk
must fix; set points outside 0–100 %LEL or with the low above the high are errors too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onemap.watch.sensor_checks import imei_problem, threshold_problems

if TYPE_CHECKING:
    from onemap.store.check import Finding
    from onemap.store.inventory import Inventory


def sensor_findings(inventory: Inventory, limit: int = 500) -> list[Finding]:
    """Findings about the ``sensors`` table (none for a file from before the live watch)."""
    from onemap.store.check import Finding

    if not inventory.has_sensors_table():
        return []
    conn = inventory._conn
    found: list[Finding] = []
    rows = conn.execute(
        "SELECT s.fid, s.estate_code, e.code IS NULL, s.imei, s.device_id, s.low_lel, s.high_lel "
        "FROM sensors s LEFT JOIN estates e ON e.code = s.estate_code ORDER BY s.fid"
    )
    for fid, code, orphan, imei, device_id, low, high in rows:
        where = f"{code}/{fid}"
        device = imei or device_id or f"#{fid}"
        if orphan:
            found.append(
                Finding(
                    "error",
                    where,
                    f"传感器 {device} 所属的小区 {code} 不在清单中，其告警无法定位。",
                    f"Sensor {device} belongs to estate {code}, which is not in the inventory; "
                    "its alerts cannot be placed.",
                )
            )
        if not imei and not device_id:
            found.append(
                Finding(
                    "warning",
                    where,
                    "该传感器既没有 IMEI 也没有设备编号，收不到它的告警。",
                    "This sensor has neither an IMEI nor a device ID; its alerts cannot be received.",
                )
            )
        said = imei_problem(imei if isinstance(imei, str) else None if imei is None else str(imei))
        if said is not None:
            found.append(Finding("error", where, f"传感器 {said}。", f"Sensor: {said.en}."))
        for severity, text in threshold_problems(_number(low), _number(high)):
            found.append(Finding(severity, where, f"传感器 {device}：{text}。", f"Sensor {device}: {text.en}."))
        if len(found) >= limit:
            return found[:limit]
    return found + _shared(inventory)


def _shared(inventory: Inventory) -> list[Finding]:
    """One error per IMEI or device ID that more than one sensor row holds."""
    from onemap.store.check import Finding

    found = []
    for column, zh in (("imei", "IMEI"), ("device_id", "设备编号")):
        rows = inventory._conn.execute(
            f"SELECT {column}, group_concat(DISTINCT estate_code), count(*) FROM sensors "
            f"WHERE {column} IS NOT NULL AND {column} != '' GROUP BY {column} HAVING count(*) > 1 ORDER BY {column}"
        )
        for value, codes, count in rows:
            found.append(
                Finding(
                    "error",
                    "sensors",
                    f"{zh} {value} 登记了 {count} 次（小区 {codes}），告警无法确定属于哪一个。",
                    f"{column} {value} is registered {count} times (estates {codes}); its alerts cannot be placed.",
                )
            )
    return found


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None

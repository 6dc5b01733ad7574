"""A sensor sheet: one row per device, its estate named by 小区编号 or 小区名称 (and 镇街).

A sheet (or CSV file) whose name says 传感器, 探测器, 报警器 or sensor and whose only
columns name an estate (小区编号, 小区名称, 所在镇(街道), 社区), a place
(经度/纬度, 位置) and sensors (IMEI, 设备编号, 类型, 低报, 高报 …) is a sensor sheet, not an
estate ledger: it adds no estate.  Each estate it names gets exactly the sheet's devices
(:meth:`~onemap.store.sensors.SensorStore.replace_sensors`: the same device keeps its row, a
re-import changes nothing); estates it does not name keep theirs.  A row whose estate the
inventory lacks is skipped and reported; the device's problems are reported as in a ledger.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from onemap.io import cells
from onemap.io.columns import ColumnMap
from onemap.io.ledger_sensors import DEVICE_PARTS, RowSensors, add_cell, finish
from onemap.io.ledger_table import SourceRow
from onemap.io.report import ImportReport
from onemap.model import Sensor
from onemap.validation import CHINA_BBOX_4490

if TYPE_CHECKING:
    from onemap.store import Inventory

#: estate columns a sensor sheet may have: they name the estate (or, 类型 and 位置, the device)
_NAMING = {"code", "name", "township", "community", "kind", "address"}
#: words in a sheet's or file's name that make a table of the right columns a sensor sheet
_SHEET_WORDS = ("传感器", "探测器", "报警器", "sensor")
#: unknown headers that name the device itself
_DEVICE_NAMES = ("设备名称", "传感器名称", "探测器名称", "安装位置", "安装地点")


def is_sensor_sheet(mapping: ColumnMap, name: str) -> bool:
    """Whether a table is a sensor sheet: named so (``name``: its sheet's, else its file's), with
    device columns, an estate's code or name, and nothing else of an estate."""
    if not any(word in name.lower() for word in _SHEET_WORDS):
        return False  # a short estate ledger (名称, 坐标, 燃气探测器) has the same columns
    targets = set(mapping.targets.values())
    devices = any(t[0] == "sensors" and t[1] in DEVICE_PARTS for t in targets)
    names_estate = ("estate", "code") in targets or ("estate", "name") in targets
    others = [t for t in targets if t[0] not in ("sensors", "coord") and not (t[0] == "estate" and t[1] in _NAMING)]
    return devices and names_estate and not others


@dataclass
class SheetSensors:
    """The sheet's sensors so far, by estate code, with the row each came from."""

    by_code: dict[str, list[tuple[int, Sensor]]] = field(default_factory=dict)


def write_sensor_sheet(
    inventory: Inventory, rows: list[SourceRow], mapping: ColumnMap, report: ImportReport
) -> SheetSensors:
    """Read every row and write each named estate's sensors (inside the caller's transaction)."""
    finder = _EstateFinder(inventory)
    found = SheetSensors()
    report.unknown_columns = [h for h in report.unknown_columns if not h.strip().startswith(_DEVICE_NAMES)]
    for source in rows:
        if source.skip is not None:
            continue
        _read_row(source, mapping, finder, found, report)
    for code, pairs in found.by_code.items():
        sensors = _once_each(pairs, report)
        (report.updated if inventory.replace_sensors(code, sensors) else report.unchanged).append(code)
    for code, pairs in found.by_code.items():
        for row, sensor in pairs:
            others = inventory.sensor_owners(sensor.imei, sensor.device_id) - {code}
            if others:
                device = sensor.imei or sensor.device_id
                report.warn(
                    row,
                    None,
                    f"传感器「{device}」也登记在小区 {'、'.join(sorted(others)[:3])} 下，请核对",
                    f"sensor {device!r} is also registered to estate {', '.join(sorted(others)[:3])}; please check",
                )
    return found


def _read_row(
    source: SourceRow, mapping: ColumnMap, finder: _EstateFinder, found: SheetSensors, report: ImportReport
) -> None:
    gathered, naming, place, label = RowSensors(), {}, {}, None
    for header, raw in source.cells.items():
        target = mapping.targets.get(header)
        if target is None:
            if header.strip().startswith(_DEVICE_NAMES) and not cells.blank(raw):
                label = cells.original_text(raw)
        elif target[0] == "sensors":
            add_cell(gathered, header, target[1], raw)
        elif target == ("estate", "kind"):  # 类型: the device's kind in a sensor sheet
            add_cell(gathered, header, "kind", raw)
        elif target == ("estate", "address"):
            label = label or cells.original_text(raw)
        elif target[0] == "estate" and not cells.blank(raw):
            naming[target[1]] = (cells.original_text(raw) or "").strip()
        elif target[0] == "coord" and not cells.blank(raw):
            place[target[1]] = raw
    sensors = finish(gathered, source.number, report)
    if not sensors:
        if naming:
            report.skip(source.number, "没有 IMEI 或设备编号，不导入", "no IMEI or device ID; not imported")
        return
    code = finder.code_of(naming)
    if code is None:
        what = naming.get("code") or naming.get("name") or ""
        report.skip(
            source.number,
            f"清单中找不到小区「{what}」，本行传感器未导入（请先导入小区台账）",
            f"no estate {what!r} in the inventory; this row's sensors were not imported (import the estates first)",
        )
        return
    location = _location(place, source.number, report)
    for sensor in sensors:
        sensor.estate_code, sensor.name, sensor.location = code, label, location
        found.by_code.setdefault(code, []).append((source.number, sensor))


def _once_each(pairs: list[tuple[int, Sensor]], report: ImportReport) -> list[Sensor]:
    """An estate's sensors, a device listed on two rows kept once (the first) and reported."""
    kept: list[Sensor] = []
    seen: dict[str, int] = {}
    for row, sensor in pairs:
        keys = [k for k in (sensor.imei, sensor.device_id) if k]
        first = next((seen[k] for k in keys if k in seen), None)
        if first is not None:
            device = sensor.imei or sensor.device_id
            report.warn(
                row,
                None,
                f"传感器「{device}」与第 {first} 行重复，只导入一次",
                f"sensor {device!r} repeats row {first}",
            )
            continue
        seen.update(dict.fromkeys(keys, row))
        kept.append(sensor)
    return kept


def _location(place: dict[str, Any], row: int, report: ImportReport) -> tuple[float, float] | None:
    """The device's 经度/纬度 (CGCS2000/WGS84 degrees), or None; a point outside China is reported."""
    lon, lat = (cells.parse_float(place.get(k)).value if k in place else None for k in ("lon", "lat"))
    if lon is None or lat is None:
        return None
    west, south, east, north = CHINA_BBOX_4490
    if not (west <= lon <= east and south <= lat <= north):
        report.warn(
            row,
            "经度",
            f"传感器位置 {lon:g}, {lat:g} 不在中国范围内（已留空，告警将标在小区位置）",
            f"sensor position {lon:g}, {lat:g} is outside China (left blank; alerts go to the estate's point)",
        )
        return None
    return (float(lon), float(lat))


class _EstateFinder:
    """The estate a row names: by code, else by name and township, else by a name only one estate has."""

    def __init__(self, inventory: Inventory) -> None:
        rows = inventory.estate_columns(("code", "name", "township"))
        self.codes = {r[0] for r in rows}
        self.by_place = {(r[1], r[2] or ""): r[0] for r in rows}
        self.by_name: dict[str, str | None] = {}
        for code, name, _township in rows:
            self.by_name[name] = None if name in self.by_name else code  # None: two estates share it

    def code_of(self, naming: dict[str, str]) -> str | None:
        code, name = naming.get("code"), naming.get("name")
        if code and code in self.codes:
            return code
        if not name:
            return None
        return self.by_place.get((name, naming.get("township", ""))) or self.by_name.get(name)

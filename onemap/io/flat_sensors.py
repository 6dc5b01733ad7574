"""An estate's sensors as ledger cells: parallel columns, one item per sensor, ``-`` for a blank.

The headers are the importer's own (:data:`onemap.io.ledger_sensors.SENSOR_ALIASES`), so a
CSV or XLSX export imports back to the same sensors and a re-import changes nothing.  The
GeoJSON export carries the same lists under their English names (``sensor_imeis`` …).
"""

from __future__ import annotations

from typing import Any

from onemap.model import Estate, Sensor

#: (Chinese header, English property, Sensor attribute), in column order
SENSOR_CELLS = (
    ("传感器IMEI", "sensor_imeis", "imei"),
    ("设备编号", "sensor_device_ids", "device_id"),
    ("传感器类型", "sensor_kinds", "kind"),
    ("低报(%LEL)", "sensor_low_lel", "low_lel"),
    ("高报(%LEL)", "sensor_high_lel", "high_lel"),
)
#: a blank item between separators: the importer reads it as "none" and keeps the columns aligned
BLANK_ITEM = "-"


def sensor_headers(estates: list[Estate]) -> list[str]:
    """The sensor columns, when any of these estates has a sensor (else none: old ledgers stay as they were)."""
    return [zh for zh, _en, _attr in SENSOR_CELLS] if any(e.sensors for e in estates) else []


def sensor_cells(sensors: list[Sensor], english: bool = False) -> dict[str, Any]:
    """Header (Chinese, or the English property name) -> the ``；``-joined items of each column."""
    cells: dict[str, Any] = {}
    for zh, en, attr in SENSOR_CELLS:
        values = [getattr(s, attr) for s in sensors]
        key = en if english else zh
        cells[key] = None if all(v is None for v in values) else "；".join(_item(v) for v in values)
    return cells


def _item(value: Any) -> str:
    if value is None:
        return BLANK_ITEM
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)

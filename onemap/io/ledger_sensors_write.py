"""A batch's sensors into the inventory: re-imports update them in place, shared devices are named.

New estates bring their sensors in with them (sensors are one of the estate's child lists,
loaded by :func:`onemap.store.ledger_load.load_new_estates`).  An estate the ledger updates
gets :meth:`~onemap.store.sensors.SensorStore.replace_sensors`: the same device (IMEI, else
device ID) keeps its row, so alerts still point at it and nothing is duplicated.  A device
another estate also holds is a ledger error the collector could not resolve: it is
reported, and ``onemap validate`` keeps reporting it until it is fixed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onemap.io.report import ImportReport
from onemap.model import Estate

if TYPE_CHECKING:
    from onemap.io.ledger_rows import Draft
    from onemap.store import Inventory


def update_sensors(inventory: Inventory, code: str, estate: Estate, draft: Draft) -> bool:
    """Make estate ``code``'s sensors the row's, when the ledger has sensor columns; True if any changed."""
    if "sensors" not in draft.has_children:
        return False
    for sensor in estate.sensors:
        sensor.estate_code = code
    return inventory.replace_sensors(code, estate.sensors) > 0


def warn_shared_sensors(inventory: Inventory, batch: list[Draft], report: ImportReport) -> None:
    """Report each written sensor whose IMEI or device ID another estate also holds."""
    skipped = {issue.row for issue in report.skipped}
    for draft in batch:
        if draft.row in skipped:
            continue
        for sensor in draft.sensors:
            if not sensor.estate_code:
                continue
            others = inventory.sensor_owners(sensor.imei, sensor.device_id) - {sensor.estate_code}
            if others:
                names = "、".join(sorted(others)[:3])
                device = sensor.imei or sensor.device_id
                report.warn(
                    draft.row,
                    "IMEI" if sensor.imei else "设备编号",
                    f"传感器「{device}」也登记在小区 {names} 下，告警将无法确定属于哪个小区，请核对",
                    f"sensor {device!r} is also registered to estate {names}; its alerts cannot be placed. "
                    "Please check",
                )

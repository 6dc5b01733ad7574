"""Which camera or sensor sent an event: the collector's device lookups, remembered for a minute.

An event names its device by a key (:class:`~onemap.watch.event.DeviceKey`): a camera's
GB/T 28181 ID or its IP and channel, a sensor's platform device ID or IMEI, and any aliases
the source gave.  :class:`DeviceFinder` tries the event's own key, then its aliases, through the
store's read methods.  A flood asks about one device hundreds of times a second, so each
answer -- found or not -- is trusted for :data:`LOOKUP_TTL_S`; an unknown device is counted
per key and logged once.  Qt-free; SQL stays in the store.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from typing import TYPE_CHECKING

from onemap.watch.event import DeviceKey, Event

if TYPE_CHECKING:
    from onemap.store import Inventory
    from onemap.store.sensors import Device

log = logging.getLogger("onemap.watch.alerts")

#: how long a device lookup (found or not) is trusted before the inventory is asked again
LOOKUP_TTL_S = 60.0
#: past this many remembered lookups the memory is emptied (a scan of made-up IDs must not fill it)
_REMEMBERED = 50_000


class DeviceFinder:
    """Finds the device of an event in one open inventory.

    Attributes
    ----------
    unknown_devices : Counter
        Events from devices the inventory does not know, by device key (``imei:8612…``).
    """

    def __init__(self, inventory: Inventory) -> None:
        self.inventory = inventory
        self.unknown_devices: Counter[str] = Counter()
        self._found: dict[DeviceKey, tuple[float, Device | None]] = {}

    def device_of(self, event: Event) -> Device | None:
        """The camera or sensor that sent ``event`` (its own key first, then its aliases), or None."""
        for key in (event.device, *event.aliases):
            device = self._lookup(key)
            if device is not None:
                return device
        return None

    def unknown(self, event: Event) -> None:
        """Count an event from a device the inventory does not know; log the device once, not once per event."""
        if self.unknown_devices[str(event.device)] == 0:
            log.warning("event from a device not in the inventory: %s (%s, %s)", event.device, event.source, event.type)
        self.unknown_devices[str(event.device)] += 1

    def _lookup(self, key: DeviceKey) -> Device | None:
        now = time.monotonic()
        cached = self._found.get(key)
        if cached is not None and now - cached[0] < LOOKUP_TTL_S:
            return cached[1]
        inventory = self.inventory
        device: Device | None = None
        if key.kind == "gb28181":
            device = inventory.camera_by_gb_id(key.value)
        elif key.kind == "ip":
            device = inventory.camera_by_ip(key.value, key.channel)
        elif key.kind == "imei":
            device = inventory.sensor_by_id(imei=key.value)
        elif key.kind == "device_id":
            device = inventory.sensor_by_id(device_id=key.value) or inventory.camera_by_gb_id(key.value)
        if len(self._found) > _REMEMBERED:
            self._found.clear()
        self._found[key] = (now, device)
        return device

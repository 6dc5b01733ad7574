"""Gas detector fields shared by the carrier platforms: ``gas_sensor_state`` and ``gas_value``.

The device's own alarm flag decides (DOMAIN.md: trust it; %LEL is for trends): ``1`` is alarm,
``0`` or ``2`` normal (``2`` = "alarm cleared" on some models).  A report with a value but no
flag is a heartbeat that carries the reading.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from onemap.watch.event import AlertType, DeviceKey, Event, State
from onemap.watch.mapping import classify

VALUE_FIELDS = ("gas_value", "gas_sensor_value", "concentration")


def gas_events(
    source: str,
    fields: Mapping[str, Any],
    device: DeviceKey,
    aliases: tuple[DeviceKey, ...],
    moment: datetime,
    raw: bytes,
) -> list[Event]:
    """The event a gas report stands for, or none when it carries neither flag nor value."""
    value = next((_number(fields[k]) for k in VALUE_FIELDS if k in fields), None)
    flag = str(fields.get("gas_sensor_state", "")).strip()
    if not flag and value is None:
        return []
    kind, level = classify(source, "gas_sensor_state")
    state = {"1": State.ACTIVE, "0": State.CLEARED, "2": State.CLEARED}.get(flag, State.HEARTBEAT)
    if kind is not AlertType.GAS_LEAK:  # the table says otherwise: follow it
        state = State.HEARTBEAT
    return [
        Event(
            source,
            device,
            kind,
            level,
            moment,
            state,
            f"gas_sensor_state={flag}" if flag else "gas_value",
            value=value,
            raw=raw,
            aliases=aliases,
        )
    ]


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number and abs(number) != float("inf") else None

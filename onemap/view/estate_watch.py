"""An estate's sensors and recent alerts as lines of text, for the details dock (and any other reader).

Times are Beijing time (China keeps one), levels carry China's warning colours
(:data:`onemap.style.ALERT_LEVEL_STYLES`), types and statuses their words in ``lang``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from onemap.model import Sensor
from onemap.store.alerts import AlertRow
from onemap.style import ALERT_LEVEL_STYLES
from onemap.watch.cycle import SENSOR_STATUSES, status_label
from onemap.watch.dispatch.labels import type_label
from onemap.watch.event import SHANGHAI

#: how far back the details dock looks
ALERT_DAYS = 30
#: the most alerts listed (a flood is folded already; more would only lengthen the dock)
ALERT_ROWS = 20

Line = tuple[str, ...]


def since_text(now: datetime | None = None, days: int = ALERT_DAYS) -> str:
    """The UTC text ``days`` before ``now``, as alerts store their times (``…Z``)."""
    moment = (now or datetime.now(UTC)) - timedelta(days=days)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def alert_line(alert: AlertRow, lang: str) -> Line:
    """``(level, colour, time, type, count, status)`` of one alert as the dock shows it."""
    style = ALERT_LEVEL_STYLES.get(alert.level)
    when = datetime.fromisoformat(alert.last_time.replace("Z", "+00:00")).astimezone(SHANGHAI)
    level = (style.zh if lang == "zh" else style.en) if style else str(alert.level)
    count = (f"{alert.count} 次" if lang == "zh" else f"×{alert.count}") if alert.count > 1 else ""
    colour = style.color if style else "#777777"
    return (
        level,
        colour,
        when.strftime("%m-%d %H:%M"),
        type_label(alert.type, lang),
        count,
        status_label(alert.status, lang),
    )


def sensor_line(sensor: Sensor, lang: str) -> Line:
    """``(name, identity, set points, status)`` of one sensor as the dock shows it."""
    name = sensor.name or sensor.kind or ("传感器" if lang == "zh" else "sensor")
    identity = f"IMEI {sensor.imei}" if sensor.imei else (sensor.device_id or "")
    points = ""
    if sensor.low_lel is not None or sensor.high_lel is not None:
        low = "–" if sensor.low_lel is None else f"{sensor.low_lel:g}"
        high = "–" if sensor.high_lel is None else f"{sensor.high_lel:g}"
        points = f"{low}/{high} %LEL"
    zh, en = SENSOR_STATUSES.get(sensor.status or "", (sensor.status or "", sensor.status or ""))
    return (name, identity, points, zh if lang == "zh" else en)

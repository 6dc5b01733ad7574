"""The tooltips of the live watch's marks: what the alert or device is, in the interface's language.

Only names, codes, kinds, states and times: never a link (a camera link may have held a login),
and every free text passes :func:`~onemap.cameras.strip_secrets` once more on its way out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

from onemap.cameras import strip_secrets
from onemap.gui.i18n import tr
from onemap.gui.i18n.language import ui_language
from onemap.gui.watch.symbols import BADGE_PX, DEVICE_PX
from onemap.view.watch_marks import CAMERA_STATES, SENSOR_STATES, MarkColumns
from onemap.watch.cycle import SENSOR_STATUSES, status_label
from onemap.watch.event import SHANGHAI, TYPE_NAMES, AlertType, parse_time

if TYPE_CHECKING:
    from onemap.gui.watch.marks import WatchMarkLayers

_CAMERA_WORDS = {
    "unknown": QT_TRANSLATE_NOOP("", "未检测"),
    "online": QT_TRANSLATE_NOOP("", "在线"),
    "offline": QT_TRANSLATE_NOOP("", "离线"),
    "alerting": QT_TRANSLATE_NOOP("", "告警中"),
}
_SENSOR_WORDS = {
    "normal": QT_TRANSLATE_NOOP("", "正常"),
    "alarming": QT_TRANSLATE_NOOP("", "报警中"),
    "offline": QT_TRANSLATE_NOOP("", "离线或故障"),
}


def _clean(value: object) -> str:
    return strip_secrets(str(value)) if value not in (None, "") else ""


def shown_time(text: object) -> str:
    """A stored ISO time as people read it: Beijing time to the second (the text itself when it is not one)."""
    try:
        return parse_time(str(text)).astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return str(text)


def _type_word(kind: str) -> str:
    try:
        zh, en = TYPE_NAMES[AlertType(kind)]
    except ValueError:
        return kind
    return zh if ui_language() == "zh" else en


def alert_tip(alerts: MarkColumns, row: int) -> str:
    """烟雾明火 · 一级 · 新告警, the estate, the device, the last time and how many events."""
    lang = ui_language()
    lines = [
        tr("{type} · {level} 级 · {status}").format(
            type=_type_word(str(alerts["type"][row])),
            level=int(alerts["level"][row]),
            status=status_label(str(alerts["status"][row]), lang),
        ),
        _clean(alerts["estate_name"][row]) or str(alerts["estate_code"][row]),
        tr("设备：{device}").format(device=_clean(alerts["device"][row])),
        tr("最近：{time}（共 {count} 次）").format(
            time=shown_time(alerts["last_time"][row]), count=int(alerts["count"][row])
        ),
    ]
    value = float(alerts["value"][row])
    if value == value:
        lines.append(tr("读数：{value:g} %LEL").format(value=value))
    return "\n".join(lines)


def device_tip(kind: str, columns: MarkColumns, row: int, state: str) -> str:
    """A camera's name, GB/T 28181 ID and state, or a sensor's kind, name, IMEI and state."""
    name = _clean(columns["name"][row])
    if kind == "cameras":
        lines = [tr("摄像头：{name}").format(name=name or tr("未命名"))]
        gb_id = _clean(columns["gb_id"][row])
        if gb_id:
            lines.append(tr("国标编号：{gb_id}").format(gb_id=gb_id))
        word = tr(str(_CAMERA_WORDS.get(state, state)))
    else:
        lines = [f"{_clean(columns['kind'][row]) or tr('传感器')}：{name or tr('未命名')}"]
        imei = _clean(columns["imei"][row])
        if imei:
            lines.append(f"IMEI {imei}")
        word = tr(str(_SENSOR_WORDS.get(state, state)))
        status = str(columns["status"][row] or "")
        if status in SENSOR_STATUSES and state == "normal":
            word = SENSOR_STATUSES[status][0 if ui_language() == "zh" else 1]
    lines.append(tr("状态：{state}").format(state=word))
    lines.append(tr("小区编码：{code}").format(code=columns["estate_code"][row]))
    return "\n".join(lines)


def tip_at(layers: WatchMarkLayers, x: float, y: float, res: float) -> str:
    """The tip of the mark drawn under a display point (``res`` metres a pixel): an alert first, then a
    camera, then a sensor; '' when there is none."""
    model = layers.model
    if layers.alerts.isVisible():
        row = model.alerts.nearest(x, y, (BADGE_PX / 2.0 + 2.0) * res)
        if row is not None:
            return alert_tip(model.alerts, row)
    for kind in ("cameras", "sensors"):
        columns: MarkColumns = getattr(model, kind)
        row = columns.nearest(x, y, (DEVICE_PX / 2.0 + 3.0) * res, layers.shown_rows(kind))
        if row is not None:
            if kind == "cameras":
                state = CAMERA_STATES[int(model.camera_states(layers.checks.results)[row])]
            else:
                state = SENSOR_STATES[int(model.sensor_states()[row])]
            return device_tip(kind, columns, row, state)
    return ""

"""The live feed's state in the status bar: 实时告警：已连接 / 重连中 / 未配置 / 演示数据.

The tooltip names the broker (host, port, TLS, user) and never its password.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLabel

from onemap.gui.i18n import tr
from onemap.gui.watch.broker import describe

_STATES = {
    "connected": str(QT_TRANSLATE_NOOP("", "已连接")),
    "local": str(QT_TRANSLATE_NOOP("", "演示数据")),
    "none": str(QT_TRANSLATE_NOOP("", "未配置")),
}
_RECONNECTING = str(QT_TRANSLATE_NOOP("", "重连中"))


def state(bus: Any) -> str:
    """``已连接``, ``重连中``, ``未配置`` or ``演示数据`` (untranslated source text) of the feed's bus."""
    if bus is None:
        return _STATES["none"]
    return _STATES.get(bus.state(), _RECONNECTING)


def show(label: QLabel, bus: Any, demo: bool) -> None:
    """The state in ``label``; its tooltip names the broker, never its password."""
    label.setText(tr("实时告警：{state}").format(state=tr(state(bus))))
    broker = getattr(bus, "broker", None)
    tip = describe(broker) if broker is not None else tr("演示数据（合成，非真实告警）") if demo else ""
    label.setToolTip(tip or tr("在“设置”中填写消息代理即可接收实时告警"))

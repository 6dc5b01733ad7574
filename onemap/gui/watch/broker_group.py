"""Settings ▸ 实时告警: the broker the viewer subscribes to, and whether a new alert beeps.

A group of its own in the settings dialog.  Host, port, TLS and user go to the settings file;
the password goes to the OS keyring (:mod:`onemap.gui.watch.broker`) and is never shown back:
the field stays empty and says whether one is stored.  Leaving it empty keeps the stored one.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QSpinBox, QWidget

from onemap.cameras.credentials import keyring_name
from onemap.gui.i18n import tr
from onemap.gui.i18n.language import ui_language
from onemap.gui.watch.broker import KEYS, broker_from_settings, load_password, sound_on, store_broker, store_password

_W = TypeVar("_W", bound=QWidget)


class _Notice(QObject):
    """Tells open windows that the broker settings changed (their feeds reconnect)."""

    changed = Signal()


BROKER_CHANGED = _Notice()


class BrokerGroup(QGroupBox):
    """Host, port, TLS, user, password (keyring) and the alert sound."""

    def __init__(self, q: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(tr("实时告警（消息代理）"), parent)
        self.setObjectName("brokerGroup")
        self.q = q
        form = QFormLayout(self)
        self.host = _named(QLineEdit(), "brokerHost")
        self.host.setPlaceholderText(tr("留空则不连接代理（只看本文件中的告警）"))
        self.port = _named(QSpinBox(), "brokerPort")
        self.port.setRange(1, 65535)
        self.tls = _named(QCheckBox(tr("使用 TLS 加密（mqtts）")), "brokerTls")
        self.user = _named(QLineEdit(), "brokerUser")
        self.password = _named(QLineEdit(), "brokerPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_note = _named(QLabel(), "brokerPasswordNote")
        self.password_note.setWordWrap(True)
        self.sound = _named(QCheckBox(tr("新告警时发出提示音")), "alertSound")
        form.addRow(tr("代理地址"), self.host)
        form.addRow(tr("端口"), self.port)
        form.addRow("", self.tls)
        form.addRow(tr("用户名"), self.user)
        form.addRow(tr("密码"), self.password)
        form.addRow("", self.password_note)
        form.addRow("", self.sound)
        self._load()
        self.tls.toggled.connect(self._default_port)

    def _load(self) -> None:
        broker = broker_from_settings(self.q)
        self.host.setText(broker.host if broker else "")
        self.port.setValue(broker.port if broker else 1883)
        self.tls.setChecked(bool(broker and broker.tls))
        self.user.setText(broker.user if broker else str(self.q.value(KEYS["user"], "") or ""))
        self.sound.setChecked(sound_on(self.q))
        where_zh, where_en = keyring_name()
        where = where_zh if ui_language() == "zh" else where_en
        stored = tr("已保存密码，留空则保持不变。") if load_password() else tr("尚未保存密码。")
        self.password_note.setText(tr("密码只保存在：{where}。").format(where=where) + stored)

    def _default_port(self, tls: bool) -> None:
        if self.port.value() in (1883, 8883):
            self.port.setValue(8883 if tls else 1883)

    def save(self) -> bool:
        """Store the values (the password in the keyring only); True when the broker settings changed."""
        before = broker_from_settings(self.q)
        store_broker(self.q, self.host.text(), self.port.value(), self.tls.isChecked(), self.user.text())
        self.q.setValue(KEYS["sound"], self.sound.isChecked())
        typed = self.password.text()
        self.password.clear()
        changed = bool(typed) and store_password(typed)
        changed |= before != broker_from_settings(self.q)
        if changed:
            BROKER_CHANGED.changed.emit()
        return changed


def _named(widget: _W, name: str) -> _W:
    """``widget`` with its object name (tests and style sheets find it by it)."""
    widget.setObjectName(name)
    return widget

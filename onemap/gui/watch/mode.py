"""Tools ▸ 演示模式: start and stop the in-process demo collector from the menu.

On a demo inventory (made by ``onemap demo``) it starts at once; on any other file it asks
first, since synthetic alerts would be written into a real inventory (each labelled 演示数据).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject

from onemap.gui.actions import make_action
from onemap.gui.i18n import tr
from onemap.gui.watch.demo import is_demo_inventory

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from onemap.gui.main_window import MainWindow
    from onemap.gui.watch.feed import AlertFeed


class DemoMode(QObject):
    """The checkable 演示模式 action, following the feed's demo collector."""

    def __init__(self, window: MainWindow, feed: AlertFeed) -> None:
        super().__init__(window)
        self.window, self.feed = window, feed
        self.action = make_action(
            window,
            str(QT_TRANSLATE_NOOP("", "演示模式（实时告警）")),
            "",
            checkable=True,
            tip=str(QT_TRANSLATE_NOOP("", "播放合成的演示告警（演示数据），写入当前清单")),
        )
        self.action.setObjectName("action_watch_demo")
        self.action.setEnabled(False)
        self.action.toggled.connect(self._toggled)
        window.commands.tools_menu.addAction(self.action)
        self.question: QMessageBox | None = None

    def follow(self, open_file: bool) -> None:
        """Enabled while a file is open; unchecked when the feed's demo stopped."""
        self.action.setEnabled(open_file)
        self._show(self.feed.demo is not None)

    def _show(self, on: bool) -> None:
        self.action.blockSignals(True)
        self.action.setChecked(on)
        self.action.blockSignals(False)

    def _toggled(self, on: bool) -> None:
        session = self.window.session
        if not on:
            self.feed.stop_demo()
            return
        if session is None:
            self._show(False)
            return
        if is_demo_inventory(session.inventory):
            self.start()
            return
        from onemap.gui.editing.session import ask

        self._show(False)
        text = tr("“{name}”不是演示清单。演示模式会把合成的告警（标为“演示数据”）写入这个文件。确定要继续吗？").format(
            name=session.path.name
        )
        self.question = ask(self.window, tr("演示模式"), text, self.start)

    def start(self) -> bool:
        """Start the demo collector; the action says whether it runs."""
        started = self.feed.start_demo()
        self._show(started)
        message = tr("演示模式已开始：告警均为合成的演示数据。") if started else tr("演示模式未能启动，详见日志。")
        self.window.status.showMessage(message, 8000)
        return started

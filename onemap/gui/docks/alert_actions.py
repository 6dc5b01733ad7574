"""The alert dock's buttons: the handling cycle (派遣/签收/处置/办结/误报 with a note), pictures, video.

A move goes through :meth:`onemap.watch.alerts.AlertBook.advance` on the window's writable
connection — the same audited transition as ``onemap alerts --close`` — and a move the
cycle refuses is said in a sentence under the buttons.  Video opens inside OneMap when the
window offers ``open_live_view(camera_fid)``, otherwise in the external player (only on
the 视频 button: a click on a row must not start a program each time).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton

from onemap.gui.i18n import tr
from onemap.gui.i18n.language import ui_language
from onemap.store.errors import InventoryError
from onemap.watch.alert import Alert
from onemap.watch.alerts import AlertBook, AlertRefused

if TYPE_CHECKING:
    from onemap.gui.docks.alerts import AlertDock
    from onemap.gui.watch.pictures import PictureDialog

#: button text -> the status it moves to
MOVES = (
    (str(QT_TRANSLATE_NOOP("", "派遣")), "dispatched"),
    (str(QT_TRANSLATE_NOOP("", "签收")), "accepted"),
    (str(QT_TRANSLATE_NOOP("", "处置")), "handled"),
    (str(QT_TRANSLATE_NOOP("", "办结")), "closed"),
    (str(QT_TRANSLATE_NOOP("", "误报")), "false_alarm"),
)
_ERROR, _OK = "color: #c62828;", "color: #1b7f3b;"


class AlertActions:
    """The row of buttons under the alert list, and what they do."""

    def __init__(self, dock: AlertDock) -> None:
        self.dock = dock
        self.pictures: PictureDialog | None = None
        self.row = QHBoxLayout()
        self.note = QLineEdit()
        self.note.setObjectName("alertNote")
        self.row.addWidget(self.note, 1)
        self.buttons: dict[str, QPushButton] = {}
        for _text, status in MOVES:
            button = QPushButton()
            button.setObjectName(f"alert_{status}")
            button.clicked.connect(lambda _c=False, s=status: self.advance(s))
            self.buttons[status] = button
            self.row.addWidget(button)
        self.video = QPushButton()
        self.video.setObjectName("alertVideo")
        self.video.clicked.connect(lambda: self._current_video())
        self.row.addWidget(self.video)
        self.message = QLabel()
        self.message.setObjectName("alertMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.note.setPlaceholderText(tr("处置说明（办结、误报须填写）"))
        for text, status in MOVES:
            self.buttons[status].setText(tr(text))
        self.video.setText(tr("视频"))

    def say(self, text: str, error: bool = False) -> None:
        """One sentence under the buttons."""
        self.message.setText(text)
        self.message.setStyleSheet(_ERROR if error else _OK)
        self.message.setVisible(bool(text))

    # -- the handling cycle -------------------------------------------------------------------------

    def advance(self, status: str) -> Alert | None:
        """Move the current alert to ``status`` with the note; the list and the map follow.

        On the window's writable connection when it has one; when the file is open read-only
        because a collector holds it, on a short connection beside the collector
        (:func:`onemap.store.alert_steps.alert_step_writer`), which any other holder refuses.
        """
        from onemap.gui.editing.session import audit_user
        from onemap.store.audit import default_user

        dock, window = self.dock, self.dock.main
        alert = dock.current_alert()
        if alert is None:
            self.say(tr("请先在列表中选择一条告警。"), error=True)
            return None
        who = audit_user(window) or default_user()
        try:
            moved = self._moved(alert.id, status, who)
        except AlertRefused as refused:
            self.say(refused.message(ui_language()), error=True)
            return None
        except InventoryError as error:
            reason = error.message(ui_language()) or window.editing.readonly_reason or tr("清单以只读方式打开")
            self.say(tr("无法改变告警状态：{reason}").format(reason=reason), error=True)
            return None
        self.note.clear()
        dock.model.upsert([moved])
        dock.update_count()
        dock.follow_choice()
        window.refresh_estates([moved.estate_code], {"alerts"})
        self.say(tr("告警已改为“{status}”。").format(status=moved.status_label(ui_language())))
        return moved

    def _moved(self, alert_id: int, status: str, who: str) -> Alert:
        from onemap.gui.editing.session import UI_WAIT_LIMIT_S
        from onemap.store.alert_steps import alert_step_writer

        window = self.dock.main
        if window.editing.inventory is not None:
            return AlertBook(window.editing.inventory).advance(alert_id, status, who, self.note.text())
        if window.session is None:
            raise InventoryError("read_only", Path())
        with alert_step_writer(window.session.path, who, UI_WAIT_LIMIT_S) as beside:
            return AlertBook(beside).advance(alert_id, status, who, self.note.text())

    # -- pictures and video -------------------------------------------------------------------------

    def show_pictures(self, alert: Alert) -> bool:
        """Open the alert's pictures beside the map; False when it has none."""
        from onemap.gui.watch.pictures import PictureDialog

        session = self.dock.session
        pictures = session.inventory.alert_pictures(alert.id) if session is not None else []
        if not pictures:
            if self.pictures is not None:
                self.pictures.hide()
            return False
        if self.pictures is None:
            self.pictures = PictureDialog(self.dock.main)
        self.pictures.show_alert(alert, pictures)
        return True

    def camera_fid(self, alert: Alert) -> int | None:
        """The fid of the camera that raised ``alert`` (None for a sensor's)."""
        session = self.dock.session
        if session is None or alert.device_kind != "camera":
            return None
        row = session.inventory.alert_row(alert.id)
        return None if row is None or row.device_fid is None else int(row.device_fid)

    def open_live_view(self, alert: Alert, external: bool = True) -> str:
        """Open the camera: ``"inside"`` (the window's live view), ``"player"``, or ``""`` (not opened)."""
        fid = self.camera_fid(alert)
        if fid is None:
            return ""
        live = getattr(self.dock.main, "open_live_view", None)
        if callable(live):
            live(fid)
            return "inside"
        if not external:
            return ""
        return self._external(fid)

    def _external(self, fid: int) -> str:
        from onemap.gui.cameras.players import CameraOpenError, open_camera
        from onemap.gui.settings import read_settings

        session, window = self.dock.session, self.dock.main
        row = session.inventory.child_row("cameras", fid) if session is not None else None
        try:
            open_camera((row or {}).get("link"), read_settings(window.settings.q)[0].camera_player, ui_language())
        except CameraOpenError as error:
            self.say(str(error), error=True)
            return ""
        return "player"

    def _current_video(self) -> None:
        alert = self.dock.current_alert()
        if alert is None:
            self.say(tr("请先在列表中选择一条告警。"), error=True)
        elif self.camera_fid(alert) is None:
            self.say(tr("这条告警不是摄像头发出的，没有视频。"), error=True)
        else:
            self.open_live_view(alert)

    def close_views(self) -> None:
        """Close the picture window (the file closes)."""
        if self.pictures is not None:
            self.pictures.close()

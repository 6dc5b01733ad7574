"""An estate's cameras: name, kind, decoded GB/T 28181 ID, online or not; Open, Check, Copy ID.

Check connects to every camera at once in a background job (:func:`onemap.cameras.check.check_many`),
filling the list in as answers come; a laptop without a network sees 不可达 within the
timeout.  Links are shown with :func:`onemap.cameras.display_link`, which never holds a login.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from onemap.cameras import CameraLink, display_link
from onemap.cameras.check import Reachability, check_many
from onemap.cameras.stream import playable
from onemap.gui.cameras.ids import gb_digits, gb_text
from onemap.gui.cameras.players import CameraOpenError, open_camera
from onemap.gui.errors import show_message
from onemap.gui.i18n.language import ui_language
from onemap.gui.jobs import Outcome, start_job
from onemap.gui.uiload import child, load_form
from onemap.model import Camera

_ONLINE, _OFFLINE = QColor("#1b7f3b"), QColor("#c62828")
_STATUS_COLUMN = 3


class _Relay(QObject):
    """Carries each check's answer from the worker threads to the panel (queued)."""

    answered = Signal(int, int, object)


class CameraPanel(QWidget):
    """The camera list of one estate.

    Parameters
    ----------
    parent : QWidget, optional
    player : str
        The player path from Settings (``""``: the first VLC or ffplay found).
    timeout : float
        Seconds each reachability check waits.

    Signals
    -------
    status_changed(estate_code, row, online)
        One camera's answer (for the map symbol), as it arrives.
    check_finished(estate_code, online_flags)
        Every camera of the estate answered (a list of bool in list order).
    opened(row, how)
        A camera was opened: ``how`` is the player's file name or ``"system"``.
    watch_requested(row)
        在 OneMap 中观看: play the camera in a live tile (the main window opens it).
    """

    status_changed = Signal(str, int, bool)
    check_finished = Signal(str, list)
    opened = Signal(int, str)
    watch_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, player: str = "", timeout: float = 1.5) -> None:
        super().__init__(parent)
        self.setObjectName("cameraPanel")
        self.player, self.timeout = player, timeout
        self.estate_code = ""
        self.cameras: list[Camera] = []
        self.results: dict[int, Reachability] = {}
        self._generation = 0
        self.page = load_form("camera_panel", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.page)
        self.table: QTableWidget = child(self.page, QTableWidget, "cameraTable")
        self.detail: QLabel = child(self.page, QLabel, "cameraDetail")
        self.status: QLabel = child(self.page, QLabel, "statusLabel")
        self.open_button: QPushButton = child(self.page, QPushButton, "openButton")
        self.check_button: QPushButton = child(self.page, QPushButton, "checkButton")
        self.copy_button: QPushButton = child(self.page, QPushButton, "copyButton")
        self.watch_button = QPushButton(self.page)  # beside 打开: the live tile inside OneMap
        self.watch_button.setObjectName("watchButton")
        row_of_buttons: QHBoxLayout = child(self.page, QHBoxLayout, "buttonRow")
        row_of_buttons.insertWidget(row_of_buttons.indexOf(self.open_button) + 1, self.watch_button)
        # four buttons in one row made the details panel wider than a normal dock (it scrolled sideways):
        # 检查在线 and 复制国标编码 go on a second row
        second = QHBoxLayout()
        for button in (self.check_button, self.copy_button):
            row_of_buttons.removeWidget(button)
            second.addWidget(button)
        second.addStretch(1)
        outer = self.page.layout()
        assert isinstance(outer, QBoxLayout)
        outer.insertLayout(outer.indexOf(row_of_buttons) + 1, second)
        self.watch_button.clicked.connect(self.watch_selected)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self._relay = _Relay(self)
        self._relay.answered.connect(self._on_answer)
        self.open_button.clicked.connect(self.open_selected)
        self.check_button.clicked.connect(self.check_all)
        self.copy_button.clicked.connect(self.copy_gb_id)
        self.table.itemSelectionChanged.connect(self._on_current)
        self.table.cellDoubleClicked.connect(lambda _r, _c: self.open_selected())
        self._retranslate()
        self.set_cameras("", [])

    def _retranslate(self) -> None:
        """Texts that must follow a language switch (the form's own are set when it loads)."""
        self.table.setHorizontalHeaderLabels([self.tr("名称"), self.tr("类型"), self.tr("国标编码"), self.tr("状态")])
        self.open_button.setText(self.tr("打开"))
        self.watch_button.setText(self.tr("在 OneMap 中观看"))
        self.watch_button.setToolTip(self.tr("在 OneMap 的视频窗口中播放（断线自动重连，可截图）"))
        self.check_button.setText(self.tr("检查在线"))
        self.copy_button.setText(self.tr("复制国标编码"))

    def set_player(self, path: str) -> None:
        """The player set in Settings changed."""
        self.player = path

    def set_cameras(self, estate_code: str, cameras: Sequence[Camera]) -> None:
        """Show another estate's cameras (answers still coming for the previous one are dropped)."""
        self._generation += 1
        self.estate_code, self.cameras = estate_code, list(cameras)
        self.results = {}
        self._fill()
        if self.cameras:
            self.table.selectRow(0)
        self.status.setText("" if self.cameras or not estate_code else self.tr("这个小区没有登记摄像头。"))
        self._on_current()

    def clear(self) -> None:
        """No estate."""
        self.set_cameras("", [])

    def current_row(self) -> int:
        """The selected camera's row, -1 for none."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    # -- list --------------------------------------------------------------------------------

    def _fill(self) -> None:
        lang = ui_language()
        self.table.setRowCount(len(self.cameras))
        for row, camera in enumerate(self.cameras):
            gb = gb_text(camera, lang)
            cells = [camera.name or self.tr("未命名"), camera.kind or "", gb.short, self._status_text(row)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(gb.long if column == 2 else display_link(camera.link or "") if column == 0 else "")
                self.table.setItem(row, column, item)
            self._colour(row)

    def _status_text(self, row: int) -> str:
        result = self.results.get(row)
        if result is None:
            return self.tr("未检查")
        reason = result.reason(ui_language())
        return reason if result.online else self.tr("不可达：{reason}").format(reason=reason)

    def _colour(self, row: int) -> None:
        item = self.table.item(row, _STATUS_COLUMN)
        result = self.results.get(row)
        if item is not None:
            item.setText(self._status_text(row))
            item.setForeground(QBrush() if result is None else QBrush(_ONLINE if result.online else _OFFLINE))

    def _on_current(self) -> None:
        row = self.current_row()
        has = 0 <= row < len(self.cameras)
        camera = self.cameras[row] if has else None
        self.open_button.setEnabled(bool(camera and camera.link))
        self.watch_button.setEnabled(camera is not None and isinstance(playable(camera.link), CameraLink))
        self.copy_button.setEnabled(bool(camera and gb_digits(camera)))
        self.check_button.setEnabled(bool(self.cameras))
        if camera is None:
            self.detail.setText("")
            return
        link = display_link(camera.link) if camera.link else self.tr("（没有视频地址）")
        self.detail.setText(f"{link}\n{gb_text(camera, ui_language()).long}".strip())

    # -- actions -----------------------------------------------------------------------------

    def open_selected(self) -> None:
        """Open the selected camera in the player (or a web link in the system's handler)."""
        row = self.current_row()
        if not 0 <= row < len(self.cameras):
            return
        camera = self.cameras[row]
        try:
            how = open_camera(camera.link, self.player, ui_language())
        except CameraOpenError as error:
            show_message(self, self.tr("无法打开摄像头"), str(error))
            return
        name = camera.name or self.tr("摄像头")
        if how == "system":
            self.status.setText(self.tr("已用系统默认程序打开“{name}”。").format(name=name))
        else:
            self.status.setText(self.tr("已在 {player} 中打开“{name}”。").format(player=how, name=name))
        self.opened.emit(row, how)

    def watch_selected(self) -> None:
        """Ask for the selected camera's live tile (在 OneMap 中观看)."""
        if 0 <= self.current_row() < len(self.cameras):
            self.watch_requested.emit(self.current_row())

    def check_all(self) -> None:
        """Check every camera's reachability in the background."""
        if not self.cameras:
            return
        generation, links = self._generation, [c.link or "" for c in self.cameras]
        relay, timeout = self._relay, self.timeout
        self.check_button.setEnabled(False)
        self.status.setText(self.tr("正在检查 {n} 个摄像头……").format(n=len(links)))

        def work(_progress, _cancel):  # type: ignore[no-untyped-def]
            return check_many(links, timeout, on_result=lambda i, r: relay.answered.emit(generation, i, r))

        start_job(self, "camera-check", work, lambda outcome: self._on_checked(generation, outcome))

    def _on_answer(self, generation: int, row: int, result: Reachability) -> None:
        if generation != self._generation or not 0 <= row < len(self.cameras):
            return
        self.results[row] = result
        self._colour(row)
        self.status_changed.emit(self.estate_code, row, result.online)

    def _on_checked(self, generation: int, outcome: Outcome) -> None:
        if generation != self._generation or not outcome.ok:
            return
        results: list[Reachability] = outcome.value
        self.results = dict(enumerate(results))
        for row in range(len(self.cameras)):
            self._colour(row)
        online = sum(r.online for r in results)
        self.status.setText(
            self.tr("在线 {online} 个，不可达 {offline} 个。").format(online=online, offline=len(results) - online)
        )
        self.check_button.setEnabled(True)
        self.check_finished.emit(self.estate_code, [r.online for r in results])

    def copy_gb_id(self) -> None:
        """Copy the selected camera's 20-digit GB/T 28181 ID."""
        row = self.current_row()
        digits = gb_digits(self.cameras[row]) if 0 <= row < len(self.cameras) else ""
        if digits:
            QGuiApplication.clipboard().setText(digits)
            self.status.setText(self.tr("已复制国标编码 {gb_id}").format(gb_id=digits))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self._fill()
            self._on_current()
        super().changeEvent(event)

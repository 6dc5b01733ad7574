"""File ▸ 交回外业数据…: a field laptop's GeoPackage sent back, its collisions settled row by row.

The checkin runs off the UI thread (:class:`~onemap.gui.workers.Job`): what does not collide is
applied at once; each collision -- the same field changed on both sides -- is listed with both
values, who and when, and a choice (server or field).  Apply runs the checkin again with those
choices (:func:`~onemap.store.server.choose.checkin_chosen`); the open map follows by itself
(the server's notices, or the file's watch).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from onemap.gui.i18n import tr
from onemap.gui.workers import Job

if TYPE_CHECKING:
    from onemap.gui.main_window import MainWindow

SERVER, FIELD = "server", "field"


def _side(side: dict[str, Any]) -> str:
    if side.get("deleted"):
        value = tr("（已删除）")
    elif side.get("edited") and side.get("value") is None:
        value = tr("（已修改）")
    else:
        value = "" if side.get("value") is None else str(side.get("value"))
        value = value if len(value) <= 60 else value[:57] + "…"
    who = " ".join(str(v) for v in (side.get("who"), side.get("at")) if v)
    return f"{value}\n{who}" if who else value


class CheckinDialog(QDialog):
    """Runs a checkin of ``path`` and lists its collisions; :meth:`apply` sends the choices."""

    def __init__(self, parent: QWidget | None, path: Path) -> None:
        super().__init__(parent)
        self.setObjectName("checkinDialog")
        self.setWindowTitle(tr("交回外业数据"))
        self.path = path
        self.report: Any = None
        self.job: Job | None = None
        self.summary = QLabel(tr("正在交回 {name}…").format(name=path.name))
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("collisionTable")
        self.table.setHorizontalHeaderLabels([tr("小区 / 表"), tr("字段"), tr("服务器上的值"), tr("外业的值")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setColumnCount(5)
        self.table.setHorizontalHeaderItem(4, QTableWidgetItem(tr("保留")))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Close)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setText(tr("按所选保留"))
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)
        self.resize(820, 420)

    def start(self, choices: dict[str, str] | None = None) -> Job:
        """Run the checkin (first without choices, then with them) in a worker thread."""
        from onemap.store.server.checkin import checkin
        from onemap.store.server.choose import checkin_chosen

        path = self.path

        def work(_progress: Any, _cancelled: Any) -> Any:
            try:
                return checkin(path) if choices is None else checkin_chosen(path, choices)
            except Exception as error:  # the sentence is shown in the dialog
                return error

        self.apply_button.setEnabled(False)
        self.job = Job(work, "onemap-checkin")
        self.job.done.connect(self._finished)
        self.job.start()
        return self.job

    def _finished(self, result: Any) -> None:
        from onemap.gui.jobs import message_of

        if isinstance(result, BaseException):
            self.summary.setText(message_of(result))
            return
        self.report = result
        waiting = [c for c in result.collisions if c.get("kept") == "undecided"]
        self.summary.setText(
            tr("已交回 {applied} 项修改，{same} 项已相同；{n} 处冲突待您选择。").format(
                applied=len(result.applied), same=result.unchanged, n=len(waiting)
            )
        )
        self._list(waiting)

    def _list(self, collisions: list[dict[str, Any]]) -> None:
        from onemap.gui.server.conflict import field_label
        from onemap.store.server.choose import collision_key

        self.table.setRowCount(len(collisions))
        for i, c in enumerate(collisions):
            where = c["code"] if c["table"] == "estates" else f"{c['code']} / {c['table']}"
            cells = (
                where,
                field_label(c["field"]) if c["field"] else tr("整行"),
                _side(c["server"]),
                _side(c["field_copy"]),
            )
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(256, collision_key(c))
                self.table.setItem(i, j, item)
            choice = QComboBox()
            choice.addItem(tr("服务器的"), SERVER)
            choice.addItem(tr("外业的"), FIELD)
            self.table.setCellWidget(i, 4, choice)
        self.table.resizeRowsToContents()
        self.apply_button.setEnabled(bool(collisions))

    def choices(self) -> dict[str, str]:
        """Collision key -> ``server`` or ``field``, as chosen in the table."""
        out = {}
        for i in range(self.table.rowCount()):
            item = self.table.item(i, 0)
            key = None if item is None else item.data(256)
            combo = self.table.cellWidget(i, 4)
            assert isinstance(combo, QComboBox)
            out[str(key)] = str(combo.currentData())
        return out

    def apply(self) -> Job:
        """Send the choices: the chosen field values land, the others stay the server's."""
        return self.start(self.choices())

    def done(self, result: int) -> None:
        if self.job is not None and self.job.isRunning():
            self.job.wait()
        super().done(result)


def choose_and_checkin(window: MainWindow, path: Path | None = None) -> CheckinDialog | None:
    """Ask for a checked-out GeoPackage (unless given) and start its checkin in the dialog."""
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(
            window, tr("交回外业数据"), "", tr("OneMap 清单 (*.gpkg);;所有文件 (*)")
        )
        if not chosen:
            return None
        path = Path(chosen)
    dialog = CheckinDialog(window, path)
    dialog.open()
    dialog.start()
    return dialog

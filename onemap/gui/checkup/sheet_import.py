"""Tools ▸ 导入体检调查表: a survey sheet (xlsx/csv) into the open file, off the UI thread.

The work is :func:`onemap.checkup.sheet_import.import_survey_sheet`, the same function
``onemap checkup INV import`` runs, so a sheet the command line refuses is refused here
with the same sentence and the file is left as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from onemap.gui.errors import show_message
from onemap.gui.i18n import tr
from onemap.gui.i18n.language import ui_language
from onemap.gui.jobs import Outcome, start_job

if TYPE_CHECKING:
    from onemap.checkup.sheet_import import SheetImported
    from onemap.gui.main_window import MainWindow

#: per-row problems shown in the message itself; the rest are under 显示详细信息
_SHOWN = 8


class SheetImport(QObject):
    """Picks a sheet (``choose`` is the file dialog unless a test gives another), imports it, says how it went."""

    #: the job's :class:`~onemap.gui.jobs.Outcome`, after the message is shown
    finished = Signal(object)

    def __init__(self, window: MainWindow, choose: Callable[[], Path | None] | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.choose = choose or self._ask
        self.running = False
        self.message: QMessageBox | None = None

    def _ask(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(
            self.window, tr("导入体检调查表"), "", tr("体检调查表 (*.xlsx *.csv);;所有文件 (*)")
        )
        return Path(name) if name else None

    def run(self) -> bool:
        """Ask for a sheet and start importing it into the open, writable file; False when nothing started."""
        session, writer = self.window.session, self.window.editing.inventory
        if self.running or session is None or writer is None or getattr(session, "remote", False):
            self.window.status.showMessage(tr("请先打开一个可写的本地清单。"), 8000)
            return False
        sheet = self.choose()
        if sheet is None:
            return False
        from onemap.checkup.sheet_import import import_survey_sheet

        into = session.path
        self.running = True
        self.window.status.showMessage(tr("正在导入体检调查表……"))
        start_job(self, "checkup-sheet", lambda _p, _c: import_survey_sheet(into, sheet), self._done)
        return True

    def _done(self, outcome: Outcome) -> None:
        self.running = False
        self.window.status.clearMessage()
        if outcome.error:  # not a survey sheet, unreadable, or the file could not be written: nothing changed
            self.message = show_message(self.window, tr("无法导入体检调查表"), outcome.error)
        elif outcome.ok:
            self._report(outcome.value)
        self.finished.emit(outcome)

    def _report(self, done: SheetImported) -> None:
        from onemap.checkup.sheets import FIELD_NAMES

        read, zh = done.read, ui_language() == "zh"
        lines = [
            tr("第 {row} 行 {field}：{reason}").format(
                row=p.row, field=FIELD_NAMES[p.field], reason=p.reason_zh if zh else p.reason_en
            )
            for p in read.problems
        ]
        text = tr("共 {rows} 行：导入 {n} 条体检问题，{m} 行未导入。").format(
            rows=read.rows, n=done.written, m=len(read.problems)
        )
        shown = "\n".join(lines[:_SHOWN]) + ("\n…" if len(lines) > _SHOWN else "")
        icon = QMessageBox.Icon.Information if not lines else QMessageBox.Icon.Warning
        self.message = show_message(
            self.window,
            tr("导入体检调查表"),
            f"{text}\n\n{shown}".strip(),
            details="\n".join(lines),
            icon=icon,
        )
        if done.estates:
            self.window.refresh_estates(done.estates, ["checkup_findings", "photos"])

"""File ▸ Import: a ledger into the open inventory, dry run first, with progress and Cancel.

The dry run does the whole import inside a transaction and rolls it back, so its report
is what the import will do; Import runs it for real once the clerk has read it.  Both run
off the UI thread (:func:`onemap.io.importer.import_ledger` with ``progress`` and
``cancel``); a cancelled import rolls back and leaves the inventory as it was.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from onemap.gui.dialogs.import_report_view import ReportView
from onemap.gui.dialogs.import_work import CRS_CHOICES, LEDGER_SUFFIXES, estate_names, sheet_names
from onemap.gui.i18n.language import ui_language
from onemap.gui.jobs import Outcome, message_of, start_job
from onemap.gui.uiload import child, load_form
from onemap.gui.workers import Job
from onemap.io.report import ImportReport

if TYPE_CHECKING:  # the importer is imported when the dialog is used: not on the viewer's way to its first frame
    from onemap.io.importer import ImportOptions

_ERROR_STYLE = "font-weight: bold; color: #c62828;"


class ImportDialog(QDialog):
    """Import a ledger into one inventory file.

    Parameters
    ----------
    inventory_path : Path
        The inventory to import into (it is opened by the import job itself).
    user : str, optional
        The name ``audit_log`` records (Settings' user name; None for the OS user).
    county : str, optional
        Six-digit county code to judge positions by (the file's own county when blank).

    Signals
    -------
    imported(report)
        After a real import committed (an :class:`~onemap.io.report.ImportReport`): the
        window reopens the file and clears the undo history.
    """

    imported = Signal(object)

    def __init__(
        self, inventory_path: Path, *, user: str | None = None, county: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.inventory_path, self.user = Path(inventory_path), user
        self.report: ImportReport | None = None
        self._checked: ImportOptions | None = None
        self._source_checked: Path | None = None
        self._job: Job | None = None
        self.page = load_form("import_dialog", self)
        QVBoxLayout(self).addWidget(self.page)
        self.setWindowTitle(self.page.windowTitle())
        self._find_children()
        for value, label in CRS_CHOICES:
            self.crs.addItem(self.tr(str(label)), value)
        self.county.setText(county or "")
        self._connect()
        self._set_running(False)
        self._on_options_changed()
        self.resize(860, 640)

    def _find_children(self) -> None:
        page = self.page
        self.path: QLineEdit = child(page, QLineEdit, "pathEdit")
        self.sheet: QComboBox = child(page, QComboBox, "sheetCombo")
        self.crs: QComboBox = child(page, QComboBox, "crsCombo")
        self.county: QLineEdit = child(page, QLineEdit, "countyEdit")
        self.progress: QProgressBar = child(page, QProgressBar, "progressBar")
        self.progress_label: QLabel = child(page, QLabel, "progressLabel")
        self.summary: QLabel = child(page, QLabel, "summaryLabel")
        self.tabs: QTabWidget = child(page, QTabWidget, "reportTabs")
        self.problems: QTableWidget = child(page, QTableWidget, "problemsTable")
        self.mapping: QTableWidget = child(page, QTableWidget, "mappingTable")
        self.changes: QTableWidget = child(page, QTableWidget, "changesTable")
        self.view = ReportView(self.problems, self.mapping, self.changes)
        self.buttons = {
            name: child(page, QPushButton, f"{name}Button")
            for name in ("browse", "saveReport", "dryRun", "import", "cancel", "close")
        }

    def _connect(self) -> None:
        b = self.buttons
        b["browse"].clicked.connect(self.choose_source)
        b["dryRun"].clicked.connect(self.dry_run)
        b["import"].clicked.connect(self.run_import)
        b["cancel"].clicked.connect(self.cancel)
        b["close"].clicked.connect(self.reject)
        b["saveReport"].clicked.connect(self.choose_report_file)
        self.path.textChanged.connect(self._on_path_changed)
        self.sheet.currentIndexChanged.connect(lambda _i: self._on_options_changed())
        self.crs.currentTextChanged.connect(lambda _t: self._on_options_changed())
        self.county.textChanged.connect(lambda _t: self._on_options_changed())

    # -- options -----------------------------------------------------------------------------

    def choose_source(self) -> None:
        """Ask for the ledger file."""
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("选择台账"),
            str(self.inventory_path.parent),
            self.tr("台账 (*.xlsx *.xlsm *.csv *.txt *.geojson *.json);;所有文件 (*)"),
        )
        if path:
            self.set_source(Path(path))

    def set_source(self, path: Path) -> None:
        """Use ``path`` as the ledger (a file dropped on the window, say)."""
        self.path.setText(str(path))

    def options(self, dry_run: bool) -> ImportOptions:
        """The importer's options as the dialog shows them."""
        from onemap.io.importer import ImportOptions

        sheet = self.sheet.currentData()
        crs = self.crs.currentData() if self.crs.currentText() == self.crs.itemText(self.crs.currentIndex()) else None
        return ImportOptions(
            crs=crs or self.crs.currentText().strip() or "auto",
            county=self.county.text().strip() or None,
            sheet=sheet or None,
            dry_run=dry_run,
            user=self.user,
        )

    def source(self) -> Path | None:
        """The ledger chosen, when it is a file of a kind the importer reads."""
        text = self.path.text().strip()
        path = Path(text) if text else None
        return path if path is not None and path.is_file() and path.suffix.lower() in LEDGER_SUFFIXES else None

    def _on_path_changed(self) -> None:
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItem(self.tr("（自动选择）"), None)
        source = self.source()
        if source is not None and source.suffix.lower() in (".xlsx", ".xlsm"):
            for name in sheet_names(source):
                self.sheet.addItem(name, name)
        self.sheet.blockSignals(False)
        self._on_options_changed()

    def _on_options_changed(self) -> None:
        ready = self.source() is not None
        self.buttons["dryRun"].setEnabled(ready and self._job is None)
        checked = (
            self._checked is not None
            and self._source_checked == self.source()
            and replace(self._checked, dry_run=False) == self.options(dry_run=False)
        )
        self.buttons["import"].setEnabled(bool(checked) and self._job is None)
        self.buttons["saveReport"].setEnabled(self.report is not None and self._job is None)

    # -- running -----------------------------------------------------------------------------

    def dry_run(self) -> None:
        """Check the ledger: the whole import, rolled back; shows the report."""
        self._start(dry_run=True)

    def run_import(self) -> None:
        """Import for real (after a dry run with the same options)."""
        self._start(dry_run=False)

    def _start(self, dry_run: bool) -> None:
        source = self.source()
        if source is None or self._job is not None:
            return
        options, into = self.options(dry_run), self.inventory_path

        def work(progress, cancel):  # type: ignore[no-untyped-def]
            from onemap.io.importer import import_ledger

            report = import_ledger(source, into, options, progress=progress, cancel=cancel)
            return report, estate_names(into, report.updated)

        self._set_running(True, self.tr("正在试运行……") if dry_run else self.tr("正在导入……"))
        self._job = start_job(
            self,
            "import",
            work,
            lambda outcome: self._finished(outcome, options, source),
            self._on_progress,
            self._on_failed,
        )

    def _on_progress(self, fraction: float, message: str) -> None:
        if self._job is None:
            return
        self.progress.setRange(0, 1000)
        self.progress.setValue(int(fraction * 1000))
        self.progress_label.setText(message)

    def cancel(self) -> None:
        """Stop the running import; it rolls back, so the inventory stays as it was."""
        job, self._job = self._job, None
        if job is None:
            return
        job.cancel()
        self._set_running(False)
        self._say(self.tr("已取消，清单没有改动。"), error=True)
        self._on_options_changed()

    def _finished(self, outcome: Outcome, options: ImportOptions, source: Path) -> None:
        self._job = None
        self._set_running(False)
        if outcome.cancelled:
            self._say(self.tr("已取消，清单没有改动。"), error=True)
        elif outcome.error:
            self._say(outcome.error, error=True)
        else:
            report, names = outcome.value
            self._show_report(report, names)
            self._checked = options if options.dry_run else None
            self._source_checked = source if options.dry_run else None
            if not options.dry_run:
                self.imported.emit(report)
        self._on_options_changed()

    def _on_failed(self, message: str) -> None:
        self._job = None
        self._set_running(False)
        self._say(self.tr("导入出错，清单没有改动：{message}").format(message=message), error=True)
        self._on_options_changed()

    def _show_report(self, report: ImportReport, names: dict[str, str]) -> None:
        lang = ui_language()
        self.report = report
        self._say(self.view.summary(report))
        self.view.show(report, names, lang)
        count = len(report.imported) + len(report.updated)
        text = self.tr("导入 {n} 个小区").format(n=count) if report.dry_run else self.tr("导入")
        self.buttons["import"].setText(text)

    def _say(self, text: str, error: bool = False) -> None:
        self.summary.setText(text)
        self.summary.setStyleSheet(_ERROR_STYLE if error else "font-weight: bold;")

    def _set_running(self, running: bool, message: str = "") -> None:
        self.progress.setVisible(running)
        self.progress.setRange(0, 0)  # busy until the importer reports its first row
        self.progress_label.setText(message)
        self.buttons["cancel"].setEnabled(running)
        self.buttons["close"].setEnabled(not running)
        self.buttons["browse"].setEnabled(not running)
        for widget in (self.path, self.sheet, self.crs, self.county):
            widget.setEnabled(not running)
        if running:
            for name in ("dryRun", "import", "saveReport"):
                self.buttons[name].setEnabled(False)

    # -- report file -------------------------------------------------------------------------

    def choose_report_file(self) -> None:
        """Ask where to save the report as an Excel workbook."""
        if self.report is None:
            return
        stem = Path(self.report.source).stem
        default = str(Path(self.report.source).with_name(self.tr("{name}-导入报告.xlsx").format(name=stem)))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存导入报告"), default, self.tr("Excel 工作簿 (*.xlsx)"))
        if path:  # the file dialog itself asked before replacing a file: that is the confirmation
            self.save_report(Path(path), overwrite=True)

    def save_report(self, path: Path, *, overwrite: bool = False) -> Path | None:
        """Write the shown report to ``path`` (.xlsx) for the township to work through.

        Never over the ledger or the inventory; an existing file only with ``overwrite``
        (confirmed by the user); written to a temporary name and renamed when complete.
        """
        from onemap.io.report_xlsx import save_report_xlsx
        from onemap.outputs import OutputFile
        from onemap.store.errors import InventoryError

        if self.report is None:
            return None
        if Path(path).exists() and not overwrite:
            self._say(
                self.tr("{name} 已存在；请点“保存报告为 Excel…”选择它并确认覆盖，或换一个文件名。").format(
                    name=Path(path).name
                ),
                error=True,
            )
            return None
        try:
            with OutputFile(path, [self.inventory_path, self.report.source], force=overwrite) as temp:
                save_report_xlsx(self.report, temp, ui_language())
        except InventoryError as error:
            self._say(error.message(ui_language()), error=True)
            return None
        except OSError as error:
            self._say(self.tr("无法保存报告：{message}").format(message=message_of(error)), error=True)
            return None
        saved = Path(path)
        self.progress_label.setText(self.tr("报告已保存：{path}").format(path=saved))
        return saved

    def reject(self) -> None:
        """Close (a running import is cancelled first)."""
        self.cancel()
        super().reject()

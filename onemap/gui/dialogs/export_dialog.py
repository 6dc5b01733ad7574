"""File ▸ Export: the estates of the current filter to GeoPackage, GeoJSON, CSV, Excel or KML.

The export runs off the UI thread on its own read-only connection
(:func:`onemap.io.export.export`), so a large county never freezes the window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from onemap.gui.dialogs.filter_text import Where, where_list, where_words
from onemap.gui.i18n.language import ui_language
from onemap.gui.jobs import Outcome, message_of, start_job
from onemap.gui.uiload import child, load_form
from onemap.gui.workers import Job
from onemap.outputs import same_file

#: suffix -> (name, what it is for), in the order offered
FORMATS: dict[str, tuple[object, object]] = {
    ".xlsx": (
        QT_TRANSLATE_NOOP("ExportDialog", "Excel 工作簿（.xlsx）"),
        QT_TRANSLATE_NOOP("ExportDialog", "中文表头，冻结首行；可改好后再导入。"),
    ),
    ".csv": (
        QT_TRANSLATE_NOOP("ExportDialog", "CSV 表格（.csv）"),
        QT_TRANSLATE_NOOP("ExportDialog", "UTF-8（带 BOM），中文 Excel 直接打开；可再导入。"),
    ),
    ".gpkg": (
        QT_TRANSLATE_NOOP("ExportDialog", "GeoPackage 清单（.gpkg）"),
        QT_TRANSLATE_NOOP("ExportDialog", "新 OneMap 清单，含范围面、楼栋、责任人、资金、摄像头；QGIS 可打开。"),
    ),
    ".geojson": (
        QT_TRANSLATE_NOOP("ExportDialog", "GeoJSON（.geojson）"),
        QT_TRANSLATE_NOOP("ExportDialog", "小区点和范围面，WGS84 经纬度（EPSG:4326）；可再导入。"),
    ),
    ".kml": (
        QT_TRANSLATE_NOOP("ExportDialog", "KML（.kml）"),
        QT_TRANSLATE_NOOP("ExportDialog", "Google 地球、奥维互动地图可打开。"),
    ),
    ".shp": (
        QT_TRANSLATE_NOOP("ExportDialog", "Shapefile（.shp）"),
        QT_TRANSLATE_NOOP("ExportDialog", "ArcGIS 用：GBK 编码、CGCS2000；范围面另存为 *_outlines.shp；可再导入。"),
    ),
}
_ERROR_STYLE = "color: #c62828;"


class ExportDialog(QDialog):
    """Export the estates matching a filter.

    Parameters
    ----------
    inventory_path : Path
        The open inventory (the export opens it read-only in its own thread).
    where : str or list of str, optional
        The current ``--where`` filter; None exports every estate.

    Signals
    -------
    exported(path, count)
        After a file was written.
    """

    exported = Signal(Path, int)

    def __init__(self, inventory_path: Path, where: Where = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.inventory_path, self.where = Path(inventory_path), where_list(where)
        self._job: Job | None = None
        self._notices: list[tuple[str, str]] = []  # (zh, en) sentences from the last export
        self.page = load_form("export_dialog", self)
        QVBoxLayout(self).addWidget(self.page)
        self.setWindowTitle(self.page.windowTitle())
        page = self.page
        self.format: QComboBox = child(page, QComboBox, "formatCombo")
        self.note: QLabel = child(page, QLabel, "formatNote")
        self.path: QLineEdit = child(page, QLineEdit, "pathEdit")
        self.overwrite: QCheckBox = child(page, QCheckBox, "overwriteCheck")
        self.progress: QProgressBar = child(page, QProgressBar, "progressBar")
        self.status: QLabel = child(page, QLabel, "statusLabel")
        self.export_button: QPushButton = child(page, QPushButton, "exportButton")
        for suffix, (name, _note) in FORMATS.items():
            self.format.addItem(self.tr(str(name)), suffix)
        self.count = self._count()
        child(page, QLabel, "filterLabel").setText(
            self.tr("{what}，共 {n} 个小区").format(what=where_words(self.where), n=self.count)
        )
        self.format.currentIndexChanged.connect(self._on_format)
        child(page, QPushButton, "browseButton").clicked.connect(self.choose_file)
        self.export_button.clicked.connect(self.start_export)
        child(page, QPushButton, "closeButton").clicked.connect(self.reject)
        self.path.textChanged.connect(lambda _t: self._update_button())
        self.progress.hide()
        self._on_format()
        self.resize(620, 300)

    def _count(self) -> int:
        from onemap.store import Inventory

        try:
            with Inventory.open(self.inventory_path, readonly=True) as inventory:
                return inventory.count(self.where or None)
        except Exception as error:  # a bad filter or file is said in the dialog
            self.status.setText(message_of(error))
            self.status.setStyleSheet(_ERROR_STYLE)
            return 0

    def _on_format(self) -> None:
        suffix = self.format.currentData()
        self.note.setText(self.tr(str(FORMATS[suffix][1])))
        text = self.path.text().strip()
        stem = (
            Path(text).with_suffix("")
            if text
            else self.inventory_path.with_name(self.tr("{name}-导出").format(name=self.inventory_path.stem))
        )
        self.path.setText(str(stem) + suffix)
        self._update_button()

    def _update_button(self) -> None:
        self.export_button.setEnabled(bool(self.path.text().strip()) and self._job is None and self.count > 0)

    def choose_file(self) -> None:
        """Ask where to save (the file dialog asks before replacing a file)."""
        suffix = self.format.currentData()
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出到"), self.path.text(), f"{self.format.currentText()} (*{suffix})"
        )
        if path:
            self.path.setText(path if path.lower().endswith(suffix) else path + suffix)
            self.overwrite.setChecked(True)

    def target(self) -> Path | None:
        """The output file, or None (with the reason shown) when it cannot be written."""
        out = Path(self.path.text().strip())
        reason = ""
        if out.suffix.lower() not in FORMATS:
            reason = self.tr("文件名应以 {suffixes} 结尾。").format(suffixes="、".join(FORMATS))
        elif same_file(out, self.inventory_path):  # another spelling, a symlink or a hard link too
            reason = self.tr("不能导出到正在使用的清单文件本身。")
        elif out.exists() and not self.overwrite.isChecked():
            reason = self.tr("{name} 已存在；勾选“文件已存在时覆盖”，或换一个文件名。").format(name=out.name)
        elif not out.parent.is_dir():
            reason = self.tr("文件夹不存在：{folder}").format(folder=out.parent)
        if reason:
            self._say(reason, error=True)
            return None
        return out

    def start_export(self) -> None:
        """Write the file in the background."""
        out = self.target()
        if out is None or self._job is not None:
            return
        source, where, overwrite = self.inventory_path, self.where or None, self.overwrite.isChecked()
        self._notices = []
        notices = self._notices

        def work(_progress, _cancel):  # type: ignore[no-untyped-def]
            from onemap.io.export import export
            from onemap.outputs import OutputFile
            from onemap.store import Inventory

            # never over the open inventory itself; the earlier file stays until the new one is complete
            with OutputFile(out, [source], force=overwrite) as temp, Inventory.open(source, readonly=True) as inventory:
                return export(inventory, temp, where, overwrite=True, notices=notices)

        self.progress.show()
        self._say(self.tr("正在导出……"))
        self._job = start_job(self, "export", work, lambda outcome: self._finished(outcome, out))
        self._update_button()

    def _finished(self, outcome: Outcome, out: Path) -> None:
        self._job = None
        self.progress.hide()
        if outcome.ok:
            done = self.tr("已导出 {n} 个小区到 {path}").format(n=outcome.value, path=out)
            lang = ui_language()  # what the format could not hold: a shapefile's text cut at 254 bytes
            self._say("\n".join([done, *(zh if lang == "zh" else en for zh, en in self._notices)]))
            self.exported.emit(out, int(outcome.value))
        else:
            self._say(outcome.error or self.tr("已取消。"), error=True)
        self._update_button()

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(_ERROR_STYLE if error else "")

    def wait(self, timeout_ms: int = 60_000) -> None:
        """Block until a running export has finished (tests and closing)."""
        if self._job is not None:
            self._job.wait(timeout_ms)

    def reject(self) -> None:
        """Close once a running export has finished (a half-written file is never left behind)."""
        self.wait()
        super().reject()

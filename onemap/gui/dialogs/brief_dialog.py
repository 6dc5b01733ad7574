"""File ▸ Brief: briefing sheets or a packet (PDF) for the selection or the filter.

Preview builds the packet with only its first sheets (``preview=2``) into a temporary
PDF and shows its pages as pictures (:mod:`onemap.gui.dialogs.pdf_pages`).  Export builds
the whole document.  Both run off the UI thread with progress; Cancel stops the build
(:class:`~onemap.brief.BriefCancelled`) and no PDF is left behind.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from onemap.gui.dialogs.brief_work import BriefRequest, build_brief, count_estates
from onemap.gui.dialogs.filter_text import Where, where_list, where_words
from onemap.gui.jobs import Outcome, start_job
from onemap.gui.uiload import child, load_form
from onemap.gui.workers import Job
from onemap.outputs import same_file

PREVIEW_SHEETS = 2
PREVIEW_HEIGHT = 340
_ERROR = "color: #c62828;"


class BriefDialog(QDialog):
    """Export briefing sheets or a packet.

    Parameters
    ----------
    inventory_path : Path
        The open inventory (the build opens it read-only in its own thread).
    codes : sequence of str
        The selected estates; when empty, the estates matching ``where``.
    where : str or list of str, optional
        The current filter (used when nothing is selected; None for every estate).
    redact_phones : bool
        Initial state of "mask phones" (Settings' phone masking).
    basemap : str
        An MBTiles file drawn under the sheet maps (Settings' basemap), or ``""``.

    Signals
    -------
    exported(path)
        After the PDF was written.
    """

    exported = Signal(Path)

    def __init__(
        self,
        inventory_path: Path,
        codes: Sequence[str] = (),
        where: Where = None,
        *,
        redact_phones: bool = True,
        basemap: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("briefDialog")
        self.inventory_path, self.codes, self.where = Path(inventory_path), list(codes), where_list(where)
        self.basemap = basemap
        self._job: Job | None = None
        self._temp = Path(tempfile.mkdtemp(prefix="onemap-brief-"))
        self._previews = 0
        self._confirmed = Path()  # the existing file the user agreed to replace
        self.page = load_form("brief_dialog", self)
        QVBoxLayout(self).addWidget(self.page)
        self.setWindowTitle(self.page.windowTitle())
        self._find_children()
        self.redact.setChecked(redact_phones)
        for paper in ("A4", "A3"):
            self.paper.addItem(paper, paper)
        self.count = count_estates(self.inventory_path, self.codes, self.where)
        self.selection.setText(self._selection_words())
        self.path.setText(
            str(self.inventory_path.with_name(self.tr("{name}-简报.pdf").format(name=self.inventory_path.stem)))
        )
        self._connect()
        self._set_running(False)
        hint = self.tr("“预览前几页”先生成封面、目录、汇总和前 {n} 个小区的档案页。")
        self.note.setText(hint.format(n=PREVIEW_SHEETS))
        self.resize(900, 700)

    def _find_children(self) -> None:
        page = self.page
        self.selection: QLabel = child(page, QLabel, "selectionLabel")
        self.paper: QComboBox = child(page, QComboBox, "paperCombo")
        self.landscape: QCheckBox = child(page, QCheckBox, "landscapeCheck")
        self.redact: QCheckBox = child(page, QCheckBox, "redactCheck")
        self.sheets_only: QCheckBox = child(page, QCheckBox, "sheetsOnlyCheck")
        self.plan: QCheckBox = child(page, QCheckBox, "planCheck")  # the plan's 汇报 as a packet part
        self.plan_budget: QDoubleSpinBox = child(page, QDoubleSpinBox, "planBudgetSpin")
        self.path: QLineEdit = child(page, QLineEdit, "pathEdit")
        self.note: QLabel = child(page, QLabel, "previewNote")
        self.pages: QWidget = child(page, QWidget, "previewPages")
        self.progress: QProgressBar = child(page, QProgressBar, "progressBar")
        self.status: QLabel = child(page, QLabel, "statusLabel")
        self.buttons = {
            name: child(page, QPushButton, f"{name}Button")
            for name in ("browse", "preview", "export", "cancel", "close")
        }

    def _connect(self) -> None:
        b = self.buttons
        b["browse"].clicked.connect(self.choose_file)
        b["preview"].clicked.connect(self.preview)
        b["export"].clicked.connect(self.export)
        b["cancel"].clicked.connect(self.cancel)
        b["close"].clicked.connect(self.reject)

    def _selection_words(self) -> str:
        if self.codes:
            return self.tr("所选 {n} 个小区").format(n=self.count)
        return self.tr("{what}，共 {n} 个小区").format(what=where_words(self.where), n=self.count)

    def request(self, out: Path, preview: int | None = None) -> BriefRequest:
        """What to build, from the dialog's options."""
        return BriefRequest(
            self.inventory_path,
            tuple(self.codes),
            tuple(self.where),
            out,
            paper=self.paper.currentData(),
            landscape=self.landscape.isChecked(),
            redact_phones=self.redact.isChecked(),
            sheets_only=self.sheets_only.isChecked(),
            basemap=self.basemap,
            plan_budget_wan=self.plan_budget.value() if self.plan.isChecked() else None,
            preview=preview,
        )

    # -- running -----------------------------------------------------------------------------

    def preview(self) -> None:
        """Build the first pages into a temporary PDF and show them."""
        self._previews += 1
        folder = self._temp / f"preview-{self._previews}"
        request = self.request(folder / "preview.pdf", PREVIEW_SHEETS)
        self._start(request, self._previewed, self.tr("正在生成预览……"))

    def export(self) -> None:
        """Build the whole PDF at the chosen path."""
        out = Path(self.path.text().strip())
        if out.suffix.lower() != ".pdf" or not out.parent.is_dir():
            self._say(self.tr("请选择一个 .pdf 文件，并确认文件夹存在。"), error=True)
            return
        if out.exists() and not same_file(out, self._confirmed):
            # only the file dialog's "replace?" question confirms overwriting a typed name
            self._say(
                self.tr("{name} 已存在；请点“选择…”选择它并确认覆盖，或换一个文件名。").format(name=out.name),
                error=True,
            )
            return
        self._start(self.request(out), self._exported, self.tr("正在生成 PDF……"))

    def _start(self, request: BriefRequest, done, message: str) -> None:  # type: ignore[no-untyped-def]
        if self._job is not None or not self.count:
            return
        self._set_running(True)
        self._say(message)
        self._job = start_job(
            self,
            "brief",
            lambda progress, cancel: build_brief(request, progress, cancel),
            lambda outcome: self._finished(outcome, done),
            self._on_progress,
            self._on_failed,
        )

    def _on_progress(self, fraction: float, message: str) -> None:
        if self._job is not None:
            self.progress.setValue(int(fraction * 1000))
            self.status.setText(message)

    def cancel(self) -> None:
        """Stop the build; no PDF is written."""
        job, self._job = self._job, None
        if job is None:
            return
        job.cancel()
        self._set_running(False)
        self._say(self.tr("已取消，没有生成 PDF。"), error=True)

    def _finished(self, outcome: Outcome, done) -> None:  # type: ignore[no-untyped-def]
        self._job = None
        self._set_running(False)
        if outcome.cancelled:
            self._say(self.tr("已取消，没有生成 PDF。"), error=True)
        elif outcome.error:
            self._say(outcome.error, error=True)
        else:
            done(*outcome.value)

    def _on_failed(self, message: str) -> None:
        self._job = None
        self._set_running(False)
        self._say(self.tr("生成 PDF 时出错：{message}").format(message=message), error=True)

    def _exported(self, result, _images) -> None:  # type: ignore[no-untyped-def]
        text = self.tr("已导出 {pages} 页到 {path}").format(pages=result.page_count, path=result.path)
        self._say("\n".join([text, *result.warnings]))
        self.exported.emit(Path(result.path))

    def _previewed(self, result, images: list[Path]) -> None:  # type: ignore[no-untyped-def]
        layout = self.pages.layout()
        assert isinstance(layout, QHBoxLayout)
        while layout.count() > 1:
            item = layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for number, image in enumerate(images, start=1):
            layout.insertWidget(number - 1, self._page_label(image, number))
        if images:
            text = self.tr("预览共 {pages} 页（导出时每个小区一页）。").format(pages=result.page_count)
        else:
            text = self.tr(
                "这台电脑不能把 PDF 页面画成图片（没有 QtPdf，也没有 pdftoppm）；预览 PDF 共 {pages} 页。"
            ).format(pages=result.page_count)
        self.note.setText(text)
        self._say("\n".join(result.warnings))

    def _page_label(self, image: Path, number: int) -> QLabel:
        label = QLabel()
        label.setObjectName("previewPage")
        pixmap = QPixmap(str(image))
        scaled = pixmap.scaledToHeight(PREVIEW_HEIGHT, Qt.TransformationMode.SmoothTransformation)
        label.setPixmap(scaled)
        label.setFixedSize(scaled.width() + 2, scaled.height() + 2)
        label.setStyleSheet("border: 1px solid #bbb; background: white;")
        label.setToolTip(self.tr("第 {n} 页").format(n=number))
        return label

    # -- state -------------------------------------------------------------------------------

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.progress.setValue(0)
        self.buttons["cancel"].setEnabled(running)
        for name in ("browse", "preview", "export", "close"):
            self.buttons[name].setEnabled(not running and (name in ("browse", "close") or self.count > 0))
        for widget in (self.paper, self.landscape, self.redact, self.sheets_only, self.path):
            widget.setEnabled(not running)
        for plan_widget in (self.plan, self.plan_budget):
            plan_widget.setEnabled(not running)
        if not self.count:
            self._say(self.tr("没有可导出的小区。"), error=True)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(_ERROR if error else "")

    def choose_file(self) -> None:
        """Ask where to save the PDF."""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存简报"), self.path.text(), self.tr("PDF 文件 (*.pdf)"))
        if path:
            self.path.setText(path if path.lower().endswith(".pdf") else path + ".pdf")
            self._confirmed = Path(self.path.text())  # the file dialog asked before replacing it

    def done(self, result: int) -> None:
        """Closing: a running build is cancelled and the preview files are removed."""
        self.cancel()
        shutil.rmtree(self._temp, ignore_errors=True)
        super().done(result)

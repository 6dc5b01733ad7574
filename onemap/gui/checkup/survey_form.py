"""The survey form (体检调查): one estate's findings, per building or for the whole estate, with photos.

The form knows nothing of the inventory: it lists the findings it is given and hands each new
one, with its photo's bytes, to ``save`` (the window writes both through its writable
inventory, audited, so the file itself keeps the photo, and refreshes the estate).  A photo
path that is not a readable JPEG or PNG is said in a message and nothing is saved.  The
problem pick-list follows the chosen indicator's groups.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from onemap.checkup.indicators import CURRENT_VERSION, indicator_set
from onemap.checkup.photos import PhotoError, read_photo, resolve
from onemap.gui.checkup.made import made
from onemap.gui.errors import show_message
from onemap.gui.i18n import tr
from onemap.gui.i18n.language import ui_language
from onemap.said import in_lang
from onemap.store.checkup import CheckupFinding

#: keeps one finding and its photo's bytes (None: no photo)
Save = Callable[[CheckupFinding, bytes | None], None]


class SurveyForm(QDialog):
    """Add check-up findings to one estate; ``saved`` is emitted after each one is kept."""

    saved = Signal(object)

    def __init__(
        self,
        code: str,
        name: str,
        buildings: dict[int, str],
        findings: Sequence[CheckupFinding],
        save: Save,
        parent: QWidget | None = None,
        surveyor: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("survey_form")
        self.setWindowTitle(tr("城市体检调查：{name}（{code}）").format(name=name, code=code))
        self.code, self._save, self._buildings = code, save, buildings
        self.wording = indicator_set(CURRENT_VERSION)
        self.building = made(QComboBox(), "survey_building")
        self.building.addItem(tr("全小区"), None)
        for fid, label in sorted(buildings.items(), key=lambda item: item[1]):
            self.building.addItem(label, fid)
        self.indicator = made(QComboBox(), "survey_indicator")
        for ind in self.wording.indicators.values():
            if ind.source == "survey":
                self.indicator.addItem(f"{ind.code} {ind.name}", ind.code)
        self.problem = made(QComboBox(), "survey_problem")
        self.value = made(QDoubleSpinBox(), "survey_value", maximum=1e6, decimals=2, specialValueText=tr("未填"))
        self.photo = made(QLineEdit(), "survey_photo")
        self.surveyor = made(QLineEdit(surveyor), "survey_surveyor")
        self.date = made(QDateEdit(QDate.currentDate()), "survey_date", calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.add = made(QPushButton(tr("添加")), "survey_add")
        self.table = made(QTableWidget(0, 6), "survey_findings")
        self.table.setHorizontalHeaderLabels(
            [tr("楼栋"), tr("指标"), tr("问题"), tr("数值"), tr("调查日期"), tr("照片")]
        )
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self._layout()
        self.indicator.currentIndexChanged.connect(self._on_indicator_change)
        self.add.clicked.connect(self._on_add)
        self._on_indicator_change()
        for finding in findings:
            self._show(finding)

    def _layout(self) -> None:
        browse = made(QPushButton(tr("选择照片…")), "survey_browse")
        browse.clicked.connect(self._on_browse)
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.photo, 1)
        photo_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(tr("楼栋"), self.building)
        form.addRow(tr("指标"), self.indicator)
        form.addRow(tr("问题"), self.problem)
        form.addRow(tr("数值（缺口、千米）"), self.value)
        form.addRow(tr("照片"), photo_row)
        form.addRow(tr("调查人"), self.surveyor)
        form.addRow(tr("调查日期"), self.date)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.add)
        column.addWidget(self.table, 1)

    def _on_indicator_change(self) -> None:
        ind = self.wording.indicators[str(self.indicator.currentData())]
        self.problem.clear()
        self.problem.addItem(tr("（不选）"), None)
        for key, problem in self.wording.problems.items():
            if problem.group in ind.problems:
                self.problem.addItem(problem.name, key)
        self.building.setEnabled(ind.level == "building")
        if ind.level == "building" and self.building.currentData() is None and self.building.count() > 1:
            self.building.setCurrentIndex(1)
        elif ind.level != "building":
            self.building.setCurrentIndex(0)

    def _on_browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, tr("选择照片"), "", tr("图片 (*.jpg *.jpeg *.png)"))
        if path:
            self.photo.setText(path)

    def finding(self) -> CheckupFinding:
        """The finding the form holds now."""
        value = self.value.value()
        return CheckupFinding(
            self.code, str(self.indicator.currentData()), self.wording.version, self.building.currentData(),
            self.problem.currentData(), value if value > 0 else None, None, self.photo.text().strip() or None,
            self.surveyor.text().strip() or None, self.date.date().toString("yyyy-MM-dd"),
        )  # fmt: skip

    def _on_add(self) -> None:
        finding = self.finding()
        try:
            picture = read_photo(resolve(finding.photo)) if finding.photo else None
        except PhotoError as error:
            self.problem_box = show_message(self, tr("照片无法存入"), in_lang(error.args[0], ui_language()))
            self.photo.setFocus()
            return
        self._save(finding, picture)
        self._show(finding)
        self.saved.emit(finding)

    def _show(self, finding: CheckupFinding) -> None:
        ind = self.wording.indicators.get(finding.indicator)
        problem = self.wording.problems.get(finding.problem or "")
        cells = [
            self._buildings.get(finding.building_fid, "") if finding.building_fid is not None else tr("全小区"),
            ind.name if ind else finding.indicator,
            problem.name if problem else "",
            "" if finding.value is None else f"{finding.value:g}",
            finding.surveyed_on or "",
            Path(finding.photo).name if finding.photo else "",
        ]
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate(cells):
            self.table.setItem(row, column, QTableWidgetItem(text))

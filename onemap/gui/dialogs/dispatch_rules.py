"""Settings ▸ 告警派发: the dispatch rules and channels of the collector's ``WATCH.toml``, editable.

Rules are a table (type × levels → steps of roles, escalation minutes); each channel is a group
that is on or off, with its non-secret fields, and password fields whose values go to the OS
keyring only.  Saving checks everything first (:func:`onemap.watch.dispatch.form_table.table_of`);
a wrong input is named in Chinese (or English) above the table and its cell or field is selected.
The file is :func:`onemap.watch.dispatch.toml_out.viewer_watch_file` unless another is given.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from onemap.cameras.credentials import keyring_available
from onemap.gui.dialogs.dispatch_channels import ChannelBox, tr_page
from onemap.gui.i18n.language import ui_language
from onemap.watch.dispatch.editing import (
    DispatchForm,
    FormProblem,
    RuleRow,
    keyring_refused,
    new_rule,
    no_keyring,
    split_secret_url,
)
from onemap.watch.dispatch.form_table import load_form, save_form
from onemap.watch.dispatch.toml_out import viewer_watch_file

_ERROR, _OK = "color: #c62828;", "color: #1b7f3b;"
COLUMNS = (
    QT_TRANSLATE_NOOP("DispatchRulesPage", "告警类型"),
    QT_TRANSLATE_NOOP("DispatchRulesPage", "级别"),
    QT_TRANSLATE_NOOP("DispatchRulesPage", "通知顺序（→ 分隔升级步骤）"),
    QT_TRANSLATE_NOOP("DispatchRulesPage", "升级等待（分钟）"),
)


class DispatchRulesPage(QWidget):
    """The 派发规则 page over one ``WATCH.toml``."""

    def __init__(self, path: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dispatchRulesPage")
        self.path = path or viewer_watch_file()
        self._build()
        try:
            form = load_form(self.path)
        except FormProblem as problem:
            self.show_message(problem)
            form = DispatchForm()
        self.load(form)

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.addWidget(QLabel(self.tr("规则文件（采集器读取）：{path}").format(path=self.path), self))
        self.message = QLabel(self)
        self.message.setObjectName("dispatchMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        outer.addWidget(self.message)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("默认升级等待（分钟）"), self))
        self.minutes = QLineEdit(self)
        self.minutes.setObjectName("dispatchMinutes")
        row.addWidget(self.minutes)
        outer.addLayout(row)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("dispatchRules")
        self.table.setHorizontalHeaderLabels([tr_page(str(c)) for c in COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        outer.addWidget(self.table)
        buttons = QHBoxLayout()
        add, remove = QPushButton(self.tr("添加规则"), self), QPushButton(self.tr("删除所选规则"), self)
        add.clicked.connect(lambda: self.add_rule(new_rule()))
        remove.clicked.connect(self.remove_rule)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.channel_area = QVBoxLayout()
        outer.addLayout(self.channel_area)
        self.boxes: dict[str, ChannelBox] = {}
        self.kept: DispatchForm = DispatchForm()

    def load(self, form: DispatchForm) -> None:
        """Show ``form``."""
        self.kept = form
        self.minutes.setText(form.minutes)
        self.table.setRowCount(0)
        for rule in form.rules:
            self.add_rule(rule)
        for box in self.boxes.values():
            box.setParent(None)
        self.boxes = {c.kind: ChannelBox(c, self) for c in form.channels}
        for box in self.boxes.values():
            self.channel_area.addWidget(box)

    def add_rule(self, rule: RuleRow) -> None:
        """A row at the end of the table."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate((rule.alert_type, rule.levels, rule.steps, rule.minutes)):
            self.table.setItem(row, column, QTableWidgetItem(text))

    def remove_rule(self) -> None:
        """Drop the rows with a selected cell."""
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def form(self) -> DispatchForm:
        """What the page says now."""
        rules = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, c) for c in range(len(COLUMNS))]
            rules.append(RuleRow(*[(cell.text() if cell is not None else "") for cell in cells]))
        channels = [box.form() for box in self.boxes.values()]
        return DispatchForm(self.minutes.text(), rules, channels, self.kept.roles, self.kept.other_channels)

    def secrets(self) -> dict[tuple[str, str], str]:
        """Every password field's text by ``(channel, what)`` (empty: leave the keyring as it is)."""
        typed: dict[tuple[str, str], str] = {}
        for box in self.boxes.values():
            typed.update(box.typed_secrets())
        return typed

    def _move_url_secrets(self) -> None:
        """A robot URL pasted whole keeps its key in the password field, not in the file."""
        for box in self.boxes.values():
            endpoint = box.fields.get("endpoint")
            if not isinstance(endpoint, QLineEdit) or not endpoint.text().strip():
                continue
            clean, found = split_secret_url(endpoint.text(), box.kind)
            for what, value in found.items():
                box.secrets[what].setText(value)
            if found:
                endpoint.setText(clean)

    def save(self) -> bool:
        """Check, write the file and keep the secrets; False (with the reason shown) when refused."""
        self._move_url_secrets()
        secrets = {k: v for k, v in self.secrets().items() if v}
        if secrets and not keyring_available():
            self.show_message(no_keyring())
            return False
        try:
            refused = save_form(self.path, self.form(), secrets)
        except (FormProblem, ValueError, OSError) as problem:
            self.show_message(problem)
            return False
        for box in self.boxes.values():
            for edit in box.secrets.values():
                edit.clear()  # typed secrets do not linger in the widget
        if refused:
            self.show_message(keyring_refused(refused))
            return False
        self.show_message(None)
        return True

    def show_message(self, problem: Exception | None) -> None:
        """The reason a save was refused (and select what it is about), or clear it."""
        if problem is None:
            self.message.setText(self.tr("已保存。"))
            self.message.setStyleSheet(_OK)
            self.message.setVisible(True)
            return
        said = getattr(problem, "said", None)
        text = (str(said) if ui_language() == "zh" else said.en) if said is not None else str(problem)
        self.message.setText(text)
        self.message.setStyleSheet(_ERROR)
        self.message.setVisible(True)
        self._select(getattr(problem, "where", ("", 0, "")))

    def _select(self, where: tuple[str, object, object]) -> None:
        kind, row, column = where
        if kind == "rule" and isinstance(row, int) and isinstance(column, int):
            self.table.setCurrentCell(row, column)
        elif kind == "minutes":
            self.minutes.setFocus()
        elif kind == "channel" and isinstance(row, str) and row in self.boxes:
            widget = self.boxes[row].fields.get(str(column))
            if widget is not None:
                widget.setFocus()


class DispatchRulesDialog(QDialog):
    """The page in a dialog: 保存 checks and writes, 取消 leaves the file alone."""

    def __init__(self, path: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dispatchRulesDialog")
        self.setWindowTitle(self.tr("告警派发规则"))
        self.page = DispatchRulesPage(path, self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.page)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)
        self.resize(760, 640)

    def accept(self) -> None:
        """Save, or stay open showing why not."""
        if self.page.save():
            super().accept()


def add_dispatch_rules(dialog: QDialog, path: Path | None = None) -> QPushButton:
    """The settings dialog's 告警派发 group: where the rules are, and a button that opens them."""
    group = QGroupBox(QCoreApplication.translate("DispatchRulesPage", "告警派发"), dialog)
    group.setObjectName("dispatchGroup")
    row = QHBoxLayout(group)
    row.addWidget(QLabel(str(path or viewer_watch_file()), group), 1)
    button = QPushButton(QCoreApplication.translate("DispatchRulesPage", "派发规则…"), group)
    button.setObjectName("dispatchRulesButton")
    button.clicked.connect(lambda: DispatchRulesDialog(path, dialog).exec())
    layout = dialog.layout()
    if layout is not None:
        layout.addWidget(group)
    return button

"""The estate form's child tables: contacts, cameras, sensors, funding and renovation items.

Each :class:`ChildTable` edits one list of the form's :class:`~onemap.edit.EstateForm`
in place (rows added and removed through the form, so each row keeps its ``fid``) and
shows the core's problems for its cells: the cell turns red, and the messages appear
in red under the table.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QLabel, QTableWidget, QTableWidgetItem

from onemap.edit import EstateForm, FormCheck
from onemap.gui.editing.point_cells import point_text, read_point
from onemap.model import CATEGORIES, CONTACT_ROLES, FUNDING_SOURCES, Camera, Contact, Funding, RenovationItem, Sensor
from onemap.watch.sensor_checks import GAS_DETECTOR

Vocab = dict[str, tuple[str, str]]
ERROR_COLOUR = "#c62828"
WARNING_COLOUR = "#9a6700"
_CELL_ERROR = QColor("#fde0e0")
_PATH = re.compile(r"^(\w+)\[(\d+)\]\.(\w+)$")


@dataclass(frozen=True)
class ChildSpec:
    """One child table: its name in the form, in the store, on the Estate, and its columns."""

    key: str
    table: str
    attr: str
    columns: tuple[tuple[str, Vocab | None], ...]
    make: Callable[[str], Any]
    #: the column that takes the spare width (the others fit their contents)
    stretch: int


SPECS: tuple[ChildSpec, ...] = (
    ChildSpec(
        "contacts",
        "contacts",
        "contacts",
        (("role", CONTACT_ROLES), ("name", None), ("title", None), ("phone", None)),
        lambda code: Contact(code, "leader"),
        2,
    ),
    ChildSpec(
        "cameras",
        "cameras",
        "cameras",
        (("name", None), ("kind", None), ("link", None), ("gb_id", None), ("channel", None)),
        lambda code: Camera(code),
        2,
    ),
    ChildSpec(
        "sensors",
        "sensors",
        "sensors",
        (
            ("name", None),
            ("kind", None),
            ("imei", None),
            ("device_id", None),
            ("low_lel", None),
            ("high_lel", None),
            ("location", None),
        ),
        lambda code: Sensor(code, kind=GAS_DETECTOR),
        0,
    ),
    ChildSpec(
        "funding",
        "funding",
        "funding",
        (("source", FUNDING_SOURCES), ("amount_wan", None)),
        lambda code: Funding(code, "central"),
        1,
    ),
    ChildSpec(
        "items",
        "renovation_items",
        "items",
        (("category", CATEGORIES), ("item", None)),
        lambda code: RenovationItem(code, "basic", ""),
        1,
    ),
)


def shown(value: Any) -> str:
    """A stored value as the form shows it: blank for None, 120 for 120.0, text as it is."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def vocab_combo(vocab: Vocab, current: str | None, lang: str) -> QComboBox:
    """A combo of a vocabulary's labels holding their keys; a stored value outside it stays shown."""
    combo = QComboBox()
    for key, (zh, en) in vocab.items():
        combo.addItem(zh if lang == "zh" else en, key)
    if current and combo.findData(current) < 0:
        combo.addItem(current, current)  # an old or mistyped value: shown so the check can name it
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


class ChildTable(QObject):
    """Binds one QTableWidget (plus its red message label) to one list of the form.

    Parameters
    ----------
    table : QTableWidget
        The form's ``table_<key>``.
    errors : QLabel
        The form's ``err_<key>``, under the table.
    spec : ChildSpec
        Which list and columns.
    on_change : callable
        Called after every edit, so the form can check again.
    """

    def __init__(
        self, table: QTableWidget, errors: QLabel, spec: ChildSpec, on_change: Callable[[], None], lang: str = "zh"
    ) -> None:
        super().__init__(table)
        self.table, self.errors, self.spec = table, errors, spec
        self._on_change, self._lang = on_change, lang
        self.form: EstateForm | None = None
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = table.horizontalHeader()
        header.setMinimumSectionSize(70)
        for column in range(table.columnCount()):
            stretch = column == spec.stretch
            header.setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch if stretch else QHeaderView.ResizeMode.ResizeToContents
            )
        table.verticalHeader().setDefaultSectionSize(28)
        table.itemChanged.connect(self._on_item_changed)

    @property
    def rows(self) -> list[Any]:
        """The form's list this table edits."""
        assert self.form is not None
        return getattr(self.form.estate, self.spec.attr)  # type: ignore[no-any-return]

    def load(self, form: EstateForm) -> None:
        """Show the form's rows."""
        self.form = form
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for row in self.rows:
            self._append(row)
        self.table.blockSignals(False)

    def add_row(self) -> None:
        """Append a blank row (a new contact is a 包抓负责人 until changed)."""
        assert self.form is not None
        item = self.spec.make(self.form.estate.code)
        self.form.add_row(self.spec.table, item)
        self.table.blockSignals(True)
        self._append(item)
        self.table.blockSignals(False)
        self.table.setCurrentCell(self.table.rowCount() - 1, 0)
        self._on_change()

    def remove_selected(self) -> None:
        """Remove the selected rows (or the current one)."""
        assert self.form is not None
        chosen = {index.row() for index in self.table.selectionModel().selectedRows()}
        if not chosen and self.table.currentRow() >= 0:
            chosen = {self.table.currentRow()}
        for index in sorted(chosen, reverse=True):
            self.form.remove_row(self.spec.table, index)
            self.table.removeRow(index)
        if chosen:
            self._on_change()

    def show_problems(self, check: FormCheck, lang: str) -> int:
        """Mark the cells the check names and list its messages under the table; returns the error count."""
        cells: dict[tuple[int, int], str] = {}
        lines, errors = [], 0
        names = [name for name, _vocab in self.spec.columns]
        for problem in check.problems:
            match = _PATH.match(problem.field)
            if not match or match.group(1) != self.spec.attr:
                continue
            row, attr = int(match.group(2)), match.group(3)
            if attr in names:
                cells[(row, names.index(attr))] = problem.message(lang)
            lines.append(problem.message(lang))
            errors += problem.severity == "error"
        self._paint(cells)
        self.errors.setText("\n".join(lines))
        self.errors.setVisible(bool(lines))
        colour = ERROR_COLOUR if errors else WARNING_COLOUR
        self.errors.setStyleSheet(f"color: {colour};")
        return errors

    # -- cells -------------------------------------------------------------------------------

    def _append(self, row: Any) -> None:
        index = self.table.rowCount()
        self.table.insertRow(index)
        for column, (attr, vocab) in enumerate(self.spec.columns):
            value = getattr(row, attr)
            if vocab is None:
                text = point_text(value) if attr == "location" else shown(value)
                self.table.setItem(index, column, QTableWidgetItem(text))
                continue
            combo = vocab_combo(vocab, value, self._lang)
            combo.currentIndexChanged.connect(lambda _i, c=combo, a=attr: self._on_combo(c, a))
            self.table.setCellWidget(index, column, combo)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        attr = self.spec.columns[item.column()][0]
        setattr(self.rows[item.row()], attr, read_point(item.text()) if attr == "location" else item.text())
        self._on_change()

    def _on_combo(self, combo: QComboBox, attr: str) -> None:
        column = [a for a, _v in self.spec.columns].index(attr)
        for index in range(self.table.rowCount()):
            if self.table.cellWidget(index, column) is combo:
                setattr(self.rows[index], attr, combo.currentData())
                self._on_change()
                return

    def _paint(self, cells: dict[tuple[int, int], str]) -> None:
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            for column in range(self.table.columnCount()):
                message = cells.get((row, column), "")
                item = self.table.item(row, column)
                if item is not None:
                    item.setBackground(QBrush(_CELL_ERROR) if message else QBrush())
                    item.setToolTip(message or item.text())
                widget = self.table.cellWidget(row, column)
                if widget is not None:
                    widget.setToolTip(message)
                    widget.setStyleSheet(f"border: 1px solid {ERROR_COLOUR};" if message else "")
        self.table.blockSignals(False)

"""The attribute table's model: filtered estates straight from the column arrays.

A Qt model/view table (no widget per cell); sorting reorders an index array with numpy,
and Chinese text sorts in pinyin order through QCollator sort keys.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCollator,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from onemap.gui.docks.table_follow import follow
from onemap.gui.i18n import tr
from onemap.gui.i18n.language import ui_language
from onemap.model import CATEGORIES, STATUSES, status_label
from onemap.view.estate_table import CATEGORY_KEYS, STATUS_KEYS, EstateTable
from onemap.view.rowchange import RowChange

Index = QModelIndex | QPersistentModelIndex


def _status(t: EstateTable, r: int) -> str | None:
    return STATUSES[STATUS_KEYS[t.status[r]]][_word()] if t.status[r] >= 0 else None


def _categories(t: EstateTable, r: int) -> str | None:
    bits = int(t.category_bits[r])
    word = _word()
    return ("、" if word == 0 else ", ").join(
        CATEGORIES[k][word] for i, k in enumerate(CATEGORY_KEYS) if bits & (1 << i)
    ) or None


def _word() -> int:
    """Which of the core's (Chinese, English) names to show."""
    return 1 if ui_language() == "en" else 0


def _number(values: Callable[[EstateTable], np.ndarray], digits: int = 0) -> Callable[[EstateTable, int], str | None]:
    def text(t: EstateTable, r: int) -> str | None:
        v = float(values(t)[r])
        return None if np.isnan(v) else f"{v:,.{digits}f}"

    return text


#: (header, text of one cell, sort key array)
COLUMNS: list[tuple[str, Callable[[EstateTable, int], str | None], Callable[[EstateTable], np.ndarray]]] = [
    (QT_TRANSLATE_NOOP("", "编码"), lambda t, r: t.code[r], lambda t: t.code),
    (QT_TRANSLATE_NOOP("", "小区名称"), lambda t, r: t.name[r], lambda t: t.name),
    (QT_TRANSLATE_NOOP("", "镇（街道）"), lambda t, r: t.township[r], lambda t: t.township),
    (QT_TRANSLATE_NOOP("", "社区"), lambda t, r: t.community[r], lambda t: t.community),
    (QT_TRANSLATE_NOOP("", "改造状态"), _status, lambda t: t.status.astype(float)),
    (
        QT_TRANSLATE_NOOP("", "改造年度"),
        lambda t, r: str(t.renewal_year[r]) if t.renewal_year[r] else None,
        lambda t: np.where(t.renewal_year > 0, t.renewal_year, np.nan),
    ),
    (QT_TRANSLATE_NOOP("", "改造类别"), _categories, lambda t: t.category_bits.astype(float)),
    (QT_TRANSLATE_NOOP("", "户数"), _number(lambda t: t.households), lambda t: t.households),
    (QT_TRANSLATE_NOOP("", "楼栋数"), _number(lambda t: t.buildings), lambda t: t.buildings),
    (QT_TRANSLATE_NOOP("", "总投资（万元）"), _number(lambda t: t.investment_wan, 2), lambda t: t.investment_wan),
    (QT_TRANSLATE_NOOP("", "摄像头"), lambda t, r: str(t.cameras[r]), lambda t: t.cameras.astype(float)),
    (QT_TRANSLATE_NOOP("", "地址"), lambda t, r: t.address[r], lambda t: t.address),
]
_NUMERIC = {5, 7, 8, 9, 10}
#: up to this many rows, :meth:`EstateTableModel.position_of` scans rather than indexing every row
_FEW = 8
_BLANK = QColor("#9a9a9a")


class EstateTableModel(QAbstractTableModel):
    """Rows are the filtered estates in the chosen order; :attr:`order` holds their table rows."""

    def __init__(self, table: EstateTable) -> None:
        super().__init__()
        self.table = table
        self.order = np.arange(len(table), dtype=np.intp)
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        self._position: np.ndarray | None = None
        self._keys: dict[int, np.ndarray] = {}
        #: text columns: the table rows in key order (blanks left out), to rank a changed row
        self._ranked: dict[int, np.ndarray] = {}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(COLUMNS[section][0])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = int(self.order[index.row()])
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[index.column()][1](self.table, row) or status_label(None, ui_language())
        if role == Qt.ItemDataRole.ForegroundRole and COLUMNS[index.column()][1](self.table, row) is None:
            return _BLANK
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return str(self.table.code[row])
        return None

    def retranslate(self) -> None:
        """Headers and status/category cells again, in the current language (the order stays)."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if len(self.order):
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.order) - 1, len(COLUMNS) - 1))

    def set_rows(self, rows: np.ndarray) -> None:
        """Show these table rows (the filter's result), keeping the current sort."""
        self.beginResetModel()
        self.order = np.asarray(rows, dtype=np.intp)
        if self._sort is not None:
            self.order = self._sorted(self.order, *self._sort)
        self._position = None
        self.endResetModel()

    def follow(self, change: RowChange, mask: np.ndarray) -> None:
        """Follow a refresh of some estates (rows changed, moved, added, removed): no reset."""
        follow(self, change, mask)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        if 0 <= column < len(COLUMNS):
            self._sort = (column, order)
            self.order = self._sorted(self.order, column, order)
        else:  # no sort column: file order
            self._sort = None
            self.order = np.sort(self.order)
        self._position = None
        self.layoutChanged.emit()

    def _sorted(self, rows: np.ndarray, column: int, order: Qt.SortOrder) -> np.ndarray:
        keys = self._sort_keys(column)[rows]
        blanks = np.isnan(keys)
        values = np.where(blanks, 0.0, keys)
        if order == Qt.SortOrder.DescendingOrder:
            values = -values
        return rows[np.lexsort((values, blanks))]  # blanks always last

    def _sort_keys(self, column: int) -> np.ndarray:
        """A float per table row that sorts like the column (text by pinyin rank), NaN for blanks; cached."""
        if column not in self._keys:
            raw = COLUMNS[column][2](self.table)
            if raw.dtype == object:
                present = [i for i, v in enumerate(raw.tolist()) if v is not None]
                order = sorted(present, key=lambda i: self._collator.sortKey(str(raw[i])))
                keys = np.full(len(raw), np.nan)
                keys[order] = np.arange(len(order), dtype=float)
                self._ranked[column] = np.asarray(order, dtype=np.intp)
            else:
                keys = raw.astype(float)
            self._keys[column] = keys
        return self._keys[column]

    def position_of(self, table_rows: np.ndarray | list[int]) -> np.ndarray:
        """Model rows showing these table rows (-1 where a row is filtered out)."""
        rows = np.asarray(table_rows, dtype=np.intp)
        if self._position is None and len(rows) <= _FEW:  # a scan per row beats indexing every row
            return np.asarray([_first(self.order == r) for r in rows.tolist()], dtype=np.intp)
        if self._position is None:
            self._position = np.full(len(self.table), -1, dtype=np.intp)
            self._position[self.order] = np.arange(len(self.order))
        return self._position[rows]

    def code_at(self, model_row: int) -> str:
        """The estate code shown in a model row."""
        return str(self.table.code[int(self.order[model_row])])


def _first(hits: np.ndarray) -> int:
    found = np.flatnonzero(hits)
    return int(found[0]) if len(found) else -1

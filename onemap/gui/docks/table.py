"""The attribute table dock: filtered estates, sortable, selection linked both ways to the map."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QItemSelection, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from onemap.gui.docks.table_model import EstateTableModel
from onemap.gui.i18n import keep_tr, tr
from onemap.view.rowchange import RowChange
from onemap.view.session import MapSession

_WIDTHS = (96, 150, 96, 90, 64, 64, 150, 60, 56, 96, 56, 240)


class TableDock(QDockWidget):
    """Every filtered estate as a row; selecting rows selects estates on the map and back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_tr(self, "setWindowTitle", QT_TRANSLATE_NOOP("", "属性表"))
        self.setObjectName("tableDock")
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.count_label = QLabel()
        self.view = QTableView()
        self.view.setObjectName("estateTable")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSortingEnabled(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.verticalHeader().hide()
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.count_label)
        layout.addWidget(self.view)
        self.setWidget(body)
        self.session: MapSession | None = None
        self.model: EstateTableModel | None = None
        self._syncing = False
        self.view.doubleClicked.connect(self._on_double_click)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.model is not None:
            self.model.retranslate()
            self._on_filter_change()
        super().changeEvent(event)

    def bind(self, session: MapSession) -> None:
        """Show a session's estates."""
        self.unbind()
        self.session = session
        self.model = EstateTableModel(session.table)
        self.view.setModel(self.model)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # file order until a header is clicked
        for column, width in enumerate(_WIDTHS):
            self.view.setColumnWidth(column, width)
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection)
        session.state.filter_changed.connect(self._on_filter_change)
        session.state.selection_changed.connect(self._on_selection_change)
        session.state.rows_changed.connect(self._on_rows_change)
        self._on_filter_change()

    def unbind(self) -> None:
        """Let go of the current session."""
        if self.session is not None:
            self.session.state.filter_changed.disconnect(self._on_filter_change)
            self.session.state.selection_changed.disconnect(self._on_selection_change)
            self.session.state.rows_changed.disconnect(self._on_rows_change)
        self.session = None
        self.view.setModel(None)
        self.model = None

    def _on_filter_change(self) -> None:
        assert self.session is not None and self.model is not None
        self._syncing = True
        try:
            self.model.set_rows(self.session.state.filtered_rows)
        finally:
            self._syncing = False
        self._show_counts()

    def _on_rows_change(self, change: RowChange) -> None:
        """Some estates were refreshed: just their rows change, move, come or go."""
        assert self.session is not None and self.model is not None
        if change.patch.empty:
            return
        self._syncing = True
        try:
            self.model.follow(change, self.session.state.mask)
        finally:
            self._syncing = False
        self._show_counts()

    def _show_counts(self) -> None:
        assert self.session is not None
        state = self.session.state
        self.count_label.setText(
            tr("{shown} / {total} 个小区").format(shown=f"{state.shown_count:,}", total=f"{len(state.table):,}")
        )
        self._on_selection_change()

    def _on_selection_change(self) -> None:
        if self._syncing or self.session is None or self.model is None:
            return
        state = self.session.state
        positions = self.model.position_of(state.selected_rows)
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        for pos in sorted(int(p) for p in positions if p >= 0):
            selection.select(self.model.index(pos, 0), self.model.index(pos, last))
        self._syncing = True
        try:
            self.view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            if state.current is not None:
                row = state.table.row_of(state.current)
                pos = int(self.model.position_of([row])[0]) if row is not None else -1
                if pos >= 0:
                    self.view.scrollTo(self.model.index(pos, 0), QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._syncing = False

    def _on_view_selection(self, *_args: object) -> None:
        if self._syncing or self.session is None or self.model is None:
            return
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        codes = [self.model.code_at(r) for r in rows]
        current = self.view.currentIndex()
        now = self.model.code_at(current.row()) if current.isValid() and current.row() in rows else None
        self._syncing = True
        try:
            self.session.state.select(codes, current=now)
        finally:
            self._syncing = False

    def _on_double_click(self, index: QModelIndex) -> None:
        if self.session is not None and self.model is not None and index.isValid():
            self.session.state.select([self.model.code_at(index.row())])
            self.session.state.zoom_to_selection()

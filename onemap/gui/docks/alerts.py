"""The alert dock: the open file's alerts, newest first, filtered by type, status, township and time.

Clicking an alert flies the map to its estate and selects it, shows its pictures and the
camera's live view (:mod:`onemap.gui.docks.alert_actions`); the buttons under the list move
it through the handling cycle.  Live alerts come from :class:`onemap.gui.watch.feed.AlertFeed`,
which updates :attr:`AlertDock.model` row by row; only a filter change re-reads the file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from onemap.gui.docks.alert_actions import AlertActions
from onemap.gui.docks.alert_model import MAX_ROWS, RANGES, AlertFilter, AlertTableModel
from onemap.gui.i18n import keep_tr, tr
from onemap.gui.i18n.language import ui_language
from onemap.watch.alert import Alert
from onemap.watch.alerts import AlertBook
from onemap.watch.cycle import ALERT_STATUSES, OPEN
from onemap.watch.event import TYPE_NAMES

if TYPE_CHECKING:
    from onemap.gui.main_window import MainWindow
    from onemap.view.session import MapSession

#: the status filter's extra choice: every status still being handled
OPEN_CHOICE = "open"
_WIDTHS = (120, 150, 90, 110, 56, 70, 80)


class AlertDock(QDockWidget):
    """The alerts of the open inventory; placed under the map, tabbed with the attribute table."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.main = window
        keep_tr(self, "setWindowTitle", str(QT_TRANSLATE_NOOP("", "告警")))
        self.setObjectName("alertDock")
        self.session: MapSession | None = None
        #: the alert last clicked: the buttons act on it even when arrivals move its row
        self.chosen: int | None = None
        self.model = AlertTableModel()
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._filter_row())
        self.view = QTableView()
        self.view.setObjectName("alertTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.verticalHeader().hide()
        for column, width in enumerate(_WIDTHS):
            self.view.setColumnWidth(column, width)
        self.view.clicked.connect(self._on_click)
        layout.addWidget(self.view, 1)
        self.cycle = AlertActions(self)
        layout.addLayout(self.cycle.row)
        layout.addWidget(self.cycle.message)
        scroll = QScrollArea()  # the filters and buttons need ~700 px: a narrow dock scrolls, the window stays small
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.setWidget(scroll)
        self._fill_choices()

    def _filter_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.type_box, self.status_box, self.township_box, self.range_box = (QComboBox() for _ in range(4))
        for name, box in zip(("type", "status", "township", "range"), self._boxes(), strict=True):
            box.setObjectName(f"alert_{name}_filter")
            row.addWidget(box)
            box.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.count_label = QLabel()
        row.addStretch(1)
        row.addWidget(self.count_label)
        return row

    def _boxes(self) -> tuple[QComboBox, QComboBox, QComboBox, QComboBox]:
        return self.type_box, self.status_box, self.township_box, self.range_box

    def _fill_choices(self) -> None:
        lang = ui_language()
        for box in self._boxes():
            box.blockSignals(True)
            box.clear()
        self.type_box.addItem(tr("全部类型"), None)
        for kind, (zh, en) in TYPE_NAMES.items():
            self.type_box.addItem(zh if lang == "zh" else en, str(kind))
        self.status_box.addItem(tr("全部状态"), None)
        self.status_box.addItem(tr("未办结"), OPEN_CHOICE)
        for status, (zh, en) in ALERT_STATUSES.items():
            self.status_box.addItem(zh if lang == "zh" else en, status)
        self.township_box.addItem(tr("全部乡镇"), None)
        if self.session is not None:
            for name in sorted({str(t) for t in self.session.table.township if t}):
                self.township_box.addItem(name, name)
        for key, (label, _back) in RANGES.items():
            self.range_box.addItem(tr(label), key)
        self.range_box.setCurrentIndex(list(RANGES).index("7d"))
        for box in self._boxes():
            box.blockSignals(False)

    # -- following a file ---------------------------------------------------------------------------

    def bind(self, session: MapSession) -> None:
        """List ``session``'s alerts."""
        self.session = session
        self._fill_choices()
        self.apply_filter()

    def unbind(self) -> None:
        """Empty the list (the file closes)."""
        self.session = None
        self.chosen = None
        self.cycle.close_views()
        self.model.reset([])
        self.update_count()

    def current_filter(self) -> AlertFilter:
        """What the filter boxes say."""
        kind, status = self.type_box.currentData(), self.status_box.currentData()
        statuses = OPEN if status == OPEN_CHOICE else frozenset({status} if status else ())
        return AlertFilter(
            types=frozenset({kind} if kind else ()),
            statuses=frozenset(statuses),
            township=self.township_box.currentData(),
            range=self.range_box.currentData() or "7d",
        )

    def read_listed(self, book: AlertBook) -> list[Alert]:
        """The alerts the current filter lists, as the file holds them now."""
        flt = self.model.filter
        return book.alerts(
            since=flt.since(),
            statuses=sorted(flt.statuses),
            types=sorted(flt.types),
            township=flt.township,
            limit=MAX_ROWS,
        )

    def apply_filter(self) -> None:
        """List what the filter boxes ask for, read from the file (the one model reset)."""
        flt = self.current_filter()
        alerts: list[Alert] = []
        if self.session is not None:
            self.model.filter = flt
            alerts = self.read_listed(AlertBook(self.session.inventory))
        self.model.reset(alerts, flt)
        self.update_count()

    def update_count(self) -> None:
        """``N 条`` next to the filters."""
        shown = self.model.rowCount()
        self.count_label.setText(tr("{n} 条").format(n=f"{shown:,}"))

    # -- clicking -----------------------------------------------------------------------------------

    def _on_click(self, index: QModelIndex) -> None:
        alert = self.model.alert_at(index.row())
        if alert is not None:
            self.activate(alert)

    def activate(self, alert: Alert) -> None:
        """Fly to the alert's estate and select it; show its pictures and its camera."""
        self.model.mark_seen(alert.id)
        self.chosen = alert.id
        self.follow_choice()
        if self.session is not None:
            state = self.session.state
            state.select([alert.estate_code])
            if not state.zoom_to_selection():
                self.cycle.say(tr("该小区没有坐标，无法在地图上定位。"), error=True)
        self.cycle.show_pictures(alert)
        self.cycle.open_live_view(alert, external=False)

    def current_alert(self) -> Alert | None:
        """The alert last clicked, as it stands now (None before any click)."""
        return None if self.chosen is None else self.model.known.get(self.chosen)

    def follow_choice(self) -> None:
        """Keep the clicked alert's row current while arrivals insert and move rows."""
        row = -1 if self.chosen is None else self.model.row_of_id(self.chosen)
        if row >= 0 and self.view.currentIndex().row() != row:
            self.view.setCurrentIndex(self.model.index(row, 0))

    def changeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            self._fill_choices()
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
            self.cycle.retranslate()
        super().changeEvent(event)

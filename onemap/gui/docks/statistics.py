"""View ▸ Statistics: totals and bar charts for the current filter; a click on a bar narrows it.

The figures are :func:`onemap.analysis.statistics.estate_statistics` over the same
``--where`` filter that ``onemap list`` reads, so the dock and the command line agree.
A clicked bar becomes the filter plus that bar's condition
(:func:`onemap.analysis.bar_filter.narrowed`), sent out as :attr:`StatisticsDock.filter_requested`.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from onemap.analysis.bar_filter import narrowed, where_for_bar
from onemap.analysis.statistics import Bar, Statistics, estate_statistics
from onemap.gui.dialogs.filter_text import Where, where_list, where_words
from onemap.gui.docks.bar_chart import BarChart, number_text
from onemap.gui.i18n.language import ui_language
from onemap.gui.jobs import message_of
from onemap.store import Inventory
from onemap.style import status_style

#: how long the figures wait after a refresh of some estates (more may follow)
REFRESH_DELAY_MS = 300
#: (dimension, Statistics attribute, title, horizontal bars)
CHARTS = (
    ("renewal_year", "by_renewal_year", QT_TRANSLATE_NOOP("StatisticsDock", "按改造年度（小区数）"), False),
    ("status", "by_status", QT_TRANSLATE_NOOP("StatisticsDock", "按改造状态（小区数）"), True),
    ("township", "households_by_township", QT_TRANSLATE_NOOP("StatisticsDock", "按镇（街道）（户数）"), True),
    ("funding_source", "funding_by_source", QT_TRANSLATE_NOOP("StatisticsDock", "按资金来源（万元）"), True),
)
TOTALS = (
    ("estates", QT_TRANSLATE_NOOP("StatisticsDock", "小区")),
    ("buildings", QT_TRANSLATE_NOOP("StatisticsDock", "楼栋")),
    ("households", QT_TRANSLATE_NOOP("StatisticsDock", "户数")),
    ("floor_area_m2", QT_TRANSLATE_NOOP("StatisticsDock", "住宅建筑面积（㎡）")),
    ("investment_wan", QT_TRANSLATE_NOOP("StatisticsDock", "总投资（万元）")),
)


class StatisticsDock(QDockWidget):
    """Statistics of the estates passing a filter.

    Signals
    -------
    filter_requested(conditions)
        A bar was clicked: the current filter plus that bar's condition, as a list of
        ``--where`` strings (``["状态=在建", "township=勉阳街道"]``).
    """

    filter_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statisticsDock")
        self.inventory: Inventory | None = None
        self.where: list[str] = []
        self.statistics: Statistics | None = None
        body = QWidget()
        layout = QVBoxLayout(body)
        self.filter_label = self._label("statsFilter", bold=True)
        self.error_label = self._label("statsError", colour="#c62828")
        self.hint_label = self._label("statsHint", colour="#666")
        self.partial_label = self._label("statsPartial", colour="#8a5a00")
        self.partial_label.hide()
        layout.addWidget(self.filter_label)
        layout.addWidget(self.partial_label)
        layout.addLayout(self._totals_grid())
        layout.addWidget(self.error_label)
        layout.addWidget(self.hint_label)
        self.titles: dict[str, QLabel] = {}
        self._charts: dict[str, BarChart] = {}
        self._layout = layout
        for dimension, _attr, _title, _horizontal in CHARTS:
            self.titles[dimension] = self._label(f"title_{dimension}", bold=True)
            layout.addWidget(self.titles[dimension])
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        self.setWidget(scroll)
        self._later = QTimer(self)  # a burst of refreshes (an edit, then another program's) computes once
        self._later.setSingleShot(True)
        self._later.setInterval(REFRESH_DELAY_MS)
        self._later.timeout.connect(self.refresh)
        self._retranslate()

    @property
    def charts(self) -> dict[str, BarChart]:
        """The bar chart of each dimension, made when first needed (the first figures shown).

        Four pyqtgraph plots cost a tenth of a second the window's first frame need not wait for:
        the dock is bound, and shows its figures, right after that frame.
        """
        if not self._charts:
            for dimension, _attr, _title, horizontal in CHARTS:
                chart = BarChart(horizontal)
                chart.setObjectName(f"chart_{dimension}")
                chart.bar_clicked.connect(lambda i, d=dimension: self._on_bar(d, i))
                self._layout.insertWidget(self._layout.indexOf(self.titles[dimension]) + 1, chart)
                self._charts[dimension] = chart
        return self._charts

    def _label(self, name: str, bold: bool = False, colour: str = "") -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        style = ("font-weight: bold;" if bold else "") + (f"color: {colour};" if colour else "")
        label.setStyleSheet(style)
        return label

    def _totals_grid(self) -> QGridLayout:
        grid = QGridLayout()
        self.total_names: dict[str, QLabel] = {}
        self.totals: dict[str, QLabel] = {}
        for row, (key, _title) in enumerate(TOTALS):
            self.total_names[key] = QLabel()
            self.totals[key] = self._label(f"total_{key}")
            self.totals[key].setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.totals[key].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(self.total_names[key], row, 0)
            grid.addWidget(self.totals[key], row, 1)
        grid.setColumnStretch(1, 1)
        return grid

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("统计"))
        for key, title in TOTALS:
            self.total_names[key].setText(self.tr(str(title)))
        for dimension, _attr, title, _h in CHARTS:
            self.titles[dimension].setText(self.tr(str(title)))
        self.hint_label.setText(self.tr("点击彩色柱条，地图即按该项筛选；灰色柱条不能作为筛选条件。"))
        self.partial_label.setText(
            self.tr("地图的筛选含搜索词、多个状态等无法写成条件的部分，这里的统计只按上面的条件。")
        )

    # -- binding -----------------------------------------------------------------------------

    def bind(self, inventory: Inventory | None) -> None:
        """Show the statistics of another open inventory (None: nothing open)."""
        self.inventory = inventory
        self.refresh()

    def unbind(self) -> None:
        """The inventory is closing."""
        self.bind(None)

    def set_filter(self, where: Where) -> None:
        """The current filter changed (a ``--where`` string or list; None for every estate)."""
        self.where = where_list(where)
        self.refresh()

    def set_partial(self, partial: bool) -> None:
        """Say that the figures follow only part of the map's filter (the part ``--where`` can say)."""
        self.partial_label.setVisible(partial)

    def refresh_soon(self) -> None:
        """Some estates changed: compute the figures again shortly, once for a burst (only while shown)."""
        if self.isVisible() and self.inventory is not None:
            self._later.start()

    def refresh(self) -> None:
        """Compute and show the figures again (after an edit or an import, say)."""
        self._later.stop()
        self.error_label.hide()
        self.filter_label.setText(where_words(self.where))
        if self.inventory is None:
            self._show(None)
            return
        try:
            self._show(estate_statistics(self.inventory, self.where or None))
        except Exception as error:  # a filter the language cannot read, said in the dock
            self._show(None)
            self.error_label.setText(message_of(error))
            self.error_label.show()

    def _show(self, stats: Statistics | None) -> None:
        self.statistics = stats
        lang = ui_language()
        for key, _title in TOTALS:
            self.totals[key].setText(number_text(getattr(stats.totals, key)) if stats else "–")
        for dimension, attr, _title, _h in CHARTS:
            bars: list[Bar] = getattr(stats, attr) if stats else []
            clickable = [where_for_bar(dimension, bar.key) is not None for bar in bars]  # type: ignore[arg-type]
            colors = [status_style(bar.key).color for bar in bars] if dimension == "status" else None  # type: ignore[arg-type]
            self.charts[dimension].set_bars(
                [bar.label(lang) for bar in bars], [bar.value for bar in bars], clickable, colors
            )

    def _on_bar(self, dimension: str, index: int) -> None:
        if self.statistics is None:
            return
        attr = next(a for d, a, _t, _h in CHARTS if d == dimension)
        bar: Bar = getattr(self.statistics, attr)[index]
        conditions = narrowed(self.where, dimension, bar.key)  # type: ignore[arg-type]
        if conditions is None:
            self.error_label.setText(
                self.tr("“{label}”不能作为地图的筛选条件。").format(label=bar.label(ui_language()))
            )
            self.error_label.show()
            return
        self.filter_requested.emit(conditions)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self._show(self.statistics)
        super().changeEvent(event)

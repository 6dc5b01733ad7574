"""The filter dock: township, status, renewal years, category, cameras, located -- bound to the state.

Controls write :class:`~onemap.view.filters.EstateFilter` values into the state; when the
state's filter changes elsewhere (the search box, a reset) the controls follow, with
their signals blocked so nothing loops.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QDockWidget, QGridLayout, QLabel, QPushButton, QSpinBox, QWidget

from onemap.gui.i18n import keep_tr, tr
from onemap.gui.i18n.language import ui_language
from onemap.gui.uiload import child, load_form
from onemap.model import CATEGORIES, STATUSES, category_label, status_label
from onemap.view.filters import BLANK_TOWNSHIP, EstateFilter, townships_by_count
from onemap.view.order import pinyin_key
from onemap.view.rowchange import RowChange
from onemap.view.session import MapSession

_TRISTATE = (None, True, False)


class FilterDock(QDockWidget):
    """Filter controls for the open inventory."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_tr(self, "setWindowTitle", QT_TRANSLATE_NOOP("", "筛选"))
        self.setObjectName("filterDock")
        self.form = load_form("filters", retranslate=True)
        self.setWidget(self.form)
        f = self.form
        self.township: QComboBox = child(f, QComboBox, "townshipCombo")
        self.year_from: QSpinBox = child(f, QSpinBox, "yearFrom")
        self.year_to: QSpinBox = child(f, QSpinBox, "yearTo")
        self.cameras: QComboBox = child(f, QComboBox, "camerasCombo")
        self.located: QComboBox = child(f, QComboBox, "locatedCombo")
        self.summary: QLabel = child(f, QLabel, "summaryLabel")
        self.reset: QPushButton = child(f, QPushButton, "resetButton")
        self.statuses = self._checks(child(f, QWidget, "statusBox").layout(), [*STATUSES, ""])
        self.categories = self._checks(child(f, QWidget, "categoryBox").layout(), list(CATEGORIES))
        self._label_checks()
        self.session: MapSession | None = None
        self._townships: dict[str, int] = {}
        for box in (*self.statuses.values(), *self.categories.values()):
            box.toggled.connect(self._apply)
        for combo in (self.township, self.cameras, self.located):
            combo.currentIndexChanged.connect(self._apply)
        for spin in (self.year_from, self.year_to):
            spin.valueChanged.connect(self._apply)
        self.reset.clicked.connect(self.clear)

    @staticmethod
    def _checks(grid: QGridLayout, keys: list[str]) -> dict[str, QCheckBox]:
        boxes = {}
        for i, key in enumerate(keys):
            box = QCheckBox()
            box.setObjectName(f"check_{key or 'blank'}")
            grid.addWidget(box, i // 4, i % 4)
            boxes[key] = box
        return boxes

    def _label_checks(self) -> None:
        """Status and category names from the core's vocabulary, in the interface's language."""
        lang = ui_language()
        for key, box in self.statuses.items():
            box.setText(status_label(key, lang))
        for key, box in self.categories.items():
            box.setText(category_label(key, lang))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:  # the form's own texts: its loader retranslates them
            self._label_checks()
            if self.township.count():
                self.township.setItemText(0, tr("全部"))
            if self.session is not None:
                self._follow()
        super().changeEvent(event)

    def bind(self, session: MapSession) -> None:
        """Filter a session's estates."""
        self.unbind()
        self.session = session
        self._townships = dict(townships_by_count(session.table))
        self._fill_townships()
        self._fit_years()
        session.state.filter_changed.connect(self._follow)
        session.state.rows_changed.connect(self._on_rows_change)
        self._follow()

    def _fill_townships(self) -> None:
        """The township list with each one's count, in pinyin order (blank last)."""
        current = self.township.currentData()
        self.township.blockSignals(True)
        self.township.clear()
        self.township.addItem(tr("全部"), None)
        for name in sorted(self._townships, key=lambda n: (n == BLANK_TOWNSHIP, pinyin_key(n))):
            self.township.addItem(f"{name}（{self._townships[name]:,}）", name)
        self.township.setCurrentIndex(max(self.township.findData(current), 0) if current else 0)
        self.township.blockSignals(False)

    def _fit_years(self) -> None:
        """The year range the inventory spans; the lowest value reads 不限."""
        table = self.session.table if self.session is not None else None
        years = table.renewal_year[table.renewal_year > 0] if table is not None else np.empty(0)
        low, high = (int(years.min()), int(years.max())) if len(years) else (2000, 2030)
        for spin in (self.year_from, self.year_to):
            spin.blockSignals(True)
            spin.setRange(low - 1, high)
            spin.setValue(low - 1)
            spin.blockSignals(False)

    def _on_rows_change(self, change: RowChange) -> None:
        """Some estates were refreshed: township counts move by what changed, years refit, counts follow."""
        patch = change.patch
        if patch.touches("township"):
            for township, step in ((patch.before.township, -1), (self.session.table.township[change.rows], 1)):  # type: ignore[union-attr]
                for name in township.tolist():
                    key = BLANK_TOWNSHIP if name is None else str(name)
                    self._townships[key] = self._townships.get(key, 0) + step
            self._townships = {k: n for k, n in self._townships.items() if n > 0}
            self._fill_townships()
        if patch.touches("renewal_year"):
            self._fit_years()
        if change.shown or patch.touches("township", "renewal_year"):
            self._follow()  # the counts in the summary, the controls over a refitted range

    def unbind(self) -> None:
        """Stop filtering."""
        if self.session is not None:
            self.session.state.filter_changed.disconnect(self._follow)
            self.session.state.rows_changed.disconnect(self._on_rows_change)
        self.session = None

    def current_filter(self) -> EstateFilter:
        """The filter the controls describe (the search text is kept from the state)."""
        text = self.session.state.filter.text if self.session is not None else ""
        unset = self.year_from.minimum()
        return EstateFilter(
            text=text,
            township=self.township.currentData(),
            statuses=frozenset(k for k, box in self.statuses.items() if box.isChecked()),
            year_min=self.year_from.value() if self.year_from.value() != unset else None,
            year_max=self.year_to.value() if self.year_to.value() != unset else None,
            categories=frozenset(k for k, box in self.categories.items() if box.isChecked()),
            has_cameras=_TRISTATE[max(self.cameras.currentIndex(), 0)],
            located=_TRISTATE[max(self.located.currentIndex(), 0)],
        )

    def _apply(self, *_args: object) -> None:
        if self.session is not None:
            self.session.state.set_filter(self.current_filter())

    def clear(self) -> None:
        """Remove every filter, search text included."""
        if self.session is not None:
            self.session.state.set_filter(EstateFilter())

    def _follow(self) -> None:
        assert self.session is not None
        state = self.session.state
        f = state.filter
        widgets = [
            self.township,
            self.year_from,
            self.year_to,
            self.cameras,
            self.located,
            *self.statuses.values(),
            *self.categories.values(),
        ]
        for w in widgets:
            w.blockSignals(True)
        try:
            self.township.setCurrentIndex(max(self.township.findData(f.township), 0) if f.township else 0)
            unset = self.year_from.minimum()
            self.year_from.setValue(f.year_min if f.year_min is not None else unset)
            self.year_to.setValue(f.year_max if f.year_max is not None else unset)
            self.cameras.setCurrentIndex(_TRISTATE.index(f.has_cameras))
            self.located.setCurrentIndex(_TRISTATE.index(f.located))
            for key, box in self.statuses.items():
                box.setChecked(key in f.statuses)
            for key, box in self.categories.items():
                box.setChecked(key in f.categories)
        finally:
            for w in widgets:
                w.blockSignals(False)
        lang = ui_language()
        description = f.describe(lang)
        self.summary.setText(
            tr("{shown} / {total} 个小区").format(shown=f"{state.shown_count:,}", total=f"{len(state.table):,}")
            + ((("：" if lang == "zh" else ": ") + description) if description else "")
        )

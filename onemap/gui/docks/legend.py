"""The legend dock: the classes the map draws now, with how many filtered estates each holds.

Rows come from the same :class:`~onemap.view.symbology.Symbology` the estate layer uses,
and layer rows (outlines, buildings, aggregates, selection) appear only while the map
draws them, so the legend always matches the map.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QDockWidget, QLabel, QTreeWidget, QTreeWidgetItem, QWidget

from onemap.gui.canvas.donuts import DonutPainter
from onemap.gui.canvas.markers import area_swatch, selection_swatch, swatch
from onemap.gui.i18n import keep_tr, tr
from onemap.gui.i18n.language import ui_language
from onemap.gui.uiload import child, load_form
from onemap.view.rowchange import RowChange
from onemap.view.session import MapSession
from onemap.view.symbology import SymbolClass


def class_label(kind: str, cls: SymbolClass, lang: str) -> str:
    """A symbology class's name in ``lang``: the style table's Chinese or English label."""
    return cls.label if lang == "zh" else (cls.label_en or cls.label)


def legend_rows(session: MapSession, aggregated: bool, outlines: bool, buildings: bool) -> list[tuple[str, str, str]]:
    """``(kind, label, count text)`` rows; kind is ``class:<index>`` or a layer name."""
    state = session.state
    rows = []
    for i, (cls, n) in enumerate(zip(state.symbology.classes, state.class_counts(), strict=True)):
        if n:
            rows.append((f"class:{i}", class_label(state.symbology.kind, cls, ui_language()), f"{n:,}"))
    if aggregated:
        rows.append(("clusters", tr("聚合（环为各类占比，数字为小区数）"), ""))
    if outlines:
        rows.append(("outlines", tr("小区范围"), ""))
    if buildings:
        rows.append(("buildings", tr("楼栋"), ""))
    if len(session.admin) and state.layer_visible("admin"):
        rows.append(("admin", tr("行政区界线"), ""))
    if state.selection:
        rows.append(("selection", tr("选中的小区"), f"{len(state.selection):,}"))
    return rows


_TIPS = {
    "clusters": QT_TRANSLATE_NOOP(
        "", "缩小时，相邻的小区合并为一个圆环：环上各段为各类别所占比例，中间数字为小区数；点击放大"
    ),
    "outlines": QT_TRANSLATE_NOOP("", "小区范围面（红线），按所属类别着色"),
    "buildings": QT_TRANSLATE_NOOP("", "楼栋基底"),
    "admin": QT_TRANSLATE_NOOP("", "县、镇（街道）界线"),
    "selection": QT_TRANSLATE_NOOP("", "在地图或表格中选中的小区"),
}


def legend_icon(kind: str, classes: tuple[SymbolClass, ...], size: int = 18) -> QPixmap:
    """The swatch of a legend row."""
    if kind.startswith("class:"):
        return swatch(classes[int(kind[6:])], size)
    if kind == "clusters":
        shares = np.array([3.0, 2.0, 1.0])
        return QPixmap.fromImage(DonutPainter().image(shares, [c.color for c in classes[:3]], size - 2, None))
    if kind == "outlines":
        return area_swatch("estate_areas", size)
    if kind == "buildings":
        return area_swatch("buildings", size)
    if kind == "admin":
        return area_swatch("admin_areas", size)
    return selection_swatch(size)


class LegendDock(QDockWidget):
    """Legend of the current symbology and the visible layers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_tr(self, "setWindowTitle", QT_TRANSLATE_NOOP("", "图例"))
        self.setObjectName("legendDock")
        self.form = load_form("legend")
        self.setWidget(self.form)
        self.title: QLabel = child(self.form, QLabel, "legendTitle")
        self.tree: QTreeWidget = child(self.form, QTreeWidget, "legendTree")
        self.note: QLabel = child(self.form, QLabel, "legendNote")
        self.note.setObjectName("legendNote")
        self._label_columns()
        self.tree.header().setStretchLastSection(False)
        self.tree.setColumnWidth(0, 220)
        self.session: MapSession | None = None
        self.view_state = (False, False, False)

    def _label_columns(self) -> None:
        self.tree.setHeaderLabels([tr("图例"), tr("数量")])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._label_columns()
            self.refresh()
        super().changeEvent(event)

    def bind(self, session: MapSession) -> None:
        """Follow a session."""
        self.unbind()
        self.session = session
        state = session.state
        for signal in (state.filter_changed, state.symbology_changed, state.selection_changed, state.layers_changed):
            signal.connect(self.refresh)
        state.rows_changed.connect(self._on_rows_change)
        self.refresh()

    def unbind(self) -> None:
        """Stop following."""
        if self.session is not None:
            state = self.session.state
            for signal in (
                state.filter_changed,
                state.symbology_changed,
                state.selection_changed,
                state.layers_changed,
            ):
                signal.disconnect(self.refresh)
            state.rows_changed.disconnect(self._on_rows_change)
        self.session = None
        self.tree.clear()

    def _on_rows_change(self, change: RowChange) -> None:
        if not (change.shown or change.classes):  # a changed name, a number: no count moved
            return
        rows = legend_rows(self.session, *self.view_state) if self.session is not None else []
        if change.symbology or [r[:2] for r in rows] != [r[:2] for r in self.rows()]:
            self.refresh()
            return
        for i, (_kind, _label, count) in enumerate(rows):  # the same rows: just their counts
            item = self.tree.topLevelItem(i)
            if item is not None:
                item.setText(1, count)

    def set_view_state(self, aggregated: bool, outlines: bool, buildings: bool) -> None:
        """What the map draws at this zoom (the main window tells the legend after every view change)."""
        if (aggregated, outlines, buildings) != self.view_state:
            self.view_state = (aggregated, outlines, buildings)
            self.refresh()

    def refresh(self) -> None:
        """Rebuild the rows."""
        self.tree.clear()
        if self.session is None:
            return
        symbology = self.session.state.symbology
        self.title.setText(tr("着色：{title}").format(title=tr(symbology.title)))
        self.note.setText(tr(symbology.note) if symbology.note else "")
        self.note.setVisible(bool(symbology.note))
        for kind, label, count in legend_rows(self.session, *self.view_state):
            item = QTreeWidgetItem([label, count])
            item.setIcon(0, QIcon(self._icon(kind, symbology.classes)))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setData(0, Qt.ItemDataRole.UserRole, kind)
            item.setToolTip(0, tr(_TIPS[kind]) if kind in _TIPS else label)
            self.tree.addTopLevelItem(item)
        self.tree.resizeColumnToContents(1)

    @staticmethod
    def _icon(kind: str, classes: tuple[SymbolClass, ...]) -> QPixmap:
        return legend_icon(kind, classes)

    def rows(self) -> list[tuple[str, str, str]]:
        """The rows as shown: (kind, label, count) -- for tests and the snapshot."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            out.append((item.data(0, Qt.ItemDataRole.UserRole), item.text(0), item.text(1)))
        return out

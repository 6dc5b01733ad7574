"""片区 on the map: the dissolved outlines with their names, and a panel to edit membership.

The panel stays open beside the map (not modal): select estates on the map, pick or type a
片区 name, 加入片区 or 移出片区.  Each change is one undoable edit
(:class:`~onemap.edit.districts.AssignDistrict`) through the window's edit history, so Ctrl+Z
takes it back and the audit log records it; the outlines follow every change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyqtgraph as pg
import shapely
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGraphicsPathItem,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from onemap.checkup.district_area import district_areas
from onemap.checkup.district_geometry import DistrictOutline, dissolve
from onemap.edit.districts import AssignDistrict
from onemap.gui.i18n import tr

if TYPE_CHECKING:
    from onemap.gui.main_window import MainWindow
    from onemap.view.session import MapSession

# above estate outlines and buildings, below the estate points
Z = 3.5
LINE = "#7a3b8f"  # a purple no status, year or score class uses


class DistrictLayer:
    """Every 片区 as one dissolved outline (dashed, lightly filled) with its name at its centre."""

    def __init__(self, canvas: pg.PlotWidget, session: MapSession) -> None:
        self.canvas, self.session = canvas, session
        self.items: list[object] = []
        self.drawn: list[DistrictOutline] = []

    def refresh(self) -> None:
        """Read membership and outlines from the file and draw them again."""
        self.clear()
        inventory = self.session.inventory
        members = inventory.district_map()
        outlines = {
            code: inventory.readable_outline(code, blob) for code, blob in inventory.outline_rows_of(list(members))
        }
        within = district_areas(inventory, members)  # each outline stays in its township
        self.drawn = dissolve({c: g for c, g in outlines.items() if g is not None}, members, within=within)
        pen = QPen(QColor(LINE), 2.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        fill = QColor(LINE)
        fill.setAlpha(28)
        for district in self.drawn:
            item = QGraphicsPathItem(_path(district.outline))
            item.setPen(pen)
            item.setBrush(QBrush(fill))
            item.setZValue(Z)
            label = pg.TextItem(district.name, color=LINE, anchor=(0.5, 0.5))
            label.setPos(*district.label)
            label.setZValue(Z + 0.1)
            for thing in (item, label):
                self.canvas.vb.addItem(thing, ignoreBounds=True)
                self.items.append(thing)

    def clear(self) -> None:
        """Take every outline and name off the map."""
        for thing in self.items:
            self.canvas.vb.removeItem(thing)
        self.items = []


def _path(geom: shapely.Geometry) -> QPainterPath:
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for polygon in getattr(geom, "geoms", [geom]):
        for ring in [polygon.exterior, *polygon.interiors]:
            xy = list(ring.coords)
            path.moveTo(*xy[0])
            for x, y in xy[1:]:
                path.lineTo(x, y)
            path.closeSubpath()
    return path


class DistrictPanel(QDialog):
    """Tools ▸ 片区…: assign the selected estates to a 片区, take them out, undo."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle(tr("片区"))
        self.setModal(False)
        session = window.session
        assert session is not None
        self.layer = DistrictLayer(window.canvas, session)
        self.names = QComboBox(self)
        self.names.setEditable(True)
        self.chosen = QLabel(self)
        self.assign = QPushButton(tr("加入片区"), self)
        self.remove = QPushButton(tr("移出片区"), self)
        self.undo = QPushButton(tr("撤销"), self)
        buttons = QHBoxLayout()
        for button in (self.assign, self.remove, self.undo):
            buttons.addWidget(button)
        box = QVBoxLayout(self)
        for widget in (QLabel(tr("片区名称（可输入新名称）：")), self.names, self.chosen):
            box.addWidget(widget)
        box.addLayout(buttons)
        self.assign.clicked.connect(lambda: self.apply(self.names.currentText()))
        self.remove.clicked.connect(lambda: self.apply(None))
        self.undo.clicked.connect(self._undo)
        session.state.selection_changed.connect(self._update)
        session.state.rows_changed.connect(self._on_rows)
        self.finished.connect(self._unbind)
        self._refill()

    def apply(self, name: str | None) -> bool:
        """Assign the selected estates to ``name`` (None: take them out) as one undoable edit."""
        session, editing = self.window_.session, self.window_.editing
        codes = session.state.selection if session is not None else ()
        if not codes or not editing.writable or (name is not None and not name.strip()):
            return False
        done = editing._push(AssignDistrict(codes, name), tr("片区"))
        self._refill()
        return done

    def _undo(self) -> None:
        self.window_.editing.undo.undo_step()
        self._refill()

    def _on_rows(self, _change: object = None) -> None:
        self._refill()

    def _refill(self) -> None:
        self.layer.refresh()
        text = self.names.currentText()
        self.names.blockSignals(True)
        self.names.clear()
        self.names.addItems(sorted({d.name for d in self.layer.drawn}))
        self.names.setEditText(text)
        self.names.blockSignals(False)
        self._update()

    def _update(self, *_args: object) -> None:
        session = self.window_.session
        n = len(session.state.selection) if session is not None else 0
        writable = self.window_.editing.writable
        self.chosen.setText(tr("已选中 {n} 个小区").format(n=n) if writable else tr("清单为只读，不能调整片区"))
        for button in (self.assign, self.remove):
            button.setEnabled(writable and n > 0)
        self.undo.setEnabled(writable)

    def _unbind(self, *_args: object) -> None:
        session = self.window_.session
        if session is not None:
            session.state.selection_changed.disconnect(self._update)
            session.state.rows_changed.disconnect(self._on_rows)
        self.layer.clear()


def open_panel(window: MainWindow) -> QWidget | None:
    """Show the panel (non-modal, so estates can be selected on the map meanwhile)."""
    if window.session is None:
        return None
    panel = DistrictPanel(window)
    panel.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    panel.show()
    return panel

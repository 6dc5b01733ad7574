"""The reference layers' part of the layers dock: a checkbox per layer, top first, with add, remove, up, down, style.

The panel edits a list of :class:`~onemap.geo.refstyle.RefLayerSpec` and hands each change to
``on_change`` (the window shows it on the map and keeps it in the settings per inventory).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from onemap.geo.refsets import specs_for_files
from onemap.geo.refstyle import RefLayerSpec, RefStyle
from onemap.gui.i18n import keep_tr, tr

# the CRS offered for a drawing that declares none: CGCS2000 3-degree Gauss-Kruger, CM 108E (Hanzhong)
DEFAULT_CAD_CRS = "EPSG:4545"


class RefLayerPanel(QWidget):
    """The reference layer list (top layer first, as GIS users expect) and its buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.specs: list[RefLayerSpec] = []
        self.on_change: Callable[[list[RefLayerSpec]], None] | None = None
        self.title = QLabel()
        keep_tr(self.title, "setText", str(QT_TRANSLATE_NOOP("", "参考图层")))  # again on a language switch
        self.list = QListWidget()
        self.list.setObjectName("refLayerList")
        self.buttons = {}
        row = QHBoxLayout()
        for key, text, slot in (
            ("add", QT_TRANSLATE_NOOP("", "添加…"), self.choose_files),
            ("remove", QT_TRANSLATE_NOOP("", "移除"), self.remove_current),
            ("up", QT_TRANSLATE_NOOP("", "上移"), lambda: self.move_current(-1)),
            ("down", QT_TRANSLATE_NOOP("", "下移"), lambda: self.move_current(1)),
            ("style", QT_TRANSLATE_NOOP("", "样式…"), self.edit_current_style),
        ):
            button = QPushButton()
            keep_tr(button, "setText", str(text))
            button.setObjectName(f"refLayer_{key}")
            button.clicked.connect(slot)
            # five buttons share a narrow dock: they may shrink below their text's width rather than
            # push the dock wider (or the window taller on two rows)
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.setMinimumWidth(24)
            row.addWidget(button)
            self.buttons[key] = button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.list.itemChanged.connect(self._on_item_changed)

    def show_specs(self, specs: list[RefLayerSpec]) -> None:
        """List these layers (bottom first as given; shown top first)."""
        self.specs = list(specs)
        self.list.blockSignals(True)
        self.list.clear()
        for index in reversed(range(len(self.specs))):
            spec = self.specs[index]
            item = QListWidgetItem(spec.label)
            item.setToolTip(spec.path + (f" · {spec.crs}" if spec.crs else ""))
            item.setData(Qt.ItemDataRole.UserRole, index)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if spec.visible else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)

    def add_files(self, files: list[Path], crs: str = "") -> None:
        """Add layers on top (every layer of a GeoPackage)."""
        self._change([*self.specs, *specs_for_files(files, crs)])

    def choose_files(self) -> None:
        """Ask for files; a DXF also asks its CRS (drawings declare none)."""
        files, _ = QFileDialog.getOpenFileNames(
            self,
            tr("添加参考图层"),
            "",
            tr("参考图层 (*.shp *.gpkg *.geojson *.json *.kml *.dxf);;所有文件 (*)"),
        )
        if not files:
            return
        crs = ""
        if any(f.lower().endswith(".dxf") for f in files):
            crs, ok = QInputDialog.getText(
                self, tr("DXF 坐标系"), tr("DXF 图纸没有坐标系，请输入（如 EPSG:4545）："), text=DEFAULT_CAD_CRS
            )
            if not ok:
                return
        self.add_files([Path(f) for f in files], crs.strip())

    def current_index(self) -> int | None:
        """The selected layer's place in :attr:`specs`."""
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def remove_current(self) -> None:
        """Take the selected layer off the map (the file stays)."""
        index = self.current_index()
        if index is not None:
            self._change([s for i, s in enumerate(self.specs) if i != index])

    def move_current(self, step: int) -> None:
        """Move the selected layer up (``-1``, drawn later) or down (``1``) the list."""
        index = self.current_index()
        if index is None:
            return
        target = index - step  # the list shows the top layer first
        if not 0 <= target < len(self.specs):
            return
        specs = list(self.specs)
        specs[index], specs[target] = specs[target], specs[index]
        self._change(specs)
        self.list.setCurrentRow(len(specs) - 1 - target)

    def edit_current_style(self) -> None:
        """Edit the selected layer's colours, width and label field (kept per inventory)."""
        from onemap.gui.docks.refstyle_editor import RefStyleDialog

        index = self.current_index()
        if index is None:
            return
        dialog = RefStyleDialog(self.specs[index], self)
        if dialog.exec() == RefStyleDialog.DialogCode.Accepted:
            self.set_style(index, dialog.chosen_style())

    def set_style(self, index: int, style: RefStyle) -> None:
        """Give the layer at ``index`` of :attr:`specs` this style."""
        specs = list(self.specs)
        specs[index] = replace(specs[index], style=style)
        row = self.list.currentRow()
        self._change(specs)
        self.list.setCurrentRow(row)

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        index = int(item.data(Qt.ItemDataRole.UserRole))
        visible = item.checkState() == Qt.CheckState.Checked
        specs = list(self.specs)
        specs[index] = replace(specs[index], visible=visible)
        self._change(specs)

    def _change(self, specs: list[RefLayerSpec]) -> None:
        self.show_specs(specs)
        if self.on_change is not None:
            self.on_change(list(specs))

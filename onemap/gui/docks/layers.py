"""The layer list: show or hide each map layer (bound both ways to the state)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt
from PySide6.QtWidgets import QDockWidget, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from onemap.gui.docks.reflayers import RefLayerPanel
from onemap.gui.i18n import keep_tr, tr
from onemap.view.session import MapSession
from onemap.view.state import LAYERS


class LayerDock(QDockWidget):
    """A checkbox per layer, top layer first (as GIS users expect)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_tr(self, "setWindowTitle", QT_TRANSLATE_NOOP("", "图层"))
        self.setObjectName("layerDock")
        self.list = QListWidget()
        self.list.setObjectName("layerList")
        for key, label in reversed(LAYERS.items()):
            item = QListWidgetItem(tr(label))  # names listed for lupdate in onemap.gui.i18n.core_text
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        self.reference = RefLayerPanel()  # the county's streets, rivers, townships (onemap/gui/docks/reflayers.py)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.list, 3)
        column.addWidget(self.reference, 2)
        self.setWidget(body)
        self.list.itemChanged.connect(self._on_item_changed)
        self.session: MapSession | None = None

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.list.blockSignals(True)
            for key, label in LAYERS.items():
                self.item(key).setText(tr(label))
            self.list.blockSignals(False)
        super().changeEvent(event)

    def bind(self, session: MapSession) -> None:
        """Control a session's layers."""
        self.unbind()
        self.session = session
        session.state.layers_changed.connect(self._follow)
        self._follow()

    def unbind(self) -> None:
        """Let go."""
        if self.session is not None:
            self.session.state.layers_changed.disconnect(self._follow)
        self.session = None

    def item(self, key: str) -> QListWidgetItem:
        """The list item of a layer."""
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == key:
                return self.list.item(i)
        raise KeyError(key)

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if self.session is not None:
            self.session.state.set_layer_visible(
                item.data(Qt.ItemDataRole.UserRole), item.checkState() == Qt.CheckState.Checked
            )

    def _follow(self) -> None:
        assert self.session is not None
        self.list.blockSignals(True)
        for key in LAYERS:
            visible = self.session.state.layer_visible(key)
            self.item(key).setCheckState(Qt.CheckState.Checked if visible else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)

"""The base of every map layer: one pyqtgraph item, bound to a session, redrawn in ``_on_*``.

A layer subscribes to the state in its constructor and unsubscribes in :meth:`close`,
so closing an inventory leaves no callbacks behind.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QTransform

from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.view.session import MapSession


class MapLayer:
    """One layer of the map: a named item at a fixed depth, shown when its layer is on.

    Subclasses set :attr:`name` (a key of :data:`onemap.view.state.LAYERS`) and
    :attr:`z`, create :attr:`item`, and redraw in :meth:`_on_extent_change` and friends.
    """

    name = ""
    z = 0.0

    def __init__(self, canvas: MapCanvas, session: MapSession, item: pg.GraphicsObject) -> None:
        self.canvas = canvas
        self.session = session
        self.state = session.state
        self.item = item
        item.setZValue(self.z)
        canvas.vb.addItem(item, ignoreBounds=True)
        self._subscriptions = [
            (self.state.extent_changed, self._on_extent_change),
            (self.state.filter_changed, self._on_filter_change),
            (self.state.symbology_changed, self._on_symbology_change),
            (self.state.selection_changed, self._on_selection_change),
            (self.state.layers_changed, self._on_layers_change),
        ]
        for signal, slot in self._subscriptions:
            signal.connect(slot)
        self._on_layers_change()

    @property
    def visible(self) -> bool:
        """Whether the user wants this layer drawn."""
        return self.state.layer_visible(self.name)

    def close(self) -> None:
        """Unsubscribe and take the item off the map."""
        for signal, slot in self._subscriptions:
            signal.disconnect(slot)
        self.canvas.vb.removeItem(self.item)

    def refresh(self) -> None:
        """Redraw everything from the state (after opening, or when shown again)."""
        self._on_extent_change()

    def _on_extent_change(self) -> None:
        self.item.update()

    def _on_filter_change(self) -> None:
        self.refresh()

    def _on_symbology_change(self) -> None:
        self.refresh()

    def _on_selection_change(self) -> None:
        pass

    def _on_layers_change(self) -> None:
        self.item.setVisible(self.visible)
        if self.visible:
            self.refresh()


class ViewportItem(pg.GraphicsObject):
    """An item that covers the whole view and paints itself (labels, highlights, tiles)."""

    def __init__(self) -> None:
        super().__init__()
        self._rect = QRectF()

    def set_rect(self, rect: QRectF) -> None:
        """Cover ``rect`` (display coordinates) and repaint."""
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = QRectF(rect)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect


def device_xy(transform: QTransform, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Map display coordinates to device pixels with a painter's transform (vectorised)."""
    return (
        transform.m11() * x + transform.m21() * y + transform.dx(),
        transform.m12() * x + transform.m22() * y + transform.dy(),
    )


def begin_device(painter: QPainter) -> QTransform:
    """Switch the painter to device pixels; returns the display-to-device transform it had."""
    transform = painter.transform()
    painter.resetTransform()
    return transform

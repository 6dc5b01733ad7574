"""What every drag-on-the-map edit mode shares: watching the canvas, Esc, press/move/release.

A subclass says whether a drag is in progress (:attr:`dragging`), what a press grabs
(:meth:`_press`, False lets the map pan), how the preview follows (:meth:`_follow`), what
the release does (:meth:`_release`), how to drop a drag (:meth:`cancel`) and the cursor
to show while the mode waits (:meth:`_idle_cursor`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent

from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.gui.statusbar import MapStatusBar
from onemap.view.session import MapSession


class MapDragTool(QObject):
    """Base of the map's drag modes (移动小区, 改范围面)."""

    def __init__(self, canvas: MapCanvas, status: MapStatusBar) -> None:
        super().__init__(canvas)
        self.canvas, self.status = canvas, status
        self.session: MapSession | None = None
        self.active = False
        canvas.viewport().installEventFilter(self)
        canvas.installEventFilter(self)

    @property
    def dragging(self) -> bool:
        """Whether a drag is in progress."""
        raise NotImplementedError

    def cancel(self) -> None:
        """Drop a drag in progress; nothing changes."""
        raise NotImplementedError

    def close(self) -> None:
        """Stop watching the canvas (the window closes)."""
        self.cancel()
        self.canvas.viewport().removeEventFilter(self)
        self.canvas.removeEventFilter(self)

    def _idle_cursor(self) -> None:
        self.canvas.unsetCursor()

    def _press(self, pos: QPointF) -> bool:
        raise NotImplementedError

    def _follow(self, pos: QPointF) -> None:
        raise NotImplementedError

    def _release(self, pos: QPointF) -> None:
        raise NotImplementedError

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.active or self.session is None:
            return False
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and self.dragging:
            assert isinstance(event, QKeyEvent)
            if event.key() != Qt.Key.Key_Escape:
                return False
            event.accept()  # Esc drops the drag, not the selection (the window's Esc shortcut)
            if kind == QEvent.Type.KeyPress:
                self.cancel()
                self._idle_cursor()
                self.status.clearMessage()
            return True
        if not isinstance(event, QMouseEvent) or watched is not self.canvas.viewport():
            return False
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            return self._press(event.position())
        if kind == QEvent.Type.MouseMove and self.dragging:
            self._follow(event.position())
            return True
        if kind == QEvent.Type.MouseButtonRelease and self.dragging:
            self._release(event.position())
            return True
        return False

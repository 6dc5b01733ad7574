"""The map widget: a pyqtgraph view in EPSG:3857 metres with GIS mouse and keyboard handling.

Wheel zooms about the cursor, left-drag pans, ``+``/``-``/arrows/Home zoom, pan and show
the whole county.  The canvas tells the :class:`~onemap.view.state.ViewState` what it
shows after every change and follows the state's zoom requests; layers never talk to
the canvas directly.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPaintEvent, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QWidget

from onemap.view.extent import Extent
from onemap.view.state import ViewState

BACKGROUND = "#e8ebee"
MIN_SPAN_M = 40.0
MAX_SPAN_M = 2.2e7
_KEY_ZOOM = 0.5
_KEY_PAN = 0.25


class MapViewBox(pg.ViewBox):
    """A north-up view with square pixels, no auto-range, no context menu."""

    def __init__(self) -> None:
        super().__init__(lockAspect=1.0, enableMenu=False, invertY=False, defaultPadding=0.0)
        self.setMouseMode(pg.ViewBox.PanMode)
        self.disableAutoRange()
        self.setLimits(minXRange=MIN_SPAN_M, minYRange=MIN_SPAN_M, maxXRange=MAX_SPAN_M, maxYRange=MAX_SPAN_M)

    def mouseDragEvent(self, ev, axis=None):  # type: ignore[no-untyped-def]
        if ev.button() == Qt.MouseButton.LeftButton:
            super().mouseDragEvent(ev, axis)
        else:
            ev.ignore()


class MapCanvas(pg.GraphicsView):
    """The 2D map.

    Signals
    -------
    clicked(x, y, modifiers)
        A left click (not a drag) at display coordinates ``x, y`` (EPSG:3857).
    double_clicked(x, y)
        A left double click.
    hovered(x, y)
        The cursor moved to display coordinates ``x, y``.
    left()
        The cursor left the map.
    frame_painted()
        A frame was painted while a view state is bound (the start-up probe waits for the first).
    """

    clicked = Signal(float, float, object)
    double_clicked = Signal(float, float)
    hovered = Signal(float, float)
    left = Signal()
    frame_painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background=BACKGROUND)
        self.setObjectName("mapCanvas")
        self.vb = MapViewBox()
        self.setCentralItem(self.vb)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.state: ViewState | None = None
        self._target: Extent | None = None
        self.scene().sigMouseClicked.connect(self._on_scene_click)
        self.scene().sigMouseMoved.connect(self._on_scene_move)
        self.vb.sigRangeChanged.connect(self._on_range_change)
        self.vb.sigResized.connect(self._on_range_change)

    # -- binding --------------------------------------------------------------------------

    def bind(self, state: ViewState) -> None:
        """Show ``state`` (its home extent first) and follow its zoom requests."""
        self.unbind()
        self.state = state
        state.zoom_requested.connect(self.show_extent)
        self.show_extent(state.home)

    def unbind(self) -> None:
        """Stop following the current state."""
        if self.state is not None:
            self.state.zoom_requested.disconnect(self.show_extent)
        self.state = None

    # -- extent ---------------------------------------------------------------------------

    def visible_extent(self) -> Extent:
        """What the map shows now, in EPSG:3857 metres."""
        r = self.vb.viewRect()
        return Extent(r.left(), r.top(), r.right(), r.bottom())

    def show_extent(self, extent: Extent) -> None:
        """Show ``extent`` (the view keeps square pixels, so one side grows to fit)."""
        self._target = extent
        self.vb.setRange(xRange=(extent.minx, extent.maxx), yRange=(extent.miny, extent.maxy), padding=0.0)

    def zoom(self, factor: float, center: QPointF | None = None) -> None:
        """Scale the view by ``factor`` (<1 zooms in) about ``center`` (display coordinates) or the middle."""
        self._target = None
        self.vb.scaleBy((factor, factor), center=center)

    def pan(self, fx: float, fy: float) -> None:
        """Move the view by fractions of its width and height (positive = east, north)."""
        self._target = None
        r = self.vb.viewRect()
        self.vb.translateBy(x=r.width() * fx, y=r.height() * fy)

    def home(self) -> None:
        """Show the whole county."""
        if self.state is not None:
            self.show_extent(self.state.home)

    def to_display(self, widget_pos: QPointF) -> tuple[float, float]:
        """Widget pixel position to display coordinates."""
        p = self.vb.mapSceneToView(self.mapToScene(widget_pos.toPoint()))
        return p.x(), p.y()

    def to_widget(self, x: float, y: float) -> QPointF:
        """Display coordinates to a widget pixel position."""
        return QPointF(self.mapFromScene(self.vb.mapViewToScene(QPointF(x, y))))

    def _on_range_change(self, *_args: object) -> None:
        if self.state is None:
            return
        size = self.vb.size()
        self.state.set_extent(self.visible_extent(), (round(size.width()), round(size.height())))

    def paintEvent(self, ev: QPaintEvent) -> None:
        super().paintEvent(ev)
        if self.state is not None:
            self.frame_painted.emit()

    # -- input ----------------------------------------------------------------------------

    def resizeEvent(self, ev: QResizeEvent) -> None:
        super().resizeEvent(ev)
        target = getattr(self, "_target", None)
        if target is not None:  # keep showing what was asked for until the user moves the map
            self.vb.setRange(xRange=(target.minx, target.maxx), yRange=(target.miny, target.maxy), padding=0.0)

    def wheelEvent(self, ev: QWheelEvent) -> None:
        self._target = None
        super().wheelEvent(ev)

    def mousePressEvent(self, ev: QMouseEvent) -> None:
        self._target = None
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(ev)

    def leaveEvent(self, ev: QEvent) -> None:
        self.left.emit()
        super().leaveEvent(ev)

    def keyPressEvent(self, ev: QKeyEvent) -> None:
        key = Qt.Key(ev.key())
        moves = {
            Qt.Key.Key_Left: (-_KEY_PAN, 0),
            Qt.Key.Key_Right: (_KEY_PAN, 0),
            Qt.Key.Key_Up: (0, _KEY_PAN),
            Qt.Key.Key_Down: (0, -_KEY_PAN),
        }
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(_KEY_ZOOM)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom(1 / _KEY_ZOOM)
        elif key in moves:
            self.pan(*moves[key])
        elif key == Qt.Key.Key_Home:
            self.home()
        else:
            super().keyPressEvent(ev)
            return
        ev.accept()

    def _on_scene_click(self, ev) -> None:  # type: ignore[no-untyped-def]
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        p = self.vb.mapSceneToView(ev.scenePos())
        if ev.double():
            self.double_clicked.emit(p.x(), p.y())
        else:
            self.clicked.emit(p.x(), p.y(), ev.modifiers())

    def _on_scene_move(self, scene_pos: QPointF) -> None:
        if self.vb.sceneBoundingRect().contains(scene_pos):
            p = self.vb.mapSceneToView(scene_pos)
            self.hovered.emit(p.x(), p.y())

    def view_rect(self) -> QRectF:
        """The view's rectangle in display coordinates (for layers)."""
        return self.vb.viewRect()

"""The GL widget: pyqtgraph's orbit camera with OneMap's mouse, keys, click picking and overlays.

Mouse: left-drag orbits, right- or middle-drag (or Ctrl+left) pans, the wheel zooms, a click
(press and release within a few pixels) picks. Keys: arrows orbit, W/A/S/D pan, +/- zoom,
PageUp/PageDown tilt, Home resets, F flies to the selection.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pyqtgraph.opengl as gl
from OpenGL import GL
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QResizeEvent, QVector3D, QWheelEvent
from PySide6.QtWidgets import QWidget

from onemap.gui.scene3d.overlay import Overlay
from onemap.scene.camera import OrbitCamera
from onemap.scene.terrain import Terrain

#: a press and release closer than this (pixels) is a click, not a drag
CLICK_SLOP_PX = 4.0
MIN_ELEVATION, MAX_ELEVATION = 3.0, 90.0
KEY_PAN_PX, KEY_ZOOM, KEY_TILT = 40.0, 1.25, 5.0


class SceneCanvas(gl.GLViewWidget):  # type: ignore[misc]  # pyqtgraph is untyped
    """``GLViewWidget`` plus clicks, keyboard navigation, elevation limits and QPainter overlays."""

    clicked = Signal(float, float)
    #: Home and F reached the canvas (the view's shortcuts did not take them: its window is not active)
    reset_requested = Signal()
    fly_requested = Signal()
    camera_changed = Signal()
    #: the user moved the camera (mouse or keys), as opposed to code setting it
    user_moved = Signal()
    resized = Signal()
    #: OpenGL turned out unusable when the widget first initialised (the reason, in Chinese)
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.overlays: list[Overlay] = []
        self._press: QPointF | None = None
        self.initialize_error: str | None = None
        #: the ground's height (metres) at a local point: panning keeps the camera's centre on it
        self.ground_height: Callable[[float, float], float] = lambda _x, _y: 0.0

    # -- camera ----------------------------------------------------------------------------

    def camera(self) -> OrbitCamera:
        """The current camera as a plain core object."""
        c = self.opts["center"]
        return OrbitCamera(
            (c.x(), c.y(), c.z()),
            float(self.opts["distance"]),
            float(self.opts["elevation"]),
            float(self.opts["azimuth"]),
            float(self.opts["fov"]),
        )

    def set_camera(self, camera: OrbitCamera) -> None:
        """Move to ``camera`` at once."""
        self.opts["fov"] = camera.fov
        self.setCameraPosition(
            pos=QVector3D(*camera.center), distance=camera.distance, elevation=camera.elevation, azimuth=camera.azimuth
        )
        self.camera_changed.emit()

    def stand_on(self, terrain: Terrain | None) -> None:
        """Pan over ``terrain`` (None or flat: at height 0)."""
        if terrain is None or not terrain.relief:
            self.ground_height = lambda _x, _y: 0.0
        else:
            self.ground_height = lambda x, y: float(terrain.height_at(x, y))

    def orbit(self, azim: float, elev: float) -> None:
        super().orbit(azim, elev)
        self.opts["elevation"] = float(np.clip(self.opts["elevation"], MIN_ELEVATION, MAX_ELEVATION))
        self._moved()

    def pan(self, dx: float, dy: float, dz: float, relative: str = "global") -> None:
        super().pan(dx, dy, dz, relative)
        c = self.opts["center"]
        c.setZ(self.ground_height(c.x(), c.y()))  # keep looking at the ground: on a hill, not under it
        self._moved()

    def zoom(self, factor: float) -> None:
        """Move the camera ``factor`` times closer (below 1 moves away)."""
        self.opts["distance"] = max(self.opts["distance"] / factor, 5.0)
        self.update()
        self._moved()

    def _moved(self) -> None:
        self.user_moved.emit()
        self.camera_changed.emit()

    # -- mouse and keys --------------------------------------------------------------------

    def mousePressEvent(self, ev: QMouseEvent) -> None:
        self._press = ev.position()
        super().mousePressEvent(ev)

    def mouseMoveEvent(self, ev: QMouseEvent) -> None:
        if ev.buttons() == Qt.MouseButton.RightButton:  # right-drag pans like the middle button
            diff = ev.position() - self.mousePos  # type: ignore[has-type]  # set on press by pyqtgraph
            self.mousePos = ev.position()
            self.pan(diff.x(), diff.y(), 0, relative="view-upright")
            return
        super().mouseMoveEvent(ev)

    def mouseReleaseEvent(self, ev: QMouseEvent) -> None:
        press, self._press = self._press, None
        if press is not None and ev.button() == Qt.MouseButton.LeftButton:
            moved = ev.position() - press
            if math.hypot(moved.x(), moved.y()) <= CLICK_SLOP_PX:
                self.clicked.emit(ev.position().x(), ev.position().y())
        super().mouseReleaseEvent(ev)

    def wheelEvent(self, ev: QWheelEvent) -> None:
        super().wheelEvent(ev)
        self._moved()

    def resizeEvent(self, ev: QResizeEvent) -> None:
        super().resizeEvent(ev)
        self.resized.emit()

    def keyPressEvent(self, ev: QKeyEvent) -> None:
        if not self._navigate(Qt.Key(ev.key())):
            super().keyPressEvent(ev)

    def _navigate(self, key: Qt.Key) -> bool:
        pans = {
            Qt.Key.Key_W: (0, KEY_PAN_PX),
            Qt.Key.Key_S: (0, -KEY_PAN_PX),
            Qt.Key.Key_A: (-KEY_PAN_PX, 0),
            Qt.Key.Key_D: (KEY_PAN_PX, 0),
        }
        if key in pans:
            self.pan(*pans[key], 0, relative="view-upright")
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(KEY_ZOOM)
        elif key == Qt.Key.Key_Minus:
            self.zoom(1.0 / KEY_ZOOM)
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.orbit(0, KEY_TILT if key == Qt.Key.Key_PageUp else -KEY_TILT)
        elif key == Qt.Key.Key_Home:
            self.reset_requested.emit()
        elif key == Qt.Key.Key_F:
            self.fly_requested.emit()
        else:
            return False
        return True

    # -- painting --------------------------------------------------------------------------

    def initializeGL(self) -> None:
        try:
            super().initializeGL()
        except RuntimeError as error:  # pyqtgraph refuses OpenGL below 2.1
            self.initialize_error = f"OpenGL 初始化失败：{error}"
            self.failed.emit(self.initialize_error)

    def paintGL(self) -> None:
        if self.initialize_error:
            return
        GL.glDepthMask(GL.GL_TRUE)  # an overlay's QPainter may leave it off; glClear needs it on
        super().paintGL()
        if self.overlays:
            self._paint_overlays()

    def _paint_overlays(self) -> None:
        camera, width, height = self.camera(), self.width(), self.height()
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            for overlay in self.overlays:
                overlay(painter, camera, width, height)
        finally:
            painter.end()

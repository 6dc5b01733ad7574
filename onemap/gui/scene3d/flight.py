"""Camera moves of the 3D view: at once, or a short eased flight driven by a timer."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, QTimer

from onemap.scene.camera import OrbitCamera

FLY_STEPS, FLY_STEP_MS = 20, 15


class CameraFlight(QObject):
    """Moves a camera through ``apply(camera)``, animated over ``FLY_STEPS`` frames when asked."""

    def __init__(self, apply: Callable[[OrbitCamera], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._apply = apply
        self._path: list[OrbitCamera] = []
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._step)

    @property
    def flying(self) -> bool:
        """Whether a flight is under way."""
        return self._timer.isActive()

    def go(self, start: OrbitCamera, target: OrbitCamera, animate: bool) -> None:
        """Move from ``start`` to ``target``, at once unless ``animate``."""
        self.stop()
        if not animate:
            self._apply(target)
            return
        self._path = flight_path(start, target, FLY_STEPS)
        self._timer.start(FLY_STEP_MS)

    def stop(self) -> None:
        """Stop where the flight is (the user took over)."""
        self._timer.stop()
        self._path = []

    def _step(self) -> None:
        if not self._path:
            self._timer.stop()
            return
        self._apply(self._path.pop(0))


def flight_path(start: OrbitCamera, end: OrbitCamera, steps: int) -> list[OrbitCamera]:
    """Cameras easing from ``start`` to ``end``: centre linear, distance geometric (steady apparent speed)."""
    path = []
    a, b = np.asarray(start.center), np.asarray(end.center)
    for k in range(1, steps + 1):
        t = 0.5 - 0.5 * np.cos(np.pi * k / steps)
        center = a + (b - a) * t
        distance = float(start.distance * (end.distance / start.distance) ** t)
        elevation = float(start.elevation + (end.elevation - start.elevation) * t)
        path.append(
            OrbitCamera(
                (float(center[0]), float(center[1]), float(center[2])), distance, elevation, end.azimuth, end.fov
            )
        )
    return path

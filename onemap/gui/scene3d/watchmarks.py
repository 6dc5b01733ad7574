"""Cameras, sensors and open alerts in the 3D scene: a pole and a head each, one GL item per layer.

The marks are the 2D map's (:class:`~onemap.gui.watch.marks.WatchMarkLayers`, which re-reads them
on ``refresh_estates``); this adapter only places them in the scene's metric frame and is made
when the 3D tab is first shown.  Poles (one ``GL_LINES`` item) stand on the ground: a camera's
:data:`CAMERA_POLE_M`, a sensor's :data:`SENSOR_POLE_M`, an alert's :data:`ALERT_POLE_M` (over
the roofs, so it draws the eye from afar).  Heads are point sprites coloured like the map's marks;
alert heads are drawn over everything, and a ring sprite pulses round each ``new`` alert while
the tab is on screen (a timer that stops when none is new).  Cameras and sensors show only when
the camera is within :data:`DEVICE_DISTANCE_M` of the ground, and only those near what it looks
at: llvmpipe draws a point sprite in about 4 microseconds, and a county has tens of thousands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph.opengl as gl
from numpy.typing import NDArray
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QColor

from onemap.gui.scene3d import items
from onemap.gui.watch.items import PULSE_PERIOD_MS, PULSE_TICK_MS
from onemap.gui.watch.symbols import device_colours, level_colour
from onemap.view.watch_marks import MarkColumns

if TYPE_CHECKING:
    from onemap.gui.scene3d.binding import Scene3DTab
    from onemap.gui.watch.marks import WatchMarkLayers
    from onemap.scene.frame import SceneFrame

CAMERA_POLE_M, SENSOR_POLE_M, ALERT_POLE_M = 8.0, 4.0, 45.0
DEVICE_PX, ALERT_PX, PULSE_PX = 9.0, 16.0, 26.0
#: devices are drawn only this close (camera distance, metres), within this many distances of the centre
DEVICE_DISTANCE_M, DEVICE_REACH = 3000.0, 2.0
POLE_COLOUR = (0.18, 0.18, 0.18, 0.9)
RIM_COLOUR = (0.12, 0.12, 0.12, 1.0)
FloatArray = NDArray[np.float64]


def rgba(colour: str, alpha: float = 1.0) -> tuple[float, float, float, float]:
    """A ``#rrggbb`` colour as GL floats."""
    c = QColor(colour)
    return c.redF(), c.greenF(), c.blueF(), alpha


class WatchMarks3D(QObject):
    """The live watch's marks in one 3D tab, following the 2D marks' model."""

    def __init__(self, tab: Scene3DTab, source: WatchMarkLayers) -> None:
        super().__init__(tab.view)
        self.tab, self.source = tab, source
        self.poles = items.line_item(POLE_COLOUR, 1.5)
        self.devices = gl.GLScatterPlotItem(pos=np.zeros((0, 3), np.float32), size=DEVICE_PX, glOptions=items.LINES)
        self.alerts = gl.GLScatterPlotItem(
            pos=np.zeros((0, 3), np.float32), size=ALERT_PX, glOptions=items.OVERLAY_LINES
        )
        #: a dark rim under each alert's head: a yellow or orange head stands out on a pale ground
        self.rims = gl.GLScatterPlotItem(
            pos=np.zeros((0, 3), np.float32), size=ALERT_PX + 4.0, color=RIM_COLOUR, glOptions=items.OVERLAY_LINES
        )
        self.pulse = gl.GLScatterPlotItem(
            pos=np.zeros((0, 3), np.float32), size=PULSE_PX, glOptions=items.OVERLAY_LINES
        )
        self.phase, self.ticks = 0.0, 0
        #: kind -> (the marks' columns, the frame, x, y): the devices placed in the scene's metres
        self._placed: dict[str, tuple[MarkColumns, SceneFrame, FloatArray, FloatArray]] = {}
        #: the marks changed while the tab was hidden: placed when it is shown
        self.stale = False
        #: how many times the marks were placed (tests count them)
        self.redraws = 0
        self._new: tuple[NDArray[np.float32], NDArray[np.float32]] = (
            np.zeros((0, 3), np.float32),
            np.zeros((0, 4), np.float32),
        )
        self.timer = QTimer(self)
        self.timer.setInterval(PULSE_TICK_MS)
        self.timer.timeout.connect(self.tick)
        canvas = tab.view.canvas
        if canvas is not None:
            for depth, item in enumerate((self.poles, self.devices, self.pulse, self.rims, self.alerts), start=1):
                item.setDepthValue(depth)
                canvas.addItem(item)
            canvas.camera_changed.connect(self.redraw_devices)
        source.changed.connect(self.redraw)
        tab.on_scene.append(self.redraw)
        tab.on_shown.append(self.shown)
        self.redraw()

    # -- drawing ---------------------------------------------------------------------------

    def _frame(self) -> SceneFrame | None:
        scene = self.tab.view.scene
        return None if scene is None or self.tab.view.canvas is None else scene.frame

    def redraw(self) -> None:
        """Place every mark anew (the marks or the scene changed); hidden, only note it for when shown."""
        if not self.tab.view.isVisible():
            self.stale = True
            return
        self.stale = False
        self.redraws += 1
        self.redraw_devices()
        self._draw_alerts()

    def shown(self) -> None:
        """The tab is on screen again: place the marks that changed meanwhile."""
        if self.stale:
            self.redraw()

    def redraw_devices(self) -> None:
        """Poles and heads of the cameras and sensors near what the camera looks at (none from afar)."""
        frame = self._frame()
        devices = self._devices(frame) if frame is not None else []
        alerts = self._alert_rows(frame) if frame is not None else None
        poles = [(x, y, h) for x, y, h, _c in devices]
        if alerts is not None:
            poles.append((alerts[0], alerts[1], ALERT_POLE_M))
        self._set_poles(poles)
        heads = np.concatenate([_column(x, y, h) for x, y, h, _c in devices]) if devices else np.zeros((0, 3))
        colours = np.concatenate([c for *_xyh, c in devices]) if devices else np.zeros((0, 4))
        self.devices.setData(pos=heads.astype(np.float32), color=colours.astype(np.float32))
        self.devices.setVisible(len(heads) > 0)

    def _devices(self, frame: SceneFrame) -> list[tuple[FloatArray, FloatArray, float, NDArray[np.float32]]]:
        canvas = self.tab.view.canvas
        assert canvas is not None
        view = canvas.camera()
        if view.distance > DEVICE_DISTANCE_M:
            return []
        out = []
        for kind, height in (("cameras", CAMERA_POLE_M), ("sensors", SENSOR_POLE_M)):
            if self.source.visible(kind):
                x, y = self._local_of(frame, kind)
                near = np.flatnonzero(np.hypot(x - view.center[0], y - view.center[1]) <= DEVICE_REACH * view.distance)
                out.append((x[near], y[near], height, self._device_colours(kind, near)))
        return out

    def _local_of(self, frame: SceneFrame, kind: str) -> tuple[FloatArray, FloatArray]:
        """Every camera's or sensor's place in the scene, kept while the marks and the frame stay the
        same (projected anew on each camera move, 560,000 cameras cost tens of ms and MB a move)."""
        marks = getattr(self.source.model, kind)
        kept = self._placed.get(kind)
        if kept is None or kept[0] is not marks or kept[1] is not frame:
            kept = (marks, frame, *_local(frame, marks))
            self._placed[kind] = kept
        return kept[2], kept[3]

    def _set_poles(self, poles: list[tuple[FloatArray, FloatArray, float]]) -> None:
        segments = []
        for x, y, height in poles:
            pairs = np.repeat(_column(x, y, 0.0), 2, axis=0)
            pairs[1::2, 2] = height
            segments.append(pairs)
        items.set_lines(self.poles, np.concatenate(segments) if segments else np.zeros((0, 3), np.float32))

    def _device_colours(self, kind: str, rows: NDArray[np.intp]) -> NDArray[np.float32]:
        """The GL colours of devices ``rows`` (those drawn: a colour tuple for each of a nation's
        devices was a 170 MB peak after every edit)."""
        hexes = device_colours(self.source.model, kind, self.source.checks.results)[rows].tolist()
        table = {c: rgba(c) for c in set(hexes)}
        return np.array([table[c] for c in hexes], np.float32).reshape(-1, 4)

    def _alert_rows(self, frame: SceneFrame) -> tuple[FloatArray, FloatArray, NDArray[np.bool_]] | None:
        """The placed open alerts' local x, y and which rows they are (None: none to draw)."""
        alerts = self.source.model.alerts
        if not self.source.visible("alerts") or not len(alerts):
            return None
        x, y = _local(frame, alerts)
        ok = ~(np.isnan(x) | np.isnan(y))
        return (x[ok], y[ok], ok) if ok.any() else None

    def _draw_alerts(self) -> None:
        frame = self._frame()
        placed = self._alert_rows(frame) if frame is not None else None
        if placed is None:
            for item in (self.alerts, self.rims, self.pulse):
                item.setData(pos=np.zeros((0, 3), np.float32))
                item.setVisible(False)
            self._new = (np.zeros((0, 3), np.float32), np.zeros((0, 4), np.float32))
            self.timer.stop()
            return
        x, y, ok = placed
        a = self.source.model.alerts
        heads = _column(x, y, ALERT_POLE_M).astype(np.float32)
        colours = np.array([rgba(level_colour(v)) for v in a["level"][ok].tolist()], np.float32)
        self.alerts.setData(pos=heads, color=colours)
        self.rims.setData(pos=heads)
        self.alerts.setVisible(True)
        self.rims.setVisible(True)
        new = a["status"][ok] == "new"
        self._new = (heads[new], colours[new])
        self.pulse.setVisible(bool(new.any()))
        if new.any():
            self._paint_pulse()
            if not self.timer.isActive():
                self.timer.start()
        else:
            self.timer.stop()

    def tick(self) -> None:
        """One frame of the pulse (only while the tab is on screen: hidden, the timer idles)."""
        if not self.tab.view.isVisible():
            return
        self.ticks += 1
        self.phase = (self.phase + PULSE_TICK_MS / PULSE_PERIOD_MS) % 1.0
        self._paint_pulse()

    def _paint_pulse(self) -> None:
        heads, colours = self._new
        faded = colours.copy()
        faded[:, 3] = 0.85 * (1.0 - self.phase)
        self.pulse.setData(
            pos=heads, color=faded.astype(np.float32), size=ALERT_PX + (PULSE_PX - ALERT_PX) * 2 * self.phase
        )


def _local(frame: SceneFrame, marks: MarkColumns) -> tuple[FloatArray, FloatArray]:
    """Marks in the scene's metres; a device with no point at all is dropped later by its NaN."""
    x, y = frame.to_local(marks["lon"], marks["lat"])
    return np.asarray(x, np.float64), np.asarray(y, np.float64)


def _column(x: FloatArray, y: FloatArray, z: float) -> FloatArray:
    return np.column_stack([x, y, np.full(len(x), z)])

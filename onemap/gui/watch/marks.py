"""Cameras, sensors and open alerts on the 2D map: three layers, one item each (the alerts' pulse a fourth).

The marks come from :class:`~onemap.view.watch_marks.WatchMarks`, read when an inventory opens
and re-read in part by :meth:`WatchMarkLayers.follow` (``MainWindow.refresh_estates`` calls it).
Cameras and sensors show only at estate-level zoom (:data:`DEVICE_MAX_RES`), culled to the view
plus a margin; alerts show at every zoom, above the clusters.  A camera's online/offline comes
from the checks :class:`~onemap.gui.cameras.marks.CameraMarks` receives from the details dock.
Tooltips name the device or alert, never a link (a link may have held a login).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QBrush, QColor

from onemap.gui.cameras.marks import CameraMarks
from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.gui.canvas.polygons import OUTLINE_MAX_RES
from onemap.gui.watch import tips
from onemap.gui.watch.items import AlertBadges, AlertPulse
from onemap.gui.watch.symbols import (
    BADGE_PX,
    CAMERA_COLOURS,
    DEVICE_PX,
    EDGE,
    SENSOR_COLOURS,
    camera_symbol,
    level_colour,
    sensor_symbol,
)
from onemap.view.extent import Extent
from onemap.view.session import MapSession
from onemap.view.watch_marks import CAMERA_STATES, SENSOR_STATES, MarkColumns, WatchMarks

#: cameras and sensors are drawn at or below this many display metres per pixel (the estates' outlines' zoom)
DEVICE_MAX_RES = OUTLINE_MAX_RES
#: depths: over estate points (10) and labels (30), the alerts over the selection (40) and the check marks (45)
Z_SENSORS, Z_CAMERAS, Z_PULSE, Z_ALERTS = 34.0, 35.0, 46.0, 47.0


class WatchMarkLayers(QObject):
    """The live watch's layers of one open inventory on the map.

    Attributes
    ----------
    model : WatchMarks
        What is drawn.
    cameras, sensors : pg.ScatterPlotItem
        The devices in view (estate-level zoom only); each spot's data is its row in the model.
    alerts : AlertBadges
    pulse : AlertPulse

    Signals
    -------
    changed()
        What is drawn changed (marks re-read, layers shown or hidden, a camera checked): the 3D
        scene follows.
    """

    changed = Signal()

    def __init__(self, canvas: MapCanvas, checks: CameraMarks) -> None:
        super().__init__(canvas)
        self.canvas, self.checks = canvas, checks
        self.session: MapSession | None = None
        self.model = WatchMarks()
        self.cameras = _device_item(Z_CAMERAS)
        self.sensors = _device_item(Z_SENSORS)
        self.alerts = AlertBadges()
        self.pulse = AlertPulse()
        for item, z in ((self.alerts, Z_ALERTS), (self.pulse, Z_PULSE)):
            item.setZValue(z)
        for item in (self.cameras, self.sensors, self.alerts, self.pulse):
            item.hide()
            canvas.vb.addItem(item, ignoreBounds=True)
        self._shown: dict[str, np.ndarray] = {"cameras": np.empty(0, int), "sensors": np.empty(0, int)}
        self._boxes: dict[str, Extent | None] = {"cameras": None, "sensors": None}
        self._brushes: dict[str, QBrush] = {}
        checks.changed.connect(self._on_checks_change)

    # -- binding ---------------------------------------------------------------------------

    def bind(self, session: MapSession | None) -> None:
        """Draw ``session``'s marks, read whole (None: draw nothing)."""
        if self.session is not None:
            self.session.state.extent_changed.disconnect(self._on_extent_change)
            self.session.state.layers_changed.disconnect(self._on_layers_change)
        self.session = session
        self.model = WatchMarks()
        if session is not None:
            self.model.load(session.inventory)
            session.state.extent_changed.connect(self._on_extent_change)
            session.state.layers_changed.connect(self._on_layers_change)
        self._redraw({"cameras", "sensors", "alerts"})

    def follow(self, codes: set[str], tables: frozenset[str] | None) -> set[str]:
        """Re-read and redraw what a change reached (see :meth:`WatchMarks.follow`); the kinds redrawn."""
        if self.session is None:
            return set()
        kinds = self.model.follow(self.session.inventory, codes, tables)
        if "alerts" in kinds:
            kinds |= {"cameras", "sensors"}  # an alert turns its device's mark to alerting, and back
        self._redraw(kinds)
        return kinds

    # -- drawing ---------------------------------------------------------------------------

    def visible(self, kind: str) -> bool:
        """Whether a session is shown and the user wants ``kind`` (``cameras``, ``sensors``, ``alerts``) drawn."""
        return self.session is not None and self.session.state.layer_visible(kind)

    def _redraw(self, kinds: set[str]) -> None:
        for kind in ("cameras", "sensors"):
            if kind in kinds:
                self._boxes[kind] = None
                self._draw_devices(kind)
        if "alerts" in kinds:
            self._draw_alerts()
        self.changed.emit()

    def _on_extent_change(self) -> None:
        self._draw_devices("cameras")
        self._draw_devices("sensors")
        self._draw_alerts()

    def _on_layers_change(self) -> None:
        self._on_extent_change()
        self.changed.emit()

    def _on_checks_change(self) -> None:
        self._boxes["cameras"] = None
        self._draw_devices("cameras")
        self.changed.emit()

    def _draw_devices(self, kind: str) -> None:
        item = self.cameras if kind == "cameras" else self.sensors
        state = self.session.state if self.session is not None else None
        if state is None or not self.visible(kind) or state.resolution > DEVICE_MAX_RES:
            item.hide()
            return
        view = state.extent
        box = self._boxes[kind]
        if box is None or not box.contains(view):
            box = self._boxes[kind] = view.expanded(0.5)  # half a view each side: panning re-culls rarely
            rows = getattr(self.model, kind).in_box(box)
            self._shown[kind] = rows
            self._fill(item, kind, rows)
        item.setVisible(len(self._shown[kind]) > 0)

    def _fill(self, item: pg.ScatterPlotItem, kind: str, rows: np.ndarray) -> None:
        columns: MarkColumns = getattr(self.model, kind)
        colours = self._colours(kind)[rows] if len(rows) else np.empty(0, dtype=object)
        brushes = [self._brush(c) for c in colours.tolist()]
        symbol = camera_symbol() if kind == "cameras" else sensor_symbol()
        item.setData(x=columns.x[rows], y=columns.y[rows], brush=brushes, data=rows, symbol=symbol, **_DEVICE_STYLE)

    def _colours(self, kind: str) -> np.ndarray:
        """Each device's fill colour by its state (an alerting camera in its worst alert's level colour)."""
        if kind == "sensors":
            states = self.model.sensor_states()
            return np.array([SENSOR_COLOURS[s] for s in SENSOR_STATES], dtype=object)[states]
        states = self.model.camera_states(self.checks.results)
        colours = np.array([CAMERA_COLOURS.get(s, "") for s in CAMERA_STATES], dtype=object)[states]
        worst = self.model.worst_level("camera")
        for row in np.flatnonzero(states == CAMERA_STATES.index("alerting")):
            colours[row] = level_colour(worst.get(int(self.model.cameras["fid"][row]), 1))
        return colours

    def _brush(self, colour: str) -> QBrush:
        if colour not in self._brushes:
            self._brushes[colour] = QBrush(QColor(colour))
        return self._brushes[colour]

    def _draw_alerts(self) -> None:
        a = self.model.alerts
        state = self.session.state if self.session is not None else None
        if state is None or not self.visible("alerts") or not len(a):
            self.alerts.hide()
            self.pulse.set_new(np.empty(0), np.empty(0), [], 1.0, running=False)
            self.pulse.hide()
            return
        res = state.resolution
        self.alerts.set_alerts(a.x, a.y, a["type"].tolist(), a["level"].tolist(), res)
        new = a["status"] == "new"
        self.pulse.set_new(a.x[new], a.y[new], a["level"][new].tolist(), res, running=bool(new.any()))
        self.alerts.show()
        self.pulse.setVisible(bool(new.any()))

    # -- asking ----------------------------------------------------------------------------

    def tooltip_at(self, x: float, y: float) -> str:
        """What is under a display point: an alert first, then a camera, then a sensor ('' for none)."""
        state = self.session.state if self.session is not None else None
        if state is None:
            return ""
        res = state.resolution
        if self.alerts.isVisible():
            row = self.model.alerts.nearest(x, y, (BADGE_PX / 2.0 + 2.0) * res)
            if row is not None:
                return tips.alert_tip(self.model.alerts, row)
        for kind, item in (("cameras", self.cameras), ("sensors", self.sensors)):
            if item.isVisible():
                columns: MarkColumns = getattr(self.model, kind)
                row = columns.nearest(x, y, (DEVICE_PX / 2.0 + 3.0) * res, self._shown[kind])
                if row is not None:
                    state_word = self._state_word(kind, row)
                    return tips.device_tip(kind, columns, row, state_word)
        return ""

    def _state_word(self, kind: str, row: int) -> str:
        if kind == "cameras":
            return CAMERA_STATES[int(self.model.camera_states(self.checks.results)[row])]
        return SENSOR_STATES[int(self.model.sensor_states()[row])]

    def close(self) -> None:
        """Stop the pulse and take the items off the map."""
        self.bind(None)
        self.pulse.timer.stop()
        for item in (self.cameras, self.sensors, self.alerts, self.pulse):
            self.canvas.vb.removeItem(item)


_DEVICE_STYLE = {"size": DEVICE_PX, "pen": pg.mkPen(EDGE, width=1.0)}  # cosmetic: not scaled with the symbol


def _device_item(z: float) -> pg.ScatterPlotItem:
    item = pg.ScatterPlotItem(pxMode=True)
    item.setZValue(z)
    return item

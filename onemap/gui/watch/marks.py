"""Cameras, sensors and open alerts on the 2D map: three layers, one item each (the alerts' pulse a fourth).

The marks come from :class:`~onemap.view.watch_marks.WatchMarks`, read when an inventory opens
(the devices on a thread: :mod:`onemap.gui.watch.device_load`) and re-read in part by
:meth:`WatchMarkLayers.follow` (``MainWindow.refresh_estates`` calls it); a live feed patches the
alerts from its messages instead (:mod:`onemap.gui.watch.live_alerts`).
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
from onemap.gui.canvas.polygons import BUILDING_MAX_RES
from onemap.gui.watch import tips
from onemap.gui.watch.alert_marks import pulsing
from onemap.gui.watch.device_load import DeviceLoad
from onemap.gui.watch.items import DEVICE_STYLE, AlertBadges, AlertPulse, device_item
from onemap.gui.watch.live_alerts import LiveAlerts
from onemap.gui.watch.symbols import camera_symbol, device_colours, sensor_symbol
from onemap.view.extent import Extent
from onemap.view.session import MapSession
from onemap.view.watch_marks import MarkColumns, WatchMarks
from onemap.watch.alert import Alert

#: cameras and sensors are drawn at or below this many display metres per pixel: where buildings show (at
#: the outlines' 12 m/px a county seat's hundreds of cameras buried the estate names)
DEVICE_MAX_RES = BUILDING_MAX_RES
#: depths: devices over estate points (10) and under their names (30); alerts over the selection (40) and
#: the check marks (45)
Z_SENSORS, Z_CAMERAS, Z_PULSE, Z_ALERTS = 24.0, 25.0, 46.0, 47.0


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
        self.cameras = device_item(Z_CAMERAS)
        self.sensors = device_item(Z_SENSORS)
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
        self.devices = DeviceLoad(self)
        #: while a live feed patches the alerts, a change naming only alerts is read on a thread
        self.reread = LiveAlerts(self)
        checks.changed.connect(self._on_checks_change)

    # -- binding ---------------------------------------------------------------------------

    def bind(self, session: MapSession | None) -> None:
        """Draw ``session``'s marks (None: draw nothing): its open alerts at once, its cameras and
        sensors once a background read of them is done (tens of thousands in a big county)."""
        self.devices.cancel()
        if self.session is not None:
            self.session.state.extent_changed.disconnect(self._on_extent_change)
            self.session.state.layers_changed.disconnect(self._on_layers_change)
        self.session = session
        self.model = WatchMarks()
        remote = session is not None and getattr(session, "remote", False)
        self.reread.bind(None if session is None or remote else session.path)
        if session is not None:
            self.model.alerts = MarkColumns(session.inventory.open_alert_marks())
            session.state.extent_changed.connect(self._on_extent_change)
            session.state.layers_changed.connect(self._on_layers_change)
            if not remote:
                self.devices.start(session.path)
            elif getattr(session, "devices", None) is not None:  # a server's: read while it opened
                cameras, sensors = session.devices  # type: ignore[attr-defined]
                self.model.cameras, self.model.sensors = MarkColumns(cameras), MarkColumns(sensors)
        self.redraw({"cameras", "sensors", "alerts"})

    def settle(self, timeout_s: float = 60.0) -> None:
        """Wait for the cameras and sensors to be read and drawn (tests, benchmarks, snapshots)."""
        self.devices.settle(timeout_s)

    def follow(self, codes: set[str], tables: frozenset[str] | None) -> set[str]:
        """Re-read and redraw what a change reached (see :meth:`WatchMarks.follow`); the kinds redrawn."""
        if self.session is None:
            return set()
        self.devices.changed(codes)  # a read under way may predate this change: these are read again after it
        if not codes and tables is not None and tables <= {"alerts"} and self.reread.live():
            self.reread.request()  # the feed brings the alerts; the file is read for other writers' steps
            return set()
        kinds = self.model.follow(self.session.inventory, codes, tables)
        if "alerts" in kinds:
            kinds |= {"cameras", "sensors"}  # an alert turns its device's mark to alerting, and back
        self.redraw(kinds)
        return kinds

    def take_alerts(self, alerts: list[Alert]) -> None:
        """A live batch: the alert marks patched from it, no read (:class:`LiveAlerts`)."""
        if self.session is not None:
            self.reread.take(alerts)

    # -- drawing ---------------------------------------------------------------------------

    def visible(self, kind: str) -> bool:
        """Whether a session is shown and the user wants ``kind`` (``cameras``, ``sensors``, ``alerts``) drawn."""
        return self.session is not None and self.session.state.layer_visible(kind)

    def redraw(self, kinds: set[str]) -> None:
        """Draw these kinds of mark anew (``cameras``, ``sensors``, ``alerts``)."""
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
        colours = device_colours(self.model, kind, self.checks.results)[rows]
        brushes = [self._brush(c) for c in colours.tolist()]
        symbol = camera_symbol() if kind == "cameras" else sensor_symbol()
        item.setData(x=columns.x[rows], y=columns.y[rows], brush=brushes, data=rows, symbol=symbol, **DEVICE_STYLE)

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
        new = pulsing(a)
        self.pulse.set_new(a.x[new], a.y[new], a["level"][new].tolist(), res, running=bool(len(new)))
        self.alerts.show()
        self.pulse.setVisible(bool(len(new)))

    # -- asking ----------------------------------------------------------------------------

    def tooltip_at(self, x: float, y: float) -> str:
        """What is under a display point: an alert first, then a camera, then a sensor ('' for none)."""
        if self.session is None:
            return ""
        return tips.tip_at(self, x, y, self.session.state.resolution)

    def shown_rows(self, kind: str) -> np.ndarray:
        """The rows of ``cameras`` or ``sensors`` drawn now (empty when the layer is not on show)."""
        item = self.cameras if kind == "cameras" else self.sensors
        return self._shown[kind] if item.isVisible() else np.empty(0, int)

    def close(self) -> None:
        """Stop the pulse and take the items off the map."""
        self.bind(None)
        self.pulse.timer.stop()
        for item in (self.cameras, self.sensors, self.alerts, self.pulse):
            self.canvas.vb.removeItem(item)

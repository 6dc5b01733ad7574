"""Cameras, sensors and open alerts on the 2D map: three layers, one item each (the alerts' pulse a fourth).

The marks come from :class:`~onemap.view.watch_marks.WatchMarks`, read when an inventory opens
and re-read in part by :meth:`WatchMarkLayers.follow` (``MainWindow.refresh_estates`` calls it).
Cameras and sensors show only at estate-level zoom (:data:`DEVICE_MAX_RES`), culled to the view
plus a margin; alerts show at every zoom, above the clusters.  A camera's online/offline comes
from the checks :class:`~onemap.gui.cameras.marks.CameraMarks` receives from the details dock.
Tooltips name the device or alert, never a link (a link may have held a login).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QBrush, QColor

from onemap.gui.cameras.marks import CameraMarks
from onemap.gui.canvas.map_canvas import MapCanvas
from onemap.gui.canvas.polygons import BUILDING_MAX_RES
from onemap.gui.watch import tips
from onemap.gui.watch.items import DEVICE_STYLE, AlertBadges, AlertPulse, device_item
from onemap.gui.watch.symbols import camera_symbol, device_colours, sensor_symbol
from onemap.gui.workers import Job
from onemap.store import Inventory
from onemap.store.watch_marks import Columns
from onemap.view.extent import Extent
from onemap.view.session import MapSession
from onemap.view.watch_marks import MarkColumns, WatchMarks

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
        self._loading: Job | None = None
        self._stale: set[str] = set()  # estates changed while the devices were being read
        checks.changed.connect(self._on_checks_change)

    # -- binding ---------------------------------------------------------------------------

    def bind(self, session: MapSession | None) -> None:
        """Draw ``session``'s marks (None: draw nothing): its open alerts at once, its cameras and
        sensors once a background read of them is done (tens of thousands in a big county)."""
        self._cancel_load()
        if self.session is not None:
            self.session.state.extent_changed.disconnect(self._on_extent_change)
            self.session.state.layers_changed.disconnect(self._on_layers_change)
        self.session = session
        self.model = WatchMarks()
        if session is not None:
            self.model.alerts = MarkColumns(session.inventory.open_alert_marks())
            session.state.extent_changed.connect(self._on_extent_change)
            session.state.layers_changed.connect(self._on_layers_change)
        if session is not None and not getattr(session, "remote", False):  # a server's marks: not drawn yet
            self._loading = Job(_read_devices(session.path), "watch-marks")
            self._loading.done.connect(self._on_devices_read)
            self._loading.failed.connect(self._on_read_failed)
            self._loading.start()
        self._redraw({"cameras", "sensors", "alerts"})

    def settle(self, timeout_s: float = 60.0) -> None:
        """Wait for the cameras and sensors to be read and drawn (tests, benchmarks, snapshots)."""
        deadline = time.monotonic() + timeout_s
        while self._loading is not None and time.monotonic() < deadline:
            self._loading.wait(50)
            QCoreApplication.processEvents()

    def follow(self, codes: set[str], tables: frozenset[str] | None) -> set[str]:
        """Re-read and redraw what a change reached (see :meth:`WatchMarks.follow`); the kinds redrawn."""
        if self.session is None:
            return set()
        if self._loading is not None:  # the read under way may predate this change: read these again after it
            self._stale |= codes
        kinds = self.model.follow(self.session.inventory, codes, tables)
        if "alerts" in kinds:
            kinds |= {"cameras", "sensors"}  # an alert turns its device's mark to alerting, and back
        self._redraw(kinds)
        return kinds

    def _on_devices_read(self, columns: tuple[Columns, Columns]) -> None:
        job, self._loading = self._loading, None
        if job is not None:
            job.wait()
        if self.session is None:
            return
        self.model.cameras, self.model.sensors = MarkColumns(columns[0]), MarkColumns(columns[1])
        stale, self._stale = self._stale, set()
        if stale:
            self.model.follow(self.session.inventory, stale, frozenset(("cameras", "sensors")))
        self._redraw({"cameras", "sensors"})

    def _on_read_failed(self, _message: str) -> None:
        """The file could not be read in the background (the job logged why): the alerts stay, no devices."""
        self._loading, self._stale = None, set()

    def _cancel_load(self) -> None:
        job, self._loading = self._loading, None
        self._stale = set()
        if job is not None:
            job.done.disconnect(self._on_devices_read)
            job.failed.disconnect(self._on_read_failed)
            job.cancel()

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
        new = a["status"] == "new"
        self.pulse.set_new(a.x[new], a.y[new], a["level"][new].tolist(), res, running=bool(new.any()))
        self.alerts.show()
        self.pulse.setVisible(bool(new.any()))

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


def _read_devices(path: Path) -> Callable[[Callable[[float, str], None], Callable[[], bool]], object]:
    """The background read: every camera and sensor, from a connection of its own."""

    def work(_progress: Callable[[float, str], None], _cancelled: Callable[[], bool]) -> object:
        with Inventory.open(path, readonly=True) as inventory:
            return inventory.camera_marks(), inventory.sensor_marks()

    return work

"""The viewer's live feed: alerts from the broker (or the 演示 collector) onto the map and the alert dock.

Messages on ``onemap/alerts/<county>`` (payload: :func:`onemap.watch.relay.alert_payload`)
arrive on the bus's thread (paho's network loop, or the demo collector's); the handler parses
them there and keeps only the newest message of each alert (a flood folding one alert many
times is one row to show), then wakes the UI thread once.  There, :meth:`AlertFeed.drain`
takes what gathered after :data:`DRAIN_MS` (at least twice the last batch's cost) — a burst
becomes one batch — refreshes the estates it names once (``window.refresh_estates(codes,
{"alerts"})``) and updates the dock row by row.

Without a broker, a collector writing the same file is followed through the file itself:
every :data:`POLL_MS` one ``PRAGMA data_version``; when it moved, the alerts newer than the
newest one known are read (an indexed query), and every :data:`FULL_LOOK_S` the listed range
is read again, which also brings status changes made elsewhere (``onemap alerts --close``).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel

from onemap.gui.i18n import tr
from onemap.gui.watch.broker import broker_from_settings, describe, load_password, sound_on
from onemap.gui.watch.broker_group import BROKER_CHANGED
from onemap.store.errors import InventoryError
from onemap.watch.alert import Alert, unstamp
from onemap.watch.alerts import AlertBook
from onemap.watch.collector import alerts_topic

if TYPE_CHECKING:
    from onemap.gui.docks.alerts import AlertDock
    from onemap.gui.main_window import MainWindow
    from onemap.view.session import MapSession

log = logging.getLogger("onemap.gui.watch")
DRAIN_MS = 30
POLL_MS = 400
FULL_LOOK_S = 5.0
_STATES = {
    "connected": str(QT_TRANSLATE_NOOP("", "已连接")),
    "local": str(QT_TRANSLATE_NOOP("", "演示数据")),
    "none": str(QT_TRANSLATE_NOOP("", "未配置")),
}
_RECONNECTING = str(QT_TRANSLATE_NOOP("", "重连中"))


def alert_of(body: dict[str, Any]) -> Alert | None:
    """The alert a published payload carries (``body["alert"]``), or None when it is not complete."""
    raw = body.get("alert")
    if not isinstance(raw, dict):
        return None
    try:
        times = {k: unstamp(raw[k]) for k in ("first_time", "last_time")}
        cleared = raw.get("cleared_time")
        return Alert(
            id=int(raw["id"]),
            estate_code=str(raw["estate_code"]),
            estate_name=raw.get("estate_name"),
            township=raw.get("township"),
            device_kind=str(raw.get("device_kind") or ""),
            device=str(raw.get("device") or body.get("device") or ""),
            type=str(raw.get("type") or body.get("type") or "other"),
            level=int(raw.get("level") or body.get("level") or 4),
            value=raw.get("value"),
            status=str(raw.get("status") or "new"),
            count=int(raw.get("count") or 1),
            cleared_time=unstamp(cleared) if cleared else None,
            lon=raw.get("lon"),
            lat=raw.get("lat"),
            source=raw.get("source") or body.get("source"),
            device_fid=None if raw.get("device_fid") is None else int(raw["device_fid"]),
            **times,
        )
    except (KeyError, TypeError, ValueError):
        return None


class AlertFeed(QObject):
    """Follows the open inventory's alerts; owns the bus subscription and the 演示 collector.

    Signals
    -------
    delivered(list)
        After a batch was shown: the payload bodies (dicts) it carried (tests and the benchmark).
    """

    delivered = Signal(list)
    _wake = Signal()

    def __init__(self, window: MainWindow, dock: AlertDock) -> None:
        super().__init__(window)
        self.window, self.dock = window, dock
        self.session: MapSession | None = None
        #: alert id -> (the alert, its payload body): the newest message of each alert since the last drain
        self._latest: dict[int, tuple[Alert, dict[str, Any]]] = {}
        self._lock = threading.Lock()
        #: messages received and those another message of the same alert superseded before it was shown
        self.received = self.superseded = 0
        #: how many times a new alert beeped (the sound is optional: Settings ▸ 实时告警)
        self.beeps = 0
        self._pending = threading.Event()
        self.bus: Any = None
        self.demo: Any = None
        self._unsubscribe: Any = None
        self._version: int | None = None
        self._full_at = 0.0
        #: seconds the last batch took on the UI thread (the next one waits at least twice that)
        self.last_cost = 0.0
        self._wake.connect(self._schedule, Qt.ConnectionType.QueuedConnection)
        self.drain_timer = _timer(self, DRAIN_MS, self.drain, single=True)
        self.poll_timer = _timer(self, POLL_MS, self.poll)
        self.state_timer = _timer(self, 1000, self.show_state)
        self.label = QLabel()
        self.label.setObjectName("alertFeedState")
        window.status.addPermanentWidget(self.label)
        BROKER_CHANGED.changed.connect(self._settings_changed)
        self.show_state()

    # -- following a file ---------------------------------------------------------------------------

    def bind(self, session: MapSession) -> None:
        """Follow ``session``'s file: the dock lists its alerts; the broker, if configured, is joined."""
        self.session = session
        self._version = self._data_version()
        self.dock.bind(session)
        self.connect_broker()
        self.poll_timer.start()
        self.state_timer.start()

    def unbind(self) -> None:
        """Stop following (the file closes): the demo stops, the broker is left, the queue emptied."""
        self.stop_demo()
        self.disconnect_bus()
        self.poll_timer.stop()
        self.state_timer.stop()
        self.drain_timer.stop()
        with self._lock:
            self._latest.clear()
        self.session = None
        self.dock.unbind()
        self.show_state()

    def connect_broker(self) -> None:
        """Join the broker of the viewer's settings (none set: nothing; the file is still followed)."""
        from onemap.watch.mqtt import MqttBus

        self.disconnect_bus()
        broker = broker_from_settings(self.window.settings.q)
        if broker is None or self.session is None:
            self.show_state()
            return
        bus = MqttBus(broker, load_password() if broker.user else None, persistent=False)
        self.listen(bus, self.county())
        bus.start()

    def county(self) -> str:
        """The open file's county code (the alerts topic's last level)."""
        return (self.session.inventory.meta("county_code") or "") if self.session is not None else ""

    def listen(self, bus: Any, county: str) -> None:
        """Subscribe to ``bus``'s alerts topic for ``county`` (callable from any thread)."""
        self.bus = bus
        self._unsubscribe = bus.subscribe(alerts_topic(county), self.on_message)
        self._wake.emit()  # the status bar follows on the UI thread

    def _settings_changed(self) -> None:
        if self.demo is None and self.session is not None:
            self.connect_broker()

    def disconnect_bus(self) -> None:
        """Leave the broker."""
        bus, self.bus = self.bus, None
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if bus is not None and type(bus).__name__ == "MqttBus":
            bus.stop()

    # -- messages -----------------------------------------------------------------------------------

    def on_message(self, _topic: str, payload: bytes) -> None:
        """The bus's thread: parse, keep the newest message per alert, wake the UI thread once per batch."""
        try:
            body = json.loads(payload)
        except ValueError:
            return
        alert = alert_of(body) if isinstance(body, dict) else None
        if alert is None:
            return
        with self._lock:
            self.received += 1
            seen = self._latest.get(alert.id)
            if seen is not None:
                self.superseded += 1
                if seen[0].count > alert.count:  # an older fold overtaken on the way: keep the newer
                    return
            self._latest[alert.id] = (alert, body)
        if not self._pending.is_set():
            self._pending.set()
            self._wake.emit()

    def _schedule(self) -> None:
        self.show_state()
        if self._pending.is_set() and not self.drain_timer.isActive():
            # a burst must not keep the UI thread refreshing: wait at least twice the last batch's cost
            self.drain_timer.start(min(1000, max(DRAIN_MS, int(2000 * self.last_cost))))

    def drain(self) -> list[Alert]:
        """Show what gathered: one refresh of the estates it names, the dock updated row by row."""
        self._pending.clear()
        with self._lock:
            latest, self._latest = self._latest, {}
        if self.session is None or not latest:
            return []
        start = time.perf_counter()
        shown = [alert for alert, _body in latest.values()]
        self.window.watch_marks.take_alerts(shown)  # patched from the messages: no read of the file
        shown_code = getattr(self.window.details.details, "code", None)
        if shown_code is not None and shown_code in {a.estate_code for a in shown}:
            self.window.details.alerts_written()  # the estate on show has a new or changed alert: one query
        self._arrived(shown)
        self.last_cost = time.perf_counter() - start
        self.delivered.emit([body for _alert, body in latest.values()])
        return shown

    def _arrived(self, alerts: list[Alert]) -> None:
        added = self.dock.model.upsert(alerts, live=True)
        self.dock.update_count()
        self.dock.follow_choice()
        if added and sound_on(self.window.settings.q):
            self.beeps += 1  # once per batch with a new alert, however many it brought
            QApplication.beep()

    def poll(self) -> bool:
        """Alerts another connection wrote into the file since the last look; False when none did."""
        full = time.monotonic() - self._full_at >= FULL_LOOK_S
        if self.bus is not None and self.bus.state() in ("connected", "local") and not full:
            return False  # the bus brings new alerts; the file is looked at for other changes only now and then
        version = self._data_version()
        if self.session is None or version is None or version == self._version:
            return False
        self._version = version
        book = AlertBook(self.session.inventory)
        try:
            if full:
                self._full_at = time.monotonic()
                self._arrived(self.dock.read_listed(book))
            else:
                newest = self.dock.model.newest_time()
                since = None if newest is None else newest - timedelta(seconds=2)
                self._arrived(book.alerts(since=since or self.dock.model.filter.since(), limit=2000))
        except InventoryError:  # busy for a moment: the next tick asks again
            self._version = None
        return True

    def _data_version(self) -> int | None:
        try:
            return None if self.session is None else int(self.session.inventory.data_version())
        except InventoryError:
            return None

    # -- the 演示 collector -------------------------------------------------------------------------

    def start_demo(self, speed: float = 600.0) -> bool:
        """Run the demo collector in-process on the open file and follow its bus."""
        from onemap.gui.editing.session import audit_user
        from onemap.gui.watch.demo import DemoWatch

        if self.session is None or self.demo is not None:
            return False
        self.disconnect_bus()
        county = self.county()
        self.demo = DemoWatch(self.session.path, lambda bus: self.listen(bus, county), speed, audit_user(self.window))
        if not self.demo.start():
            log.warning("the demo collector did not start: %s", self.demo.error)
            self.demo.stop()
            self.demo = None
            self.connect_broker()
            return False
        self.show_state()
        return True

    def stop_demo(self) -> None:
        """Stop the demo collector (waits for its thread) and go back to the configured broker."""
        demo, self.demo = self.demo, None
        if demo is None:
            return
        self.disconnect_bus()
        demo.stop()
        self.drain()
        if self.session is not None:
            self.connect_broker()

    # -- status bar ---------------------------------------------------------------------------------

    def state(self) -> str:
        """``已连接``, ``重连中``, ``未配置`` or ``演示数据`` (untranslated source text)."""
        if self.bus is None:
            return _STATES["none"]
        return _STATES.get(self.bus.state(), _RECONNECTING)

    def show_state(self) -> None:
        """The feed's state in the status bar; the tooltip names the broker, never its password."""
        state = self.state()
        self.label.setText(tr("实时告警：{state}").format(state=tr(state)))
        broker = getattr(self.bus, "broker", None)
        tip = describe(broker) if broker is not None else tr("演示数据（合成，非真实告警）") if self.demo else ""
        self.label.setToolTip(tip or tr("在“设置”中填写消息代理即可接收实时告警"))


def _timer(parent: QObject, interval_ms: int, slot: Callable[[], object], single: bool = False) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(single)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer

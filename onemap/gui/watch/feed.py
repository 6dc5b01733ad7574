"""The viewer's live feed: alerts from the broker (or the 演示 collector) onto the map and the alert dock.

Messages on ``onemap/alerts/<county>`` arrive on the bus's thread, which parses them
(:mod:`onemap.gui.watch.payload`), keeps the newest message of each alert and wakes the UI
thread once.  There :meth:`AlertFeed.drain` takes what gathered after :data:`DRAIN_MS` (at
least twice the last batch's cost): the map's alert marks are patched from the messages (no
read of the file), the details dock's alerts re-read only when its estate is in the batch, the
dock updated row by row.  Other writers' steps (``onemap alerts --close``), and everything when
no broker is set, come through the file (:mod:`onemap.gui.watch.file_follow`).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel

from onemap.gui.watch import feed_state
from onemap.gui.watch.broker import broker_from_settings, load_password, sound_on
from onemap.gui.watch.broker_group import BROKER_CHANGED
from onemap.gui.watch.file_follow import POLL_MS, FileFollow
from onemap.gui.watch.payload import alert_of
from onemap.watch.alert import Alert
from onemap.watch.collector import alerts_topic

if TYPE_CHECKING:
    from onemap.gui.docks.alerts import AlertDock
    from onemap.gui.main_window import MainWindow
    from onemap.view.session import MapSession

log = logging.getLogger("onemap.gui.watch")
DRAIN_MS = 30


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
        self.follow = FileFollow(self)
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
        self.follow.bind()
        self.dock.bind(session)
        self.connect_broker()
        self.poll_timer.start()
        self.state_timer.start()

    def unbind(self) -> None:
        """Stop following (the file closes): the demo stops, the broker is left, the queue emptied."""
        self.stop_demo()
        self.disconnect_bus()
        self.poll_timer.stop()
        self.follow.unbind()
        self.state_timer.stop()
        self.drain_timer.stop()
        with self._lock:
            self._latest.clear()
        self.session = None
        self.dock.unbind()
        self.show_state()

    def connect_broker(self) -> None:
        """Join the broker of the viewer's settings (none set: nothing; the file is still followed)."""
        self.disconnect_bus()
        broker = broker_from_settings(self.window.settings.q)
        if broker is None or self.session is None:
            self.show_state()
            return
        from onemap.watch.mqtt import MqttBus  # here: paho and ssl are ~9 MB a viewer without a broker never needs

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
        self.arrived(shown)
        self.last_cost = time.perf_counter() - start
        self.delivered.emit([body for _alert, body in latest.values()])
        return shown

    def arrived(self, alerts: list[Alert]) -> None:
        """Alerts to list (new or changed): the dock updated row by row, a beep for a new one if asked."""
        added = self.dock.model.upsert(alerts, live=True)
        self.dock.update_count()
        self.dock.follow_choice()
        if added and sound_on(self.window.settings.q):
            self.beeps += 1  # once per batch with a new alert, however many it brought
            QApplication.beep()

    def poll(self) -> bool:
        """Look at the file for alerts the bus does not bring (:class:`FileFollow`); False when none were."""
        return self.follow.poll()

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
        return feed_state.state(self.bus)

    def show_state(self) -> None:
        """The feed's state in the status bar; the tooltip names the broker, never its password."""
        feed_state.show(self.label, self.bus, self.demo is not None)


def _timer(parent: QObject, interval_ms: int, slot: Callable[[], object], single: bool = False) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(single)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer

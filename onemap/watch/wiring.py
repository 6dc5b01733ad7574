"""The collector's parts put together for ``onemap watch``: bus, listener, pullers, demo, dispatch.

``inventory`` is the open :class:`~onemap.store.Inventory`; it is only read here (county code,
the cameras the demo feed speaks for, an estate's contacts for dispatch) through the store's
read methods.  ``secret(name)`` reads a collector secret from the OS keyring.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from onemap.said import Said
from onemap.watch.bus import LocalBus
from onemap.watch.collector import Bus, Collector, Record
from onemap.watch.config import WatchConfig
from onemap.watch.demo_feed import DemoFeed
from onemap.watch.dispatch import DispatchConfig, Dispatcher, make_channels
from onemap.watch.dispatch.clock import Clock, system_clock
from onemap.watch.dispatch.ledger import DispatchLedger
from onemap.watch.http_push import PushConfig, PushListener
from onemap.watch.mqtt import MqttBus
from onemap.watch.pull import Puller
from onemap.watch.rejection import Rejection
from onemap.watch.relay import Relay

log = logging.getLogger("onemap.watch")


class Wiring:
    """Builds and owns every running part of one collector."""

    def __init__(
        self,
        config: WatchConfig,
        inventory: Any,
        record: Record,
        dispatch: DispatchConfig | None,
        secret: Callable[[str], str | None],
        clock: Clock = system_clock,
    ) -> None:
        self.config, self.inventory, self.secret = config, inventory, secret
        self.bus = self._bus()
        county = config.county or inventory.meta("county_code") or ""
        relay = None
        if dispatch:  # sends kept in the inventory; escalations a previous collector left are taken up
            dispatcher = Dispatcher(dispatch, make_channels(dispatch, clock), clock)
            relay = Relay(dispatcher, self._estate, DispatchLedger(inventory))
        self.collector = Collector(self.bus, record, county, config, relay)
        self.listener: PushListener | None = None
        self.address = ""
        self.pullers: list[Puller] = []
        self.demo: DemoFeed | None = None

    def _bus(self) -> Bus:
        broker = self.config.broker
        if broker is None:
            return LocalBus()
        password = self.secret(broker.password_key) if broker.password_key else None
        if broker.user and password is None:
            log.warning("no broker password in the keyring under %r; connecting without one", broker.password_key)
        return MqttBus(broker, password)

    def start(self, demo: bool = False, speed: float = 600.0) -> None:
        """Start the listener first (a taken address fails at once), then the bus, pullers and demo."""
        push = PushConfig(
            host=self.config.listen_host,
            port=self.config.listen_port,
            secret=self.secret(self.config.secret_key) or "",
            allow=self.config.allow,
            onenet_token=self.secret(self.config.onenet_token_key) or "",
        )
        self.listener = PushListener(push, lambda events: self.collector.take(events, "push"))
        host, port = self.listener.start()
        self.address = f"{host}:{port}"
        self.collector.start()
        from onemap.cameras.credentials import load_credential

        for pull in self.config.pulls:
            puller = Puller(pull, load_credential(pull.credential), self._pulled, self._pull_refused)
            self.pullers.append(puller)
            puller.start()
        if demo:
            self.demo = DemoFeed(self._cameras(), self._sensors(), self.bus.publish, speed)
            self.demo.start()

    def _pulled(self, events: list[Any]) -> None:
        self.collector.take(events, "pull")

    def _pull_refused(self, rejection: Rejection, where: str) -> None:
        self.collector.refused(rejection, "pull", where)

    def stop(self) -> None:
        """Stop the sources first, then the bus (queued alerts still go out)."""
        if self.demo is not None:
            self.demo.stop()
        for puller in self.pullers:
            puller.stop(0.2)
        if self.listener is not None:
            self.listener.stop()
        self.collector.drain()
        self.bus.stop()

    def _cameras(self) -> list[str]:
        """GB/T 28181 IDs of the inventory's cameras, through the store's read methods."""
        found = []
        for code in self.inventory.camera_counts():
            for fid in self.inventory.child_fids("cameras", code):
                row = self.inventory.child_row("cameras", fid) or {}
                if row.get("gb_id"):
                    found.append(str(row["gb_id"]))
        return found

    def _sensors(self) -> list[str]:
        """The inventory's sensor IDs (platform device ID, else IMEI) for the demo's gas alerts."""
        return [s.device_id or s.imei for s in self.inventory.sensors() if s.device_id or s.imei]

    def _estate(self, code: str) -> Any:
        try:
            return self.inventory.estate(code)
        except Exception:
            return None

    def summary(self) -> dict[str, Any]:
        """The collector's counts with the listener's and the pullers'."""
        counted = self.collector.summary()
        if self.listener is not None:
            counted["push"] = self.listener.counts()
        counted["pull"] = {
            p.url.split("/")[2]: {"connects": p.connects, "drops": p.drops, "heartbeats": p.heartbeats}
            for p in self.pullers
        }
        if self.demo is not None:
            counted["demo_sent"] = self.demo.sent
        return counted

    def started(self) -> Said:
        """The line printed at start."""
        broker = self.config.broker
        bus_zh = "本机内置（无代理）" if broker is None else f"MQTT {broker.host}:{broker.port}"
        bus_en = "in-process (no broker)" if broker is None else f"MQTT {broker.host}:{broker.port}"
        demo = self.demo is not None
        demo_zh = "；正在播放演示数据（合成，非真实告警）" if demo else ""
        demo_en = "; replaying the DEMO feed (synthetic, not real alerts)" if demo else ""
        pulled = len(self.pullers)
        return Said(
            f"采集器已启动：消息通道 {bus_zh}，推送监听 {self.address}，"
            f"拉取摄像机 {pulled} 台{demo_zh}。按 Ctrl+C 停止。",
            f"Collector started: bus {bus_en}, push listener on {self.address}, "
            f"{pulled} pulled cameras{demo_en}. Ctrl+C stops it.",
        )

    def report(self) -> Said:
        """The line printed at stop."""
        counted = self.summary()
        refused = sum(counted["rejected"].values()) + sum(counted.get("push", {}).get("rejected", {}).values())
        events, alerts, published = (counted.get(k, 0) for k in ("events", "alerts", "published"))
        return Said(
            f"采集器已停止：收到事件 {events} 个，告警 {alerts} 条，已发布 {published} 条，拒收 {refused} 个。",
            f"Collector stopped: {events} events, {alerts} alerts, {published} published, {refused} refused.",
        )

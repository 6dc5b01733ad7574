"""The collector's link to a real MQTT broker (paho-mqtt), with the same face as the local bus.

Connection policy (the README says the same): the client connects in the background and keeps
retrying with backoff (1 s doubling to 30 s) whether the broker is down at start or goes away
later, logging each change once; subscriptions are renewed on every connect.  The session is
persistent (``clean_session=False`` with a stable client id), so QoS 1 messages the broker keeps
for the collector while it reconnects are not lost.  Alerts published while the broker is away
wait in paho's queue (at most ``max_queued`` of them) and go out on reconnect.  The password
comes from the keyring only and is never logged.
"""

from __future__ import annotations

import logging
import socket
import ssl
import threading
from collections.abc import Callable

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

from onemap.watch.bus import Handler
from onemap.watch.config import Broker

log = logging.getLogger("onemap.watch.mqtt")


class MqttBus:
    """Subscribe and publish through one broker connection."""

    def __init__(
        self, broker: Broker, password: str | None = None, max_queued: int = 100_000, persistent: bool = True
    ) -> None:
        self.broker = broker
        client_id = broker.client_id or f"onemap-watch-{socket.gethostname()}"
        # a viewer (persistent=False) wants what happens while it is open, not a session left on the broker
        self.client = mqtt.Client(
            CallbackAPIVersion.VERSION2, client_id=client_id, clean_session=not persistent, protocol=mqtt.MQTTv311
        )
        if broker.user:
            self.client.username_pw_set(broker.user, password)
        if broker.tls:
            self.client.tls_set(ca_certs=broker.ca_file or None, cert_reqs=ssl.CERT_REQUIRED)
        self.client.reconnect_delay_set(1, 30)
        self.client.max_queued_messages_set(max_queued)
        self.client.max_inflight_messages_set(1000)  # a burst of alerts must not crawl 20 at a time
        self.client.on_connect = self._connected
        self.client.on_disconnect = self._disconnected
        self.client.on_message = self._message
        self.client.on_connect_fail = self._unreachable
        self._lock = threading.Lock()
        self._subscribers: list[tuple[str, Handler]] = []
        self._state = "connecting"
        self.connects = 0
        self.connected = threading.Event()

    def subscribe(self, topics: list[str] | str, handler: Handler) -> Callable[[], None]:
        """Subscribe (QoS 1) to ``topics``; renewed on every reconnect.  Returns an unsubscribe function."""
        wanted = [topics] if isinstance(topics, str) else list(topics)
        added = [(topic, handler) for topic in wanted]
        with self._lock:
            self._subscribers += added
        if self.connected.is_set():
            self.client.subscribe([(topic, 1) for topic in wanted])

        def unsubscribe() -> None:
            with self._lock:
                self._subscribers = [s for s in self._subscribers if s not in added]

        return unsubscribe

    def publish(self, topic: str, payload: bytes, qos: int = 1, retain: bool = False) -> bool:
        """Publish, or queue while the broker is away; False if even the queue refused it."""
        info = self.client.publish(topic, payload, qos=qos, retain=retain)
        return info.rc in (mqtt.MQTT_ERR_SUCCESS, mqtt.MQTT_ERR_NO_CONN)

    def start(self) -> None:
        """Connect in the background (retrying with backoff) and run the network loop."""
        log.info("connecting to the MQTT broker %s:%s (TLS %s)", self.broker.host, self.broker.port, self.broker.tls)
        self.client.connect_async(self.broker.host, self.broker.port, keepalive=30)
        self.client.loop_start()

    def stop(self) -> None:
        """Disconnect cleanly and stop the network loop."""
        self.client.disconnect()
        self.client.loop_stop()

    def state(self) -> str:
        """``connected``, ``connecting``, ``unreachable`` or ``refused: …`` (the broker's reason)."""
        return self._state

    def _connected(
        self, client: mqtt.Client, _userdata: object, _flags: object, reason: object, _props: object
    ) -> None:
        if getattr(reason, "is_failure", False):
            self._state = f"refused: {reason}"
            log.warning("the MQTT broker %s refused the connection: %s", self.broker.host, reason)
            return
        self._state, self.connects = "connected", self.connects + 1
        log.info("connected to the MQTT broker %s:%s", self.broker.host, self.broker.port)
        with self._lock:
            topics = list(dict.fromkeys(topic for topic, _ in self._subscribers))
        if topics:
            client.subscribe([(topic, 1) for topic in topics])
        self.connected.set()

    def _disconnected(
        self, _client: mqtt.Client, _userdata: object, _flags: object, reason: object, _p: object
    ) -> None:
        self.connected.clear()
        if self._state == "connected":
            log.warning("lost the MQTT broker %s (%s); reconnecting with backoff", self.broker.host, reason)
        if self._state == "connected":
            self._state = "connecting"

    def _unreachable(self, _client: mqtt.Client, _userdata: object) -> None:
        if self._state != "unreachable":  # said once, not at every retry
            log.warning(
                "the MQTT broker %s:%s is unreachable; retrying with backoff", self.broker.host, self.broker.port
            )
        self._state = "unreachable"

    def _message(self, _client: mqtt.Client, _userdata: object, message: mqtt.MQTTMessage) -> None:
        with self._lock:
            handlers = list(dict.fromkeys(h for f, h in self._subscribers if mqtt.topic_matches_sub(f, message.topic)))
        for handler in handlers:
            try:
                handler(message.topic, bytes(message.payload))
            except Exception:
                log.exception("a subscriber of %s failed", message.topic)

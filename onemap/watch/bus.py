"""The in-process broker substitute: a small thread-safe fan-out with MQTT's topic filters.

With no broker configured the collector publishes on a :class:`LocalBus`; a viewer running in
the same process subscribes to it exactly as it would to a broker (``onemap/alerts/#``).  The
real broker is :class:`onemap.watch.mqtt.MqttBus`; both offer ``subscribe``, ``publish``,
``start``, ``stop`` and ``state()``.  Handlers run on the publisher's thread, so they must be
quick (put the message on a queue); a failing handler is logged and the others still get it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from paho.mqtt.client import topic_matches_sub

log = logging.getLogger("onemap.watch.bus")

#: ``handler(topic, payload)``
Handler = Callable[[str, bytes], None]


class LocalBus:
    """Publish/subscribe inside one process; QoS and retain are accepted and ignored."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: list[tuple[str, Handler]] = []
        self.published = 0

    def subscribe(self, topics: list[str] | str, handler: Handler) -> Callable[[], None]:
        """Call ``handler`` for every message on a topic matching one of ``topics``; returns an
        unsubscribe function."""
        wanted = [topics] if isinstance(topics, str) else list(topics)
        added = [(topic, handler) for topic in wanted]
        with self._lock:
            self._subscribers += added

        def unsubscribe() -> None:
            with self._lock:
                self._subscribers = [s for s in self._subscribers if s not in added]

        return unsubscribe

    def publish(self, topic: str, payload: bytes, qos: int = 1, retain: bool = False) -> bool:
        """Hand ``payload`` to every matching subscriber (each once, even if several filters match)."""
        with self._lock:
            self.published += 1
            handlers = list(dict.fromkeys(h for f, h in self._subscribers if topic_matches_sub(f, topic)))
        for handler in handlers:
            try:
                handler(topic, payload)
            except Exception:
                log.exception("a subscriber of %s failed", topic)
        return True

    def start(self) -> None:
        """Nothing to connect to."""

    def stop(self) -> None:
        """Forget every subscriber."""
        with self._lock:
            self._subscribers = []

    def state(self) -> str:
        """``local`` (always up)."""
        return "local"

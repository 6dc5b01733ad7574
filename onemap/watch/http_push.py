"""The HTTP push listener: one address, any path, every platform; accepted events go to a callback.

Built on the standard library's ``ThreadingHTTPServer`` (a thread per request, so the slow
parse of one camera's JPEGs never holds up a CTWing push; the load is tens of pushes a second,
far below where an asyncio server would pay for its extra code).  A request is let in by a
shared secret (``X-OneMap-Token`` header or ``?token=`` query, compared in constant time) or
by an allow-list of addresses/networks; with neither the listener only accepts loopback peers.
CTWing is answered 200 before its body is parsed (the platform retries and cools down slow
receivers).  Every refusal is counted by reason and logged with the peer's address and the
path, never the query (it may hold the token) nor the body.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from http.server import ThreadingHTTPServer

from onemap.said import Said
from onemap.watch.event import SHANGHAI, Event
from onemap.watch.push_handler import PushHandler
from onemap.watch.rejection import Rejection
from onemap.watch.sources.onenet import NonceGuard

log = logging.getLogger("onemap.watch.http")


@dataclass(frozen=True)
class PushConfig:
    """Where to listen and whom to trust.  ``port`` 0 picks a free port (tests)."""

    host: str = "127.0.0.1"
    port: int = 8731
    secret: str = ""
    allow: tuple[str, ...] = ()
    onenet_token: str = ""
    max_body: int = 8 * 1024 * 1024  # a multipart push with pictures
    max_json: int = 1024 * 1024  # any other body
    replay_window: float = 300.0
    timeout: float = 10.0


class PushListener:
    """Listens for pushes and hands each accepted request's events to ``on_events``."""

    def __init__(self, config: PushConfig, on_events: Callable[[list[Event]], None]) -> None:
        if not _is_loopback(config.host) and not config.secret and not config.allow:
            raise ValueError(
                Said(
                    f"在 {config.host} 上监听推送必须设置共享口令或允许的地址列表。",
                    f"Listening for pushes on {config.host} needs a shared secret or an allow-list.",
                )
            )
        self.config, self.on_events = config, on_events
        self.guard = NonceGuard(config.replay_window)
        self.networks = tuple(ipaddress.ip_network(a, strict=False) for a in config.allow)
        self.rejections: Counter[str] = Counter()
        self.accepted = 0
        self.events = 0
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> tuple[str, int]:
        """Start serving in a background thread; return the bound address."""
        listener = self

        class Handler(PushHandler):
            owner = listener
            timeout = listener.config.timeout

        self._server = ThreadingHTTPServer((self.config.host, self.config.port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="onemap-push", daemon=True)
        self._thread.start()
        host, port = self._server.server_address[:2]
        log.info("push listener on %s:%s", host, port)
        return str(host), int(port)

    def stop(self) -> None:
        """Stop serving and close the socket."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def admitted(self, peer: str, headers_token: str, query: dict[str, str]) -> bool:
        """Whether the request may come in: secret, allow-list, or (with neither) a loopback peer."""
        secret = self.config.secret.encode("utf-8")
        if secret:
            for given in (headers_token, query.get("token", "")):
                if given and hmac.compare_digest(secret, given.encode("utf-8")):
                    return True
        if self.networks:
            try:
                address = ipaddress.ip_address(peer)
            except ValueError:
                return False
            return any(address in network for network in self.networks)
        return not secret and _is_loopback(peer)

    def refused(self, rejection: Rejection, peer: str, path: str) -> None:
        """Count and log a refusal (reason, peer, path: nothing the sender sent beyond that)."""
        with self._lock:
            self.rejections[rejection.reason] += 1
        log.warning("push refused from %s %s: %s (%s)", peer, path, rejection.reason, rejection.message.en)

    def deliver(self, events: list[Event]) -> None:
        """Count an accepted request and hand its events on; a failing callback is logged, not fatal."""
        with self._lock:
            self.accepted += 1
            self.events += len(events)
        if not events:
            return
        try:
            self.on_events(events)
        except Exception:
            log.exception("the event callback failed; the listener goes on")

    def counts(self) -> dict[str, object]:
        """Accepted requests, events handed on and refusals by reason, for the collector's status."""
        with self._lock:
            return {"accepted": self.accepted, "events": self.events, "rejected": dict(self.rejections)}

    def now(self) -> datetime:
        return datetime.now(SHANGHAI)


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"

"""Pull events from LAN cameras that push nowhere: Hikvision ``alertStream`` and Dahua ``attach``.

One daemon thread per camera opens the never-ending multipart stream with HTTP digest auth
(the standard library's ``HTTPDigestAuthHandler``; Hikvision and Dahua both demand digest),
feeds every chunk to the incremental parser of :mod:`onemap.watch.sources` and hands the
events on.  When the stream drops (some NVRs close it after ~40 s), goes silent for longer than
``idle`` seconds (heartbeats arrive every few seconds, so silence means a dead link) or cannot be
opened, the thread reconnects after a backoff of 1 s doubling to 60 s, reset by a stream that
delivered something.  Heartbeats are counted, not passed on.  The login comes from the keyring
and is never logged: log lines name the camera's address and the error class only.
"""

from __future__ import annotations

import logging
import threading
import urllib.request
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from onemap.cameras.links import Credential
from onemap.watch.config import Pull
from onemap.watch.event import SHANGHAI, Event, State
from onemap.watch.rejection import Rejection
from onemap.watch.sources.dahua import AttachStream
from onemap.watch.sources.hikvision_stream import AlertStream

log = logging.getLogger("onemap.watch.pull")


class _Stream(Protocol):
    def feed(self, chunk: bytes, received: datetime | None = None) -> list[Event | Rejection]: ...


def stream_url(pull: Pull) -> str:
    """The stream's URL (no login in it)."""
    base = f"{pull.scheme}://{pull.host}:{pull.port}"
    if pull.kind == "hikvision":
        return f"{base}/ISAPI/Event/notification/alertStream"
    return f"{base}/cgi-bin/eventManager.cgi?action=attach&codes=[All]&heartbeat={pull.heartbeat}"


class Puller:
    """Keeps one camera's event stream open; ``on_events`` and ``on_rejection`` run on its thread."""

    def __init__(
        self,
        pull: Pull,
        credential: Credential | None,
        on_events: Callable[[list[Event]], None],
        on_rejection: Callable[[Rejection, str], None],
        idle: float = 60.0,
        backoff: tuple[float, float] = (1.0, 60.0),
    ) -> None:
        self.pull, self.url = pull, stream_url(pull)
        self.on_events, self.on_rejection = on_events, on_rejection
        self.idle, self.backoff = idle, backoff
        self.opener = urllib.request.build_opener()
        if credential is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, self.url, credential.username, credential.password)
            self.opener = urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords))
        self.stop_event = threading.Event()
        self.connects = self.drops = self.heartbeats = 0
        self._thread = threading.Thread(target=self._loop, name=f"onemap-pull-{pull.host}", daemon=True)

    def start(self) -> None:
        """Start pulling in the background."""
        self._thread.start()

    def stop(self, wait: float = 1.0) -> None:
        """Ask the thread to stop; it notices at the next chunk or read timeout (daemon, so never blocks exit)."""
        self.stop_event.set()
        self._thread.join(wait)

    def _loop(self) -> None:
        delay = self.backoff[0]
        while not self.stop_event.is_set():
            try:
                delivered = self._read_stream()
            except Exception as exc:  # URLError, timeouts, resets: never the message (it may echo a URL)
                log.warning("camera %s:%s stream failed: %s", self.pull.host, self.pull.port, type(exc).__name__)
                delivered = False
            self.drops += 1
            delay = self.backoff[0] if delivered else min(delay * 2, self.backoff[1])
            if self.stop_event.wait(delay):
                return

    def _read_stream(self) -> bool:
        """Read one connection until it ends; whether it delivered anything."""
        with self.opener.open(self.url, timeout=self.idle) as response:
            self.connects += 1
            log.info("pulling events from camera %s:%s", self.pull.host, self.pull.port)
            parser = self._parser(response.headers.get_param("boundary") or "")
            delivered = False
            while not self.stop_event.is_set():
                chunk = response.read1(65536)
                if not chunk:
                    return delivered
                delivered = True
                self._deliver(parser.feed(chunk, datetime.now(SHANGHAI)))
            return delivered

    def _parser(self, boundary: str) -> _Stream:
        if self.pull.kind == "hikvision":
            return AlertStream(str(boundary))
        return AttachStream(self.pull.host, str(boundary))

    def _deliver(self, items: list[Event | Rejection]) -> None:
        events = []
        for item in items:
            if isinstance(item, Rejection):
                self.on_rejection(item, f"{self.pull.host}:{self.pull.port}")
            elif item.state is State.HEARTBEAT:
                self.heartbeats += 1
            else:
                events.append(item)
        if events:
            self.on_events(events)

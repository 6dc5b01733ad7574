"""Hikvision ``/ISAPI/Event/notification/alertStream``: the never-ending multipart stream, in pieces.

The HTTP client (digest auth, reconnects) lives elsewhere; it hands every chunk it reads to
:meth:`AlertStream.feed`, whatever the split.  Each XML part becomes an event; ``videoloss``
``inactive`` (sent every few seconds when nothing happens) comes back as a ``heartbeat`` event so
the caller can tell a quiet camera from a dead stream.  A JPEG part that follows its XML part
(newer firmware) is attached to that event when both arrive in one chunk or the stream is idle
between them.
"""

from __future__ import annotations

from datetime import datetime

from onemap.watch.event import Event
from onemap.watch.rejection import Rejection
from onemap.watch.sources.hikvision import parse_parts
from onemap.watch.sources.multipart import Part, PartStream


class AlertStream:
    """Incremental parser for one camera's alertStream; ``boundary`` from its Content-Type if known."""

    def __init__(self, boundary: str = "", limit: int = 4 * 1024 * 1024) -> None:
        self._parts = PartStream(boundary, limit)
        self._pending: list[Part] = []
        self.rejected = 0

    def feed(self, chunk: bytes, received: datetime | None = None) -> list[Event | Rejection]:
        """The events (and rejections) the chunk completes."""
        out: list[Event | Rejection] = []
        for part in self._parts.feed(chunk):
            if _is_picture(part) and self._pending:
                self._pending.append(part)
                continue
            out += self._flush(received)
            if not _is_picture(part):
                self._pending = [part]
        if not self._parts.buffered:  # idle between parts: no picture is on its way
            out += self._flush(received)
        return out

    def close(self, received: datetime | None = None) -> list[Event | Rejection]:
        """What is still held back when the stream ends."""
        return self._flush(received)

    def _flush(self, received: datetime | None) -> list[Event | Rejection]:
        if not self._pending:
            return []
        parsed, self._pending = parse_parts(self._pending, received), []
        if isinstance(parsed, Rejection):
            self.rejected += 1
            return [parsed]
        return list(parsed)


def _is_picture(part: Part) -> bool:
    return part.content_type == "image/jpeg" or part.body[:3] == b"\xff\xd8\xff"

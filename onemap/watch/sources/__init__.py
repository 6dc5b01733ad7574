"""One parser per source format: bytes (and headers) in, events or a :class:`Rejection` out."""

from __future__ import annotations

from onemap.watch.event import Event
from onemap.watch.rejection import Rejection

#: What every parser returns: the events the payload holds (maybe none) or why it was refused.
Parsed = list[Event] | Rejection

__all__ = ["Parsed"]

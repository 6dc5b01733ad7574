"""OneMap's own JSON, on MQTT ``onemap/events/…`` or pushed over HTTP.

``{"device": "61072500011320000123", "type": "smoke_fire", "time": "2026-12-06T16:20:05+08:00",
"level": 1, "value": 12.5}``: ``device`` a GB/T 28181 ID, a sensor ID (IMEI or platform ID) or
``IP#channel`` for a camera known only by its address,
``type`` one of the alert types, ``time`` ISO 8601 (a naive time is Beijing time), ``level`` 1
(most severe) to 4, ``value`` optional (e.g. %LEL).  An optional ``state`` (active, cleared,
heartbeat) ends or confirms an episode.  :meth:`Event.to_json` writes the same shape.
"""

from __future__ import annotations

from onemap.watch.event import Event
from onemap.watch.rejection import Rejection
from onemap.watch.sources import Parsed


def parse(body: bytes) -> Parsed:
    """The one event of a OneMap JSON message."""
    try:
        return [Event.from_json(body)]
    except UnicodeDecodeError:
        return Rejection("malformed_json", "not UTF-8")
    except ValueError as error:
        if error.__class__.__name__ == "JSONDecodeError":
            return Rejection("malformed_json", str(error)[:80])
        return Rejection("missing_field", str(error)[:40])

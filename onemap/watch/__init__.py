"""Live watch, the collector's front half: event sources in, normalised events out (Qt-free, no SQL).

Everything here turns what a device or platform sent into :class:`~onemap.watch.event.Event`
objects, or refuses it with a :class:`~onemap.watch.rejection.Rejection` (a reason to count by and
a sentence in Chinese with its English twin, never a secret).  Estate lookup, MQTT, the alerts
table, folding and dispatch are downstream and call only what is listed here.

The interface
-------------
Every parser is a pure function ``… → list[Event] | Rejection`` (``Parsed``); ``received`` is
the time a payload arrived, used when the device sent no usable time::

    from onemap.watch.sources import hikvision, dahua, ctwing, onenet, frigate, tuya, onemap_json

    hikvision.parse_push(body, content_type, received=None)    # ISAPI push (multipart / XML / JSON)
    ctwing.parse(body, received=None)                           # CTWing dataReport / online-offline
    onenet.parse(body, token, guard, received=None)             # OneNET push, signed; guard = NonceGuard()
    onenet.verify_url(query, token) -> str | Rejection          # OneNET's URL check: the text to answer
    frigate.parse_event(body) / frigate.parse_review(body)      # MQTT frigate/events, frigate/reviews
    tuya.parse(body, device="", received=None)                  # Tuya-style gas data points (MQTT)
    onemap_json.parse(body)                                     # OneMap's JSON on onemap/events/…
    recognise.parse_mqtt(topic, payload)                        # any of the MQTT ones, routed by topic

Pulled streams keep state between chunks, so they are small classes with ``feed(chunk)``
returning ``list[Event | Rejection]``::

    hikvision_stream.AlertStream(boundary="")        # /ISAPI/Event/notification/alertStream
    dahua.AttachStream(device_ip, boundary="")       # /cgi-bin/eventManager.cgi?action=attach

HTTP pushes: ``http_push.PushListener(PushConfig(...), on_events).start()`` listens on one
address, recognises each request's format (:func:`~onemap.watch.recognise.recognise`) and calls
``on_events(list[Event])`` from its request thread; ``.rejections`` counts refusals by reason.

What an event carries: ``source`` (format), ``device`` (:class:`~onemap.watch.event.DeviceKey`:
``gb28181`` / ``ip`` + channel / ``imei`` / ``device_id`` / ``mac`` / ``name``) and ``aliases``
(other keys the same payload gave), ``type`` (:class:`~onemap.watch.event.AlertType`), ``level``
1 (most severe) … 4, ``time`` (timezone-aware; naive device times are Beijing time), ``state``
(active / cleared / heartbeat), ``code`` (the source's own event code), ``value`` (e.g. %LEL),
``raw`` (the payload bytes) and ``pictures`` (JPEG bytes).  The source-code → type table is
:data:`onemap.watch.mapping.RULES`; the README's table is generated from it.
"""

from __future__ import annotations

from onemap.watch.event import SHANGHAI, AlertType, DeviceKey, Event, State
from onemap.watch.rejection import Rejection

__all__ = ["SHANGHAI", "AlertType", "DeviceKey", "Event", "Rejection", "State"]

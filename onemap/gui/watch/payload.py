"""What a viewer reads from a message on ``onemap/alerts/<county>``: the :class:`Alert` it carries.

The payload is :func:`onemap.watch.relay.alert_payload`'s (or :func:`~onemap.watch.relay.step_payload`'s
for a step the collector made): the event that caused it at the top level, the alert as the
file holds it after the collector's commit under ``"alert"``.  Runs on the bus's thread.
"""

from __future__ import annotations

from typing import Any

from onemap.watch.alert import Alert, unstamp


def alert_of(body: dict[str, Any]) -> Alert | None:
    """The alert a published payload carries (``body["alert"]``), or None when it is not complete."""
    raw = body.get("alert")
    if not isinstance(raw, dict):
        return None
    try:
        times = {k: unstamp(raw[k]) for k in ("first_time", "last_time")}
        cleared = raw.get("cleared_time")
        return Alert(
            id=int(raw["id"]),
            estate_code=str(raw["estate_code"]),
            estate_name=raw.get("estate_name"),
            township=raw.get("township"),
            device_kind=str(raw.get("device_kind") or ""),
            device=str(raw.get("device") or body.get("device") or ""),
            type=str(raw.get("type") or body.get("type") or "other"),
            level=int(raw.get("level") or body.get("level") or 4),
            value=raw.get("value"),
            status=str(raw.get("status") or "new"),
            count=int(raw.get("count") or 1),
            cleared_time=unstamp(cleared) if cleared else None,
            lon=raw.get("lon"),
            lat=raw.get("lat"),
            source=raw.get("source") or body.get("source"),
            device_fid=None if raw.get("device_fid") is None else int(raw["device_fid"]),
            **times,
        )
    except (KeyError, TypeError, ValueError):
        return None

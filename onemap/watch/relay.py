"""What the collector does with a recorded alert: the JSON it publishes, and the hand-over to dispatch.

The alert payload on ``onemap/alerts/<county>`` (UTF-8 JSON, one object, documented in the
README)::

    {"device": "34020000001320000001", "type": "smoke_fire", "type_zh": "烟雾明火", "level": 1,
     "state": "active", "time": "2026-12-06T09:30:00+08:00", "value": null, "source": "hikvision",
     "demo": false, "alert": {…the alert store's fields: id, estate_code, status, count, …}}

The top level is the event that caused the publication (always present); ``alert`` is whatever
the alerts store returned, reduced to JSON scalars (bytes such as pictures and raw payloads are
left out: a viewer fetches them from the inventory).  No credential can be in it: the event
holds none and camera links are never part of an alert.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

from onemap.model import Estate
from onemap.watch.alert import Alert, as_alert
from onemap.watch.dispatch import AlertMessage, Dispatcher, alert_message
from onemap.watch.dispatch.ledger import WAITING, DispatchLedger
from onemap.watch.event import SHANGHAI, TYPE_NAMES, Event

log = logging.getLogger("onemap.watch.relay")


def alert_fields(alert: object) -> dict[str, Any]:
    """The alert as JSON scalars: from ``to_dict()``, a dataclass, a mapping or its public attributes."""
    if hasattr(alert, "to_dict") and callable(alert.to_dict):
        raw = alert.to_dict()
    elif dataclasses.is_dataclass(alert) and not isinstance(alert, type):
        raw = {f.name: getattr(alert, f.name) for f in dataclasses.fields(alert)}
    elif isinstance(alert, Mapping):
        raw = dict(alert)
    else:
        raw = {k: v for k, v in vars(alert).items() if not k.startswith("_")} if hasattr(alert, "__dict__") else {}
    return {str(k): _scalar(v) for k, v in raw.items() if not isinstance(v, bytes | bytearray | memoryview)}


def _scalar(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        return [_scalar(v) for v in value if not isinstance(v, bytes)]
    return str(value)


def alert_payload(alert: object, event: Event) -> bytes:
    """The JSON published for ``alert``, recorded from ``event``."""
    device = event.device.value + ("" if event.device.channel is None else f"#{event.device.channel}")
    body = {
        "device": device,
        "type": str(event.type),
        "type_zh": TYPE_NAMES[event.type][0],
        "level": event.level,
        "state": str(event.state),
        "time": event.time.isoformat(),
        "value": event.value,
        "source": event.source,
        "demo": event.source == "demo",
        "alert": alert_fields(alert),
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def step_payload(alert: Alert, step: str) -> bytes:
    """The JSON published when the collector moved ``alert`` a step (``"dispatched"``): the alert payload's
    shape, the top level taken from the alert itself (no event caused it) and ``"step"`` saying which."""
    body = {
        "device": alert.device,
        "type": alert.type,
        "type_zh": alert.type_label("zh"),
        "level": alert.level,
        "state": "active" if alert.cleared_time is None else "cleared",
        "time": datetime.now(SHANGHAI).isoformat(),
        "value": alert.value,
        "source": alert.source,
        "demo": alert.source == "demo",
        "step": step,
        "alert": alert_fields(alert),
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class Relay:
    """Hands each new alert to the dispatcher once, with its estate's name, place and contacts.

    With a ``ledger`` (:class:`~onemap.watch.dispatch.ledger.DispatchLedger`) every send is kept
    in the inventory, an alert somebody accepted or closed there stops escalating at the next
    tick, and what a collector before this one left is taken up at once.
    """

    def __init__(
        self, dispatcher: Dispatcher, estate: Callable[[str], Estate | None], ledger: DispatchLedger | None = None
    ) -> None:
        self.dispatcher, self.estate, self.ledger = dispatcher, estate, ledger
        self._told: set[str] = set()
        self.resumed = 0
        #: told of the alerts dispatch moved a step (committed), as they now stand: the collector publishes them
        self.on_step: Callable[[list[Alert]], None] | None = None
        if ledger is not None:
            self._told = ledger.told()
            self.resumed = ledger.resume(dispatcher, self._describe)

    def dispatch(self, alert: object, event: Event) -> dict[str, int]:
        """Tell the first step of the rules about a newly opened alert; counts of sends by result."""
        fields = alert_fields(alert)
        alert_id = str(fields.get("id") or fields.get("alert_id") or "")
        code = str(fields.get("estate_code") or fields.get("estate") or "")
        if not alert_id or not code or alert_id in self._told or fields.get("status", "new") not in WAITING:
            return {}
        if event.source == "demo":  # a synthetic alert must never reach a real phone or group
            return {"dispatch_skipped_demo": 1}
        described = self._message(alert_id, code, str(event.type), event.level, event.time)
        if described is None:
            return {}
        self._told.add(alert_id)
        return self._kept(self.dispatcher.alert(*described))

    def _message(
        self, alert_id: str, code: str, alert_type: str, level: int, at: datetime
    ) -> tuple[AlertMessage, tuple[Any, ...]] | None:
        estate = self.estate(code)
        if estate is None:
            return None
        place = "".join(p for p in (estate.township, estate.community, estate.address) if p) or estate.name
        when = at.astimezone(SHANGHAI) if at.tzinfo is not None else at
        message = alert_message(alert_id, code, estate.name, alert_type, level, when.strftime("%m-%d %H:%M"), place)
        rule = self.dispatcher.config.rule_for(alert_type, level)
        if self.ledger is not None and rule is not None:
            self.ledger.steps_of(alert_id, rule.steps)
        return message, tuple(estate.contacts)

    def _describe(self, alert_id: int) -> tuple[AlertMessage, tuple[Any, ...]] | None:
        """An alert of the inventory as dispatch tells it (for resuming after a restart)."""
        row = self.ledger.inventory.alert_row(alert_id) if self.ledger is not None else None
        if row is None:
            return None
        first = datetime.fromisoformat(str(row.first_time).replace("Z", "+00:00"))
        return self._message(str(alert_id), row.estate_code, row.type, row.level, first)

    def tick(self) -> dict[str, int]:
        """Stop escalating what was accepted meanwhile; escalations and retries that fell due."""
        if self.ledger is not None:
            try:
                for alert_id in self.ledger.stopped(self.dispatcher.waiting()):
                    self.dispatcher.accept(alert_id)
            except Exception as exc:  # a locked file: ask again next tick
                log.warning("alert statuses could not be read: %s", type(exc).__name__)
        return self._kept(self.dispatcher.tick())

    def _kept(self, records: list[Any]) -> dict[str, int]:
        if self.ledger is not None:
            self.ledger.save(records)
            stepped = self.ledger.take_stepped()
            if stepped and self.on_step is not None:
                rows = (self.ledger.inventory.alert_row(i) for i in stepped)
                self.on_step([as_alert(row) for row in rows if row is not None])
        return _sent(records)


def _sent(records: list[Any]) -> dict[str, int]:
    counted = Counter(f"sent_{getattr(r, 'status', 'unknown')}" for r in records)
    for done in records:
        log.info("dispatch via %s: %s", getattr(done, "channel", "?"), getattr(done, "status", "?"))
        log.debug(
            "dispatch detail: alerts %s via %s to %s, attempt %s: %s %s %s",
            getattr(done, "parts", ()), getattr(done, "channel", "?"), getattr(done, "recipients", ""),
            getattr(done, "attempt", 0), getattr(done, "code", ""), getattr(done, "provider_id", ""),
            getattr(done, "detail", ""),
        )  # fmt: skip
    return dict(counted)

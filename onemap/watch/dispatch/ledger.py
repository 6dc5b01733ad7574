"""Dispatch's memory in the inventory: every send kept, and what a restarted collector takes up again.

The dispatcher itself keeps its state in memory.  :class:`DispatchLedger` writes each
:class:`~onemap.watch.dispatch.records.SendRecord` to ``dispatch_sends`` (one row per alert and
step in it), reads which alerts somebody accepted or closed meanwhile (the viewer and
``onemap alerts --advance`` write ``alerts.status``), and on start rebuilds what a collector
before this one left: the step each open alert reached and when it opened, the retries that
were due, and every SMS OutId the provider took or may have taken — so a restart neither
tells a step twice nor sends an SMS again.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from onemap.store.alerts_notes import dispatched_note
from onemap.store.dispatch_sends import DispatchSend
from onemap.watch.dispatch.channels.aliyun_sms import AliyunSms
from onemap.watch.dispatch.channels.base import AMBIGUOUS, DEDUPLICATED, SENT, SendResult
from onemap.watch.dispatch.dispatcher import Dispatcher
from onemap.watch.dispatch.message import AlertMessage
from onemap.watch.dispatch.records import SendRecord

log = logging.getLogger("onemap.watch.dispatch")

#: the statuses in which nobody has taken the alert yet: escalation goes on
WAITING = ("new", "dispatched")
#: OneMap's statuses for an SMS OutId that must never be sent again (sent, or maybe sent)
_SETTLED = (SENT, AMBIGUOUS, DEDUPLICATED)

#: alert id -> its message and its estate's contacts (None when the alert or estate is gone)
Describe = Callable[[int], tuple[AlertMessage, tuple[Any, ...]] | None]


def seconds(text: str) -> float:
    """ISO 8601 UTC text (``…Z``) as seconds since the epoch."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


class DispatchLedger:
    """Reads and writes ``dispatch_sends`` of one open inventory (the collector's thread only)."""

    def __init__(self, inventory: Any) -> None:
        self.inventory = inventory
        self._roles: dict[str, tuple[tuple[str, ...], ...]] = {}
        #: alerts whose first successful send this ledger has seen (moved to dispatched, or found moved on)
        self._moved: set[str] = set()
        #: alerts moved a step and committed, not yet taken by :meth:`take_stepped`
        self.stepped: list[int] = []

    def steps_of(self, alert_id: str, steps: tuple[tuple[str, ...], ...]) -> None:
        """Remember an alert's steps, so each row names the roles its step told."""
        self._roles[alert_id] = steps

    def rows(self, records: Iterable[SendRecord]) -> list[DispatchSend]:
        """The rows of ``records``: one per alert and step in each send."""
        found = []
        for done in records:
            for alert_id, step in done.parts:
                if not alert_id.isdigit():
                    continue
                steps = self._roles.get(alert_id, ())
                roles = ",".join(steps[step]) if step < len(steps) else ""
                found.append(
                    DispatchSend(
                        int(alert_id),
                        step,
                        roles,
                        done.channel,
                        done.kind,
                        done.recipients,
                        done.attempt,
                        done.time,
                        done.status,
                        len(done.parts),
                        done.code,
                        done.provider_id,
                        done.key,
                        done.retry_at,
                        done.detail,
                    )  # fmt: skip
                )
        return found

    def save(self, records: list[SendRecord]) -> int:
        """Keep ``records`` in one transaction, with the step new → dispatched of every alert a send
        reached; how many rows (0, logged, if the file refused them)."""
        rows = self.rows(records)
        if not rows:
            return 0
        try:
            with self.inventory.transaction():
                kept = int(self.inventory.add_dispatch_sends(rows))
                moved = self._dispatched(records)
        except Exception as exc:  # a locked or read-only file must not stop the collector
            log.warning("dispatch sends could not be kept in the inventory: %s", type(exc).__name__)
            return 0
        self.stepped.extend(moved)  # committed: the collector may tell the viewers now
        return kept

    def _dispatched(self, records: list[SendRecord]) -> list[int]:
        """The first successful send moves its alert from new to dispatched (派遣), timed, audited and
        attributed to the collector's user; an alert someone already moved on is left as it is.
        Returns the alerts moved."""
        who = self.inventory.audit.who
        moved = []
        for done in records:
            if done.status != SENT:
                continue
            for alert_id, _step in done.parts:
                if alert_id.isdigit() and alert_id not in self._moved:
                    note = str(dispatched_note(done.channel))  # the Chinese; its English twin is made when shown
                    if self.inventory.set_alert_status(int(alert_id), "new", "dispatched", who, note) is not None:
                        moved.append(int(alert_id))
                    self._moved.add(alert_id)
        return moved

    def take_stepped(self) -> list[int]:
        """The alerts this ledger moved a step since the last call (committed), each once."""
        stepped, self.stepped = list(dict.fromkeys(self.stepped)), []
        return stepped

    def stopped(self, alert_ids: list[str]) -> list[str]:
        """The alerts among ``alert_ids`` somebody accepted, handled or closed (or that are gone)."""
        ids = [int(a) for a in alert_ids if a.isdigit()]
        if not ids:
            return []
        statuses = self.inventory.alert_statuses(ids)
        return [str(i) for i in ids if statuses.get(i) not in WAITING]

    def told(self) -> set[str]:
        """Every alert some collector already dispatched (its first step must not be told again)."""
        return {str(i) for i in self.inventory.dispatched_alert_ids()}

    def resume(self, dispatcher: Dispatcher, describe: Describe) -> int:
        """Take up what an earlier collector left: escalations, due retries, settled SMS OutIds.

        Returns how many alerts' escalation was taken up.
        """
        self._settle_sms(dispatcher)
        by_alert: dict[int, list[DispatchSend]] = defaultdict(list)
        for send in self.inventory.dispatch_sends_of_open_alerts(WAITING):
            by_alert[send.alert_id].append(send)
        resumed = 0
        for alert_id, sends in by_alert.items():
            described = describe(alert_id)
            if described is None:
                continue
            message, contacts = described
            first = [s for s in sends if s.step == 0] or sends
            opened_at = min(seconds(s.at) for s in first)
            rule = dispatcher.config.rule_for(message.alert_type, message.level)
            if rule is not None:
                self.steps_of(message.alert_id, rule.steps)
            resumed += dispatcher.resume(message, contacts, opened_at, max(s.step for s in sends) + 1)
            self._resume_retries(dispatcher, message, contacts, sends)
        return resumed

    def _resume_retries(
        self, dispatcher: Dispatcher, message: AlertMessage, contacts: tuple[Any, ...], sends: list[DispatchSend]
    ) -> None:
        latest: dict[tuple[int, str], DispatchSend] = {}
        for send in sends:
            if send.merged == 1:
                latest[(send.step, send.channel)] = send
        for (step, channel), send in latest.items():
            if send.retry_at:
                dispatcher.resume_retry(message, contacts, step, channel, send.attempt + 1, seconds(send.retry_at))

    def _settle_sms(self, dispatcher: Dispatcher) -> None:
        for name, channel in dispatcher.channels.items():
            if isinstance(channel, AliyunSms):
                for out_id, (result, code, provider_id) in self.inventory.settled_out_ids(name, _SETTLED).items():
                    channel.settled.setdefault(out_id, SendResult(result, code=code, provider_id=provider_id))

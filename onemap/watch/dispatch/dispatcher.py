"""Tell the people responsible: rules → roles → recipients → channels, with escalation and retries.

The dispatcher owns no thread and never sleeps.  The collector calls :meth:`Dispatcher.alert`
when an alert opens, :meth:`Dispatcher.accept` when someone takes it, and
:meth:`Dispatcher.tick` every few seconds; each returns the :class:`SendRecord` s of what it
sent (the alerts store persists them).  A tick tells the escalation steps that fell due,
retries failed sends whose backoff is over and lets the robots send their merged queues.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from onemap.model import Contact
from onemap.watch.dispatch.channels.base import QUEUED, Channel, Outgoing, SendResult
from onemap.watch.dispatch.channels.robot import Robot
from onemap.watch.dispatch.clock import Clock, system_clock
from onemap.watch.dispatch.escalation import Escalation, Notice
from onemap.watch.dispatch.labels import ESTATE_ROLES
from onemap.watch.dispatch.message import AlertMessage
from onemap.watch.dispatch.records import SendRecord, record
from onemap.watch.dispatch.retry import Backoff
from onemap.watch.dispatch.rules import DispatchConfig

#: how many sends :attr:`Dispatcher.records` remembers
RECENT_SENDS = 1000


@dataclass
class _Retry:
    due_at: float
    channel: str
    outgoing: Outgoing
    attempt: int  # the attempt this retry will be


class Dispatcher:
    """Dispatch for one collector: ``channels`` maps the config's channel names to channel objects."""

    def __init__(
        self,
        config: DispatchConfig,
        channels: Mapping[str, Channel],
        clock: Clock = system_clock,
        backoff: Backoff | None = None,
    ) -> None:
        self.config, self.channels, self.clock = config, channels, clock
        self.backoff = backoff or Backoff()
        self.escalation = Escalation(clock)
        #: the latest sends, for a look in the running collector (the ledger keeps every one in the file):
        #: bounded, so a collector running for months does not grow with every message it sent
        self.records: deque[SendRecord] = deque(maxlen=RECENT_SENDS)
        self._alerts: dict[str, tuple[AlertMessage, tuple[Contact, ...]]] = {}
        self._retries: list[_Retry] = []

    def alert(self, message: AlertMessage, contacts: Sequence[Contact]) -> list[SendRecord]:
        """An alert opened at an estate whose contacts are ``contacts``: tell the first step."""
        rule = self.config.rule_for(message.alert_type, message.level)
        if rule is None:
            return []
        self._alerts[message.alert_id] = (message, tuple(contacts))
        return self._tell(self.escalation.open(message.alert_id, rule))

    def resume(self, message: AlertMessage, contacts: Sequence[Contact], opened_at: float, told: int) -> bool:
        """Take up the escalation of an alert an earlier collector opened (``told`` steps already told).

        Nothing is sent now; the next step falls due where it would have without the restart.
        False when the rules no longer cover the alert or every step was told.
        """
        rule = self.config.rule_for(message.alert_type, message.level)
        if rule is None or told >= len(rule.steps):
            return False
        self._alerts[message.alert_id] = (message, tuple(contacts))
        self.escalation.resume(message.alert_id, rule, opened_at, told)
        return True

    def resume_retry(
        self, message: AlertMessage, contacts: Sequence[Contact], step: int, channel: str, attempt: int, due_at: float
    ) -> bool:
        """Schedule again a retry an earlier collector had planned (``attempt`` is the one to make)."""
        rule = self.config.rule_for(message.alert_type, message.level)
        if rule is None or step >= len(rule.steps) or self.backoff.gives_up_after(attempt - 1):
            return False
        phones, emails = self._recipients(rule.steps[step], tuple(contacts)).get(channel, ([], []))
        mail = getattr(self.config.channels.get(channel), "kind", "") == "smtp"
        key = f"{message.code}-{step}-{channel}"
        outgoing = Outgoing((message,), () if mail else tuple(phones), tuple(emails) if mail else (), key)
        self._retries.append(_Retry(due_at, channel, outgoing, attempt))
        return True

    def accept(self, alert_id: str) -> bool:
        """Someone accepted the alert: escalation stops (sends already under way still finish)."""
        self._alerts.pop(alert_id, None)
        return self.escalation.accept(alert_id)

    def waiting(self) -> list[str]:
        """The alerts nobody has accepted yet that still have someone to escalate to."""
        return self.escalation.waiting()

    def tick(self) -> list[SendRecord]:
        """Escalate, retry and flush whatever is due now."""
        done = self._tell(self.escalation.due())
        now = self.clock()
        due, self._retries = [r for r in self._retries if r.due_at <= now], [r for r in self._retries if r.due_at > now]
        for retry in due:
            done += self._send(retry.channel, retry.outgoing, retry.attempt)
        for name, channel in self.channels.items():
            if isinstance(channel, Robot):
                for outgoing, result in channel.flush():
                    done += self._settle(name, outgoing, 1, result)
        return done

    def _tell(self, notices: list[Notice]) -> list[SendRecord]:
        done = []
        for notice in notices:
            message, contacts = self._alerts[notice.alert_id]
            for name, (phones, emails) in self._recipients(notice.roles, contacts).items():
                mail = getattr(self.config.channels.get(name), "kind", "") == "smtp"  # phones for the rest
                key = f"{message.code}-{notice.step}-{name}"
                outgoing = Outgoing((message,), () if mail else tuple(phones), tuple(emails) if mail else (), key)
                done += self._send(name, outgoing, 1)
        for alert_id in {n.alert_id for n in notices} - set(self.escalation.waiting()):
            self._alerts.pop(alert_id, None)  # its last step was told: a long-running collector forgets it
        return done

    def _recipients(
        self, roles: tuple[str, ...], contacts: tuple[Contact, ...]
    ) -> dict[str, tuple[list[str], list[str]]]:
        """channel name → (phones, e-mails) of every role in the step that uses it, each once."""
        by_channel: dict[str, tuple[list[str], list[str]]] = {}
        for name in roles:
            role = self.config.role(name)
            phones = [c.phone for c in contacts if c.role == name and c.phone] if name in ESTATE_ROLES else []
            phones += list(role.phones)
            for channel in role.channels:
                have_phones, have_emails = by_channel.setdefault(channel, ([], []))
                have_phones += [p for p in phones if p not in have_phones]
                have_emails += [e for e in role.emails if e not in have_emails]
        return by_channel

    def _send(self, name: str, outgoing: Outgoing, attempt: int) -> list[SendRecord]:
        channel = self.channels.get(name)
        if channel is None:
            result = SendResult("failed", code="no_channel", detail="通道未启用 / the channel is not set up")
            return self._settle(name, outgoing, attempt, result)
        return self._settle(name, outgoing, attempt, channel.send(outgoing))

    def _settle(self, name: str, outgoing: Outgoing, attempt: int, result: SendResult) -> list[SendRecord]:
        kind = getattr(self.channels.get(name), "kind", "")
        due_at = None
        if result.retryable and result.status != QUEUED and not self.backoff.gives_up_after(attempt):
            due_at = self.clock() + self.backoff.delay(attempt)
            self._retries.append(_Retry(due_at, name, outgoing, attempt + 1))
        done = record(self.clock(), name, kind, outgoing, attempt, result, due_at)
        self.records.append(done)
        return [done]

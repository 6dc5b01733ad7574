"""When each step of a rule is told: a pure scheduler over an injectable clock.

Step 0 is told when the alert opens; step *k* is told ``k × escalate_after_min`` minutes
later unless someone has accepted (or the alert was closed) by then.  Nothing here sleeps or
sends: the dispatcher asks :meth:`Escalation.due` on each tick and sends what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass

from onemap.watch.dispatch.clock import Clock
from onemap.watch.dispatch.rules import Rule


@dataclass(frozen=True)
class Notice:
    """One step of one alert that is due: tell these roles now."""

    alert_id: str
    step: int
    roles: tuple[str, ...]
    due_at: float


@dataclass
class _Open:
    rule: Rule
    opened_at: float
    told: int = 0  # how many steps have been handed out


class Escalation:
    """Open alerts and the next step each one is waiting for."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._open: dict[str, _Open] = {}

    def open(self, alert_id: str, rule: Rule) -> list[Notice]:
        """Start an alert's escalation; returns its first step (due now). Reopening is a no-op."""
        if alert_id in self._open:
            return []
        self._open[alert_id] = _Open(rule, self.clock())
        return self.due()

    def resume(self, alert_id: str, rule: Rule, opened_at: float, told: int) -> None:
        """Take up an alert a collector before this one opened at ``opened_at`` and told ``told`` steps of."""
        if told < len(rule.steps):
            self._open[alert_id] = _Open(rule, opened_at, told)

    def accept(self, alert_id: str) -> bool:
        """Someone took the alert: no further step is told. False if it was not open."""
        return self._open.pop(alert_id, None) is not None

    def due(self) -> list[Notice]:
        """Every step whose time has come and was not handed out before, oldest first."""
        now, notices = self.clock(), []
        for alert_id, state in list(self._open.items()):
            steps, wait_s = state.rule.steps, state.rule.escalate_after_min * 60
            while state.told < len(steps) and state.opened_at + state.told * wait_s <= now:
                at = state.opened_at + state.told * wait_s
                notices.append(Notice(alert_id, state.told, steps[state.told], at))
                state.told += 1
            if state.told == len(steps):
                del self._open[alert_id]  # the last step was told; nothing more to escalate to
        return sorted(notices, key=lambda n: (n.due_at, n.alert_id, n.step))

    def waiting(self) -> list[str]:
        """The alerts that still have a step to tell, oldest first."""
        return sorted(self._open, key=lambda alert_id: self._open[alert_id].opened_at)

    def next_due_at(self) -> float | None:
        """When the next step falls due (for the collector's sleep), or None if nothing waits."""
        times = [s.opened_at + s.told * s.rule.escalate_after_min * 60 for s in self._open.values()]
        return min(times, default=None)

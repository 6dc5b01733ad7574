"""The packet summary's alert statistics: the window's alerts by type and by township, how long
handling took (median and 90th percentile, minutes from the first event to 签收 and to 办结),
and how many alerts are still open.

Counted over the selected estates' alerts of the briefing's window
(:class:`~onemap.brief.alertlist.AlertWindow`); "still open" also counts older alerts never settled,
since those are the ones a leader asks about.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from onemap.brief.alertlist import minutes_between, type_words
from onemap.store.alert_reports import SETTLED, HandledAlert
from onemap.watch.event import AlertType


@dataclass
class AlertTally:
    """Alerts of one group (a type, a township, or all): counts and handling times in minutes."""

    label: str
    alerts: int = 0
    events: int = 0
    open: int = 0
    severe: int = 0
    estates: set[str] = field(default_factory=set)
    to_accept: list[float] = field(default_factory=list)
    to_settle: list[float] = field(default_factory=list)

    def add(self, item: HandledAlert) -> None:
        """Count one alert in."""
        alert = item.alert
        self.alerts += 1
        self.events += alert.count
        self.open += alert.status not in SETTLED
        self.severe += alert.level == 1
        self.estates.add(alert.estate_code)
        for times, end in ((self.to_accept, item.accepted_at), (self.to_settle, item.settled_at)):
            minutes = minutes_between(alert.first_time, end)
            if minutes is not None:
                times.append(minutes)


def median(values: Sequence[float]) -> float | None:
    """The median, or None for no values."""
    return statistics.median(values) if values else None


def p90(values: Sequence[float]) -> float | None:
    """The 90th percentile by nearest rank (the smallest value at least 90 % are at or under), or None."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[math.ceil(0.9 * len(ordered)) - 1]


def _grouped(items: Iterable[HandledAlert], key: Callable[[HandledAlert], str]) -> dict[str, AlertTally]:
    groups: dict[str, AlertTally] = {}
    for item in items:
        label = key(item)
        groups.setdefault(label, AlertTally(label)).add(item)
    return groups


def by_type(items: Sequence[HandledAlert]) -> list[AlertTally]:
    """One tally per alert type in OneMap's type order (unknown types after), types without alerts left out."""
    groups = _grouped(items, lambda item: item.alert.type)
    order = [str(t) for t in AlertType]
    keys = sorted(groups, key=lambda k: (order.index(k) if k in order else len(order), k))
    tallies = [groups[k] for k in keys]
    for tally in tallies:
        tally.label = type_words(tally.label)
    return tallies


def by_township(items: Sequence[HandledAlert]) -> list[AlertTally]:
    """One tally per township, most alerts first (then by name)."""
    groups = _grouped(items, lambda item: item.alert.township or "未填")
    return sorted(groups.values(), key=lambda t: (-t.alerts, t.label))


def total(items: Sequence[HandledAlert]) -> AlertTally:
    """One tally over every alert."""
    tally = AlertTally("合计")
    for item in items:
        tally.add(item)
    return tally


def minutes_words(value: float | None) -> str:
    """Minutes as printed in the statistics: whole minutes, ``—`` for none."""
    return "—" if value is None else f"{value:,.0f}"

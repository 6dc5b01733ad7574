"""Escalation timing on a clock the test moves (no sleeping), and the retry backoff's bounds."""

from __future__ import annotations

import random

import pytest

from onemap.watch.dispatch.clock import ManualClock, iso_utc
from onemap.watch.dispatch.escalation import Escalation
from onemap.watch.dispatch.retry import Backoff
from onemap.watch.dispatch.rules import Rule

INTRUSION = Rule(
    "intrusion",
    frozenset({1, 2, 3, 4}),
    (("property_manager", "grid_worker"), ("community_secretary",), ("leader",)),
    5,
)


def steps_told(notices: list) -> list[tuple[str, int]]:  # type: ignore[type-arg]
    return [(n.alert_id, n.step) for n in notices]


def test_the_first_step_is_told_when_the_alert_opens() -> None:
    escalation = Escalation(ManualClock())
    first = escalation.open("A-1", INTRUSION)
    assert [n.roles for n in first] == [("property_manager", "grid_worker")]


def test_the_next_step_is_told_exactly_when_the_wait_is_over() -> None:
    clock = ManualClock()
    escalation = Escalation(clock)
    escalation.open("A-1", INTRUSION)
    clock.advance(5 * 60 - 1)
    assert escalation.due() == []
    clock.advance(1)
    assert [n.roles for n in escalation.due()] == [("community_secretary",)]
    assert escalation.due() == []  # told once
    clock.advance(5 * 60)
    assert [n.roles for n in escalation.due()] == [("leader",)]
    assert escalation.next_due_at() is None  # nobody left to escalate to


def test_accepting_stops_the_escalation() -> None:
    clock = ManualClock()
    escalation = Escalation(clock)
    escalation.open("A-1", INTRUSION)
    clock.advance(4 * 60)
    assert escalation.accept("A-1")
    clock.advance(60 * 60)
    assert escalation.due() == [] and not escalation.accept("A-1")


def test_a_collector_that_slept_past_two_waits_tells_both_steps_in_order() -> None:
    clock = ManualClock()
    escalation = Escalation(clock)
    escalation.open("A-1", INTRUSION)
    clock.advance(11 * 60)
    notices = escalation.due()
    assert [n.step for n in notices] == [1, 2]
    assert [iso_utc(n.due_at) for n in notices] == ["2026-01-01T00:05:00Z", "2026-01-01T00:10:00Z"]


def test_alerts_escalate_independently_and_the_next_due_time_is_the_earliest() -> None:
    clock = ManualClock()
    escalation = Escalation(clock)
    escalation.open("A-1", INTRUSION)
    clock.advance(120)
    escalation.open("A-2", INTRUSION)
    assert escalation.next_due_at() == clock() - 120 + 300
    clock.advance(180)
    assert steps_told(escalation.due()) == [("A-1", 1)]
    clock.advance(120)
    assert steps_told(escalation.due()) == [("A-2", 1)]


def test_opening_the_same_alert_twice_tells_nobody_twice() -> None:
    escalation = Escalation(ManualClock())
    assert len(escalation.open("A-1", INTRUSION)) == 1
    assert escalation.open("A-1", INTRUSION) == []


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_backoff_doubles_is_capped_and_jittered_within_half_to_full(seed: int) -> None:
    backoff = Backoff(base_s=5, cap_s=60, max_attempts=8, rng=random.Random(seed))
    delays = [backoff.delay(n) for n in range(1, 8)]
    ceilings = [5, 10, 20, 40, 60, 60, 60]
    assert all(c / 2 <= d <= c for d, c in zip(delays, ceilings, strict=True))
    assert len({round(d, 6) for d in delays[4:]}) == 3  # capped attempts still differ: jitter
    assert not backoff.gives_up_after(7) and backoff.gives_up_after(8)

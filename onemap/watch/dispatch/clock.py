"""Time for dispatch, injectable: the collector reads the wall clock, tests and the demo move their own."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

#: Seconds since the Unix epoch, like :func:`time.time`.
Clock = Callable[[], float]

system_clock: Clock = time.time


class ManualClock:
    """A clock that stands still until moved: escalation and backoff are tested without sleeping."""

    def __init__(self, start: float = 1_767_225_600.0) -> None:  # 2026-01-01 00:00 UTC
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move the clock forward by ``seconds``."""
        self.now += seconds


def iso_utc(seconds: float) -> str:
    """``seconds`` as ISO 8601 UTC to the second (``2026-01-01T00:00:00Z``), Aliyun's Timestamp form."""
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

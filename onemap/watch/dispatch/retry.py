"""How long to wait before trying a failed send again: exponential, capped, with jitter.

Attempt *n* (1 for the first retry) waits ``uniform(½, 1) × min(cap, base × 2^(n−1))``
seconds: doubling so a provider that is down is not hammered, capped so an alert is not
held for hours, jittered so many collectors restarting together do not retry in step.
After ``max_attempts`` sends the alert is given up on that channel (and the record says so).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    """The retry policy; ``rng`` is injectable so tests see the same jitter every run."""

    base_s: float = 5.0
    cap_s: float = 300.0
    max_attempts: int = 6
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
        ceiling = min(self.cap_s, self.base_s * 2 ** (attempt - 1))
        return float(ceiling * self.rng.uniform(0.5, 1.0))

    def gives_up_after(self, attempt: int) -> bool:
        """Whether attempt ``attempt`` was the last one allowed."""
        return attempt >= self.max_attempts

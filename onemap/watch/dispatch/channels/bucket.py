"""A token bucket sized so a robot never exceeds its provider's per-minute limit in any minute.

A bucket of capacity *C* refilled at *r* tokens a second lets at most *C + 60·r* sends through
any 60-second window (what was in it at the start, plus what refilled during the window).
For a limit of *L* a minute we take *C = 4* and *r = (L − C − 1) / 60*: a burst of four goes
at once, then one every four seconds, and any minute sees at most *L − 1* — one below the
limit for clock differences, because DingTalk blocks a robot for ten minutes past 20.
"""

from __future__ import annotations

from onemap.watch.dispatch.clock import Clock

BURST = 4


class TokenBucket:
    """Tokens for one robot; :meth:`take` spends one if there is one."""

    def __init__(self, per_minute: int, clock: Clock) -> None:
        self.capacity = float(min(BURST, max(1, per_minute - 1)))
        self.rate_per_s = max(per_minute - self.capacity - 1, 0) / 60 or 1 / 60
        self.clock = clock
        self.tokens = self.capacity
        self.at = clock()

    def _refill(self) -> None:
        now = self.clock()
        self.tokens = min(self.capacity, self.tokens + (now - self.at) * self.rate_per_s)
        self.at = now

    def take(self) -> bool:
        """Spend a token; False (nothing spent) when the bucket is empty."""
        self._refill()
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False

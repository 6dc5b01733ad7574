"""The episodes a batch of events folds into, kept in memory until the batch's transaction ends.

A flood is hundreds of events of one device and type a second.  Asking the inventory for the
open episode and updating its row for each of them costs two statements an event; inside one
transaction nobody else can write the file, so the episode found for the first event is
followed in memory (count, first and last time, most severe level, newest value and payload)
and written once, when the batch ends or before anything else reads it (a clear, another
lookup of the same device and type).  The rule for which episode an event belongs to is the
store's (:meth:`~onemap.store.alerts.AlertStore.episode_alert`); the memory only takes the
events that rule would give the same episode without asking: one inside its span, or after
its last event within the fold window while it is not cleared.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from onemap.store import Inventory

#: (device kind, device fid, alert type)
Key = tuple[str, int, str]


@dataclass
class Episode:
    """One alert's episode as the batch has made it so far; times are stored stamps (text order is time order)."""

    fid: int
    first: str
    last: str
    cleared: str | None
    added: int = 0
    level: int = 4
    value: float | None = None
    raw: bytes | None = None

    def takes(self, at: str, early: str) -> bool:
        """Whether an event at ``at`` (``early`` = ``at`` − fold window) surely belongs here."""
        if self.first <= at <= (self.cleared or self.last):
            return True
        return self.cleared is None and at > self.last and early <= self.last

    def fold(self, at: str, level: int, value: float | None, raw: bytes | None) -> None:
        """One more event: an older one widens the span back, only a newest one brings value and payload."""
        self.added += 1
        self.level = min(self.level, level)
        if at >= self.last:
            self.last = at
            self.value = value if value is not None else self.value
            self.raw = raw or self.raw
        self.first = min(self.first, at)


class Episodes:
    """The batch's episodes by device and type, written to ``inventory`` by :meth:`flush`."""

    def __init__(self, inventory: Inventory) -> None:
        self.inventory = inventory
        self._open: dict[Key, Episode] = {}

    def get(self, key: Key, at: str, early: str) -> Episode | None:
        """The episode of ``key`` known in memory that takes an event at ``at``, or None."""
        episode = self._open.get(key)
        return episode if episode is not None and episode.takes(at, early) else None

    def keep(self, key: Key, episode: Episode) -> None:
        """Follow ``episode`` for ``key`` (the one before it is written first)."""
        self.flush(key)
        self._open[key] = episode

    def flush(self, key: Key | None = None) -> None:
        """Write the folds of ``key``'s episode (every episode when None) and forget it."""
        keys = list(self._open) if key is None else [key] if key in self._open else []
        for k in keys:
            episode = self._open.pop(k)
            if episode.added:
                self.inventory.fold_alert_events(
                    episode.fid, episode.added, (episode.first, episode.last), episode.level, episode.value, episode.raw
                )

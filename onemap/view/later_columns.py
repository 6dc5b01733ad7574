"""The columns of the estate table read after the map's first frame, and the wait for them.

Opening 220,000 estates reads what the first frame draws first (positions, status, names,
households: :meth:`EstateTable.load_first`), then the rest in the opening thread
(:meth:`EstateTable.load_rest`) once someone asks for them -- the docks, right after the first
frame -- so that it does not share the interpreter with the first paint.  Whoever reads one of
these columns before they are in waits for them; nobody sees a half-read table.
"""

from __future__ import annotations

import threading

#: the estate table's columns read after the first frame
LATER: frozenset[str] = frozenset(
    ("township", "community", "address", "renewal_year", "category_bits", "buildings", "investment_wan", "cameras")
)


class RestOfColumns:
    """The later columns' reading: done, or failed with an error raised to every reader."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._error: BaseException | None = None
        #: set when someone waits for the columns (the reading may hold back until then)
        self.wanted = threading.Event()

    @property
    def done(self) -> bool:
        """Whether the reading ended (in, or failed)."""
        return self._event.is_set()

    def finish(self) -> None:
        """The columns are in."""
        self._event.set()

    def fail(self, error: BaseException) -> None:
        """The reading failed: readers get ``error``."""
        self._error = error
        self._event.set()

    def wait(self) -> None:
        """Wait for the reading; raise what made it fail."""
        self.wanted.set()
        self._event.wait()
        if self._error is not None:
            raise self._error

"""The read-only connection the window's looks at the audit trail go through, kept between looks.

Another writer's change is found by reading the trail on a worker (:meth:`EstateRefresh.poll`).
Opening a connection for each look cost more than the look: 10 ms of processor and 20 ms of wall
time at 220,000 estates (the schema is read and checked), against 0.1-4 ms for the read.  So
the connection is opened at the first look and kept until the file is closed; it is opened
again when the path or the file itself (another file moved into its place) is no longer the same,
and dropped after a failed read.  It holds no lock between looks: outside a read SQLite takes none.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from onemap.store import Inventory
from onemap.store.changes import TrailChanges


class TrailReader:
    """One kept read-only :class:`Inventory` for the trail looks; one look at a time (a lock)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._inventory: Inventory | None = None
        self._file: tuple[Path, int, int] | None = None
        #: how many connections were opened (tests)
        self.opened = 0

    def look(self, path: Path, after: int) -> tuple[TrailChanges, int]:
        """The trail's changes after ``after`` and the file's schema version (on any thread)."""
        with self._lock:
            stat = os.stat(path)
            file = (Path(path), stat.st_dev, stat.st_ino)
            if self._inventory is not None and self._file != file:
                self._drop()
            if self._inventory is None:
                self._inventory = Inventory.open(path, readonly=True)
                self._file = file
                self.opened += 1
            try:
                return self._inventory.trail_changes(after), self._inventory.schema_version()
            except Exception:
                self._drop()  # busy, damaged or gone: the next look opens it afresh
                raise

    def close(self) -> None:
        """Close the kept connection (waits for a look under way)."""
        with self._lock:
            self._drop()

    def _drop(self) -> None:
        inventory, self._inventory, self._file = self._inventory, None, None
        if inventory is not None:
            inventory.close()

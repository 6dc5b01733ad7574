"""What other editors changed, as it happens: the server's ``NOTIFY onemap_changes`` for viewers.

Each committed change to a data table sends ``'table key'`` (``estates 6107250001``,
``buildings 6107250001/17``) from the audit trigger.  A :class:`ChangeListener` holds its own
connection and hands the changed estates' codes to whoever asks, so a viewer refreshes those
estates (``refresh_estates(codes, tables)``) instead of reloading everything.  Headless: the
viewer polls it from a timer or a worker thread.
"""

from __future__ import annotations

import select
import time
from dataclasses import dataclass
from typing import Any

from onemap.store.server.connect import connect
from onemap.store.server.triggers import CHANNEL


@dataclass(frozen=True)
class Change:
    """One committed change: the table and the row key (an estate code, ``CODE/fid`` or a fid)."""

    table: str
    key: str

    @property
    def estate_code(self) -> str | None:
        """The estate the change belongs to, when it belongs to one."""
        if self.table == "estates":
            return self.key
        code, slash, _fid = self.key.partition("/")
        return code if slash else None


class ChangeListener:
    """``LISTEN onemap_changes`` on a connection of its own; :meth:`poll` returns what arrived."""

    def __init__(self, url: str) -> None:
        self._conn: Any = connect(url, autocommit=True)
        self._arrived: list[Change] = []
        # a handler collects every notice, whichever call happens to read it from the socket
        self._conn.add_notify_handler(lambda n: self._arrived.append(Change(*n.payload.partition(" ")[::2])))
        self._conn.execute(f"LISTEN {CHANNEL}")

    def poll(self, timeout_s: float = 0.0) -> list[Change]:
        """Changes committed since the last poll, waiting up to ``timeout_s`` for the first one."""
        deadline = time.monotonic() + timeout_s
        self._conn.execute("SELECT 1")  # reads whatever the server has sent meanwhile
        while not self._arrived and (left := deadline - time.monotonic()) > 0:
            select.select([self._conn.fileno()], [], [], left)  # sockets: works on Windows too
            self._conn.execute("SELECT 1")
        arrived, self._arrived = self._arrived, []
        return arrived

    def changed_estates(self, timeout_s: float = 0.0) -> dict[str, set[str]]:
        """Estate code -> the tables changed for it, from one :meth:`poll`."""
        found: dict[str, set[str]] = {}
        for change in self.poll(timeout_s):
            if change.estate_code is not None:
                found.setdefault(change.estate_code, set()).add(change.table)
        return found

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> ChangeListener:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

"""Waiting, visibly and for a bounded time, while another program holds the file.

SQLite's own busy timeout (:data:`files.BUSY_TIMEOUT_MS`) waits silently.  Taking the
write lock and committing go through :func:`run_waiting` instead: after the first
refusal it says once that it waits, and for whom when that is known (another OneMap's
lock file names its user), keeps trying for :data:`WAIT_LIMIT_S` seconds, then refuses
with a sentence.  Readers in another program block a commit in rollback-journal mode
until their read transaction ends; that is what this waits for.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from onemap.store import editlock, files, notices
from onemap.store.errors import InventoryError

#: how long a write waits for other programs before it is refused
WAIT_LIMIT_S = 30.0
_RETRY_S = 0.2
_OTHERS = ("可能是 QGIS、ArcGIS 或另一个 OneMap", "perhaps QGIS, ArcGIS or another OneMap")


def run_waiting(conn: sqlite3.Connection, path: Path, statement: str, limit_s: float | None = None) -> None:
    """Execute ``statement`` (``BEGIN IMMEDIATE``, ``COMMIT``), waiting while the file is busy.

    Raises
    ------
    InventoryError
        ``busy`` after the wait, naming who holds the file if known; another sentence
        (``read_only``, ``disk_full``...) at once for errors that waiting cannot cure.
    """
    limit_s = WAIT_LIMIT_S if limit_s is None else limit_s
    deadline, told = time.monotonic() + limit_s, False
    while True:
        try:
            conn.execute(statement)
            return
        except sqlite3.Error as error:
            refusal = files.translate(error, path)
            if refusal.kind != "locked":
                raise refusal from None
            if time.monotonic() >= deadline:
                raise InventoryError("busy", path, who=holder_words(path), seconds=round(limit_s)) from None
        if not told:
            notices.tell(InventoryError("waiting", path, who=holder_words(path)))
            told = True
        time.sleep(_RETRY_S)


def holder_words(path: Path) -> tuple[str, str]:
    """Who holds the file, in words: another OneMap's user and computer if its lock says so."""
    holder = editlock.live_holder(path)
    if holder is None:
        return _OTHERS
    user, host = holder.get("user") or "?", holder.get("host") or "?"
    return f"{user} 在电脑 {host} 上的 OneMap", f"OneMap of {user} on computer {host}"

"""The one way tests reach past the store's interface: the inventory's own SQLite connection.

Outside ``onemap.store`` nothing speaks SQL; tests may, because they play "another program"
(QGIS writing a row, a crash mid-transaction, a PRAGMA another tool leaves behind) and need
to do it on the very connection the inventory holds (inside its transaction, say).  For a
second program proper, open the file with ``sqlite3.connect`` instead.
"""

from __future__ import annotations

import sqlite3
from typing import Any


def connection(inventory: Any) -> sqlite3.Connection:
    """The open inventory's private connection (its ``Row`` factory and transaction state)."""
    conn: sqlite3.Connection = inventory._conn
    return conn

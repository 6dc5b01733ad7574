"""Connection settings for filling a brand-new file in one big transaction (the national demo).

A new inventory filled with a few million rows spends much of its time in SQLite's
bookkeeping rather than in its rows:

- every child row's ``estate_code`` is looked up in ``estates`` (foreign keys): about a
  third of the cost of copying the rows in.  The bulk writer knows every such code names an
  estate it wrote (each child comes from the same generated block, facilities are joined
  to the estates); :func:`fresh_load` turns the checks off for the load alone, and the
  tests check the finished file with ``PRAGMA foreign_key_check``;
- SQLite's default page cache is 2 MB: the unique and R-tree indexes of a 1.5 GB load are
  read back from the operating system page by page (system time).  A bigger cache is
  given for the load only, in proportion to its size (:func:`cache_kib`: a fixed 256 MB
  doubled a 20,000-estate demo's peak memory for nothing);
- ``CREATE INDEX`` at the end of the load sorts with one thread unless told it may use more.

``synchronous`` and the journal are left as they are: the file stays as safe as any other
OneMap write (a cancel still rolls back).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from onemap.store import Inventory

#: most page cache for a load (KiB): what a 220,000-estate demo's indexes need
CACHE_KIB = 262_144
#: page cache per estate loaded (KiB): 256 MB at 220,000 estates, about 24 MB at 20,000
KIB_PER_ESTATE = 1.2
#: SQLite's own default (2 MB): never less
LEAST_KIB = 2_000
#: sorter threads ``CREATE INDEX`` may use besides the caller's (the demo's helpers have finished by then)
SORT_THREADS = 2


def cache_kib(estates: int) -> int:
    """The page cache (KiB) for loading ``estates`` estates with their children: grows with the load, capped."""
    return max(LEAST_KIB, min(CACHE_KIB, int(estates * KIB_PER_ESTATE)))


@contextmanager
def fresh_load(inventory: Inventory, estates: int) -> Iterator[None]:
    """Settings for loading ``estates`` estates into a new ``inventory`` (outside any transaction), restored after.

    Raises
    ------
    RuntimeError
        When called inside a transaction (SQLite ignores ``foreign_keys`` there).
    """
    conn: sqlite3.Connection = inventory._conn
    if conn.in_transaction:
        raise RuntimeError("fresh_load must wrap the transaction, not run inside it")
    names = ("foreign_keys", "cache_size", "threads")
    saved = {name: conn.execute(f"PRAGMA {name}").fetchone()[0] for name in names}
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(f"PRAGMA cache_size = -{cache_kib(estates)}")
    conn.execute(f"PRAGMA threads = {SORT_THREADS}")
    try:
        yield
    finally:
        if not conn.in_transaction:
            for name, value in saved.items():
                conn.execute(f"PRAGMA {name} = {int(value)}")
            conn.execute("PRAGMA shrink_memory")  # the cache given back

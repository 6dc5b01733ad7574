"""What the set-based R-tree writers share: the R-tree columns, when a load counts as big,
and whether an R-tree is empty with SQLite's usual node size (so that it may be packed
whole, see :mod:`~onemap.store.rtreepack`).

Big loads into empty R-trees used to build them entry by entry in a worker process; packing
them at the end costs a few percent of that and needs no second process (the second core
draws the demo instead).
"""

from __future__ import annotations

import sqlite3

from onemap.store.rtreepack import NODE_BYTES

#: the columns of every GeoPackage R-tree
RTREE_COLUMNS = ("id", "minx", "maxx", "miny", "maxy")
#: loads of at least this many estates pack empty R-trees at the end (below, entry by entry,
#: node for node what the triggers write: the county demo's file stays what it always was)
PARALLEL_FROM = 10_000


def empty(conn: sqlite3.Connection, rtree: str) -> bool:
    """Whether an R-tree holds no entry (its node size is SQLite's usual one, so a packed tree fits)."""
    if conn.execute(f'SELECT 1 FROM "{rtree}_rowid" LIMIT 1').fetchone() is not None:
        return False
    size = conn.execute(f'SELECT length(data) FROM "{rtree}_node" WHERE nodeno = 1').fetchone()
    return size is not None and size[0] == NODE_BYTES  # RTREE_MAXCELLS cells of 2D float32 boxes

"""Bulk loads without per-row trigger calls: R-tree and audit insert triggers suspended.

The GeoPackage R-tree triggers call OneMap's Python ST_* functions five times for each
inserted row, and even a silenced audit trigger (:mod:`onemap.store.triggers`) costs more
than the insert itself.  During a bulk load the insert-time triggers of the loaded tables
are dropped; writers that know their rows' envelopes (:mod:`onemap.store.blockwrites`)
hand them to :meth:`BulkIndex.add`, one ``executemany`` per table; rows written any other
way are indexed at the end from their blobs' headers (the same values ST_MinX & co.
return).  The triggers are re-created verbatim before the caller's COMMIT.  All of it
happens inside the caller's transaction: a failure or a cancel rolls back to the old
triggers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

import numpy as np

from onemap.store import gpkg, rtreebuild
from onemap.store.geometry import envelope
from onemap.store.manyrows import insert_rows
from onemap.store.rtreepack import RtreePacker

#: what every point blob OneMap writes starts with, byte by byte after the two-byte magic and
#: the version: flags (little-endian, no envelope, not empty), then the SRS id; after it the
#: WKB's byte order and type (1: a 2D point)
_POINT_FLAGS, _POINT_WKB = 0x01, np.array([1, 1, 0, 0, 0], dtype=np.uint8)
_POINT = np.dtype(
    [
        ("magic", "S2"),
        ("version", "u1"),
        ("flags", "u1"),
        ("srs", "<i4"),
        ("wkb", "u1", (5,)),
        ("x", "<f8"),
        ("y", "<f8"),
    ]
)


def blob_boxes(blobs: Sequence[bytes | None]) -> np.ndarray:
    """``(n, 4)`` envelopes (``minx, maxx, miny, maxy``; NaN: none) of blobs, as :func:`envelope` reads them.

    OneMap's own 29-byte points are read together as an array; anything else blob by blob.
    """
    boxes = np.full((len(blobs), 4), np.nan)
    points = [k for k, blob in enumerate(blobs) if blob is not None and len(blob) == _POINT.itemsize]
    read = np.zeros(len(blobs), dtype=bool)
    if points:
        found = np.frombuffer(b"".join([blobs[k] for k in points]), dtype=_POINT)  # type: ignore[misc]
        ours = (found["magic"] == b"GP") & (found["flags"] == _POINT_FLAGS) & (found["wkb"] == _POINT_WKB).all(axis=1)
        at = np.asarray(points)[ours]
        x, y = found["x"][ours], found["y"][ours]
        box = np.column_stack((x, x, y, y))
        box[np.isnan(x) | np.isnan(y)] = np.nan  # a NaN coordinate: no envelope at all, as envelope's None
        boxes[at] = box
        read[at] = True
    for k in np.flatnonzero(~read).tolist():
        one = envelope(blobs[k])
        if one is not None:
            boxes[k] = one
    return boxes


class BulkIndex:
    """The R-trees of the tables whose triggers are suspended, filled set-based in fid order.

    Entries go in in fid order, as the triggers would have put them: the R-trees end up
    the same, node for node.
    """

    def __init__(
        self, conn: sqlite3.Connection, rtrees: dict[str, tuple[str, str, int]], packer: RtreePacker | None = None
    ) -> None:
        self._conn = conn
        #: packs the (empty) R-trees it names at the end (see rtreepack), or None
        self._packer = packer
        #: table -> (geometry column, fid column)
        self._rtrees = {table: (column, fid) for table, (column, fid, _before) in rtrees.items()}
        #: table -> the largest fid indexed so far
        self._done = {table: before for table, (_column, _fid, before) in rtrees.items()}

    def add(self, table: str, first_fid: int, envelopes: np.ndarray) -> None:
        """Index rows ``first_fid, first_fid + 1, …`` with ``(n, 4)`` envelopes (NaN: not indexed)."""
        if table not in self._rtrees or not len(envelopes):
            return
        self._catch_up(table, first_fid)
        fids = np.arange(first_fid, first_fid + len(envelopes))
        present = ~np.isnan(envelopes).any(axis=1)
        self._insert(table, fids[present], envelopes[present])
        self._done[table] = first_fid + len(envelopes) - 1

    def add_blobs(self, table: str, first_fid: int, blobs: Sequence[bytes | None]) -> None:
        """Index rows ``first_fid, …`` from the blobs just written: what :meth:`catch_up` would read back."""
        if table not in self._rtrees or not blobs:
            return
        self.add(table, first_fid, blob_boxes(blobs))

    def _insert(self, table: str, fids: np.ndarray, boxes: np.ndarray) -> None:
        rtree = f"rtree_{table}_{self._rtrees[table][0]}"
        if self._packer is not None and rtree in self._packer.rtrees:
            self._packer.insert(rtree, fids, boxes)
            return
        rows = zip(fids.tolist(), *boxes.T.tolist(), strict=True)
        insert_rows(self._conn, rtree, rtreebuild.RTREE_COLUMNS, rows, verb="INSERT OR REPLACE")

    def catch_up(self) -> None:
        """Index the rows added since the last call that :meth:`add` was not told about."""
        for table in self._rtrees:
            self._catch_up(table, None)

    def _catch_up(self, table: str, below: int | None) -> None:
        """What the insert trigger would have written for the rows after the last indexed one."""
        column, fid = self._rtrees[table]
        sql = f'SELECT "{fid}", "{column}" FROM "{table}" WHERE "{fid}" > ?'
        params: tuple[int, ...] = (self._done[table],)
        if below is not None:
            sql, params = sql + f' AND "{fid}" < ?', (*params, below)
        keys, boxes, last = [], [], self._done[table]
        for key, blob in self._conn.execute(sql, params):
            last = key
            env = envelope(blob)
            if env is not None:
                keys.append(key)
                boxes.append(env)
        if keys:
            self._insert(table, np.array(keys), np.array(boxes, dtype=np.float64))
        self._done[table] = last

    def finish(self) -> None:
        """Index what is left; R-trees gathered by the packer are written, packed."""
        self.catch_up()
        if self._packer is not None:
            self._packer.copy_into(self._conn)
            self._packer = None

    def abandon(self) -> None:
        """Drop what the packer gathered, if any (the caller's transaction is rolled back)."""
        if self._packer is not None:
            self._packer.close()
            self._packer = None


@contextmanager
def triggers_suspended(
    conn: sqlite3.Connection, tables: Iterable[str], *, parallel: bool = False
) -> Iterator[BulkIndex]:
    """Drop the insert-time triggers of ``tables``, index the rows added meanwhile, restore them.

    Only rows appended (fid above the largest fid before) may be written meanwhile: the
    index is filled for those.  Outside a transaction nothing is dropped (the triggers
    then index each row and :meth:`BulkIndex.add` does nothing), so a failure can never
    leave a file without its triggers.

    Parameters
    ----------
    conn : sqlite3.Connection
        A connection inside a write transaction.
    tables : iterable of str
        Tables about to receive many new rows.
    parallel : bool
        A big load: pack the R-trees that are empty now at the end, in one pass
        (:mod:`~onemap.store.rtreepack`), and build the indexes of empty tables once at the end.
    """
    wanted = set(tables)
    indexes = [(t, c, f) for t, c, f in gpkg.spatial_indexes(conn) if t in wanted]
    if not conn.in_transaction:
        yield BulkIndex(conn, {})
        return
    rtrees, statements = {}, []
    for table, column, fid in indexes:
        before = conn.execute(f'SELECT coalesce(max("{fid}"), 0) FROM "{table}"').fetchone()[0]
        rtrees[table] = (column, fid, before)
        statements += _trigger_sql(conn, table, f"rtree_{table}_{column}_")
    for table in sorted(wanted):  # silent during OneMap's own transactions anyway, but not free
        statements += _trigger_sql(conn, table, f"onemap_audit_{table}_insert")
    for name, _sql in statements:
        conn.execute(f'DROP TRIGGER "{name}"')
    # an empty table's indexes are built once at the end: a third faster than kept up row by row
    indexes_sql = [entry for table in sorted(wanted) if parallel for entry in _empty_table_indexes(conn, table)]
    for name, _sql in indexes_sql:
        conn.execute(f'DROP INDEX "{name}"')
    names = [f"rtree_{table}_{column}" for table, (column, _fid, _before) in rtrees.items()]
    empty = [name for name in names if rtreebuild.empty(conn, name)] if parallel else []
    index = BulkIndex(conn, rtrees, RtreePacker(empty) if empty else None)
    try:
        yield index
        index.finish()
    finally:
        index.abandon()
    for _name, sql in [*indexes_sql, *statements]:
        conn.execute(sql)


def _trigger_sql(conn: sqlite3.Connection, table: str, prefix: str) -> list[tuple[str, str]]:
    """The triggers of ``table`` whose names start with ``prefix``, as the file holds them."""
    return [
        (name, sql)
        for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY name", (table,)
        )
        if name.startswith(prefix)
    ]


def _empty_table_indexes(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """The explicit indexes (not UNIQUE constraints' own) of ``table`` when it holds no row."""
    if conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() is not None:
        return []
    return list(
        conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql NOT NULL ORDER BY name",
            (table,),
        )
    )

"""Filling empty R-trees on the second core while the rows go in on the first.

SQLite's R-tree takes about as long to insert an entry as the table takes to insert its
row.  For a big load into empty R-trees (a national-scale demo) a worker process builds
them in a scratch database, entry by entry in the order the triggers would have used, so
they come out node for node the same; at the end their three shadow tables (``_node``,
``_rowid``, ``_parent``) are copied into the file inside the caller's transaction.  The
worker is a spawned ``multiprocessing`` process (never forked: the viewer runs loads from a
thread) that only needs the standard library's ``sqlite3``.
"""

from __future__ import annotations

import multiprocessing
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from onemap.store.manyrows import insert_rows

#: shadow tables of an R-tree, with their columns
SHADOWS = {"_node": ("nodeno", "data"), "_rowid": ("rowid", "nodeno"), "_parent": ("nodeno", "parentnode")}
#: the columns of every GeoPackage R-tree
RTREE_COLUMNS = ("id", "minx", "maxx", "miny", "maxy")
#: loads of at least this many estates build empty R-trees in the worker (below, the process costs more)
PARALLEL_FROM = 10_000


def _build(path: str, rtrees: list[str], entries: Any) -> None:
    """The worker: create ``rtrees`` in ``path`` and insert what arrives until ``None``."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    for name in rtrees:
        conn.execute(f'CREATE VIRTUAL TABLE "{name}" USING rtree(id, minx, maxx, miny, maxy)')
    conn.execute("BEGIN")
    while (batch := entries.get()) is not None:
        name, fids, boxes = batch
        rows = zip(fids.tolist(), *boxes.T.tolist(), strict=True)
        insert_rows(conn, name, RTREE_COLUMNS, rows, verb="INSERT OR REPLACE")
    conn.execute("COMMIT")
    conn.close()


class RtreeWorker:
    """A worker process building R-trees named like the file's, fed in insertion order."""

    def __init__(self, rtrees: list[str]) -> None:
        self._folder = Path(tempfile.mkdtemp(prefix="onemap-rtree-"))
        self._path = self._folder / "rtree.sqlite"
        self.rtrees = rtrees
        # spawn, not fork: the viewer calls this from a thread, and a forked Qt process is unsafe
        context = multiprocessing.get_context("spawn")
        self._queue = context.Queue(maxsize=64)
        self._process = context.Process(target=_build, args=(str(self._path), rtrees, self._queue), daemon=True)
        self._process.start()

    def insert(self, rtree: str, fids: np.ndarray, boxes: np.ndarray) -> None:
        """Queue entries for one R-tree: ids and ``(n, 4)`` minx, maxx, miny, maxy (arrays pickle fast)."""
        if len(fids):
            self._queue.put((rtree, fids, boxes))

    def copy_into(self, conn: sqlite3.Connection) -> None:
        """Wait for the worker, then replace the file's (empty) R-trees by the built ones."""
        self._queue.put(None)
        self._process.join()
        if self._process.exitcode != 0:
            raise RuntimeError(f"R-tree worker failed (exit code {self._process.exitcode})")
        with sqlite3.connect(self._path) as built:
            for rtree in self.rtrees:
                for suffix, columns in SHADOWS.items():
                    conn.execute(f'DELETE FROM "{rtree}{suffix}"')
                    rows = built.execute(f'SELECT {", ".join(columns)} FROM "{rtree}{suffix}"')  # streamed
                    insert_rows(conn, f"{rtree}{suffix}", columns, rows)
        self.close()

    def close(self) -> None:
        """Stop the worker (if still running) and delete its scratch database."""
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        # entries the killed worker never read stay in the queue's pipe: without this the
        # feeder thread waits for a reader that is gone, and the process cannot exit
        self._queue.cancel_join_thread()
        self._queue.close()
        shutil.rmtree(self._folder, ignore_errors=True)


def empty(conn: sqlite3.Connection, rtree: str) -> bool:
    """Whether an R-tree holds no entry (its node size is SQLite's usual one, so a copy fits)."""
    if conn.execute(f'SELECT 1 FROM "{rtree}_rowid" LIMIT 1').fetchone() is not None:
        return False
    size = conn.execute(f'SELECT length(data) FROM "{rtree}_node" WHERE nodeno = 1').fetchone()
    return size is not None and size[0] == 4 + 24 * 51  # RTREE_MAXCELLS cells of 2D float32 boxes

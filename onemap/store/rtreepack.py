"""Packing an empty R-tree in one pass from arrays (sort-tile-recursive), not entry by entry.

SQLite's R-tree costs 10-20 µs an inserted entry (it chooses a leaf, splits, re-inserts);
a national demo's four million entries took longer than everything else.  For a load into
an empty R-tree the entries are gathered as arrays, and at the end the tree is written
straight into its three shadow tables (``_node``, ``_rowid``, ``_parent``) in SQLite's own
node format: full nodes of 51 cells, leaves tiled by x then y (STR), which SQLite then
queries and updates like any other tree.  The tree indexes exactly the entries the
triggers would have written, each box rounded to float32 outward as SQLite rounds it; its
nodes differ from an entry-by-entry tree (``rtreecheck`` finds it sound, see the tests).
"""

from __future__ import annotations

import math
import sqlite3

import numpy as np

from onemap.store.manyrows import insert_columns

#: cells a node holds (SQLite's RTREE_MAXCELLS) and a node's bytes: a 4-byte head, 24-byte cells
CELLS = 51
NODE_BYTES = 4 + 24 * CELLS
#: SQLite's factors for rounding a double to the float32 on the outer side (rtree.c)
_TOWARDS, _AWAY = 1.0 - 1.0 / 8388608.0, 1.0 + 1.0 / 8388608.0
#: a cell: an id (a row's fid, or a child node's number), then minx, maxx, miny, maxy, all big-endian
_CELL = np.dtype([("id", ">i8"), ("box", ">f4", (4,))])


def rounded(boxes: np.ndarray) -> np.ndarray:
    """``(n, 4)`` doubles (minx, maxx, miny, maxy) as the float32 SQLite's R-tree stores: mins down, maxes up."""
    out = boxes.astype(np.float32)
    for column, down in ((0, True), (1, False), (2, True), (3, False)):
        d, f = boxes[:, column], out[:, column]
        wrong = f.astype(np.float64) > d if down else f.astype(np.float64) < d
        if wrong.any():
            shrink = (d[wrong] < 0) != down  # away from zero for a negative min or a positive max
            f[wrong] = (d[wrong] * np.where(shrink, _TOWARDS, _AWAY)).astype(np.float32)
    return out


def _tiled(boxes: np.ndarray) -> np.ndarray:
    """The order that tiles ``boxes`` into nodes: slices by x centre, each slice by y centre."""
    slices = math.ceil(math.sqrt(math.ceil(len(boxes) / CELLS)))
    cx = boxes[:, 0].astype(np.float64) + boxes[:, 1]
    cy = boxes[:, 2].astype(np.float64) + boxes[:, 3]
    by_x = np.argsort(cx, kind="stable")
    band = np.arange(len(boxes)) // (slices * CELLS)  # whole nodes per slice: no node spans two
    return by_x[np.lexsort((cy[by_x], band))]


def _union(boxes: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Each node's box: the smallest box around its cells (``boxes`` in node order)."""
    return np.column_stack(
        [
            np.minimum.reduceat(boxes[:, 0], starts),
            np.maximum.reduceat(boxes[:, 1], starts),
            np.minimum.reduceat(boxes[:, 2], starts),
            np.maximum.reduceat(boxes[:, 3], starts),
        ]
    )


def _blobs(ids: np.ndarray, boxes: np.ndarray, depth: int) -> np.ndarray:
    """Node blobs (a row of bytes each) for cells in node order, ``CELLS`` a node (the last may hold fewer)."""
    nodes = math.ceil(len(ids) / CELLS)
    cells = np.zeros(nodes * CELLS, dtype=_CELL)
    cells["id"][: len(ids)], cells["box"][: len(ids)] = ids, boxes
    raw = np.zeros((nodes, NODE_BYTES), dtype=np.uint8)
    head = np.zeros(nodes, dtype=[("depth", ">u2"), ("count", ">u2")])
    head["depth"] = depth  # only the root's is read; SQLite leaves the others' zero
    head["count"] = np.minimum(CELLS, len(ids) - np.arange(nodes) * CELLS)
    raw[:, :4] = head.view(np.uint8).reshape(nodes, 4)
    raw[:, 4:] = cells.view(np.uint8).reshape(nodes, CELLS * 24)
    return raw


def write_packed(conn: sqlite3.Connection, rtree: str, fids: np.ndarray, boxes: np.ndarray) -> None:
    """Replace R-tree ``rtree``'s content by ``fids`` with ``(n, 4)`` float32 ``boxes`` (see :func:`rounded`).

    Levels are tiled bottom-up until one node is left: the root, node 1.  Nodes are then
    numbered from the root down, level by level, as the cells pointing at them need.
    """
    if not len(fids):
        return
    levels = []  # per level: the order tiling its entries, and its nodes' boxes
    entries = boxes
    while True:
        order = _tiled(entries) if len(entries) > CELLS else np.arange(len(entries))
        starts = np.arange(0, len(entries), CELLS)
        levels.append((order, entries[order]))
        if len(starts) == 1:
            break
        entries = _union(entries[order], starts)
    numbers: list[np.ndarray] = []
    first = 1
    for order, _cells in reversed(levels):
        count = math.ceil(len(order) / CELLS)
        numbers.insert(0, np.arange(first, first + count))
        first += count
    for suffix in ("_node", "_rowid", "_parent"):
        conn.execute(f'DELETE FROM "{rtree}{suffix}"')
    rowids: list[np.ndarray] = []
    parents: list[np.ndarray] = []
    for depth, (order, cells) in enumerate(levels):
        ids = fids[order] if depth == 0 else numbers[depth - 1][order]
        owner = np.repeat(numbers[depth], CELLS)[: len(ids)]
        root = depth == len(levels) - 1
        raw = _blobs(ids, cells, depth if root else 0)  # each level's nodes written as made: one level's bytes held
        insert_columns(conn, f"{rtree}_node", ("nodeno", "data"), [numbers[depth].tolist(), _node_bytes(raw)])
        (rowids if depth == 0 else parents).append(np.column_stack((ids, owner)))
    for suffix, column, pairs in (("_rowid", "rowid", rowids), ("_parent", "nodeno", parents)):
        if pairs:
            table = np.concatenate(pairs)
            table = table[np.argsort(table[:, 0], kind="stable")]
            second = "nodeno" if suffix == "_rowid" else "parentnode"
            for start in range(0, len(table), _SLAB):  # a slice at a time: two million pairs as ints weigh 200 MB
                part = table[start : start + _SLAB]
                insert_columns(conn, f"{rtree}{suffix}", (column, second), [part[:, 0].tolist(), part[:, 1].tolist()])


#: R-tree pairs written at a time
_SLAB = 65_536


def _node_bytes(raw: np.ndarray) -> list[bytes]:
    """Each row of a ``(nodes, NODE_BYTES)`` array as one ``bytes`` (sliced from one buffer)."""
    buffer = raw.tobytes()
    return [buffer[at : at + NODE_BYTES] for at in range(0, len(buffer), NODE_BYTES)]


class RtreePacker:
    """Gathers the entries of empty R-trees as they are loaded, packs each at the end.

    Entries may come in any order (each R-tree is tiled as a whole); boxes are kept as
    the float32 the tree stores, ids as int64: 24 bytes an entry until :meth:`copy_into`.
    """

    def __init__(self, rtrees: list[str]) -> None:
        self.rtrees = rtrees
        self._parts: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {name: [] for name in rtrees}

    def insert(self, rtree: str, fids: np.ndarray, boxes: np.ndarray) -> None:
        """Keep entries for one R-tree: ids and ``(n, 4)`` minx, maxx, miny, maxy doubles."""
        if len(fids):
            self._parts[rtree].append((np.asarray(fids, dtype=np.int64), rounded(np.asarray(boxes, dtype=np.float64))))

    def copy_into(self, conn: sqlite3.Connection) -> None:
        """Write each R-tree, packed, into the file (inside the caller's transaction)."""
        for rtree, parts in self._parts.items():
            if parts:
                fids = np.concatenate([f for f, _b in parts])
                write_packed(conn, rtree, fids, np.concatenate([b for _f, b in parts]))
        self.close()

    def close(self) -> None:
        """Let go of the gathered entries."""
        self._parts = {name: [] for name in self.rtrees}

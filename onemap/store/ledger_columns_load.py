"""New estates from column arrays: no ``Estate`` object per ledger row.

:func:`~onemap.store.ledger_load.load_new_estates` takes estates and reads each one's
attributes back out of it.  An import of new estates (the common case) already holds its
batch as values per field, so :func:`load_estate_columns` takes those columns as they are:
the ``estates`` rows are one ``zip`` of the columns, the point blobs are cut from one numpy
buffer, the audit's point texts come from the coordinates in hand (not decoded back out of
the blobs), and child rows arrive as tuples in the table's column order.

What lands in the file is exactly what ``load_new_estates`` writes for the same estates
(``tests/core/test_import_columns_path.py`` holds the two to that).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from contextlib import ExitStack
from itertools import repeat
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from onemap.cameras.secrets import may_hold_secret
from onemap.store.audit import as_text, timestamp
from onemap.store.bulkindex import triggers_suspended
from onemap.store.geometry import as_multipolygon, encode_many
from onemap.store.ledger_load import (
    _AUDIT_COLUMNS,
    LOADED_TABLES,
    _all_clean,
    _audit_entries,
    _insert_indexed,
    _joined,
    _load_children,
    _stored,
    columns_clean,
    insert_indexed_columns,
    plain_json_columns,
)
from onemap.store.manyrows import insert_columns
from onemap.store.rows import CHILD_TABLES, point_blob

if TYPE_CHECKING:
    from onemap.store.inventory import Inventory
    from onemap.store.ledger_window import LoadWindow

#: the 21 bytes before a point's two doubles, as :func:`point_blob` writes them
_HEAD = np.frombuffer(bytes(point_blob((0.0, 0.0)) or b"")[:13], dtype=np.uint8)


def load_estate_columns(
    inventory: Inventory,
    values: dict[str, list[Any]],
    locations: list[tuple[float, float] | None],
    outlines: list[Any],
    children: dict[str, list[Any]],
    *,
    note: str,
    window: LoadWindow | None = None,
) -> int:
    """Insert new estates given as columns, each insert audited; returns how many.

    Parameters
    ----------
    values : dict of str to list
        Each ``estates`` column's values, one per estate, as an ``Estate`` holds them
        (``categories`` as lists); a column left out is NULL for every estate.
    locations, outlines : list
        Each estate's ``(lon, lat)`` (or ``None``) and outline (or ``None``).
    children : dict of str to list
        Per child table: tuples in :data:`~onemap.store.rows.CHILD_TABLES` column order for
        tables without geometry, else the child objects themselves (estate codes set).
    """
    count = len(locations)
    if not count:
        return 0
    conn = inventory._conn
    with ExitStack() as held:
        index = held.enter_context(triggers_suspended(conn, LOADED_TABLES)) if window is None else window.index()
        now = timestamp()
        columns = inventory._estate_columns()
        picked = _picked(columns, values, count)
        if columns_clean(picked):  # the usual batch: columns straight to SQLite, no row tuple made
            names, stored = _stamped(columns, picked, point_blobs(locations), now)
            insert_indexed_columns(conn, index, "estates", names, stored)
            _audit_columns(inventory, names, stored, _wkts(locations, stored[names.index("geom")]))
        else:  # some text is secret-like: row by row, each row looked at (and cleaned) alone
            names, rows, plain = _rows(columns, values, locations, now)
            _insert_indexed(conn, index, "estates", names, rows)
            geom_at = names.index("geom")
            _audit_entries(inventory, names, rows, plain, _wkts(locations, [row[geom_at] for row in rows]))
        codes = values["code"]
        shaped = [(c, as_multipolygon(o)) for c, o in zip(codes, outlines, strict=True) if o is not None]
        blobs = encode_many([g for _c, g in shaped])
        _insert_indexed(
            conn,
            index,
            "estate_areas",
            ["estate_code", "geom"],
            [(c, b) for (c, _g), b in zip(shaped, blobs, strict=True)],
        )
        for table, items in children.items():
            if CHILD_TABLES[table][2] is None:
                _child_tuples(inventory, index, table, items)
            else:
                _load_children(inventory, index, table, items)
    inventory.audit.record("bulk", "estates", None, None, None, f"{note}：{count} 个小区")
    return count


def point_blobs(locations: Sequence[tuple[float, float] | None]) -> list[bytes | None]:
    """:func:`point_blob` of every location, the bytes of all of them made in one buffer."""
    at = [k for k, p in enumerate(locations) if p is not None]
    found: list[bytes | None] = [None] * len(locations)
    if not at:
        return found
    xy = np.array([locations[k] for k in at], dtype="<f8")
    buffer = np.empty((len(at), 29), dtype=np.uint8)
    buffer[:, :13] = _HEAD
    buffer[:, 13:] = xy.view(np.uint8).reshape(len(at), 16)
    whole = buffer.tobytes()
    for n, k in enumerate(at):
        found[k] = whole[29 * n : 29 * n + 29]
    return found


def _picked(columns: tuple[str, ...], values: dict[str, list[Any]], count: int) -> list[list[Any]]:
    """Each ``estates`` column's values (``None`` where not given), category lists joined as storable joins them."""
    picked = []
    for name in columns:
        column = values.get(name)
        if column is None:
            column = [None] * count
        elif list in map(type, column):  # category lists, as storable joins them
            column = [_joined(v) for v in column]
        picked.append(column)
    return picked


def _stamped(
    columns: tuple[str, ...], picked: list[list[Any]], blobs: list[bytes | None], now: str
) -> tuple[list[str], list[list[Any]]]:
    """The names and columns of the ``estates`` rows :func:`_rows` makes of clean values: geometry and time added."""
    stamps = [now] * len(blobs)
    if "updated_at" in columns:
        table = [*picked, blobs]
        table[columns.index("updated_at")] = stamps
        return [*columns, "geom"], table
    return [*columns, "geom", "updated_at"], [*picked, blobs, stamps]


def _audit_columns(inventory: Inventory, names: list[str], table: list[list[Any]], wkts: list[str | None]) -> None:
    """:func:`~onemap.store.ledger_load._audit_entries` of secret-free rows given as columns."""
    count = len(wkts)
    codes = [str(code) for code in table[names.index("code")]]
    texts = list(plain_json_columns(names, table, wkts))
    nothing = [None] * count
    entries: list[list[Any]] = [
        [timestamp()] * count,
        [inventory.audit.who] * count,
        ["insert"] * count,
        ["estates"] * count,
        codes,
        nothing,
        nothing,
        texts,
    ]
    insert_columns(inventory._conn, "audit_log", _AUDIT_COLUMNS, entries)


def _rows(
    columns: tuple[str, ...], values: dict[str, list[Any]], locations: list[Any], now: str
) -> tuple[list[str], list[tuple[Any, ...]], list[bool]]:
    """The ``estates`` rows, as :func:`~onemap.store.ledger_load._estate_rows` makes them from estates."""
    count = len(locations)
    names = [*columns, "geom"]
    every = list(zip(*_picked(columns, values, count), strict=True))
    if _all_clean(every):
        plain = [True] * count
    else:  # some text is secret-like: each row looked at (and cleaned) alone
        plain = [not may_hold_secret("\x00".join([v for v in row if isinstance(v, str)])) for row in every]
        every = [row if clean else tuple(_stored(v) for v in row) for row, clean in zip(every, plain, strict=True)]
    stamps = repeat(now, count)
    if "updated_at" in columns:
        stamp_at = columns.index("updated_at")
        every = [(*row[:stamp_at], now, *row[stamp_at + 1 :]) for row in every]
        rows = [(*row, blob) for row, blob in zip(every, point_blobs(locations), strict=True)]
    else:
        names.append("updated_at")
        rows = list(zip(*zip(*every, strict=True), point_blobs(locations), stamps, strict=True))
    return names, rows, plain


def _wkts(locations: list[Any], geoms: Sequence[bytes | None]) -> list[str | None]:
    """The audit's WKT of each point, from the coordinates in hand (what :func:`as_text` gives the blob)."""
    found: list[str | None] = [None] * len(locations)
    at = [k for k, p in enumerate(locations) if p is not None and math.isfinite(p[0]) and math.isfinite(p[1])]
    if at:
        xy = np.array([locations[k] for k in at], dtype=np.float64)
        for k, text in zip(at, shapely.to_wkt(shapely.points(xy), rounding_precision=-1).tolist(), strict=True):
            found[k] = text
    for k, p in enumerate(locations):
        if p is not None and found[k] is None:
            found[k] = as_text(geoms[k])  # a point not finite: read the slow way
    return found


def _child_tuples(inventory: Inventory, index: Any, table: str, rows: list[tuple[Any, ...]]) -> None:
    """Rows of a table without geometry, already in column order, as ``_load_children`` stores them."""
    if not rows:
        return
    if not _all_clean(rows):
        rows = [
            tuple(_stored(v) for v in row)
            if may_hold_secret("\x00".join(v for v in row if isinstance(v, str)))
            else row
            for row in rows
        ]
    _insert_indexed(inventory._conn, index, table, list(CHILD_TABLES[table][1]), rows)

"""Rows given as columns go in exactly as the same rows given one by one (order, rowids, values)."""

from __future__ import annotations

import sqlite3

import pytest

from onemap.store.manyrows import insert_columns, insert_rows


def _table(rows_or_columns: str, count: int, slab: int) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, a, b, c)")
    a = list(range(count))
    b = [f"名{k}" if k % 7 else None for k in range(count)]
    c = [bytes([k % 256]) * (k % 5) for k in range(count)]
    if rows_or_columns == "rows":
        written = insert_rows(conn, "t", ("a", "b", "c"), zip(a, b, c, strict=True))
    else:
        written = insert_columns(conn, "t", ("a", "b", "c"), [a, b, c], slab=slab)
    assert written == count
    found = conn.execute("SELECT id, a, b, c FROM t ORDER BY id").fetchall()
    found += conn.execute("SELECT name, seq, 0, 0 FROM sqlite_sequence").fetchall()
    return found


@pytest.mark.parametrize(("count", "slab"), [(0, 10), (1, 10), (63, 10), (64, 64), (1000, 100), (1001, 65_536)])
def test_rows_given_as_columns_are_written_as_the_same_rows_given_one_by_one(count: int, slab: int) -> None:
    assert _table("columns", count, slab) == _table("rows", count, slab)

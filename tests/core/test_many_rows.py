"""Many rows per INSERT statement store exactly what one statement per row stores.

:func:`~onemap.store.manyrows.insert_rows` is what bulk loads (demo blocks, R-tree
entries, sensors) write through; the rows, their fids and the AUTOINCREMENT sequence must
come out as ``executemany`` of one row per statement leaves them, whatever the count.
:func:`~onemap.store.blockwrites.credential_free` cleans each distinct text once and must
still clean every copy of it.
"""

from __future__ import annotations

import sqlite3

import pytest

from onemap.store.blockwrites import credential_free
from onemap.store.manyrows import MAX_VALUES, ROWS_PER_STATEMENT, insert_rows

TABLE = "CREATE TABLE t (fid INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, n INTEGER, x REAL, b BLOB)"


def _rows(count: int) -> list[tuple[object, ...]]:
    return [(f"名{k}", k if k % 7 else None, k / 3, bytes([k % 256]) * (k % 5)) for k in range(count)]


def _stored(conn: sqlite3.Connection) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    return conn.execute("SELECT * FROM t ORDER BY fid").fetchall(), conn.execute(
        "SELECT * FROM sqlite_sequence"
    ).fetchall()


@pytest.mark.parametrize("count", [0, 1, ROWS_PER_STATEMENT - 1, ROWS_PER_STATEMENT, 3 * ROWS_PER_STATEMENT + 5])
def test_rows_fids_and_sequence_are_what_one_statement_per_row_gives(count: int) -> None:
    one, many = sqlite3.connect(":memory:"), sqlite3.connect(":memory:")
    for conn in (one, many):
        conn.execute(TABLE)
        conn.execute("INSERT INTO t (name) VALUES ('已有')")
    one.executemany("INSERT INTO t (name, n, x, b) VALUES (?, ?, ?, ?)", _rows(count))
    assert insert_rows(many, "t", ("name", "n", "x", "b"), iter(_rows(count))) == count
    assert _stored(many) == _stored(one)
    assert len(_stored(many)[0]) == count + 1


def test_a_row_wider_than_a_statement_holds_goes_in_one_per_statement() -> None:
    width = MAX_VALUES // 2 + 1  # two rows would pass the bound-value limit
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE TABLE w ({', '.join(f'c{k}' for k in range(width))})")
    rows = [tuple(range(r, r + width)) for r in range(3)]
    assert insert_rows(conn, "w", [f"c{k}" for k in range(width)], rows) == 3
    assert conn.execute("SELECT * FROM w ORDER BY rowid").fetchall() == rows


def test_insert_or_replace_replaces_as_the_r_tree_triggers_do() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE r USING rtree(id, minx, maxx, miny, maxy)")
    rows = [(1, 0.0, 1.0, 0.0, 1.0), (2, 2.0, 3.0, 2.0, 3.0), (1, 5.0, 6.0, 5.0, 6.0)]
    insert_rows(conn, "r", ("id", "minx", "maxx", "miny", "maxy"), rows, verb="INSERT OR REPLACE")
    assert conn.execute("SELECT * FROM r ORDER BY id").fetchall() == [rows[2], rows[1]]


def test_every_copy_of_a_repeated_secret_is_cleaned_and_other_values_stay() -> None:
    secret = "东门 password=abc123"
    column = [secret, "社区书记", None, secret, "community_secretary", secret]
    assert credential_free("cameras", "name", column) == [
        "东门",
        "社区书记",
        None,
        "东门",
        "community_secretary",
        "东门",
    ]
    mixed = [secret, 3, None, secret]
    assert credential_free("estates", "notes", mixed) == ["东门", 3, None, "东门"]
    plain = ["勉阳街道", "勉阳街道", None]
    assert credential_free("estates", "township", plain) is plain

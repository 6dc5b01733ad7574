"""Many rows into one table, many rows per ``INSERT`` statement.

``executemany`` with one row per statement binds, steps and resets a statement for every
row, which for narrow rows costs about as much again as SQLite's own insert work.
:func:`insert_rows` sends :data:`ROWS_PER_STATEMENT` rows per statement
(``INSERT … VALUES (…), (…), …``), in the order given: the rows, their rowids and
AUTOINCREMENT sequences come out exactly as one statement per row leaves them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice
from typing import Any

#: rows per statement: past about 50 the saving flattens out
ROWS_PER_STATEMENT = 64
#: bound values per statement, never more than the 999 of SQLite builds before 3.32
MAX_VALUES = 999


def insert_rows(
    conn: sqlite3.Connection, table: str, names: Sequence[str], rows: Iterable[Sequence[Any]], *, verb: str = "INSERT"
) -> int:
    """Insert ``rows`` (each a value per name) into ``table`` in their order; returns how many.

    ``verb`` may be ``"INSERT OR REPLACE"`` (what the R-tree triggers use).
    """
    width = len(names)
    per = max(1, min(ROWS_PER_STATEMENT, MAX_VALUES // width))
    quoted = ", ".join(f'"{name}"' for name in names)
    head = f'{verb} INTO "{table}" ({quoted}) VALUES '
    one = f"({', '.join('?' * width)})"
    values = chain.from_iterable(rows)
    left: list[Any] = []
    full = 0

    def chunks() -> Iterator[list[Any]]:
        nonlocal full
        while len(chunk := list(islice(values, per * width))) == per * width:
            full += 1
            yield chunk
        left.extend(chunk)

    conn.executemany(head + ", ".join([one] * per), chunks())
    if left:
        conn.execute(head + ", ".join([one] * (len(left) // width)), left)
    return full * per + len(left) // width

"""Rows written by a helper process into a scratch SQLite file, copied in with one ``INSERT … SELECT``.

Binding rows through Python costs the writer most of a bulk load (a national demo's eight
million child rows); SQLite copying rows from an attached file costs about a third of it.
A helper process writes the rows of whole :class:`~onemap.store.blocks.EstateBlock` s into a
scratch file (:func:`write_scratch`: each text column checked for credentials there, as
:func:`~onemap.store.blockwrites.write_block` checks it), and the writer copies each table
with fids continuing its own (:func:`copy_scratch`), indexing the rows from the envelopes
the helper sends back.  The rows, their fids and the R-tree entries are those
:func:`~onemap.store.blockwrites.write_block` writes for the same blocks.

An attached file stays attached until the writer's transaction ends (SQLite will not
detach a file read in an open transaction): a bulk load attaches at most
:data:`MOST_ATTACHED` of them, and :func:`detach_all` lets go of them after the commit.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from onemap.cameras.secrets import may_hold_secret
from onemap.store.blocks import EstateBlock
from onemap.store.blockwrites import credential_free, next_fid
from onemap.store.bulkindex import BulkIndex
from onemap.store.manyrows import insert_columns

#: scratch files of estates a bulk load attaches (SQLite's default limit is 10: left are the
#: demo's sensors and facilities, and one spare)
MOST_ATTACHED = 7
#: the schema name every scratch file is attached under starts with this
_ALIAS = "onemap_scratch_"


@dataclass
class ScratchTable:
    """One table of a scratch file: its rows (rowid order), attribute columns and envelopes (or None)."""

    name: str
    count: int
    columns: tuple[str, ...]
    envelopes: np.ndarray | None = None


@dataclass
class ScratchBlock:
    """What :func:`write_scratch` wrote: the file, how many estates, and each table (``estates`` first)."""

    path: Path
    estates: int = 0
    tables: list[ScratchTable] = field(default_factory=list)

    def __len__(self) -> int:
        return self.estates

    def table(self, name: str) -> ScratchTable:
        """The table called ``name`` (none written: an empty one)."""
        return next((t for t in self.tables if t.name == name), ScratchTable(name, 0, ()))


def scratch_connection(path: Path) -> sqlite3.Connection:
    """A new scratch file (replacing any at ``path``): no journal, no syncing; it is thrown away after."""
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    return conn


def write_scratch(path: Path, blocks: Iterable[EstateBlock]) -> ScratchBlock:
    """Write ``blocks`` (in order) into a new scratch file at ``path``, table by table.

    Every block must hold the same tables with the same columns (one generator's blocks).
    """
    written = ScratchBlock(Path(path))
    found: dict[str, ScratchTable] = {}
    boxes: dict[str, list[np.ndarray]] = {}
    conn = scratch_connection(written.path)
    try:
        conn.execute("BEGIN")
        for block in blocks:
            written.estates += len(block)
            for table, rows in block.tables.items():
                if not len(rows):
                    continue
                columns = {name: credential_free(table, name, values) for name, values in rows.columns.items()}
                names = (*columns, *(("geom",) if rows.geometry is not None else ()))
                values = [*columns.values(), *((rows.geometry.blobs,) if rows.geometry is not None else ())]
                entry = found.get(table)
                if entry is None:
                    conn.execute(f'CREATE TABLE "{table}" ({", ".join(f"{_q(n)}" for n in names)})')
                    entry = found[table] = ScratchTable(table, 0, tuple(columns))
                    boxes[table] = []
                elif entry.columns != tuple(columns) or (rows.geometry is not None) != bool(boxes[table]):
                    raise ValueError(f"blocks differ in the columns of {table!r}")
                insert_columns(conn, table, names, values)
                entry.count += len(rows)
                if rows.geometry is not None:
                    boxes[table].append(rows.geometry.envelopes)
        conn.execute("COMMIT")
    finally:
        conn.close()
    for table, entry in found.items():
        entry.envelopes = np.concatenate(boxes[table]) if boxes[table] else None
        written.tables.append(entry)
    return written


def attach(conn: sqlite3.Connection, path: Path) -> str:
    """Attach a scratch file under a schema name of its own; returns the name."""
    taken = {row[1] for row in conn.execute("PRAGMA database_list")}
    alias = next(f"{_ALIAS}{k}" for k in range(len(taken) + 1) if f"{_ALIAS}{k}" not in taken)
    conn.execute(f'ATTACH DATABASE ? AS "{alias}"', (str(path),))
    return alias


def copy_scratch(conn: sqlite3.Connection, block: ScratchBlock, index: BulkIndex, now: str) -> int:
    """Copy every table of ``block`` into the inventory (estates get ``updated_at = now``); returns the estates.

    Each table's rows keep their order and get the fids SQLite would give them next; their
    R-tree entries go to ``index`` from the envelopes the helper measured.
    """
    alias = attach(conn, block.path)
    for table in block.tables:
        first = next_fid(conn, table.name)
        names = [*table.columns, *(("geom",) if table.envelopes is not None else ())]
        listed = ", ".join(_q(n) for n in names)
        stamped = table.name == "estates"
        into, taken = (f'{listed}, "updated_at"', f"{listed}, ?") if stamped else (listed, listed)
        sql = (
            f'INSERT INTO main."{table.name}" ("fid", {into}) '
            f'SELECT rowid + ?, {taken} FROM "{alias}"."{table.name}" ORDER BY rowid'
        )
        copied = conn.execute(sql, (first - 1, now) if stamped else (first - 1,)).rowcount
        if copied != table.count:
            raise ValueError(f"{table.name}: {copied} rows copied of {table.count}")
        if table.envelopes is not None:
            index.add(table.name, first, table.envelopes)
    return block.estates


def copy_beside_estates(conn: sqlite3.Connection, block: ScratchBlock, first: int, now: str) -> int | None:
    """Copy the facilities of ``block``, each named after its estate and standing in its township.

    ``block`` holds ``facilities`` rows (``estate_code``: the estate a row stands beside, not
    stored; ``kind_no``: a row of ``facility_kinds``, from 1; the geometry) and
    ``facility_kinds``: a ``suffix`` (a row's name is its estate's name followed by it) and
    the columns stored as they are.  Rows get fids from ``first`` and ``updated_at = now``;
    returns how many (every row's estate must exist), or None, copying nothing, when a
    name, township or suffix might hold a credential (the caller then writes the rows
    through Python, cleaning each value).
    """
    rows, kinds = block.table("facilities"), block.table("facility_kinds")
    if not rows.count:
        return 0
    alias = attach(conn, block.path)
    texts = conn.execute(
        f'SELECT group_concat("text", char(10)) FROM (SELECT "suffix" AS "text" FROM "{alias}"."facility_kinds"'
        ' UNION SELECT "name" FROM main."estates" UNION SELECT "township" FROM main."estates")'
    ).fetchone()[0]
    if may_hold_secret(texts or ""):
        return None
    kept = [_q(n) for n in kinds.columns if n != "suffix"]
    # rows come type by type, their estates at random: looked up in the estates table, each is a
    # page read (220,000 estates: 70 MB of pages for two million lookups); a table of just the
    # names, keyed by code, is read once and a few MB
    conn.execute('CREATE TEMP TABLE "onemap_beside" ("code" TEXT PRIMARY KEY, "name", "township") WITHOUT ROWID')
    try:
        conn.execute('INSERT INTO temp."onemap_beside" SELECT "code", "name", "township" FROM main."estates"')
        sql = (
            f'INSERT INTO main."facilities" ("fid", "name", "township", {", ".join(kept)}, "updated_at", "geom") '
            f'SELECT s.rowid + ?, e."name" || k."suffix", e."township", {", ".join("k." + n for n in kept)}, ?, '
            f's."geom" FROM "{alias}"."facilities" AS s JOIN "{alias}"."facility_kinds" AS k ON k.rowid = s."kind_no" '
            'JOIN temp."onemap_beside" AS e ON e."code" = s."estate_code" ORDER BY s.rowid'
        )
        copied = conn.execute(sql, (first - 1, now)).rowcount
    finally:
        conn.execute('DROP TABLE temp."onemap_beside"')
    if copied != rows.count:
        raise ValueError(f"facilities: {copied} rows copied of {rows.count}")
    return copied


def detach_all(conn: sqlite3.Connection) -> None:
    """Let go of every attached scratch file (outside a transaction: after the commit or the rollback)."""
    for _seq, name, _file in conn.execute("PRAGMA database_list").fetchall():
        if name.startswith(_ALIAS):
            conn.execute(f'DETACH DATABASE "{name}"')


def _q(name: str) -> str:
    return f'"{name}"'

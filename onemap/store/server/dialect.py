"""A GeoPackage migration (``db/migrations/NNNN_*.sql``, SQLite) said in PostgreSQL + PostGIS.

The migration runs statement by statement on a scratch file at the server's schema; after each
statement the scratch's tables are compared with what they were, and the difference is written
the server's way (:mod:`onemap.store.server.schema` types, row versions, audit triggers and
row-level security for a new table, a GiST index for a new geometry column).  So ``CREATE TABLE``
and ``ALTER TABLE … ADD COLUMN`` need no SQL translation at all, and the SQLite table rebuild
(create, copy, drop, rename) comes out right too.  Renames and row changes (``INSERT``, ``UPDATE``,
``DELETE``) run as written, with SQLite's few functions of another name renamed; triggers, views
and the GeoPackage's own tables are the file's business and stay behind.
"""

from __future__ import annotations

import re
import sqlite3

from psycopg import sql

from onemap.store import gpkg
from onemap.store.server import schema, security, triggers
from onemap.store.server.schema import Table

_RENAME = re.compile(r"^ALTER\s+TABLE\s+\S+\s+RENAME\b", re.IGNORECASE)
_DATA = re.compile(r'^(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
_SCHEMA = re.compile(r"^(CREATE|DROP|ALTER)\s+(TABLE|INDEX|UNIQUE\s+INDEX)\b", re.IGNORECASE)
#: SQLite spellings PostgreSQL knows by another name
_FUNCTIONS = (
    (re.compile(r"\bIFNULL\s*\(", re.IGNORECASE), "coalesce("),
    (
        re.compile(r"strftime\(\s*'%Y-%m-%dT%H:%M:%fZ'\s*,\s*'now'\s*\)", re.IGNORECASE),
        "to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')",
    ),
)
#: what the server runs: plain text, or composed with quoted names
Statement = str | sql.Composed


def _bare(statement: str) -> str:
    """The statement without its leading comment lines."""
    lines = statement.strip().splitlines()
    while lines and (not lines[0].strip() or lines[0].strip().startswith("--")):
        lines.pop(0)
    return "\n".join(lines).strip().rstrip(";")


def served(conn: sqlite3.Connection) -> dict[str, Table]:
    """The scratch file's tables the server holds, by name."""
    return {t.name: t for t in schema.file_tables(conn)}


def translate(scratch: sqlite3.Connection, script: str) -> list[Statement]:
    """Run a migration's SQL on the scratch file and return the server's statements for it."""
    before = served(scratch)
    out: list[Statement] = []
    for raw in gpkg.split_statements(script):
        statement = _bare(raw)
        scratch.execute(raw)
        after = served(scratch)
        if _RENAME.match(statement):
            out.append(statement)  # the same words in both dialects; the diff would see a drop and an add
        elif (data := _DATA.match(statement)) is not None:
            if data.group(1) in after:
                out.append(_postgres_functions(statement))
        elif _SCHEMA.match(statement):
            out += difference(before, after)
        before = after
    return out


def data_target(statement: Statement) -> str | None:
    """The table a row-changing statement (``INSERT``/``UPDATE``/``DELETE``) writes, else ``None``."""
    found = _DATA.match(statement) if isinstance(statement, str) else None
    return None if found is None else found.group(1)


def _postgres_functions(statement: str) -> str:
    for pattern, replacement in _FUNCTIONS:
        statement = pattern.sub(replacement, statement)
    return statement


def difference(before: dict[str, Table], after: dict[str, Table]) -> list[Statement]:
    """The server statements that take its tables from ``before`` to ``after``."""
    out: list[Statement] = []
    for name in before.keys() - after.keys():
        out.append(f'DROP TABLE IF EXISTS "{name}"')
    for name, table in after.items():
        if name not in before:
            out += _new_table(table)
        else:
            out += _changed_table(before[name], table)
    return out


def _new_table(table: Table) -> list[Statement]:
    statements: list[Statement] = [*schema.create_statements(table), *schema.index_statements(table)]
    statements += triggers.table_triggers(table)
    return statements + security.table_policies(table)


def _changed_table(old: Table, new: Table) -> list[str]:
    name = f'"{new.name}"'
    had = {c.name for c in old.columns}
    has = {c.name for c in new.columns}
    out = [f'ALTER TABLE {name} DROP COLUMN IF EXISTS "{c}"' for c in sorted(had - has)]
    for column in new.columns:
        if column.name in had:
            continue
        out.append(f"ALTER TABLE {name} ADD COLUMN {schema.column_definition(column)}")
        if column.is_geometry:
            out.append(
                f'CREATE INDEX IF NOT EXISTS "{new.name}_{column.name}_gist" ON {name} USING gist ("{column.name}")'
            )
        elif column.name in schema.INDEXED:
            out.append(f'CREATE INDEX IF NOT EXISTS "{new.name}_{column.name}" ON {name} ("{column.name}")')
    for child, parent, parent_column in set(new.references) - set(old.references):
        out.append(
            f'ALTER TABLE {name} ADD FOREIGN KEY ("{child}") REFERENCES "{parent}" ("{parent_column}") '
            "ON UPDATE CASCADE ON DELETE CASCADE"
        )
    old_indexes = {i[0]: i for i in old.indexes}
    new_indexes = {i[0]: i for i in new.indexes}
    out += [f'DROP INDEX IF EXISTS "{i}"' for i in sorted(old_indexes.keys() - new_indexes.keys())]
    added = tuple(i for n, i in new_indexes.items() if n not in old_indexes)
    return out + schema.file_index_statements(Table(new.name, new.columns, new.references, added))

"""Schema migrations: ``db/schema.sql`` once, then ``db/migrations/NNNN_name.sql`` in order.

Each migration runs in its own transaction and is recorded in ``onemap_migrations`` with
the time it ran.  After each one, tables it created are registered as GeoPackage
contents (features get an R-tree) and the Chinese column aliases are rewritten; a
migration that needs Python as well (0003: GeoPackage 1.2 triggers, QGIS styles) has a
hook in :data:`HOOKS`, run in the same transaction.  Once a file has QGIS's
``layer_styles`` table, OneMap's default styles are rewritten after every migration.
A new file takes the schema and every migration in one transaction and writes the styles
and audit triggers once at the end: they follow from the final columns alone, and
rewriting them after each step cost most of a new inventory's 0.3 s.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from onemap.paths import data_path
from onemap.store import gpkg, qgis_style, triggers

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    """One numbered SQL file in ``db/migrations``."""

    number: int
    name: str
    path: Path


def available() -> list[Migration]:
    """Every migration shipped with this OneMap, in order."""
    folder = data_path("db", "migrations")
    found = [Migration(int(m.group(1)), p.stem, p) for p in folder.iterdir() if (m := _NAME.match(p.name))]
    return sorted(found, key=lambda m: m.number)


def applied(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations this file has recorded, in the order they ran."""
    return [row[0] for row in conn.execute("SELECT name FROM onemap_migrations ORDER BY name")]


def pending(conn: sqlite3.Connection) -> list[Migration]:
    """Migrations this file has not had yet."""
    done = set(applied(conn))
    return [m for m in available() if m.name not in done]


def unknown(conn: sqlite3.Connection) -> list[str]:
    """Migrations recorded in the file that this OneMap does not know (a newer OneMap made it)."""
    known = {m.name for m in available()}
    return [name for name in applied(conn) if name not in known]


def create_schema(conn: sqlite3.Connection, upto: int | None = None) -> list[str]:
    """Lay out a new inventory in an empty database and migrate it to ``upto`` (default: latest)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        gpkg.stamp_header(conn)
        for statement in gpkg.split_statements(data_path("db", "schema.sql").read_text("utf-8")):
            conn.execute(statement)
        gpkg.insert_spatial_reference_systems(conn)
        done = [_run(conn, m) for m in pending(conn) if upto is None or m.number <= upto]
        _follow_columns(conn)  # once for the new file: the same styles and triggers as after each step
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return done


def migrate(conn: sqlite3.Connection, upto: int | None = None) -> list[str]:
    """Apply pending migrations (up to number ``upto``); return the names applied."""
    done = []
    for migration in pending(conn):
        if upto is not None and migration.number > upto:
            break
        _apply(conn, migration)
        done.append(migration.name)
    return done


def _apply(conn: sqlite3.Connection, migration: Migration) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        if triggers.installed(conn):  # a migration's own row changes are OneMap's, not another program's
            triggers.mark_onemap(conn, "OneMap 升级")
        _run(conn, migration)
        _follow_columns(conn)
        if triggers.installed(conn):
            triggers.unmark_onemap(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _run(conn: sqlite3.Connection, migration: Migration) -> str:
    """One migration's SQL, registrations and hook, recorded as applied (inside the caller's transaction)."""
    for statement in gpkg.split_statements(migration.path.read_text("utf-8")):
        conn.execute(statement)
    gpkg.register_new_tables(conn)
    gpkg.write_data_columns(conn)
    if migration.name in HOOKS:
        HOOKS[migration.name](conn)
    conn.execute(
        "INSERT INTO onemap_migrations VALUES (?, ?)",
        (migration.name, datetime.now(UTC).isoformat(timespec="seconds")),
    )
    return migration.name


def _follow_columns(conn: sqlite3.Connection) -> None:
    qgis_style.write_layer_styles(conn)  # styles follow every new table and column
    triggers.refresh(conn)  # audit triggers follow the columns every migration leaves


def _geopackage_1_2(conn: sqlite3.Connection) -> None:
    gpkg.use_geopackage_1_2(conn)
    gpkg.register_layer_styles(conn)


#: what a migration does beyond its SQL, in its transaction, after the new tables are registered
HOOKS: dict[str, Callable[[sqlite3.Connection], None]] = {
    "0003_geopackage_1_2": _geopackage_1_2,
}

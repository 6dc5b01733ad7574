"""The server's schema version, and ``onemap server upgrade``: the file's numbered migrations, on PostGIS.

The server records the migrations it has had in ``onemap_migrations``, by the same names as a
file does (``0008_checkup_surveys``).  A OneMap refuses a server that lacks one of its migrations
(an administrator upgrades it first) or has one it does not know (a newer OneMap upgraded it).
The upgrade builds a scratch file at the server's schema, and has each pending migration said in
PostgreSQL by :mod:`onemap.store.server.dialect`; everything runs in one transaction, so a refused
statement leaves the server as it was.  Only the login owning the tables (the one that ran
``server init``, or a superuser) may change them.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from onemap.store.server import dialect, security, triggers
from onemap.store.server.connect import connect, display_name, has_table
from onemap.store.server.errors import ServerError


def known(folder: Path | None = None) -> list[Any]:
    """The migrations this OneMap ships (or those in ``folder``: for tests), in order."""
    from onemap.store.migrations import _NAME, Migration, available

    if folder is None:
        return available()
    found = [Migration(int(m.group(1)), p.stem, p) for p in folder.iterdir() if (m := _NAME.match(p.name))]
    return sorted(found, key=lambda m: m.number)


def server_migrations(conn: Any) -> list[str]:
    """Names of the migrations the server has had."""
    return [row[0] for row in conn.execute("SELECT name FROM onemap_migrations ORDER BY name")]


def check_version(conn: Any, url: str, folder: Path | None = None) -> None:
    """Refuse a server whose schema is older or newer than this OneMap's.

    Raises
    ------
    ServerError
        ``server_newer`` (a newer OneMap upgraded it: update OneMap), ``server_older`` (run
        ``onemap server upgrade``).
    """
    done = server_migrations(conn)
    names = [m.name for m in known(folder)]
    if unknown := [n for n in done if n not in names]:
        raise ServerError("server_newer", where=display_name(url), detail=", ".join(unknown))
    if missing := [n for n in names if n not in done]:
        raise ServerError("server_older", where=display_name(url), detail=", ".join(missing))


def upgrade_server(url: str, folder: Path | None = None) -> list[str]:
    """Apply every migration the server has not had, in one transaction; the names applied.

    Parameters
    ----------
    url : str
        ``postgresql://owner@host:port/db``: the login that owns the inventory's tables.
    folder : Path, optional
        Where the migrations are (default: those shipped with this OneMap).

    Raises
    ------
    ServerError
        ``not_initialised``, ``upgrade_not_owner``, ``server_newer``, ``upgrade_failed`` (naming
        the migration and the database's words; nothing was changed).
    """
    with connect(url) as conn:
        if not has_table(conn, "estates"):
            raise ServerError("not_initialised", where=display_name(url))
        _must_own(conn, url)
        conn.execute("LOCK TABLE onemap_migrations IN EXCLUSIVE MODE")  # two upgrades at once: one waits
        done = server_migrations(conn)
        migrations = known(folder)
        if unknown := sorted(set(done) - {m.name for m in migrations}):
            raise ServerError("server_newer", where=display_name(url), detail=", ".join(unknown))
        pending = [m for m in migrations if m.name not in done]
        conn.execute(security.FUNCTIONS)  # first: a new table's policy may call a function this OneMap added
        if pending:
            _apply_all(conn, pending, max((m.number for m in migrations if m.name in done), default=0), url)
        conn.execute(triggers.FUNCTIONS)  # this OneMap's trigger and permission functions
        conn.execute(security.FUNCTIONS)
        # an older OneMap's write policies too (stand-alone facilities were the administrator's alone)
        security.refresh_policies(conn)
    return [m.name for m in pending]


def _apply_all(conn: Any, pending: list[Any], at: int, url: str) -> None:
    """Apply the pending migrations, said in PostgreSQL against a scratch file at the server's schema ``at``."""
    with tempfile.TemporaryDirectory(prefix="onemap-upgrade-") as scratch_folder:
        scratch = _scratch_at(Path(scratch_folder), at)
        try:
            for migration in pending:
                _apply(conn, scratch, migration, url)
        finally:
            scratch.close()


def _must_own(conn: Any, url: str) -> None:
    row = conn.execute(
        "SELECT pg_has_role(current_user, tableowner, 'USAGE'), current_user FROM pg_tables "
        "WHERE schemaname = 'public' AND tablename = 'estates'"
    ).fetchone()
    if not row[0]:
        raise ServerError("upgrade_not_owner", where=display_name(url), who=row[1])


def _scratch_at(folder: Path, number: int) -> sqlite3.Connection:
    """A scratch inventory file at schema ``number`` (the server's), opened bare."""
    from onemap.store.files import connect as connect_file
    from onemap.store.inventory import Inventory

    path = folder / "schema.gpkg"
    Inventory.create(path, upto=number).close()
    conn = connect_file(path, readonly=False)  # with the ST_* functions the file's triggers call
    conn.execute("BEGIN")  # never committed: the scratch only tells the tables
    return conn


def _apply(conn: Any, scratch: sqlite3.Connection, migration: Any, url: str) -> None:
    from onemap.store.audit import timestamp

    statement: Any = None
    touched: set[str] = set()
    try:
        for statement in dialect.translate(scratch, migration.path.read_text("utf-8")):
            if (table := dialect.data_target(statement)) is None:
                conn.execute(statement)
                continue
            # as in the file, a migration's own row changes are one "bulk" entry, not one per field and row
            audited = has_trigger(conn, table, "onemap_audit")
            if audited:
                conn.execute(sql.SQL("ALTER TABLE {} DISABLE TRIGGER onemap_audit").format(sql.Identifier(table)))
            conn.execute(statement)
            if audited:
                conn.execute(sql.SQL("ALTER TABLE {} ENABLE TRIGGER onemap_audit").format(sql.Identifier(table)))
            touched.add(table)
    except (psycopg.Error, sqlite3.Error) as error:
        shown = statement if isinstance(statement, str) else type(error).__name__
        detail = f"{str(error).strip().splitlines()[0]} — {shown[:160]}"
        raise ServerError("upgrade_failed", where=display_name(url), migration=migration.name, detail=detail) from None
    now = timestamp()
    for table in sorted(touched):
        conn.execute(
            "INSERT INTO audit_log (at, who, action, table_name, row_key, field, old_value, new_value) "
            "VALUES (%s, current_user, 'bulk', %s, NULL, NULL, NULL, %s)",
            (now, table, f"OneMap 升级 {migration.name}"),
        )
        conn.execute(sql.SQL("ANALYZE {}").format(sql.Identifier(table)))  # its rows changed: fresh statistics
    conn.execute("INSERT INTO onemap_migrations (name, applied_at) VALUES (%s, %s)", (migration.name, now))


def has_trigger(conn: Any, table: str, name: str) -> bool:
    """Whether the table has that trigger."""
    found = conn.execute(
        "SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relname = %s AND t.tgname = %s",
        (table, name),
    ).fetchone()
    return found is not None

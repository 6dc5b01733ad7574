"""``onemap server init``: the schema, roles and policies in an empty database, and a file loaded into it.

Everything happens in one transaction: a failed init leaves the database as it was.  Order matters
for speed: tables, then the rows (``COPY``), then indexes, triggers and policies.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from onemap.store.audit import timestamp
from onemap.store.server import load, schema, security, triggers
from onemap.store.server.connect import connect, display_name, has_table
from onemap.store.server.errors import ServerError


def init_server(
    url: str,
    counties: Sequence[str],
    source: Path | None = None,
    progress: load.Progress | None = None,
    upto: int | None = None,
) -> dict[str, Any]:
    """Create the inventory in the (PostGIS-enabled) database at ``url``; returns what was loaded.

    Parameters
    ----------
    url : str
        ``postgresql://login@host:port/db``; the login must own the database (or be its superuser).
    counties : sequence of str
        The six-digit county codes this inventory serves.
    source : Path, optional
        An inventory file to load (read only, never changed).
    progress : callable, optional
        Told (fraction, table) as the load goes.
    upto : int, optional
        Stop at this schema number (what an older OneMap made: for tests of ``server upgrade``).

    Raises
    ------
    ServerError
        ``already_initialised`` when the database has estates already; ``unreachable`` and the like.
    """
    tables = schema.current_tables(upto)
    with connect(url) as conn:
        if has_table(conn, "estates"):
            raise ServerError("already_initialised", where=display_name(url))
        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        for table in tables:
            for statement in schema.create_statements(table):
                conn.execute(statement)
        counts = load.load_file(source, conn, tables, progress) if source is not None else {}
        for table in tables:
            for statement in schema.index_statements(table):
                conn.execute(statement)
        conn.execute(triggers.FUNCTIONS)
        conn.execute(security.FUNCTIONS)
        for table in tables:
            for trigger in triggers.table_triggers(table):
                conn.execute(trigger)
        for statement in security.policies(tables):
            conn.execute(statement)
        _bookkeeping(conn, counties, source, counts, upto)
    with connect(url, autocommit=True) as conn:
        conn.execute("ANALYZE")
    return {"server": display_name(url), "counties": list(counties), "loaded": counts}


def _bookkeeping(
    conn: Any, counties: Sequence[str], source: Path | None, counts: dict[str, int], upto: int | None
) -> None:
    from onemap.store.migrations import available

    now = timestamp()
    done = [m.name for m in available() if upto is None or m.number <= upto]
    with conn.cursor() as cur:  # the server's schema version: the same names as a file's
        cur.executemany("INSERT INTO onemap_migrations (name, applied_at) VALUES (%s, %s)", [(n, now) for n in done])
    meta = {"server_counties": ",".join(counties), "server_created_at": now}
    if len(counties) == 1 and not counts.get("onemap_meta"):
        meta["county_code"] = counties[0]
    # plain DELETE + INSERT: no upsert anywhere in OneMap's SQL (tests/core/test_rtree.py keeps it so)
    conn.execute("DELETE FROM onemap_meta WHERE key = ANY(%s)", (list(meta),))
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO onemap_meta (key, value) VALUES (%s, %s)", list(meta.items()))
    if source is not None:
        conn.execute(
            "INSERT INTO audit_log (at, who, action, table_name, row_key, field, old_value, new_value) "
            "VALUES (%s, current_user, 'bulk', 'estates', NULL, NULL, NULL, %s)",
            (now, f"载入 {source.name}：{counts.get('estates', 0)} 个小区"),
        )


def grant_login(url: str, login: str, role: str, county: str | None, township: str | None) -> None:
    """``onemap server grant``: give an existing login its OneMap role (see :func:`security.grant`)."""
    with connect(url) as conn:
        if not has_table(conn, "onemap_grants"):
            raise ServerError("not_initialised", where=display_name(url))
        security.grant(conn, login, role, county, township)

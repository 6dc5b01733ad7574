"""Audit triggers: every write by any program (QGIS, ArcGIS, ogr2ogr, ``sqlite3``) lands in ``audit_log``.

OneMap writes its own, richer audit rows in Python.  Every other client gets these
SQLite triggers, which fire for every connection.  OneMap marks its own transactions
with a row in ``onemap_writer`` (filled after ``BEGIN``, emptied before ``COMMIT``, so
no other connection ever sees it); the triggers stay silent while that row exists.

The triggers use only core SQL (no ``ST_*``, no JSON functions), so a client without
OneMap's functions can still write: a missing function would make its write fail.
Geometry is recorded as :data:`GEOMETRY_PREFIX` + the hex of the GeoPackage blob;
:func:`readable` turns it back into WKT for the history.  One row per changed field,
``who`` = :data:`OUTSIDE` ("outside OneMap").  An update sets ``estates.updated_at``;
that second update changes no audited column, so it stops there even with
``recursive_triggers`` on.
"""

from __future__ import annotations

import sqlite3

from shapely.errors import ShapelyError

from onemap.store.geometry import decode

#: the ``who`` of a change made by a program other than OneMap
OUTSIDE = "外部程序"
OUTSIDE_EN = "outside OneMap"
#: how a trigger writes a geometry into ``audit_log`` (the hex of the blob follows)
GEOMETRY_PREFIX = "GPKG:"
MARKER_TABLE = "onemap_writer"

#: audited table -> SQL for the row key, over NEW or OLD (``{r}``)
AUDITED: dict[str, str] = {
    "estates": "{r}.code",
    "estate_areas": "{r}.estate_code || '/' || {r}.fid",
    "buildings": "{r}.estate_code || '/' || {r}.fid",
    "cameras": "{r}.estate_code || '/' || {r}.fid",
    "contacts": "{r}.estate_code || '/' || {r}.fid",
    "funding": "{r}.estate_code || '/' || {r}.fid",
    "renovation_items": "{r}.estate_code || '/' || {r}.fid",
    "issues": "{r}.estate_code || '/' || {r}.fid",
    "photos": "{r}.estate_code || '/' || {r}.fid",
    "facilities": "COALESCE({r}.estate_code || '/', 'facilities/') || {r}.fid",
    "admin_areas": "{r}.code",
    "sensors": "{r}.estate_code || '/' || {r}.fid",
    # alerts come and go without touching the estate's updated_at: no estate_code in the key
    "alerts": "'alerts/' || {r}.fid",
    "alert_steps": "'alerts/' || {r}.alert_id",
    "alert_pictures": "'alerts/' || {r}.alert_id",
    "dispatch_sends": "'alerts/' || {r}.alert_id",
    "checkup_findings": "{r}.estate_code || '/' || {r}.fid",
    "renewal_readiness": "{r}.estate_code || '/' || {r}.fid",
    "district_members": "{r}.estate_code || '/' || {r}.fid",
}
_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')"
_SILENT = f"NOT EXISTS (SELECT 1 FROM {MARKER_TABLE})"
_NOT_AUDITED = {"fid", "updated_at"}


def installed(conn: sqlite3.Connection) -> bool:
    """Whether the file has the marker table (migration 0004), so the triggers belong in it."""
    return (
        conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (MARKER_TABLE,)).fetchone()
        is not None
    )


def mark_onemap(conn: sqlite3.Connection, who: str) -> None:
    """Silence the triggers for this transaction (OneMap audits it itself).

    A stray row some other program committed is cleared too, so it cannot silence them
    for good.
    """
    conn.execute(f"DELETE FROM {MARKER_TABLE}")
    conn.execute(f"INSERT INTO {MARKER_TABLE} (who, since) VALUES (?, {_NOW})", (who,))


def unmark_onemap(conn: sqlite3.Connection) -> None:
    """Empty the marker before ``COMMIT``: no other connection ever sees it."""
    conn.execute(f"DELETE FROM {MARKER_TABLE}")


def refresh(conn: sqlite3.Connection) -> None:
    """(Re)create the audit triggers from the tables' columns now (run after each migration)."""
    if not installed(conn):
        return
    for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='trigger' AND name LIKE 'onemap_audit_%'"
    ).fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')
    for table in AUDITED:
        columns = _columns(conn, table)
        if columns:
            for statement in trigger_sql(table, columns):
                conn.execute(statement)


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, bool | str]]:
    """``(column, is_geometry)`` of an audited table (empty when the table does not exist);
    a BLOB column (a picture, a raw payload) is marked ``"blob"``."""
    geometry = {
        row[0] for row in conn.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (table,))
    }
    return [
        (row[1], row[1] in geometry or ("blob" if row[2].upper() == "BLOB" else False))
        for row in conn.execute(f'PRAGMA table_info("{table}")')
        if row[1] not in _NOT_AUDITED
    ]


def _value(row: str, column: str, geometry: bool | str) -> str:
    ref = f'{row}."{column}"'
    if geometry == "blob":  # a JPEG or a payload does not belong in the trail: its size does
        return f"CASE WHEN {ref} IS NULL THEN NULL ELSE length({ref}) || ' bytes' END"
    return f"CASE WHEN {ref} IS NULL THEN NULL ELSE '{GEOMETRY_PREFIX}' || hex({ref}) END" if geometry else ref


def _inserts(table: str, action: str, key: str, fields: list[str]) -> str:
    rows = "\n    UNION ALL ".join(fields)
    return (
        f"INSERT INTO audit_log (at, who, action, table_name, row_key, field, old_value, new_value)\n"
        f"  SELECT {_NOW}, '{OUTSIDE}', '{action}', '{table}', {key}, f, o, n FROM (\n"
        f"    {rows});"
    )


def trigger_sql(table: str, columns: list[tuple[str, bool | str]]) -> list[str]:
    """The three ``CREATE TRIGGER`` statements for one table."""
    new_key, old_key = AUDITED[table].format(r="NEW"), AUDITED[table].format(r="OLD")
    stamp = _stamp(table)
    changed = [
        f'SELECT \'{c}\' AS f, {_value("OLD", c, g)} AS o, {_value("NEW", c, g)} AS n WHERE OLD."{c}" IS NOT NEW."{c}"'
        for c, g in columns
    ]
    inserted = [
        f"SELECT '{c}' AS f, NULL AS o, {_value('NEW', c, g)} AS n WHERE NEW.\"{c}\" IS NOT NULL" for c, g in columns
    ]
    deleted = [
        f"SELECT '{c}' AS f, {_value('OLD', c, g)} AS o, NULL AS n WHERE OLD.\"{c}\" IS NOT NULL" for c, g in columns
    ]
    any_change = " OR ".join(f'OLD."{c}" IS NOT NEW."{c}"' for c, _g in columns)
    return [
        f'CREATE TRIGGER "onemap_audit_{table}_update" AFTER UPDATE ON "{table}"\n'
        f"WHEN {_SILENT} AND ({any_change})\nBEGIN\n  {_inserts(table, 'update', new_key, changed)}\n"
        f"  {stamp.format(r='NEW')}\nEND;",
        f'CREATE TRIGGER "onemap_audit_{table}_insert" AFTER INSERT ON "{table}"\n'
        f"WHEN {_SILENT}\nBEGIN\n  {_inserts(table, 'insert', new_key, inserted)}\n"
        f"  {stamp.format(r='NEW')}\nEND;",
        f'CREATE TRIGGER "onemap_audit_{table}_delete" AFTER DELETE ON "{table}"\n'
        f"WHEN {_SILENT}\nBEGIN\n  {_inserts(table, 'delete', old_key, deleted)}\n"
        f"  {stamp.format(r='OLD')}\nEND;",
    ]


def _stamp(table: str) -> str:
    """The statement that marks the estate touched (its ``updated_at``)."""
    if table == "estates":
        return f"UPDATE estates SET updated_at = {_NOW} WHERE fid = {{r}}.fid;"
    if "estate_code" in AUDITED[table]:
        return f"UPDATE estates SET updated_at = {_NOW} WHERE code = {{r}}.estate_code;"
    return "SELECT 1;"


def readable(value: str | None) -> str | None:
    """An audit value for people: a trigger's geometry hex becomes WKT."""
    if value is None or not value.startswith(GEOMETRY_PREFIX):
        return value
    try:
        geom = decode(bytes.fromhex(value[len(GEOMETRY_PREFIX) :]))
    except (ValueError, ShapelyError):
        return value
    return None if geom is None else geom.wkt

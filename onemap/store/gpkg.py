"""GeoPackage 1.2 structure: header ids, SRS rows, feature tables with R-tree, aliases.

Feature tables are found by the declared type of their geometry column, so the SQL
migrations in ``db/`` stay plain SQL and this module gives each new one its
gpkg_contents row, gpkg_geometry_columns row and spatial index.
"""

from __future__ import annotations

import sqlite3

from pyproj import CRS

from onemap.store.labels import COLUMN_LABELS, ENUM_CONSTRAINTS, TABLE_TITLES

APPLICATION_ID = 0x47504B47  # "GPKG"
# GeoPackage 1.2: ArcMap 10.6/10.7 reads only 1.1-1.2, ArcGIS Pro before 3.4 up to 1.3, and
# GDAL before 3.7.1 (QGIS 3.22/3.28) warns "may only be partially supported" on a 1.4 file.
USER_VERSION = 10200
GEOMETRY_TYPES = (
    "GEOMETRY",
    "POINT",
    "LINESTRING",
    "POLYGON",
    "MULTIPOINT",
    "MULTILINESTRING",
    "MULTIPOLYGON",
    "GEOMETRYCOLLECTION",
)
RTREE_EXTENSION = "http://www.geopackage.org/spec/#extension_rtree"

_ENVELOPE = """INSERT OR REPLACE INTO "rtree_{t}_{c}" VALUES (NEW."{i}",
    ST_MinX(NEW."{c}"), ST_MaxX(NEW."{c}"), ST_MinY(NEW."{c}"), ST_MaxY(NEW."{c}"));"""
# The GeoPackage 1.2.1 (and 1.3) R-tree triggers, as GDAL writes them: insert, update1-4, delete
# (update3 fires on any UPDATE, the 1.2.1 corrigendum).  update1's INSERT OR REPLACE takes the
# conflict policy of the statement that fired it, so an UPSERT (INSERT ... ON CONFLICT DO
# UPDATE) or UPDATE OR ABORT/IGNORE that moves a geometry fails with "UNIQUE constraint failed"
# on the R-tree: OneMap's writes use plain INSERT / UPDATE / DELETE on feature tables.
RTREE_TRIGGERS = {
    "insert": """AFTER INSERT ON "{t}"
WHEN (new."{c}" NOT NULL AND NOT ST_IsEmpty(NEW."{c}"))
BEGIN
  {e}
END;""",
    "update1": """AFTER UPDATE OF "{c}" ON "{t}"
WHEN OLD."{i}" = NEW."{i}" AND (NEW."{c}" NOTNULL AND NOT ST_IsEmpty(NEW."{c}"))
BEGIN
  {e}
END;""",
    "update2": """AFTER UPDATE OF "{c}" ON "{t}"
WHEN OLD."{i}" = NEW."{i}" AND (NEW."{c}" ISNULL OR ST_IsEmpty(NEW."{c}"))
BEGIN
  DELETE FROM "rtree_{t}_{c}" WHERE id = OLD."{i}";
END;""",
    "update3": """AFTER UPDATE ON "{t}"
WHEN OLD."{i}" != NEW."{i}" AND (NEW."{c}" NOTNULL AND NOT ST_IsEmpty(NEW."{c}"))
BEGIN
  DELETE FROM "rtree_{t}_{c}" WHERE id = OLD."{i}";
  {e}
END;""",
    "update4": """AFTER UPDATE ON "{t}"
WHEN OLD."{i}" != NEW."{i}" AND (NEW."{c}" ISNULL OR ST_IsEmpty(NEW."{c}"))
BEGIN
  DELETE FROM "rtree_{t}_{c}" WHERE id IN (OLD."{i}", NEW."{i}");
END;""",
    "delete": """AFTER DELETE ON "{t}"
WHEN old."{c}" NOT NULL
BEGIN
  DELETE FROM "rtree_{t}_{c}" WHERE id = OLD."{i}";
END;""",
}


def rtree_trigger_statements(table: str, column: str, fid: str = "fid") -> list[str]:
    """``CREATE TRIGGER`` statements of the GeoPackage 1.2 R-tree triggers of one column."""
    envelope = _ENVELOPE.format(t=table, c=column, i=fid)
    return [
        f'CREATE TRIGGER "rtree_{table}_{column}_{name}" ' + body.format(t=table, c=column, i=fid, e=envelope)
        for name, body in RTREE_TRIGGERS.items()
    ]


def split_statements(script: str) -> list[str]:
    """Split an SQL script into complete statements (triggers' inner ``;`` included).

    ``executescript`` would commit the caller's transaction first, so scripts are run
    statement by statement inside it instead.
    """
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            if pending.strip().strip(";").strip():
                statements.append(pending.strip())
            pending = ""
    if pending.strip() and not _only_comments(pending):
        raise ValueError(f"incomplete SQL statement at end of script: {pending.strip()[:80]}")
    return statements


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in text.splitlines())


def stamp_header(conn: sqlite3.Connection) -> None:
    """Mark the file as a GeoPackage 1.2 (application_id and user_version)."""
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {USER_VERSION}")


def insert_spatial_reference_systems(conn: sqlite3.Connection) -> None:
    """The SRS rows the spec requires (-1, 0, 4326) plus CGCS2000 (4490)."""
    rows = [
        ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian"),
        ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic"),
        ("WGS 84 geodetic", 4326, "EPSG", 4326, _wkt(4326), "longitude/latitude WGS 84"),
        (
            "China Geodetic Coordinate System 2000",
            4490,
            "EPSG",
            4490,
            _wkt(4490),
            "CGCS2000 经纬度：OneMap 的存储坐标系",
        ),
    ]
    conn.executemany("INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)", rows)


def _wkt(epsg: int) -> str:
    return str(CRS.from_epsg(epsg).to_wkt("WKT1_GDAL"))


def geometry_columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """``(column, geometry type)`` of a table's columns declared with a geometry type."""
    return [
        (row[1], row[2].upper())
        for row in conn.execute(f'PRAGMA table_info("{table}")')
        if row[2].upper() in GEOMETRY_TYPES
    ]


def register_new_tables(conn: sqlite3.Connection, srs_id: int = 4490) -> list[str]:
    """Register every table created by a migration but not yet in gpkg_contents."""
    registered = {row[0] for row in conn.execute("SELECT table_name FROM gpkg_contents")}
    added = []
    for table in _user_tables(conn):
        if table in registered or table not in TABLE_TITLES:
            continue
        geometry = geometry_columns(conn, table)
        if geometry:
            column, geom_type = geometry[0]
            _register_feature_table(conn, table, column, geom_type, srs_id)
        else:
            _add_contents_row(conn, table, "attributes", None)
        added.append(table)
    return added


def _user_tables(conn: sqlite3.Connection) -> list[str]:
    return [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'gpkg_%' "
            "AND name NOT LIKE 'rtree_%' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'onemap_%'"
        )
    ]


def _add_contents_row(conn: sqlite3.Connection, table: str, data_type: str, srs_id: int | None) -> None:
    identifier, description = TABLE_TITLES[table]
    conn.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES (?,?,?,?,?)",
        (table, data_type, identifier, description, srs_id),
    )


def _register_feature_table(conn: sqlite3.Connection, table: str, column: str, geom_type: str, srs_id: int) -> None:
    _add_contents_row(conn, table, "features", srs_id)
    conn.execute("INSERT INTO gpkg_geometry_columns VALUES (?,?,?,?,0,0)", (table, column, geom_type, srs_id))
    create_spatial_index(conn, table, column)


def create_spatial_index(conn: sqlite3.Connection, table: str, column: str, fid: str = "fid") -> None:
    """Create the R-tree, its six triggers and fill it from the rows already present."""
    rtree = f"rtree_{table}_{column}"
    conn.execute(f'CREATE VIRTUAL TABLE "{rtree}" USING rtree(id, minx, maxx, miny, maxy)')
    for statement in rtree_trigger_statements(table, column, fid):
        conn.execute(statement)
    conn.execute(
        f'INSERT INTO "{rtree}" SELECT "{fid}", ST_MinX("{column}"), ST_MaxX("{column}"), '
        f'ST_MinY("{column}"), ST_MaxY("{column}") FROM "{table}" '
        f'WHERE "{column}" NOT NULL AND NOT ST_IsEmpty("{column}")'
    )
    conn.execute(
        "INSERT INTO gpkg_extensions VALUES (?,?,?,?,?)",
        (table, column, "gpkg_rtree_index", RTREE_EXTENSION, "write-only"),
    )


def write_data_columns(conn: sqlite3.Connection) -> None:
    """(Re)write the Chinese column aliases and enumerations for every present table."""
    present = set(_user_tables(conn))
    conn.execute("DELETE FROM gpkg_data_columns")
    for table, labels in COLUMN_LABELS.items():
        if table not in present:
            continue
        columns = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
        for column, label in labels.items():
            if column in columns:
                constraint = ENUM_CONSTRAINTS.get((table, column), (None, {}))[0]
                conn.execute(
                    "INSERT INTO gpkg_data_columns VALUES (?,?,?,?,?,?,?)",
                    (table, column, label, label, None, None, constraint),
                )
    _write_enum_constraints(conn)


def _write_enum_constraints(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM gpkg_data_column_constraints")
    for name, values in ENUM_CONSTRAINTS.values():
        conn.executemany(
            "INSERT INTO gpkg_data_column_constraints VALUES (?, 'enum', ?, NULL, NULL, NULL, NULL, ?)",
            [(name, value, label) for value, label in values.items()],
        )


def update_extents(conn: sqlite3.Connection) -> None:
    """Refresh gpkg_contents' bounding boxes from the R-trees (QGIS zooms to these)."""
    for table, column in conn.execute("SELECT table_name, column_name FROM gpkg_geometry_columns").fetchall():
        row = conn.execute(
            f'SELECT min(minx), min(miny), max(maxx), max(maxy) FROM "rtree_{table}_{column}"'
        ).fetchone()
        conn.execute(
            "UPDATE gpkg_contents SET min_x=?, min_y=?, max_x=?, max_y=?, "
            "last_change=strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name=?",
            (*row, table),
        )


def spatial_indexes(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """``(table, geometry column, primary key column)`` of every R-tree indexed layer."""
    found = []
    for table, column in conn.execute(
        "SELECT table_name, column_name FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index'"
    ).fetchall():
        keys = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")') if row[5]]
        found.append((table, column, keys[0] if keys else "fid"))
    return found


def use_geopackage_1_2(conn: sqlite3.Connection) -> None:
    """Give every R-tree the GeoPackage 1.2 triggers and stamp the file 1.2 (in the caller's transaction).

    Earlier OneMap versions wrote 1.4 (update5/6/7); QGIS 3.22 adds 1.3 sets to layers it
    creates: whatever is there is dropped and the 1.2.1 set created.
    """
    for table, column, fid in spatial_indexes(conn):
        prefix = f"rtree_{table}_{column}_"
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND substr(name, 1, ?) = ?",
            (table, len(prefix), prefix),
        ).fetchall():
            conn.execute(f'DROP TRIGGER "{name}"')
        for statement in rtree_trigger_statements(table, column, fid):
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {USER_VERSION}")


def register_layer_styles(conn: sqlite3.Connection) -> None:
    """List QGIS's ``layer_styles`` in gpkg_contents as an attributes table, as GDAL does for QGIS."""
    conn.execute(
        "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) "
        "VALUES ('layer_styles', 'attributes', 'layer_styles', 'QGIS 图层样式（OneMap 默认样式）')"
    )

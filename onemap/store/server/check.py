"""``onemap validate URL``: the checks that mean something on a server (not GDAL's GeoPackage validator).

The schema version agrees with this OneMap's; every data table keeps its row-version and audit
triggers, no row version is below 1 and an estate's version is one its audit trail knows (a
version nobody audited means someone wrote with the triggers off); geometries are valid (outlines
by PostGIS, points inside China's range); no row hangs off an estate or alert that is gone; and
each estate passes the same field checks as in a file.
"""

from __future__ import annotations

from typing import Any

from onemap.store.check import CheckReport, Finding, _estates
from onemap.store.errors import InventoryError
from onemap.store.server.connect import display_name

#: longitude and latitude range of China (a point outside it is a swapped or unprojected one)
_CHINA = (73.0, 3.0, 136.0, 54.0)


def check_server(url: str, max_estate_findings: int = 500) -> CheckReport:
    """Check a server inventory without changing it; a refusal to open is one error finding."""
    from onemap.store.server.inventory import ServerInventory

    report = CheckReport(display_name(url), usable=False)
    try:
        inventory = ServerInventory.open(url, readonly=True)
    except InventoryError as error:
        report.findings.append(Finding("error", "server", error.message("zh"), error.message("en")))
        return report
    with inventory:
        conn = inventory._conn
        report.estates = inventory.count()
        tables = _data_tables(conn)
        report.findings += _triggers(conn, tables) + _versions(conn, tables) + _geometry(conn) + _orphans(conn, tables)
        report.findings += _estates(inventory, max_estate_findings)  # type: ignore[arg-type]
    report.usable = not any(f.level == "error" for f in report.findings)
    return report


def _data_tables(conn: Any) -> list[str]:
    rows = conn.execute(
        "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' "
        "AND column_name = 'row_version' AND table_name <> 'audit_log' ORDER BY table_name"
    )
    return [r[0] for r in rows]


def _triggers(conn: Any, tables: list[str]) -> list[Finding]:
    kept = {
        (r[0], r[1])
        for r in conn.execute(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname IN ('onemap_row_version', 'onemap_audit') AND t.tgenabled <> 'D'"
        )
    }
    missing = [f"{t}.{n}" for t in tables for n in ("onemap_row_version", "onemap_audit") if (t, n) not in kept]
    if not missing:
        return []
    shown = ", ".join(missing)
    return [
        Finding(
            "error",
            "server",
            f"这些表的行版本或审计触发器缺失或被停用，修改不会留下记录：{shown}",
            f"Row-version or audit triggers are missing or disabled, so changes go unrecorded: {shown}",
        )
    ]


def _versions(conn: Any, tables: list[str]) -> list[Finding]:
    found = []
    for table in tables:
        low = conn.execute(f'SELECT count(*) FROM "{table}" WHERE row_version < 1').fetchone()[0]
        if low:
            found.append(
                Finding("error", table, f"{low} 行的行版本小于 1。", f"{low} rows have a row version below 1.")
            )
    unaudited = conn.execute(
        "SELECT code FROM estates e WHERE e.row_version > 1 AND NOT EXISTS (SELECT 1 FROM audit_log a "
        "WHERE a.table_name = 'estates' AND a.row_key = e.code AND a.row_version = e.row_version) ORDER BY code"
    ).fetchall()
    if unaudited:
        codes = "、".join(r[0] for r in unaudited[:20])
        found.append(
            Finding(
                "warning",
                "estates",
                f"{len(unaudited)} 个小区的当前版本在审计记录中找不到（有人在触发器关闭时改过）：{codes}",
                f"{len(unaudited)} estates are at a version their audit trail does not know (written with the "
                f"triggers off): {codes}",
            )
        )
    return found


def _geometry(conn: Any) -> list[Finding]:
    found = []
    rows = conn.execute(
        "SELECT f_table_name, f_geometry_column, type FROM geometry_columns WHERE f_table_schema = 'public'"
    ).fetchall()
    for table, column, kind in rows:
        if kind == "POINT":
            minx, miny, maxx, maxy = _CHINA
            query = (
                f'SELECT count(*) FROM "{table}" WHERE "{column}" IS NOT NULL AND (ST_IsEmpty("{column}") '
                f'OR NOT ST_X("{column}") BETWEEN {minx} AND {maxx} OR NOT ST_Y("{column}") BETWEEN {miny} AND {maxy})'
            )
            zh, en = "个点不在中国范围内（经纬度颠倒或未转换？）", "points lie outside China (swapped or unprojected?)"
        else:
            query = f'SELECT count(*) FROM "{table}" WHERE "{column}" IS NOT NULL AND NOT ST_IsValid("{column}")'
            zh, en = "个图形无效（自相交等）", "shapes are invalid (self-intersections and the like)"
        bad = conn.execute(query).fetchone()[0]
        if bad:
            found.append(Finding("warning", table, f"{bad} {zh}。", f"{bad} {en}."))
    return found


def _orphans(conn: Any, tables: list[str]) -> list[Finding]:
    found = []
    columns = {
        (r[0], r[1])
        for r in conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' "
            "AND column_name IN ('estate_code', 'alert_id')"
        )
    }
    for table, column in sorted(columns):
        parent, key = ("estates", "code") if column == "estate_code" else ("alerts", "fid")
        orphans = conn.execute(
            f'SELECT count(*) FROM "{table}" c WHERE c."{column}" IS NOT NULL '
            f'AND NOT EXISTS (SELECT 1 FROM "{parent}" p WHERE p."{key}" = c."{column}")'
        ).fetchone()[0]
        if orphans:
            found.append(
                Finding(
                    "error",
                    table,
                    f"{orphans} 行指向已不存在的{'小区' if parent == 'estates' else '告警'}。",
                    f"{orphans} rows belong to {'an estate' if parent == 'estates' else 'an alert'} that is gone.",
                )
            )
    return found

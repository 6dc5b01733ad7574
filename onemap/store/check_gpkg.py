"""GeoPackage checks for ``onemap validate``: R-tree trigger sets against the declared version.

A GeoPackage declares its version in ``user_version`` (10200 = 1.2); its R-tree triggers
must be that version's set.  They drift when another program adds a layer (QGIS 3.22
writes 1.3-style update1/update3 triggers into a 1.4 file) or when a file's version is
changed without its triggers (1.4 triggers in a 1.2 file).  Readers trust the declared
version, so a mismatch can leave the spatial index stale or make older GIS refuse edits.
"""

from __future__ import annotations

import sqlite3

from onemap.store.gpkg import spatial_indexes

#: R-tree trigger suffixes of each version family
TRIGGER_SETS = {
    "1.2/1.3": frozenset({"insert", "update1", "update2", "update3", "update4", "delete"}),
    "1.4": frozenset({"insert", "update2", "update4", "update5", "update6", "update7", "delete"}),
}

#: (level, where, Chinese sentence, English sentence), as check.Finding takes them
Problem = tuple[str, str, str, str]


def declared_family(user_version: int) -> str:
    """The trigger family a file's ``user_version`` asks for (before 1.4: the 1.2/1.3 set)."""
    return "1.4" if user_version >= 10400 else "1.2/1.3"


def version_text(user_version: int) -> str:
    """``10200`` -> ``1.2``."""
    return f"{user_version // 10000}.{user_version // 100 % 100}"


def trigger_names(conn: sqlite3.Connection, table: str, column: str) -> dict[str, str]:
    """The R-tree triggers of one indexed column: suffix (``update1``) -> CREATE statement."""
    prefix = f"rtree_{table}_{column}_"
    return {
        name[len(prefix) :]: sql or ""
        for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND substr(name, 1, ?) = ?",
            (len(prefix), prefix),
        )
    }


def rtree_trigger_problems(conn: sqlite3.Connection) -> list[Problem]:
    """One problem per R-tree whose triggers are not the set of the file's declared version."""
    user_version = conn.execute("PRAGMA user_version").fetchone()[0]
    if user_version < 10200:  # GeoPackage 1.0/1.1 and plain SQLite: no version to hold it to
        return []
    wanted = declared_family(user_version)
    declared = version_text(user_version)
    problems = []
    for table, column, _fid in spatial_indexes(conn):
        triggers = trigger_names(conn, table, column)
        found = set(triggers)
        if found == TRIGGER_SETS[wanted]:
            if wanted != "1.4" and "UPDATE OF" in triggers["update3"].upper():
                problems.append(_old_update3(table))
            continue
        family = next((name for name, names in TRIGGER_SETS.items() if found == names), None)
        problems.append(_mismatch(table, family, declared) if family else _incomplete(table, found, declared))
    return problems


def _mismatch(table: str, family: str, declared: str) -> Problem:
    by_qgis = family == "1.2/1.3"  # what QGIS 3.22 (GDAL < 3.7) writes on the layers it adds
    return (
        "warning",
        table,
        f"{table} 的空间索引触发器是 GeoPackage {family} 的写法，与文件声明的 {declared} 版不符"
        f"{'（QGIS 3.22 添加的图层常会这样）' if by_qgis else ''}；"
        f"较旧的 ArcGIS/GDAL 编辑它时可能出错或让空间索引失准。",
        f"The spatial-index triggers of {table} are GeoPackage {family}'s but the file declares "
        f"{declared}{' (QGIS 3.22 does this to layers it adds)' if by_qgis else ''}; older ArcGIS/GDAL "
        f"may fail to edit it or leave its spatial index stale.",
    )


def _incomplete(table: str, found: set[str], declared: str) -> Problem:
    names = "、".join(sorted(found)) or "无"
    return (
        "warning",
        table,
        f"{table} 的空间索引触发器不完整或不属于任何 GeoPackage 版本（现有：{names}；文件声明 {declared} 版），"
        f"编辑后空间索引可能失准。",
        f"The spatial-index triggers of {table} are incomplete or of no GeoPackage version "
        f"(present: {', '.join(sorted(found)) or 'none'}; the file declares {declared}); "
        f"its spatial index may go stale after edits.",
    )


def _old_update3(table: str) -> Problem:
    return (
        "warning",
        table,
        f"{table} 的 update3 空间索引触发器是 GeoPackage 1.2.0 之前的错误写法，只改编号时空间索引不会更新。",
        f"The update3 spatial-index trigger of {table} is the faulty pre-1.2.1 one: changing only "
        f"a row's id leaves the spatial index stale.",
    )

"""``validate``: edits other programs made since OneMap last wrote, and a silenced trail.

The audit triggers (:mod:`onemap.store.triggers`) record every write QGIS, ArcGIS,
ogr2ogr or ``sqlite3`` makes.  A clerk should know when the file holds such edits that
nobody reviewed in OneMap, and when the triggers cannot record (dropped, or silenced by
a marker row another program committed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onemap.store import triggers

if TYPE_CHECKING:
    from onemap.store.check import Finding
    from onemap.store.inventory import Inventory


def findings(inventory: Inventory) -> list[Finding]:
    """What ``onemap validate`` says about the audit trail (nothing for a file without triggers)."""
    conn = inventory._conn
    if not triggers.installed(conn):
        return []
    found = _outside_edits(inventory)
    if conn.execute(f"SELECT count(*) FROM {triggers.MARKER_TABLE}").fetchone()[0]:
        found.append(
            _finding(
                "warning",
                "audit_log",
                "修改记录被暂停（onemap_writer 表中有残留记录），其他程序的修改不会被记录；"
                "用 OneMap 打开并保存一次即可恢复。",
                "The audit trail is paused (a leftover row in onemap_writer), so edits by other "
                "programs are not recorded; open and save once in OneMap to resume it.",
            )
        )
    expected = 3 * sum(1 for table in triggers.AUDITED if _exists(inventory, table))
    present = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type='trigger' AND name LIKE 'onemap_audit_%'"
    ).fetchone()[0]
    if present < expected:
        found.append(
            _finding(
                "warning",
                "audit_log",
                f"修改记录触发器缺失（{present}/{expected}），其他程序的修改可能未被记录。",
                f"Audit triggers are missing ({present}/{expected}); edits by other programs may not be recorded.",
            )
        )
    return found


def _outside_edits(inventory: Inventory) -> list[Finding]:
    conn = inventory._conn
    last = conn.execute("SELECT max(fid), max(at) FROM audit_log WHERE who != ?", (triggers.OUTSIDE,)).fetchone()
    since_fid, since_at = (last[0] or 0), (last[1] or "")
    count, rows = conn.execute(
        "SELECT count(*), count(DISTINCT table_name || row_key) FROM audit_log WHERE who = ? AND fid > ?",
        (triggers.OUTSIDE, since_fid),
    ).fetchone()
    if not count:
        return []
    when_zh = f"自 OneMap 最后一次写入（{since_at}）以来" if since_at else "文件中"
    when_en = f"since OneMap last wrote ({since_at})" if since_at else "in this file"
    return [
        _finding(
            "warning",
            "audit_log",
            f"{when_zh}，其他程序（如 QGIS、ArcGIS）修改了 {rows} 条记录的 {count} 个字段，请用 onemap history 核对。",
            f"{count} fields of {rows} rows were changed by other programs (QGIS, ArcGIS...) "
            f"{when_en}; review them with onemap history.",
        )
    ]


def _exists(inventory: Inventory, table: str) -> bool:
    return (
        inventory._conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (table,)).fetchone()
        is not None
    )


def _finding(level: str, where: str, zh: str, en: str) -> Finding:
    from onemap.store.check import Finding  # check imports this module

    return Finding(level, where, zh, en)

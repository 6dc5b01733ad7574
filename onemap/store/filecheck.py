"""The file-level half of ``onemap validate``: state beside the file, SQLite's integrity, outlines.

SQLite's ``quick_check`` reads every page but does not compare indexes with their
tables, so a damaged index passes it.  :func:`integrity_problems` runs either check;
:func:`indexes_disagree` is the cheap sign (an index holding more or fewer rows than its
table) that makes ``validate`` run the full ``integrity_check`` on its own.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from shapely.errors import ShapelyError

from onemap.store import editlock, files, migrations
from onemap.store.geometry import decode

#: (level, where, Chinese, English) — the same fields as ``check.Finding``
Found = tuple[str, str, str, str]
_SHOWN_PROBLEMS = 3


def integrity_problems(conn: sqlite3.Connection, full: bool) -> list[str]:
    """What SQLite's quick (or full) integrity check reports; empty when the file is sound."""
    pragma = "integrity_check(20)" if full else "quick_check(20)"
    try:
        rows = [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}")]
    except sqlite3.DatabaseError as error:
        return [str(error)]
    return [] if rows == ["ok"] else rows


def damaged(path: Path, problems: list[str]) -> Found:
    """The finding for a file SQLite's integrity check calls damaged (with the file's name)."""
    shown = "；".join(problems[:_SHOWN_PROBLEMS])
    return (
        "error",
        "file",
        f"{path.name} 已损坏（SQLite 完整性检查：{shown}），请使用备份文件。",
        f"{path.name} is damaged (SQLite integrity check: {shown}); use a backup copy.",
    )


def indexes_disagree(conn: sqlite3.Connection) -> list[str]:
    """Indexes whose row count differs from their table's (a sign of damage quick_check misses)."""
    wrong = []
    rows = conn.execute(
        "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' "
        "AND tbl_name NOT LIKE 'rtree_%' AND (sql IS NULL OR sql NOT LIKE '% WHERE %')"
    ).fetchall()
    for index, table in rows:
        columns = [row[2] for row in conn.execute(f'PRAGMA index_info("{index}")')]
        if not columns or columns[0] is None:
            continue  # an index on an expression
        column = columns[0]
        by_index = conn.execute(
            f'SELECT count(*) FROM "{table}" INDEXED BY "{index}" WHERE "{column}" IS NOT NULL OR "{column}" IS NULL'
        ).fetchone()[0]
        if by_index != conn.execute(f'SELECT count(*) FROM "{table}" NOT INDEXED').fetchone()[0]:
            wrong.append(index)
    return wrong


def file_state(path: Path, conn: sqlite3.Connection) -> list[Found]:
    """Read-only, made by a newer OneMap, a ``-wal`` beside it, another OneMap writing it."""
    found: list[Found] = []
    if files.is_read_only(path):
        found.append(
            (
                "warning",
                "file",
                f"{path.name} 是只读文件：可以查看和导出，但不能修改。",
                f"{path.name} is read-only: it can be viewed and exported but not changed.",
            )
        )
    newer = migrations.unknown(conn)
    if newer:
        found.append(
            (
                "warning",
                "file",
                f"{path.name} 由更新版本的 OneMap 创建（{newer[-1]}），本版本只能只读打开。",
                f"{path.name} was made by a newer OneMap ({newer[-1]}); this version opens it read-only.",
            )
        )
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        found.append(
            (
                "warning",
                "file",
                f"{path.name} 旁边有 {wal.name}：其中有尚未写回主文件的修改（QGIS 等程序仍打开着它？），"
                "只拷贝 .gpkg 会丢失这些修改。请先关闭这些程序再拷贝。",
                f"{wal.name} lies beside {path.name}: it holds changes not yet written back (QGIS or another "
                "program still has it open?); copying only the .gpkg would lose them. Close those programs "
                "before copying.",
            )
        )
    found += _edit_lock(path)
    return found


def _edit_lock(path: Path) -> list[Found]:
    holder = editlock.read_holder(editlock.lock_path(path))
    if holder is None:
        return []
    who, host, since = holder.get("user") or "?", holder.get("host") or "?", editlock.since_text(holder)
    if editlock.stale(holder):
        return [
            (
                "warning",
                "file",
                f"{path.name} 留有已退出的 OneMap（{who}）的编辑锁，下次写入时会自动接管。",
                f"{path.name} has an edit lock left by a OneMap that has exited ({who}); "
                "the next writer takes it over.",
            )
        ]
    return [
        (
            "warning",
            "file",
            f"{path.name} 正由 {who}（电脑 {host}，{since} 起）在 OneMap 中打开编辑，此时导入和其他写入会被拒绝。",
            f"{path.name} is open for editing in OneMap by {who} (computer {host}, since {since}); imports "
            "and other writes are refused until they close it.",
        )
    ]


def damaged_outlines(conn: sqlite3.Connection) -> list[Found]:
    """Outlines whose geometry cannot be read (a ring that is not closed, a cut-off blob)."""
    found: list[Found] = []
    for code, blob in conn.execute("SELECT estate_code, geom FROM estate_areas WHERE geom IS NOT NULL"):
        try:
            decode(blob)
        except (ValueError, ShapelyError, IndexError) as error:
            found.append(
                (
                    "error",
                    str(code),
                    f"范围面几何已损坏（{error}），请重新绘制；导出、简报和详情会略过它。",
                    f"The outline geometry is damaged ({error}); redraw it. Exports, briefs and details skip it.",
                )
            )
    return found

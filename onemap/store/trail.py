"""Reading the audit trail for people: ``onemap history`` and the viewer's latest changes.

Entries come newest first; an estate's history covers its own row and every child row
(``CODE/fid`` keys).  Changes other programs made (recorded by the triggers of
:mod:`onemap.store.triggers`) are marked as made outside OneMap, with their geometry
shown as WKT rather than the hex the triggers store.
"""

from __future__ import annotations

from typing import Any

from onemap.cameras import strip_secrets
from onemap.store.alerts_notes import note_in
from onemap.store.audit import AuditEntry
from onemap.store.labels import COLUMN_LABELS, TABLE_TITLES
from onemap.store.triggers import OUTSIDE, OUTSIDE_EN, readable

_ACTIONS = {
    "insert": ("新增", "added"),
    "update": ("修改", "changed"),
    "delete": ("删除", "deleted"),
    "bulk": ("批量写入", "bulk load"),
}
_SHORT = 80


def entries(conn: Any, code: str | None = None, limit: int | None = None) -> list[AuditEntry]:
    """The trail, newest first: all of it, or one estate's (its row and its child rows).

    Values come readable (another program's geometry as WKT) and without credentials.
    """
    sql = "SELECT at, who, action, table_name, row_key, field, old_value, new_value FROM audit_log"
    params: list[Any] = []
    if code is not None:
        sql += " WHERE row_key = ? OR row_key LIKE ? ESCAPE '\\'"
        params += [code, code.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%"]
    sql += " ORDER BY fid DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [
        AuditEntry(at, who, action, table, key, field, _shown(old), _shown(new))
        for at, who, action, table, key, field, old, new in conn.execute(sql, params)
    ]


def outside(entry: AuditEntry) -> bool:
    """Whether another program (QGIS, ogr2ogr, sqlite3...) made this change."""
    return entry.who == OUTSIDE


def as_record(entry: AuditEntry) -> dict[str, Any]:
    """One entry as JSON-ready data (geometry as WKT, ``outside_onemap`` marked)."""
    return {
        "at": entry.at,
        "who": entry.who,
        "outside_onemap": outside(entry),
        "action": entry.action,
        "table": entry.table_name,
        "key": entry.row_key,
        "field": entry.field,
        "old": _shown(entry.old_value),
        "new": _shown(entry.new_value),
    }


def as_line(entry: AuditEntry, lang: str = "zh") -> str:
    """One entry as a line: when, who, what, which row, field: old → new."""
    zh = lang == "zh"
    who = entry.who if zh or not outside(entry) else OUTSIDE_EN
    action = _ACTIONS.get(entry.action, (entry.action, entry.action))[0 if zh else 1]
    table = TABLE_TITLES.get(entry.table_name, (entry.table_name,))[0] if zh else entry.table_name
    what = f"{table} {entry.row_key or ''}".rstrip()
    blank = "未填" if zh else "blank"
    old, new = (_short(_shown(v)) or blank for v in (entry.old_value, entry.new_value))
    if entry.table_name == "alerts" and entry.field == "note":  # OneMap's own step notes have an English twin
        new = note_in(new, lang) or new
    if entry.field:
        shape = "位置" if entry.table_name == "estates" else "图形"
        labels = {**COLUMN_LABELS.get(entry.table_name, {}), "geom": shape}
        label = labels.get(entry.field, entry.field) if zh else entry.field
        return f"{entry.at}  {who}  {action}  {what}  {label}{'：' if zh else ': '}{old} → {new}"
    detail = new if entry.action != "delete" else old
    return f"{entry.at}  {who}  {action}  {what}  {detail}"


def _shown(value: str | None) -> str | None:
    """Geometry hex as WKT; never a credential (a trigger copies what another program typed)."""
    text = readable(value)
    return text if text is None else strip_secrets(text)


def _short(text: str | None) -> str | None:
    return text if text is None or len(text) <= _SHORT else text[: _SHORT - 1] + "…"

"""``validate``: credential-looking text anywhere in the file (never the text itself).

OneMap strips credentials from everything it writes, but another program (QGIS, a
script) or an older OneMap may have put a password in notes, an address, a camera link
or the audit trail.  Every text column of every table is searched; a finding names
the table, column and rows, never the value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onemap.cameras import has_secret

if TYPE_CHECKING:
    from onemap.store.check import Finding
    from onemap.store.inventory import Inventory

# a fast SQL pre-filter (LIKE ignores ASCII case); has_secret decides
_SUSPECT = ("密码", "口令", "密钥", "秘钥", "pass", "pwd", "token", "secret", "key", "auth", "@")
_SKIPPED_PREFIXES = ("gpkg_", "rtree_", "sqlite_")
# QGIS's styles are XML full of option keys, and never hold a ledger's text
_SKIPPED_TABLES = frozenset({"layer_styles"})
_KEYS_SHOWN = 5
_KEY_COLUMNS = frozenset({"code", "estate_code", "table_name", "action", "at"})


def findings(inventory: Inventory) -> list[Finding]:
    """One warning per table column holding credential-looking text."""
    from onemap.store.check import Finding  # check imports this module

    found = []
    for table in _tables(inventory):
        for column, keys in _suspect_columns(inventory, table).items():
            shown = "、".join(keys[:_KEYS_SHOWN]) + ("…" if len(keys) > _KEYS_SHOWN else "")
            found.append(
                Finding(
                    "warning",
                    table,
                    f"{table}.{column} 有 {len(keys)} 处疑似账号密码（{shown}），请删除；"
                    "用 OneMap 打开编辑时修改记录中的密码会被清除。",
                    f"{table}.{column} holds {len(keys)} credential-looking values ({', '.join(keys[:_KEYS_SHOWN])}); "
                    "remove them. Opening the file for editing in OneMap clears them from the audit trail.",
                )
            )
    return found


def _tables(inventory: Inventory) -> list[str]:
    names = [row[0] for row in inventory._conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    return [name for name in names if not name.startswith(_SKIPPED_PREFIXES) and name not in _SKIPPED_TABLES]


def _suspect_columns(inventory: Inventory, table: str) -> dict[str, list[str]]:
    conn = inventory._conn
    info = list(conn.execute(f'PRAGMA table_info("{table}")'))
    # free text only: keys (codes) and dates cannot hold a pasted login, and each column costs a scan
    columns = [
        row[1]
        for row in info
        if (row[2].upper() in ("TEXT", "") or "CHAR" in row[2].upper()) and row[1] not in _KEY_COLUMNS
    ]
    if not columns:
        return {}
    key = "code" if any(row[1] == "code" for row in info) else "rowid"
    tests = " OR ".join(f'"{c}" LIKE ?' for c in columns for _ in _SUSPECT)
    params = [f"%{word}%" for _ in columns for word in _SUSPECT]
    select = ", ".join(f'"{c}"' for c in columns)
    found: dict[str, list[str]] = {}
    for row in conn.execute(f'SELECT {key}, {select} FROM "{table}" WHERE {tests}', params):
        for column, value in zip(columns, row[1:], strict=True):
            if has_secret(value):
                found.setdefault(column, []).append(str(row[0]))
    return found

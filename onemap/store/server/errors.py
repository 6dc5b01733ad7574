"""What a shared inventory on a PostgreSQL server refuses, in one sentence each (Chinese and English)."""

from __future__ import annotations

from onemap.store.errors import InventoryError

_MESSAGES: dict[str, tuple[str, str]] = {
    "password_in_url": (
        "数据库地址中含有密码，未连接：密码会出现在进程列表和命令历史中。请去掉密码，"
        "改存到系统钥匙串（服务名 onemap-postgresql）或 .pgpass 文件。",
        "The database address contains a password and was not used: it would show in process lists and "
        "shell history. Remove it and keep the password in the OS keyring (service onemap-postgresql) or .pgpass.",
    ),
    "unreachable": (
        "无法连接数据库服务器 {where}：{detail}",
        "Cannot connect to the database server {where}: {detail}",
    ),
    "not_initialised": (
        "数据库 {where} 还没有 OneMap 清单，请先运行 onemap server init。",
        "Database {where} holds no OneMap inventory yet; run onemap server init first.",
    ),
    "denied": (
        "数据库拒绝了 {who} 的这次修改（{detail}）：您的账号只能修改所属区县或镇街的小区。",
        "The database refused this change by {who} ({detail}): your login may only change estates of "
        "its own county or township.",
    ),
    "changed_by": (
        "{detail} 在您读取后已被 {other}（{at}）修改：{values}。您的修改未保存，请重新读取后再改。",
        "{detail} was changed by {other} ({at}) after you read it: {values}. Your change was not saved; "
        "read it again and redo your edit.",
    ),
    "already_initialised": (
        "数据库 {where} 中已有 OneMap 清单，未改动。",
        "Database {where} already holds a OneMap inventory; nothing was changed.",
    ),
    "not_checked_out": (
        "{detail} 不是从服务器或另一清单签出的（没有签出记录），无法签入。",
        "{detail} was not checked out from a server or another inventory file (it has no checkout record); "
        "it cannot be checked in.",
    ),
    "read_only": ("以只读方式打开的服务器清单不能修改。", "A server inventory opened read-only cannot be changed."),
    "bad_role": ("{why}", "{why}"),
}


class ServerError(InventoryError):
    """A refusal by, or about, the inventory server (``kind`` picks the sentence)."""

    def message(self, lang: str = "zh") -> str:
        zh, en = _MESSAGES[self.kind]
        parts = {
            key: (value[0] if lang == "zh" else value[1]) if isinstance(value, tuple) else value
            for key, value in self.fields.items()
        }
        return (zh if lang == "zh" else en).format(detail=self.detail, **parts)

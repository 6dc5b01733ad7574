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
    "server_older": (
        "数据库 {where} 的清单结构比这个 OneMap 旧（还没有 {detail}）：请管理员先运行 onemap server upgrade。",
        "The inventory on {where} has an older schema than this OneMap (it lacks {detail}); an administrator "
        "must run onemap server upgrade first.",
    ),
    "server_newer": (
        "数据库 {where} 的清单已由更新版本的 OneMap 升级（{detail}），这个 OneMap 不能使用它：请更新 OneMap。",
        "The inventory on {where} was upgraded by a newer OneMap ({detail}); this OneMap cannot use it. Update OneMap.",
    ),
    "upgrade_not_owner": (
        "只有清单表的所有者（运行 server init 的账号）或超级用户能升级 {where}，{who} 不能。",
        "Only the login owning the inventory's tables (the one that ran server init) or a superuser may "
        "upgrade {where}; {who} may not.",
    ),
    "upgrade_failed": (
        "升级 {where} 时数据库拒绝了迁移 {migration}（{detail}），服务器未做任何改动。",
        "The database refused migration {migration} while upgrading {where} ({detail}); nothing on the "
        "server was changed.",
    ),
    "import_denied": (
        "导入未执行：{who} 无权写入其中 {count} 个小区（{detail}），服务器未做任何改动。请只导入本区县或本镇街的小区。",
        "The import was not made: {who} may not write {count} of its estates ({detail}); nothing on the server "
        "was changed. Import only your own county's or township's estates.",
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

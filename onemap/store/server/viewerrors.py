"""Why the viewer could not open a shared inventory, in one sentence each (Chinese and English).

The server's own words (libpq's) are kept for the log; the user reads which of the usual
causes it is: the server is not reachable, a password is needed or was wrong, the database
has no PostGIS or no OneMap inventory, or the login has no rights to read it.  No sentence
ever holds a password: the server is named by ``login@host:port/db``.
"""

from __future__ import annotations

from onemap.store.server.errors import ServerError

_MESSAGES: dict[str, tuple[str, str]] = {
    "server_down": (
        "无法连接数据库服务器 {where}：服务器未运行，或地址、端口有误。",
        "Cannot reach the database server {where}: it is not running, or the address or port is wrong.",
    ),
    "needs_password": (
        "数据库服务器 {where} 要求输入密码：系统钥匙串和 .pgpass 中都没有这个账号的密码。",
        "The database server {where} asks for a password: neither the OS keyring nor .pgpass holds one for this login.",
    ),
    "wrong_password": (
        "数据库服务器 {where} 拒绝了登录：用户名或密码不正确。",
        "The database server {where} refused the login: the user name or password is wrong.",
    ),
    "no_database": (
        "数据库服务器上没有数据库 {where}，请检查数据库名。",
        "The server has no database {where}; check the database name.",
    ),
    "no_postgis": (
        "数据库 {where} 没有安装 PostGIS 扩展，不能存放 OneMap 清单（请管理员运行 CREATE EXTENSION postgis）。",
        "Database {where} has no PostGIS extension and cannot hold a OneMap inventory (an administrator runs "
        "CREATE EXTENSION postgis).",
    ),
    "no_rights": (
        "账号 {where} 无权读取这个清单：请管理员用 onemap server grant 授予角色。",
        "The login {where} has no right to read this inventory; an administrator gives it a role with "
        "onemap server grant.",
    ),
}


class ViewError(ServerError):
    """A refusal met while opening a shared inventory for viewing (``kind`` picks the sentence)."""

    def message(self, lang: str = "zh") -> str:
        zh, en = _MESSAGES[self.kind]
        return (zh if lang == "zh" else en).format(**self.fields)


def classify(error: BaseException, where: str) -> BaseException:
    """The viewer's sentence for an error met while opening ``where`` (``login@host:port/db``).

    Errors it cannot place are returned unchanged (the store's own sentence stays).
    """
    import psycopg

    said = str(getattr(error, "detail", "") or error).lower()
    if isinstance(error, psycopg.errors.InsufficientPrivilege):
        return ViewError("no_rights", where=where)
    if isinstance(error, psycopg.errors.UndefinedFunction | psycopg.errors.UndefinedObject) and "st_" in said:
        return ViewError("no_postgis", where=where)
    if not isinstance(error, ServerError) or error.kind != "unreachable":
        return error
    if "no password supplied" in said:
        return ViewError("needs_password", where=where)
    if "password authentication failed" in said or "authentication failed" in said:
        return ViewError("wrong_password", where=where)
    if "does not exist" in said and "database" in said:
        return ViewError("no_database", where=where.rsplit("/", 1)[-1])
    if any(
        w in said for w in ("connection refused", "could not connect", "server running", "timeout", "translate host")
    ):
        return ViewError("server_down", where=where)
    return error


def asks_password(error: BaseException) -> bool:
    """Whether typing a (new) password may cure ``error``."""
    return isinstance(error, ViewError) and error.kind in ("needs_password", "wrong_password")

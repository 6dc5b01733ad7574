"""A city's inventory on a PostgreSQL + PostGIS server, read and written like an inventory file."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from onemap.store.server.connect import connect, display_name, has_table
from onemap.store.server.errors import ServerError
from onemap.store.server.reads import ServerReads
from onemap.store.server.upgrade import check_version
from onemap.store.server.writes import ServerWrites


class _Who:
    """``inventory.audit.who`` as the file's inventory has it: here the database login."""

    def __init__(self, who: str) -> None:
        self.who = who


class ServerInventory(ServerReads, ServerWrites):
    """One shared inventory in one PostGIS database, as one login sees it.

    Open with :meth:`open` (``postgresql://login@host:port/db``; the password from the OS keyring
    or ``.pgpass``).  Reads run outside any transaction (autocommit); each write is one
    transaction (:meth:`transaction`).  Who may write what is the database's decision.
    """

    def __init__(self, conn: Any, url: str, *, readonly: bool) -> None:
        self._conn = conn
        self.url = display_name(url)
        #: what messages and exports call the inventory (``user@host:port/db``, never a password)
        self.path = PurePosixPath(self.url.split("/", 1)[-1] or "onemap")
        self.readonly = readonly
        self.login = str(conn.execute("SELECT current_user").fetchone()[0])
        self.audit = _Who(self.login)
        self.backup = None

    @classmethod
    def open(cls, url: str, *, readonly: bool = False, user: str | None = None) -> ServerInventory:
        """Connect; ``user`` is ignored (the audit trail records the database login, not a claimed name).

        Raises
        ------
        ServerError
            ``unreachable`` (with the server's words), ``password_in_url``, ``not_initialised``,
            ``server_older`` / ``server_newer`` (schema versions differ).
        """
        conn = connect(url, autocommit=True)
        try:
            if not has_table(conn, "estates"):
                raise ServerError("not_initialised", where=display_name(url))
            check_version(conn, url)  # an older or newer schema than this OneMap's: refused, with what to do
            return cls(conn, url, readonly=readonly)
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        """Close the connection (every write was committed when its transaction ended)."""
        self._conn.close()

    def __enter__(self) -> ServerInventory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

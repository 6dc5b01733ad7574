"""Writing a shared inventory: each edit one transaction that names the row version it read.

``UPDATE … WHERE code = %s AND row_version = %s``: when someone else changed the estate after it
was read, nothing is written and :class:`ServerError` ``changed_by`` names them, when, and the
values they left.  What the database's row-level security refuses (another county's estate, a
viewer's login) comes back as ``denied``.  The audit trail is the database's own (triggers).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg

from onemap.model import ESTATE_COLUMNS
from onemap.store.audit import timestamp
from onemap.store.errors import InventoryError
from onemap.store.server.errors import ServerError
from onemap.store.values import differs, storable

_DENIED = (psycopg.errors.InsufficientPrivilege,)


class ServerWrites:
    """The write half of :class:`~onemap.store.server.inventory.ServerInventory`."""

    _conn: Any
    readonly: bool
    login: str

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction: all of it lands or none; refusals by the database become sentences."""
        if self.readonly:
            raise ServerError("read_only")
        try:
            with self._conn.transaction():
                yield
        except _DENIED as error:
            raise ServerError("denied", who=self.login, detail=_said(error)) from None

    def update_estate(self, code: str, /, *, version: int | None = None, **changes: Any) -> list[str]:
        """Change estate fields if the estate is still at ``version``; returns the fields really changed.

        Parameters
        ----------
        code : str
            The estate.
        version : int, optional
            The row version read before the user edited (:meth:`estate_version`); ``None``
            takes the current one (no check against others' edits).
        **changes
            Column -> new value (category lists as lists).

        Raises
        ------
        ServerError
            ``changed_by`` (someone changed it since ``version``: their name, when, their values),
            ``denied`` (row-level security: not this login's county or township, or read-only).
        """
        unknown = set(changes) - set(ESTATE_COLUMNS)
        if unknown:
            raise ValueError(f"not estate fields: {sorted(unknown)}")
        with self.transaction():
            old = self._current(code)
            if version is not None and old["row_version"] != version:
                raise self._changed(code, old)
            new = storable(
                "estates", {k: ",".join(v) if isinstance(v, list | tuple) else v for k, v in changes.items()}
            )
            changed = [k for k, v in new.items() if differs(old[k], v)]
            if not changed:
                return []
            assignments = ", ".join(f'"{k}" = %s' for k in changed)
            done = self._conn.execute(
                f"UPDATE estates SET {assignments}, updated_at = %s WHERE code = %s AND row_version = %s "
                "RETURNING row_version",
                [*(new[k] for k in changed), timestamp(), code, old["row_version"]],
            ).fetchone()
            if done is None:
                now = self._current(code)
                if now["row_version"] != old["row_version"]:
                    raise self._changed(code, now)
                raise ServerError("denied", who=self.login, detail=code)  # hidden by row-level security
        return changed

    def _current(self, code: str) -> dict[str, Any]:
        from psycopg.rows import dict_row

        with self._conn.cursor(row_factory=dict_row) as cur:
            row = cur.execute("SELECT * FROM estates WHERE code = %s", (code,)).fetchone()
        if row is None:
            raise InventoryError("no_estate", detail=code)
        return dict(row)

    def _changed(self, code: str, now: dict[str, Any]) -> ServerError:
        """The refusal naming who changed the estate last, when, and what they set."""
        rows = self._conn.execute(
            "SELECT field, new_value FROM audit_log "
            "WHERE table_name = 'estates' AND row_key = %s AND field IS NOT NULL "
            "AND at = (SELECT max(at) FROM audit_log WHERE table_name = 'estates' AND row_key = %s) ORDER BY fid",
            (code, code),
        ).fetchall()
        values = "、".join(f"{field}={value if value is not None else '未填'}" for field, value in rows) or "—"
        at = now["changed_at"].strftime("%Y-%m-%d %H:%M:%S %Z")
        return ServerError("changed_by", detail=code, other=now["changed_by"], at=at, values=values)


def _said(error: Exception) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__

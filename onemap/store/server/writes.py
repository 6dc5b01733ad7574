"""Writing a shared inventory: each edit one transaction that names the row version it read.

The row is locked (``SELECT … FOR UPDATE``) and its version compared with the one the editor
read: when someone else changed one of the same fields since, nothing is written and
:class:`ServerError` ``changed_by`` names them, when, and the values they left; their changes to
other fields stay.  What the database's row-level security refuses (another county's estate, a
viewer's login) comes back as ``denied``.  The audit trail is the database's own (triggers).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import psycopg

from onemap.model import ESTATE_COLUMNS
from onemap.store.audit import timestamp
from onemap.store.errors import ConflictError, InventoryError
from onemap.store.server.errors import ServerError
from onemap.store.values import NOT_COMPARED, differs, shown, storable

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

    def update_estate(
        self, code: str, /, *, version: int | None = None, expected: Mapping[str, Any] | None = None, **changes: Any
    ) -> list[str]:
        """Change estate fields if the estate is still at ``version``; returns the fields really changed.

        Parameters
        ----------
        code : str
            The estate.
        version : int, optional
            The row version read before the user edited (:meth:`estate_version`); ``None``
            takes the current one (no check against others' edits).
        expected : mapping, optional
            Column -> the value read before the user edited, as the file's inventory takes it:
            when the row holds something else now, :class:`ConflictError` and nothing is written.
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
            old = self._locked(code)
            _expect(old, expected, code)
            if version is not None and old["row_version"] != version:
                self._refuse_collisions(code, version, set(changes))  # others' edits of other fields stay
            new = storable(
                "estates", {k: ",".join(v) if isinstance(v, list | tuple) else v for k, v in changes.items()}
            )
            changed = [k for k, v in new.items() if differs(old[k], v)]
            if not changed:
                return []
            assignments = ", ".join(f'"{k}" = %s' for k in changed)
            self._conn.execute(
                f"UPDATE estates SET {assignments}, updated_at = %s WHERE code = %s",
                [*(new[k] for k in changed), timestamp(), code],
            )
        return changed

    def _locked(self, code: str) -> dict[str, Any]:
        """The estate's row, locked until the transaction ends (so its version cannot move under us)."""
        from psycopg.rows import dict_row

        with self._conn.cursor(row_factory=dict_row) as cur:
            if cur.execute("SELECT 1 FROM estates WHERE code = %s", (code,)).fetchone() is None:
                raise InventoryError("no_estate", detail=code)
            # row-level security hides from FOR UPDATE what this login may not write
            row = cur.execute("SELECT * FROM estates WHERE code = %s FOR UPDATE", (code,)).fetchone()
        if row is None:
            raise ServerError("denied", who=self.login, detail=code)
        return dict(row)

    def _refuse_collisions(self, code: str, version: int, fields: set[str]) -> None:
        """Refuse, naming who, when and their values, when someone changed any of ``fields`` after ``version``."""
        rows = self._conn.execute(
            "SELECT DISTINCT ON (field) field, new_value, who, at FROM audit_log "
            "WHERE table_name = 'estates' AND row_key = %s AND row_version > %s AND field = ANY(%s) "
            "ORDER BY field, fid DESC",
            (code, version, sorted(fields)),
        ).fetchall()
        if not rows:
            return
        values = "、".join(f"{field}={value if value is not None else '未填'}" for field, value, _who, _at in rows)
        others = "、".join(sorted({who for _f, _v, who, _at in rows}))
        at = max(at for _f, _v, _who, at in rows)
        raise ServerError("changed_by", detail=code, other=others, at=at, values=values)


def _expect(row: dict[str, Any], expected: Mapping[str, Any] | None, key: str) -> None:
    """Refuse (ConflictError, as the file does) when the row no longer holds what was read."""
    if not expected:
        return
    changed = {
        name: shown(row[name])
        for name, value in expected.items()
        if name not in NOT_COMPARED
        and name in row
        and differs(row[name], ",".join(value) if isinstance(value, list | tuple) else value)
    }
    if changed:
        raise ConflictError(None, key, changed)


def _said(error: Exception) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__

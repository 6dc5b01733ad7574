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
from psycopg.pq import TransactionStatus

from onemap.model import ESTATE_COLUMNS
from onemap.store.audit import timestamp
from onemap.store.errors import ConflictError, InventoryError
from onemap.store.server.edits import ServerEdits
from onemap.store.server.errors import ServerError
from onemap.store.values import NOT_COMPARED, differs, shown, storable

_DENIED = (psycopg.errors.InsufficientPrivilege,)
_IDLE = TransactionStatus.IDLE
#: what the server keeps for itself on every row: never a value the user read and edits
BOOKKEEPING = frozenset({"row_version", "changed_by", "changed_at", "onemap_wkb"}) | NOT_COMPARED


class StaleEdit(ServerError, ConflictError):
    """A row another login changed after this one read it: ``changed_by`` naming them, and the
    file's :class:`ConflictError` fields (``key``, ``changed``: field -> its value now, ``table``)."""

    def __init__(self, key: str, changed: dict[str, str], table: str, other: str, at: str) -> None:
        self.key, self.changed, self.table = key, changed, table
        values = "、".join(f"{field}={value}" for field, value in changed.items())
        InventoryError.__init__(self, "changed_by", None, detail=key, other=other, at=at, values=values)


class ServerWrites(ServerEdits):
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
        except ConflictError as error:
            if isinstance(error, StaleEdit) or self._conn.info.transaction_status != _IDLE:
                raise  # named already, or an outer transaction names it once it rolled back
            raise self._named(error) from None

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
            self._check("estates", code, self.estate_row(code), expected)
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

    def _locked(self, key: Any, table: str = "estates") -> dict[str, Any]:
        """The row (an estate by code, another by fid), locked until the transaction ends (so its
        version cannot move under us); ``denied`` when row-level security keeps it from this login."""
        from psycopg.rows import dict_row

        column = "code" if table == "estates" else "fid"
        with self._conn.cursor(row_factory=dict_row) as cur:
            if cur.execute(f'SELECT 1 FROM "{table}" WHERE "{column}" = %s', (key,)).fetchone() is None:
                raise InventoryError("no_estate", detail=str(key) if table == "estates" else f"{table}/{key}")
            # row-level security hides from FOR UPDATE what this login may not write
            row = cur.execute(f'SELECT * FROM "{table}" WHERE "{column}" = %s FOR UPDATE', (key,)).fetchone()
        if row is None:
            raise ServerError("denied", who=self.login, detail=str(key) if table == "estates" else f"{table} {key}")
        return dict(row)

    def _check(self, table: str, key: str, row: dict[str, Any] | None, expected: Mapping[str, Any] | None) -> None:
        """Refuse, naming who changed it, when the row no longer holds what the editor read.

        An unchanged row version (``expected`` read with :meth:`estate_row`) means nobody wrote
        the row since; otherwise the values read are compared, as the file compares them.
        """
        if not expected or row is None:
            return
        if expected.get("row_version") is not None and expected.get("row_version") == row.get("row_version"):
            return
        changed = {
            name: _shown(name, row[name])
            for name, value in expected.items()
            if name not in BOOKKEEPING
            and name in row
            and differs(row[name], ",".join(value) if isinstance(value, list | tuple) else value)
        }
        if changed:
            raise self._named(ConflictError(None, key, changed, table), row)

    def _named(self, conflict: ConflictError, row: Mapping[str, Any] | None = None) -> StaleEdit:
        """The file's refusal with who changed those fields last and when (the audit trail; else the row's stamp)."""
        found = self._conn.execute(
            "SELECT who, at FROM audit_log WHERE table_name = %s AND (row_key = %s OR starts_with(row_key, %s)) "
            "AND (field = ANY(%s) OR field IS NULL) ORDER BY fid DESC LIMIT 1",
            (conflict.table, conflict.key, conflict.key + "/", sorted(conflict.changed)),
        ).fetchone()
        if found is None and row is not None:
            found = (row.get("changed_by"), row.get("changed_at"))
        who, at = (str(found[0] or "?"), str(found[1] or "")) if found else ("?", "")
        return StaleEdit(conflict.key, conflict.changed, conflict.table, who, at)

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


def _shown(name: str, value: Any) -> str:
    """A value for the refusal: a point as ``lon, lat`` (as the map shows it), the rest as the file says it."""
    from onemap.store.geometry import decode

    geom = decode(value) if name == "geom" and isinstance(value, bytes) else None
    if geom is not None and geom.geom_type == "Point" and not geom.is_empty:
        return f"{geom.x:.6f}, {geom.y:.6f}"
    return shown(value)


def _said(error: Exception) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__

"""The two ends a checkin writes to, behind one small interface: an inventory file, or the server.

:mod:`onemap.store.sync` decides what to send; these classes read a row as text (geometry as
WKT), write it, and find who last changed it.  The server audits itself (its triggers record the
database login); the file's writes are audited here with the field copy's author, since the
file's triggers stay silent while OneMap writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from shapely import wkt as shapely_wkt

from onemap.store.audit import AuditTrail, as_text, timestamp
from onemap.store.geometry import decode, encode
from onemap.store.server.errors import ServerError

#: bookkeeping columns a checkin never copies
SKIPPED = {"fid", "updated_at", "row_version", "changed_by", "changed_at"}
_SHAPES = ("POINT", "MULTI", "POLYGON", "LINESTRING", "GEOMETRY")


def key_column(table: str) -> str:
    """The column a row is found by: an estate's code, any other row's fid."""
    return "code" if table == "estates" else "fid"


def row_key(table: str, code: str, key: Any) -> str:
    """The audit trail's key for a row (``CODE`` for an estate, ``CODE/fid`` for its rows)."""
    return code if table == "estates" else f"{code}/{key}"


class FileSide:
    """An inventory file (:class:`~onemap.store.inventory.Inventory`) as one end of a checkin."""

    def __init__(self, inventory: Any) -> None:
        self.inventory = inventory
        self._conn = inventory._conn
        self.name = str(inventory.path)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.inventory.transaction():
            yield

    def columns(self, table: str) -> dict[str, bool]:
        """Column -> is geometry (empty when the file has no such table); read once per table."""
        cache: dict[str, dict[str, bool]] = self.__dict__.setdefault("_columns", {})
        if table not in cache:
            cache[table] = self._read_columns(table)
        return cache[table]

    def _read_columns(self, table: str) -> dict[str, bool]:
        geometry = {
            r[0]
            for r in self._conn.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (table,))
        }
        return {r[1]: r[1] in geometry for r in self._conn.execute(f'PRAGMA table_info("{table}")')}

    def child_tables(self) -> list[str]:
        """The tables holding an estate's rows (those with an ``estate_code``)."""
        names = [r[0] for r in self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return [t for t in names if not t.startswith(("rtree_", "gpkg")) and "estate_code" in self.columns(t)]

    def row(self, table: str, key: Any) -> dict[str, Any] | None:
        """The row's fields (geometry as WKT, bookkeeping left out), ``None`` when it is gone."""
        columns = self.columns(table)
        found = self._conn.execute(f'SELECT * FROM "{table}" WHERE "{key_column(table)}" = ?', (key,)).fetchone()
        if found is None:
            return None
        names = [d[0] for d in self._conn.execute(f'SELECT * FROM "{table}" LIMIT 0').description]
        row = dict(zip(names, found, strict=True))
        return {k: _wkt(v) if columns.get(k) else v for k, v in row.items() if k not in SKIPPED}

    def fids(self, table: str, codes: list[str]) -> dict[str, list[int]]:
        """Each estate's row fids of ``table`` in fid order (the order a checkout copies them in)."""
        out: dict[str, list[int]] = {}
        for code, fid in self._conn.execute(f'SELECT estate_code, fid FROM "{table}" ORDER BY fid'):
            if code in codes:
                out.setdefault(code, []).append(fid)
        return out

    def same_row(self, table: str, code: str, values: dict[str, Any], claimed: set[Any]) -> Any:
        """An unclaimed row of the estate holding exactly ``values`` (its key), or ``None``."""
        if table == "estates":
            return code if self.row(table, code) is not None else None
        for key in self.fids(table, [code]).get(code, []):
            row = None if key in claimed else self.row(table, key)
            if row is not None and all(same(row.get(k), v) for k, v in values.items() if k in row):
                return key
        return None

    def update(self, table: str, key: Any, values: dict[str, Any], who: str, code: str) -> None:
        old = self.row(table, key) or {}
        geometry = self.columns(table)
        sets = ", ".join(f'"{k}" = ?' for k in values)
        params = [_blob(v) if geometry.get(k) else v for k, v in values.items()]
        self._conn.execute(f'UPDATE "{table}" SET {sets} WHERE "{key_column(table)}" = ?', [*params, key])
        trail = AuditTrail(self._conn, who)
        for k, v in values.items():
            trail.record("update", table, row_key(table, code, key), k, old.get(k), v)
        self._touch(code)

    def insert(self, table: str, values: dict[str, Any], who: str, code: str) -> Any:
        geometry = self.columns(table)
        values = {k: v for k, v in values.items() if k in geometry and k not in SKIPPED}
        names = ", ".join(f'"{k}"' for k in values)
        marks = ", ".join("?" for _ in values)
        params = [_blob(v) if geometry[k] else v for k, v in values.items()]
        cur = self._conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', params)
        key = code if table == "estates" else cur.lastrowid
        AuditTrail(self._conn, who).record("insert", table, row_key(table, code, key))
        self._touch(code)
        return key

    def delete(self, table: str, key: Any, who: str, code: str) -> None:
        self._conn.execute(f'DELETE FROM "{table}" WHERE "{key_column(table)}" = ?', (key,))
        AuditTrail(self._conn, who).record("delete", table, row_key(table, code, key))
        self._touch(code)

    def last_change(self, table: str, key: str, field: str | None, since: str = "") -> tuple[str, str] | None:
        """Who changed the row (that field, or anything) last after ``since``, and when."""
        query = "SELECT who, at FROM audit_log WHERE table_name = ? AND row_key = ? AND at > ?"
        params: list[Any] = [table, key, since]
        if field:
            query, params = query + " AND field = ?", [*params, field]
        found = self._conn.execute(query + " ORDER BY fid DESC LIMIT 1", params).fetchone()
        return None if found is None else (found[0], found[1])

    def outline(self, code: str) -> str | None:
        """The estate's outline (its first area) as WKT."""
        fids = self.fids("estate_areas", [code]).get(code, [])
        return None if not fids else (self.row("estate_areas", fids[0]) or {}).get("geom")

    def set_outline(self, code: str, shape: str | None, who: str) -> None:
        """Replace the estate's areas by one outline (``None``: none)."""
        old = self.outline(code)
        for fid in self.fids("estate_areas", [code]).get(code, []):
            self._conn.execute(self._sql("DELETE FROM estate_areas WHERE fid = ?"), (fid,))
        if shape is not None:
            self._conn.execute(
                self._sql(f"INSERT INTO estate_areas (estate_code, geom) VALUES (?, {self._geometry})"),
                (code, self._shape(shape)),
            )
        self._audit(who, "update", "estate_areas", code, "geom", old, shape)

    _geometry = "?"

    def _sql(self, text: str) -> str:
        return text

    def _shape(self, text: str) -> Any:
        return _blob(text)

    def _audit(self, who: str, *entry: Any) -> None:
        AuditTrail(self._conn, who).record(*entry)
        self._touch(entry[2])

    def _touch(self, code: str) -> None:
        self._conn.execute("UPDATE estates SET updated_at = ? WHERE code = ?", (timestamp(), code))


class ServerSide(FileSide):
    """The server (:class:`~onemap.store.server.inventory.ServerInventory`): its triggers audit each write."""

    def __init__(self, inventory: Any) -> None:
        self.inventory = inventory
        self._conn = inventory._conn
        self.name = inventory.url

    def _read_columns(self, table: str) -> dict[str, bool]:
        rows = self._conn.execute(
            "SELECT column_name, udt_name FROM information_schema.columns WHERE table_name = %s", (table,)
        ).fetchall()
        return {name: kind == "geometry" for name, kind in rows}

    def row(self, table: str, key: Any) -> dict[str, Any] | None:
        from psycopg.rows import dict_row

        geometry = [k for k, g in self.columns(table).items() if g]
        extra = "".join(f', ST_AsText("{g}") AS "{g}__wkt"' for g in geometry)
        with self._conn.cursor(row_factory=dict_row) as cur:
            # locked until the one commit: nobody changes it under us
            found = cur.execute(
                f'SELECT *{extra} FROM "{table}" WHERE "{key_column(table)}" = %s FOR UPDATE', (key,)
            ).fetchone()
            if (
                found is None
                and cur.execute(f'SELECT 1 FROM "{table}" WHERE "{key_column(table)}" = %s', (key,)).fetchone()
            ):
                # row-level security hides from FOR UPDATE what this login may not write
                raise ServerError("denied", who=self.inventory.login, detail=f"{table} {key}")
        if found is None:
            return None
        for g in geometry:
            found[g] = found.pop(f"{g}__wkt")
        return {k: v for k, v in found.items() if k not in SKIPPED}

    def fids(self, table: str, codes: list[str]) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        query = f'SELECT estate_code, fid FROM "{table}" WHERE estate_code = ANY(%s) ORDER BY fid'
        for code, fid in self._conn.execute(query, (codes,)):
            out.setdefault(code, []).append(fid)
        return out

    def update(self, table: str, key: Any, values: dict[str, Any], who: str, code: str) -> None:
        geometry = self.columns(table)
        sets = [f'"{k}" = ST_GeomFromText(%s, 4326)' if geometry.get(k) else f'"{k}" = %s' for k in values]
        params = list(values.values())
        if table == "estates":
            sets, params = [*sets, "updated_at = %s"], [*params, timestamp()]
        self._conn.execute(f'UPDATE "{table}" SET {", ".join(sets)} WHERE "{key_column(table)}" = %s', [*params, key])

    def insert(self, table: str, values: dict[str, Any], who: str, code: str) -> Any:
        geometry = self.columns(table)
        values = {k: v for k, v in values.items() if k in geometry and k not in SKIPPED}
        names = ", ".join(f'"{k}"' for k in values)
        marks = ", ".join("ST_GeomFromText(%s, 4326)" if geometry[k] else "%s" for k in values)
        found = self._conn.execute(
            f'INSERT INTO "{table}" ({names}) VALUES ({marks}) RETURNING "{key_column(table)}"', list(values.values())
        ).fetchone()
        return found[0]

    def delete(self, table: str, key: Any, who: str, code: str) -> None:
        self._conn.execute(f'DELETE FROM "{table}" WHERE "{key_column(table)}" = %s', (key,))

    def last_change(self, table: str, key: str, field: str | None, since: str = "") -> tuple[str, str] | None:
        query = "SELECT who, at FROM audit_log WHERE table_name = %s AND row_key = %s AND at > %s"
        params: list[Any] = [table, key, since]
        if field:
            query, params = query + " AND field = %s", [*params, field]
        found = self._conn.execute(query + " ORDER BY fid DESC LIMIT 1", params).fetchone()
        return None if found is None else (found[0], found[1])

    _geometry = "ST_Multi(ST_GeomFromText(?, 4326))"

    def _sql(self, text: str) -> str:
        return text.replace("?", "%s")

    def _shape(self, text: str) -> Any:
        return text

    def _audit(self, who: str, *entry: Any) -> None:
        pass  # the server's triggers audit every write as the database login


def _wkt(value: Any) -> str | None:
    geom = decode(value) if isinstance(value, bytes) else None
    return None if geom is None else geom.wkt


def _blob(text: str | None) -> bytes | None:
    return None if text is None else encode(shapely_wkt.loads(text))


def same(a: Any, b: Any) -> bool:
    """Whether two field values are the same (geometry compared as shapes, the rest as the trail writes them)."""
    ta, tb = as_text(a), as_text(b)
    if ta == tb:
        return True
    if ta is None or tb is None or not ta.startswith(_SHAPES) or not tb.startswith(_SHAPES):
        return _numbers_equal(ta, tb)
    try:
        return bool(shapely_wkt.loads(ta).equals_exact(shapely_wkt.loads(tb), 1e-9))
    except Exception:  # not WKT: plain text that differs
        return False


def _numbers_equal(a: str | None, b: str | None) -> bool:
    try:
        return a is not None and b is not None and float(a) == float(b)
    except ValueError:
        return False

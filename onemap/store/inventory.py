"""The inventory file: open, create, migrate, and read estates.

An :class:`Inventory` owns one SQLite connection to one GeoPackage.  Reads are plain
queries; every write goes through :mod:`onemap.store.writes` inside
:meth:`Inventory.transaction`, which also records the audit trail.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from onemap.model import Estate
from onemap.store import files, migrations, trail, triggers
from onemap.store.audit import AuditEntry, AuditTrail, default_user, scrub_secrets, timestamp
from onemap.store.codes import free_code
from onemap.store.errors import InventoryError
from onemap.store.geometry import decode
from onemap.store.labels import TABLE_TITLES
from onemap.store.rows import CHILD_LISTS, CHILD_TABLES, child_from_row, estate_from_row
from onemap.store.where import Filter, parse_where
from onemap.store.writes import EstateWrites


class Inventory(EstateWrites):
    """One county's estate inventory in one GeoPackage file.

    Use :meth:`open` for an existing file and :meth:`create` for a new one; both work
    as context managers.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, *, user: str, readonly: bool,
                 backup: Path | None = None) -> None:
        self.conn = conn
        self.conn.row_factory = sqlite3.Row
        self.path = path
        self.readonly = readonly
        self.audit = AuditTrail(conn, user)
        #: whether this file has the audit triggers that OneMap's own transactions must silence
        self._marks_writes = triggers.installed(conn)
        #: the copy taken before this open migrated the file, if it did
        self.backup = backup

    # -- opening -----------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, readonly: bool = False, user: str | None = None) -> Inventory:
        """Open an existing inventory; an older file is backed up, then migrated.

        Raises
        ------
        InventoryError
            With a sentence for a missing, foreign, truncated, damaged, read-only or
            locked file.  Nothing is written to a file that is refused.
        """
        path = Path(path)
        files.check_bytes(path)
        if not readonly and files.is_read_only(path):
            raise InventoryError("read_only", path)
        conn = files.connect(path, readonly=readonly)
        try:
            files.probe(conn, path)
            backup = None if readonly else cls._prepare_for_writing(conn, path)
        except BaseException:
            conn.close()
            raise
        return cls(conn, path, user=user or default_user(), readonly=readonly, backup=backup)

    @staticmethod
    def _prepare_for_writing(conn: sqlite3.Connection, path: Path) -> Path | None:
        files.ensure_writable(conn, path)
        newer = migrations.unknown(conn)
        if newer:
            raise InventoryError("newer", path, detail=newer[-1])
        if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
            conn.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        backup = None
        if migrations.pending(conn):
            backup = files.backup_copy(path, "before-upgrade")
        try:
            migrations.migrate(conn)
            scrub_secrets(conn)  # a password once typed anywhere must not live on in the trail
        except sqlite3.Error as error:
            raise files.translate(error, path) from None
        return backup

    @classmethod
    def create(cls, path: Path | str, *, county_code: str = "", county_name: str = "",
               user: str | None = None, overwrite: bool = False, upto: int | None = None) -> Inventory:
        """Create a new, empty inventory file (``upto`` stops at an older schema, for tests)."""
        path = Path(path)
        if path.exists():
            if not overwrite:
                raise InventoryError("exists", path)
            path.unlink()
        try:
            conn = files.create_connection(path)
        except sqlite3.Error:
            raise InventoryError("unwritable_dir", path) from None
        migrations.create_schema(conn, upto)
        inventory = cls(conn, path, user=user or default_user(), readonly=False)
        with inventory.transaction():
            inventory.set_meta(county_code=county_code, county_name=county_name,
                               created_at=timestamp(), created_by=inventory.audit.who)
        return inventory

    def close(self) -> None:
        """Close the connection (the file is complete after every committed transaction)."""
        self.conn.close()

    def __enter__(self) -> Inventory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: all of it lands, or none of it (rollback journal)."""
        if self.readonly:
            raise InventoryError("read_only", self.path)
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise files.translate(error, self.path) from None
        try:
            if self._marks_writes:
                triggers.mark_onemap(self.conn, self.audit.who)
            yield
            if self._marks_writes:
                triggers.unmark_onemap(self.conn)
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- metadata ----------------------------------------------------------------------

    def meta(self, key: str, default: str | None = None) -> str | None:
        """A value from ``onemap_meta`` (county_code, county_name, created_at, ...)."""
        row = self.conn.execute("SELECT value FROM onemap_meta WHERE key = ?", (key,)).fetchone()
        return default if row is None else row[0]

    def set_meta(self, **values: Any) -> None:
        """Set ``onemap_meta`` values (inside a transaction)."""
        self.conn.executemany("INSERT OR REPLACE INTO onemap_meta VALUES (?, ?)",
                              [(k, None if v is None else str(v)) for k, v in values.items()])

    @property
    def schema_migrations(self) -> list[str]:
        """Names of the migrations this file has had."""
        return migrations.applied(self.conn)

    # -- reading -----------------------------------------------------------------------

    def count(self, where: Filter | str | list[str] | None = None) -> int:
        """How many estates match the filter (all when ``None``)."""
        flt = _as_filter(where)
        return int(self.conn.execute(f"SELECT count(*) FROM estates WHERE {flt.sql}",
                                     flt.params).fetchone()[0])

    def estates(self, where: Filter | str | list[str] | None = None,
                order_by: str = "township, name, code") -> list[Estate]:
        """Estates matching the filter, without their child rows (fast, for lists)."""
        flt = _as_filter(where)
        rows = self.conn.execute(f"SELECT * FROM estates WHERE {flt.sql} ORDER BY {order_by}",
                                 flt.params)
        return [estate_from_row(row) for row in rows]

    def codes_within(self, minx: float, miny: float, maxx: float, maxy: float) -> list[str]:
        """Codes of located estates whose point falls in a lon/lat box (R-tree lookup)."""
        rows = self.conn.execute(
            "SELECT e.code FROM estates e JOIN rtree_estates_geom r ON e.fid = r.id "
            "WHERE r.maxx >= ? AND r.minx <= ? AND r.maxy >= ? AND r.miny <= ?",
            (minx, maxx, miny, maxy),
        )
        return [row[0] for row in rows]

    def estate(self, code: str) -> Estate:
        """One estate with its outline and every child row.

        Raises
        ------
        InventoryError
            ``no_estate`` when the code is not in the inventory.
        """
        row = self.conn.execute("SELECT * FROM estates WHERE code = ?", (code,)).fetchone()
        if row is None:
            raise InventoryError("no_estate", self.path, detail=code)
        estate = estate_from_row(row)
        estate.outline = self.outline(code)
        for table in CHILD_TABLES:
            rows = self.conn.execute(f"SELECT * FROM {table} WHERE estate_code = ? ORDER BY fid", (code,))
            setattr(estate, CHILD_LISTS[table], [child_from_row(table, r) for r in rows])
        return estate

    def outline(self, code: str) -> Any:
        """The estate's outline (MultiPolygon) or ``None``."""
        row = self.conn.execute("SELECT geom FROM estate_areas WHERE estate_code = ? ORDER BY fid LIMIT 1",
                                (code,)).fetchone()
        return None if row is None else decode(row[0])

    def next_code(self) -> str:
        """A code no estate in this inventory has: its county code and the next free sequence."""
        taken = {row[0] for row in self.conn.execute("SELECT code FROM estates")}
        return free_code(self.meta("county_code"), taken)

    def history(self, code: str, limit: int = 50) -> list[AuditEntry]:
        """Recent audit entries for an estate and its child rows, newest first."""
        return trail.entries(self.conn, code, limit)  # other programs' edits included, readable

    def table_count(self, table: str) -> int:
        """Rows in one of the inventory's tables."""
        if table not in TABLE_TITLES:
            raise ValueError(f"unknown table {table!r}")
        return int(self.conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])


def _as_filter(where: Filter | str | list[str] | None) -> Filter:
    return where if isinstance(where, Filter) else parse_where(where)

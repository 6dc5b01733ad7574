"""The inventory file: open, create, migrate, and read estates.

An :class:`Inventory` owns one SQLite connection to one GeoPackage.  Reads are plain
queries; every write goes through :mod:`onemap.store.writes` inside
:meth:`Inventory.transaction`, which also records the audit trail.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, cast

from shapely.errors import ShapelyError

from onemap.model import Estate
from onemap.store import files, migrations, notices, opening, trail, triggers, waits
from onemap.store.alert_reports import AlertReportReads
from onemap.store.alerts import AlertStore
from onemap.store.audit import AuditEntry, AuditTrail, default_user, timestamp
from onemap.store.changes import ChangeReads
from onemap.store.checkup import CheckupStore
from onemap.store.codes import free_code
from onemap.store.dispatch_sends import DispatchSendStore
from onemap.store.editlock import EditLock
from onemap.store.errors import InventoryError
from onemap.store.facilities import FacilityStore
from onemap.store.geometry import decode
from onemap.store.labels import TABLE_TITLES
from onemap.store.live_cameras import LiveCameraReads
from onemap.store.reads import InventoryReads, as_filter
from onemap.store.rows import CHILD_LISTS, CHILD_TABLES, child_from_row, estate_from_row
from onemap.store.sensors import SensorStore
from onemap.store.server import is_server_url
from onemap.store.spatial import SpatialReads
from onemap.store.summaries import Summaries
from onemap.store.watch_marks import WatchMarkReads
from onemap.store.where import Filter
from onemap.store.writes import EstateWrites


class Inventory(
    EstateWrites,
    InventoryReads,
    SpatialReads,
    Summaries,
    AlertStore,
    AlertReportReads,
    SensorStore,
    ChangeReads,
    DispatchSendStore,
    WatchMarkReads,
    LiveCameraReads,
    CheckupStore,
    FacilityStore,
):
    """One county's estate inventory in one GeoPackage file.

    Use :meth:`open` for an existing file and :meth:`create` for a new one; both work
    as context managers.  The connection is the store's own (``_conn``): everything outside
    ``onemap.store`` asks through read methods (here, :mod:`~onemap.store.reads`,
    :mod:`~onemap.store.spatial`, :mod:`~onemap.store.summaries`) and writes through
    :mod:`~onemap.store.writes`, and gets :class:`InventoryError` for what SQLite refuses.
    """

    def __init__(
        self, conn: sqlite3.Connection, path: Path, *, user: str, readonly: bool, backup: Path | None = None
    ) -> None:
        self._conn = conn
        self._conn.row_factory = sqlite3.Row
        self.path = path
        self.readonly = readonly
        self.audit = AuditTrail(conn, user)
        #: whether this file has the audit triggers that OneMap's own transactions must silence
        self._marks_writes = triggers.installed(conn)
        #: the copy taken before this open migrated the file, if it did
        self.backup = backup
        #: how long a write waits for other programs before it is refused (None: ``waits.WAIT_LIMIT_S``)
        self.wait_limit_s: float | None = None
        self._lock: EditLock | None = None
        self._scratch: Path | None = None  # the temporary folder of a scratch copy

    # -- opening -----------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, readonly: bool = False, user: str | None = None) -> Inventory:
        """Open an existing inventory; an older file is backed up, then migrated.

        Opening for writing takes the writers' lock (:mod:`onemap.store.editlock`) until
        :meth:`close`, so the viewer, the importer and every command that writes exclude
        each other.

        Raises
        ------
        InventoryError
            With a sentence for a missing, foreign, truncated, damaged, read-only or
            locked file, or one open for editing elsewhere (``edited_by``, naming who).
            Nothing is written to a file that is refused.

        A ``postgresql://`` URL opens the shared inventory on that server instead
        (:class:`~onemap.store.server.inventory.ServerInventory`, the same reads and edits).
        """
        if is_server_url(path):
            from onemap.store.server.inventory import ServerInventory

            return cast(Inventory, ServerInventory.open(str(path), readonly=readonly, user=user))
        path = Path(path)
        files.check_bytes(path)
        if readonly:
            return cls._reader(path, user)
        if files.is_read_only(path):
            raise InventoryError("read_only", path)
        conn, lock, backup = opening.open_for_writing(path, user or default_user())
        inventory = cls(conn, path, user=user or default_user(), readonly=False, backup=backup)
        inventory._lock = lock
        return inventory

    @classmethod
    def _reader(cls, path: Path, user: str | None) -> Inventory:
        conn = None
        try:
            conn = files.open_connection(path, readonly=True)
            return cls(conn, path, user=user or default_user(), readonly=True)
        except sqlite3.Error as error:  # a locked or damaged file, found while reading its schema
            if conn is not None:
                conn.close()
            raise files.translate(error, path) from error

    @classmethod
    def scratch_copy(cls, path: Path | str, *, user: str | None = None) -> Inventory:
        """A writable private copy of an inventory in a temporary folder (for dry runs).

        The original is only read (one consistent snapshot, through SQLite's backup
        API): no lock, no backup, no migration touches it.  :meth:`close` deletes the copy.
        """
        path = Path(path)

        def build(copy: Path) -> Inventory:
            opening.snapshot(path, copy)
            return cls.open(copy, user=user)

        inventory, folder = opening.in_scratch_folder(path.name, build)
        inventory._scratch = folder
        return inventory

    @classmethod
    def create(
        cls,
        path: Path | str,
        *,
        county_code: str = "",
        county_name: str = "",
        user: str | None = None,
        overwrite: bool = False,
        upto: int | None = None,
    ) -> Inventory:
        """Create a new, empty inventory file (``upto`` stops at an older schema, for tests)."""
        path = Path(path)
        if path.exists() and not overwrite:
            raise InventoryError("exists", path)
        conn, lock = opening.new_file(path, user or default_user(), upto)
        inventory = cls(conn, path, user=user or default_user(), readonly=False)
        inventory._lock = lock
        with inventory.transaction():
            inventory.set_meta(
                county_code=county_code, county_name=county_name, created_at=timestamp(), created_by=inventory.audit.who
            )
        return inventory

    @classmethod
    def create_scratch(cls, path: Path | str, **options: Any) -> Inventory:
        """Like :meth:`create`, but in a temporary folder (only ``path``'s name is used), deleted by
        :meth:`close`: a dry run into a file that does not exist yet writes nothing beside it."""
        inventory, folder = opening.in_scratch_folder(Path(path).name, lambda new: cls.create(new, **options))
        inventory._scratch = folder
        return inventory

    def close(self) -> None:
        """Close the connection and let go of the writers' lock (the file is complete after
        every committed transaction)."""
        if not self.readonly:
            with suppress(sqlite3.Error):
                files.leave_wal_when_alone(self._conn)  # the last one out makes it one file again
        self._conn.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    def __enter__(self) -> Inventory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: all of it lands, or none of it (rollback journal).

        Taking the write lock and committing wait (saying so) while another program holds
        the file, then refuse; SQLite's errors leave as :class:`InventoryError`.
        """
        if self.readonly:
            raise InventoryError("read_only", self.path)
        waits.run_waiting(self._conn, self.path, "BEGIN IMMEDIATE", self.wait_limit_s)
        try:
            if self._marks_writes:
                triggers.mark_onemap(self._conn, self.audit.who)
            yield
            if self._marks_writes:
                triggers.unmark_onemap(self._conn)
            waits.run_waiting(self._conn, self.path, "COMMIT", self.wait_limit_s)
        except sqlite3.Error as error:
            self._rollback()
            raise files.translate(error, self.path) from error
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    @contextmanager
    def backup_before_changes(self, reason: str, *, enabled: bool = True) -> Iterator[opening.Backup]:
        """Back the file up (see :mod:`onemap.store.backups`); the copy stays only if the file changed.

        An import that changes nothing leaves no backup behind.
        """
        with opening.kept_if_changed(self._conn, self.path, reason, enabled) as backup:
            yield backup

    # -- metadata ----------------------------------------------------------------------

    @opening.translated
    def meta(self, key: str, default: str | None = None) -> str | None:
        """A value from ``onemap_meta`` (county_code, county_name, created_at, ...)."""
        row = self._conn.execute("SELECT value FROM onemap_meta WHERE key = ?", (key,)).fetchone()
        return default if row is None else row[0]

    def set_meta(self, **values: Any) -> None:
        """Set ``onemap_meta`` values (inside a transaction)."""
        self._conn.executemany(
            "INSERT OR REPLACE INTO onemap_meta VALUES (?, ?)",
            [(k, None if v is None else str(v)) for k, v in values.items()],
        )

    @property
    def schema_migrations(self) -> list[str]:
        """Names of the migrations this file has had."""
        return migrations.applied(self._conn)

    # -- reading -----------------------------------------------------------------------

    @opening.translated
    def count(self, where: Filter | str | list[str] | None = None) -> int:
        """How many estates match the filter (all when ``None``)."""
        flt = as_filter(where)
        return int(self._conn.execute(f"SELECT count(*) FROM estates WHERE {flt.sql}", flt.params).fetchone()[0])

    @opening.translated
    def estates(
        self, where: Filter | str | list[str] | None = None, order_by: str = "township, name, code"
    ) -> list[Estate]:
        """Estates matching the filter, without their child rows (fast, for lists)."""
        flt = as_filter(where)
        rows = self._conn.execute(f"SELECT * FROM estates WHERE {flt.sql} ORDER BY {order_by}", flt.params)
        return [estate_from_row(row) for row in rows]

    @opening.translated
    def codes_within(self, minx: float, miny: float, maxx: float, maxy: float) -> list[str]:
        """Codes of located estates whose point falls in a lon/lat box (R-tree lookup)."""
        rows = self._conn.execute(
            "SELECT e.code FROM estates e JOIN rtree_estates_geom r ON e.fid = r.id "
            "WHERE r.maxx >= ? AND r.minx <= ? AND r.maxy >= ? AND r.miny <= ?",
            (minx, maxx, miny, maxy),
        )
        return [row[0] for row in rows]

    @opening.translated
    def estate(self, code: str) -> Estate:
        """One estate with its outline and every child row.

        Raises
        ------
        InventoryError
            ``no_estate`` when the code is not in the inventory.
        """
        row = self._conn.execute("SELECT * FROM estates WHERE code = ?", (code,)).fetchone()
        if row is None:
            raise InventoryError("no_estate", self.path, detail=code)
        estate = estate_from_row(row)
        estate.outline = self.outline(code)
        for table in CHILD_TABLES:
            if table == "sensors" and not self.has_sensors_table():  # an old file opened read-only
                continue
            rows = self._conn.execute(f"SELECT * FROM {table} WHERE estate_code = ? ORDER BY fid", (code,))
            setattr(estate, CHILD_LISTS[table], [child_from_row(table, r) for r in rows])
        return estate

    def has_sensors_table(self) -> bool:
        """Whether the file has the live watch's tables (migration 0005); asked once per open."""
        found: bool | None = getattr(self, "_has_sensors", None)
        if found is None:
            sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sensors'"
            found = self._has_sensors = self._conn.execute(sql).fetchone() is not None
        return found

    @opening.translated
    def outline(self, code: str) -> Any:
        """The estate's outline (MultiPolygon) or ``None``."""
        row = self._conn.execute(
            "SELECT geom FROM estate_areas WHERE estate_code = ? ORDER BY fid LIMIT 1", (code,)
        ).fetchone()
        return None if row is None else self.readable_outline(code, row[0])

    def readable_outline(self, code: str, blob: bytes | None) -> Any:
        """An outline blob decoded, or ``None`` with a notice naming the estate when it is damaged
        (a ring another program left unclosed): readers carry on without it."""
        try:
            return decode(blob)
        except (ValueError, ShapelyError):
            notices.tell(InventoryError("damaged_outline", self.path, detail=code))
            return None

    @opening.translated
    def next_code(self) -> str:
        """A code no estate in this inventory has: its county code and the next free sequence."""
        taken = {row[0] for row in self._conn.execute("SELECT code FROM estates")}
        return free_code(self.meta("county_code"), taken)

    @opening.translated
    def history(self, code: str | None, limit: int | None = 50) -> list[AuditEntry]:
        """Recent audit entries for an estate and its child rows (``None``: every estate), newest first."""
        return trail.entries(self._conn, code, limit)  # other programs' edits included, readable

    @opening.translated
    def table_count(self, table: str) -> int:
        """Rows in one of the inventory's tables."""
        if table not in TABLE_TITLES:
            raise ValueError(f"unknown table {table!r}")
        return int(self._conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])

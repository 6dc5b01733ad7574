"""How :class:`~onemap.store.inventory.Inventory` opens, creates and copies files (kept apart so
the class reads as its API): the writers' lock, migration after a backup, scratch copies for dry
runs, backups that stay only when something changed, and SQLite errors turned into sentences.
"""

from __future__ import annotations

import functools
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import ParamSpec, TypeVar

from onemap.store import files, migrations
from onemap.store.audit import scrub_secrets
from onemap.store.editlock import EditLock
from onemap.store.errors import InventoryError

_T = TypeVar("_T")
_P = ParamSpec("_P")


def translated(read: Callable[_P, _T]) -> Callable[_P, _T]:
    """A method whose SQLite errors ("database is locked"...) leave as :class:`InventoryError`."""

    @functools.wraps(read)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return read(*args, **kwargs)
        except sqlite3.Error as error:
            raise files.translate(error, args[0].path) from error  # type: ignore[attr-defined]

    return wrapper


def open_for_writing(path: Path, user: str) -> tuple[sqlite3.Connection, EditLock, Path | None]:
    """The writers' lock, a connection (a crashed writer's journal rolled back), and the file
    migrated after a backup if an older OneMap made it; returns the backup's path, if one was made."""
    lock, conn = EditLock.acquire(path, user), None
    try:
        conn = files.open_connection(path, readonly=False)
        return conn, lock, _prepare_for_writing(conn, path)
    except BaseException as error:
        if conn is not None:
            conn.close()
        lock.release()
        if isinstance(error, sqlite3.Error):
            raise files.translate(error, path) from error
        raise


def _prepare_for_writing(conn: sqlite3.Connection, path: Path) -> Path | None:
    files.ensure_writable(conn, path)
    newer = migrations.unknown(conn)
    if newer:
        raise InventoryError("newer", path, detail=newer[-1])
    files.leave_wal_when_alone(conn)
    backup = None
    if migrations.pending(conn):
        backup = files.backup_copy(path, "before-upgrade", source=conn)
        migrations.migrate(conn)
    scrub_secrets(conn)  # a password once typed anywhere must not live on in the trail
    return backup


def new_file(path: Path, user: str, upto: int | None) -> tuple[sqlite3.Connection, EditLock]:
    """A new file with OneMap's schema (``upto``: an older one), under the writers' lock."""
    lock = EditLock.acquire(path, user)
    try:
        path.unlink(missing_ok=True)
        try:
            conn = files.create_connection(path)
        except sqlite3.Error:
            raise InventoryError("unwritable_dir", path) from None
        migrations.create_schema(conn, upto)
        return conn, lock
    except BaseException:
        lock.release()
        raise


def snapshot(path: Path, copy: Path) -> None:
    """Copy one committed state of ``path`` to ``copy`` (SQLite's backup API; ``path`` is only read)."""
    with closing(files.open_connection(path, readonly=True)) as source, closing(sqlite3.connect(copy)) as target:
        source.backup(target)


def in_scratch_folder(name: str, build: Callable[[Path], _T]) -> tuple[_T, Path]:
    """``build(folder / name)`` in a new temporary folder; returns what it built and the folder."""
    folder = Path(tempfile.mkdtemp(prefix="onemap-dry-run-"))
    try:
        return build(folder / name), folder
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


@dataclass
class Backup:
    """The copy :func:`kept_if_changed` took (``path`` is None when none was kept)."""

    path: Path | None


def _last_audit_row(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT coalesce(max(fid), 0) FROM audit_log").fetchone()[0])


@contextmanager
def kept_if_changed(conn: sqlite3.Connection, path: Path, reason: str, enabled: bool) -> Iterator[Backup]:
    """Back the file up (:mod:`onemap.store.backups`); the copy stays only if ``conn`` then changed it."""
    backup = Backup(files.backup_copy(path, reason, source=conn) if enabled else None)
    # every change OneMap makes is audited, so a new audit row is the sign of one (the
    # writer marker that silences the outside-edit triggers changes rows but nothing else)
    last, changed = _last_audit_row(conn), False
    try:
        yield backup
        changed = _last_audit_row(conn) != last
    finally:
        if backup.path is not None and not changed:  # nothing written, or rolled back
            backup.path.unlink(missing_ok=True)
            backup.path = None

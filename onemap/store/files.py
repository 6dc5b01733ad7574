"""Opening an inventory file safely: refuse what is not ours before SQLite touches it.

Checks run on the raw bytes first (so a stray PDF or a half-copied file is never
opened read-write, and nothing is written to it), then on a read-only connection.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import struct
from pathlib import Path

from onemap.store.backups import backup_copy as backup_copy  # re-exported: its old home
from onemap.store.errors import InventoryError
from onemap.store.geometry import register_functions

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 1500


def check_bytes(path: Path) -> None:
    """Refuse a missing, non-SQLite or truncated file from its header alone."""
    if not path.exists():
        raise InventoryError("missing", path)
    if path.is_dir():
        raise InventoryError("is_directory", path)
    size = path.stat().st_size
    with path.open("rb") as f:
        header = f.read(100)
    if not header.startswith(SQLITE_MAGIC[: min(len(header), 16)]) or size == 0:
        raise InventoryError("not_sqlite", path)
    if len(header) < 100:
        raise InventoryError("truncated", path)
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    page_count = struct.unpack(">I", header[28:32])[0]
    change_counter, valid_for = struct.unpack(">I", header[24:28])[0], struct.unpack(">I", header[92:96])[0]
    if page_size < 512 or size % page_size:
        raise InventoryError("truncated", path)
    if change_counter == valid_for and size < page_count * page_size and not _hot_journal(path):
        raise InventoryError("truncated", path)


def _hot_journal(path: Path) -> bool:
    return path.with_name(path.name + "-journal").exists()


def is_read_only(path: Path) -> bool:
    """True when the file may not be written (read-only flag, or no permission).

    The mode bits are checked too because root, and Windows' read-only attribute, make
    ``os.access`` say yes when the user asked for the file to stay untouched.
    """
    mode = path.stat().st_mode
    return not (mode & stat.S_IWUSR) or not os.access(path, os.W_OK)


def connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    """An autocommit connection (transactions are explicit) with the ST_* functions."""
    uri = path.resolve().as_uri() + ("?mode=ro" if readonly else "?mode=rw")
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    register_functions(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    # INSERT OR REPLACE must fire the delete triggers of the row it replaces, or the R-tree
    # keeps an entry for a feature that no longer exists.
    conn.execute("PRAGMA recursive_triggers = ON")
    # a cleared password must not survive in the page it was on (FAST: zeroed in place, no extra I/O)
    conn.execute("PRAGMA secure_delete = FAST")
    return conn


def open_connection(path: Path, *, readonly: bool) -> sqlite3.Connection:
    """A connection whose schema has been read, after rolling back a crashed writer's journal.

    A writer killed mid-transaction leaves a "hot" ``-journal``; a read-only connection
    cannot roll it back (SQLite says "readonly database").  When the file and its folder
    may be written, a read-write connection is opened once so that SQLite restores the
    old content — exactly what any writer would do first, and safe because SQLite only
    calls a journal hot when no live process holds the file's write lock.  Otherwise
    the sentence says what really happened (``hot_journal``).
    """
    conn = connect(path, readonly=readonly)
    try:
        probe(conn, path)
        return conn
    except InventoryError as error:
        conn.close()
        if error.kind != "hot_journal" or not readonly or not _may_write_beside(path):
            raise
    recover_journal(path)
    conn = connect(path, readonly=True)
    try:
        probe(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def recover_journal(path: Path) -> None:
    """Let SQLite roll back a hot journal (a read-write connection's first read does it)."""
    conn = connect(path, readonly=False)
    try:
        probe(conn, path)
    finally:
        conn.close()


def _may_write_beside(path: Path) -> bool:
    return not is_read_only(path) and os.access(path.parent, os.W_OK)


def create_connection(path: Path) -> sqlite3.Connection:
    """A connection to a brand-new file (rollback journal, so the file is self-contained)."""
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    register_functions(conn)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA recursive_triggers = ON")
    # a cleared password must not survive in the page it was on (FAST: zeroed in place, no extra I/O)
    conn.execute("PRAGMA secure_delete = FAST")
    return conn


def probe(conn: sqlite3.Connection, path: Path) -> None:
    """Read the schema once, turning SQLite's errors into sentences."""
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.Error as error:
        raise translate(error, path) from None
    if "estates" not in tables or "onemap_migrations" not in tables:
        raise InventoryError("not_onemap", path)


def storage_error(error: BaseException, path: Path | str | None) -> InventoryError | None:
    """The clerk's sentence for an error the storage engine raised (``None``: not one of its errors).

    For the outermost handlers (the CLI, the GUI's message boxes): everything the store does
    already leaves as :class:`InventoryError`; this catches what slipped past, without the
    caller knowing which database engine is underneath.
    """
    if isinstance(error, InventoryError) or not isinstance(error, sqlite3.Error):
        return error if isinstance(error, InventoryError) else None
    return translate(error, Path(path or ""))


def translate(error: sqlite3.Error, path: Path) -> InventoryError:
    """The clerk's sentence for an SQLite error, chosen by SQLite's error code.

    Busy or locked is never called damaged: "damaged" (``corrupt``) only when SQLite
    itself reports a malformed file, and an error nobody expected says what SQLite said.
    """
    code = getattr(error, "sqlite_errorcode", 0) or 0
    primary, text = code & 0xFF, str(error).lower()
    if "decode to utf-8" in text:
        return InventoryError("not_utf8", path)
    if code == SQLITE_READONLY_ROLLBACK:
        return InventoryError("hot_journal", path)
    for kind, codes, words in _KINDS:
        if primary in codes or any(word in text for word in words):
            return InventoryError(kind, path, detail=getattr(error, "sqlite_errorname", "") or str(error))
    return InventoryError("sqlite", path, detail=str(error))


SQLITE_READONLY_ROLLBACK = 776  # a hot journal that a read-only connection cannot roll back
#: error kind, SQLite primary result codes, words of the message (older SQLite gives no code)
_KINDS = (
    ("locked", (5, 6), ("locked", "busy")),
    ("read_only", (3, 8), ("readonly", "read-only")),
    ("not_sqlite", (26,), ("not a database",)),
    ("corrupt", (11,), ("malformed",)),
    ("disk_full", (13,), ("disk is full",)),
    ("io_error", (10,), ("disk i/o",)),
    ("unwritable_dir", (14,), ("unable to open",)),
)


def ensure_writable(conn: sqlite3.Connection, path: Path) -> None:
    """Take and release the write lock once, so a writer elsewhere is found now."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.Error as error:
        raise translate(error, path) from None


def leave_wal_when_alone(conn: sqlite3.Connection) -> bool:
    """Go back to the rollback journal (one self-contained file) if no other program is connected.

    QGIS switches a file it edits to WAL; while it (or anyone) is connected the switch
    fails at once with "busy", and the file is left as it is: reading and writing work in
    WAL mode too.  Returns whether the file now uses the rollback journal.
    """
    if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        return True
    try:
        return str(conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]).lower() == "delete"
    except sqlite3.OperationalError:
        return False

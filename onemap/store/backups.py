"""Backup copies taken beside an inventory before a migration or an import changes it.

A copy is made with SQLite's online backup API, so it holds exactly one committed state
of the file (never another writer's half-written pages), into a temporary name that is
renamed only when complete: a copy interrupted by a crash or a kill never looks like a
backup.  Only the newest :data:`KEEP_PER_REASON` copies per file and reason
(``before-import``, ``before-upgrade``) are kept; older ones, and temporary copies left
by a crash more than an hour ago, are removed when the next copy is made.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from contextlib import suppress
from datetime import datetime
from pathlib import Path

#: copies kept per inventory and reason (the oldest beyond this are deleted)
KEEP_PER_REASON = 5
_PARTIAL = ".partial-"
_STALE_PARTIAL_S = 3600


def backup_copy(path: Path, reason: str, source: sqlite3.Connection | None = None) -> Path:
    """Copy the inventory to ``NAME.<reason>-YYYYMMDD-HHMMSS.gpkg`` beside it; returns the copy's path.

    Parameters
    ----------
    path : Path
        The inventory file.
    reason : str
        ``before-import`` or ``before-upgrade``: part of the name, and the group of which
        only the newest :data:`KEEP_PER_REASON` are kept.
    source : sqlite3.Connection, optional
        An open connection to ``path`` (outside a transaction) to copy from; by default
        a read-only one is opened.

    Raises
    ------
    InventoryError
        When the file cannot be read now (another program is writing it: ``locked``), or
        the copy cannot be written; no partial copy is left behind.
    """
    target = _free_name(path, reason)
    partial = target.with_name(f"{target.name}{_PARTIAL}{os.getpid()}")
    _copy(path, partial, source)
    os.replace(partial, target)
    prune(path, reason)
    return target


def _copy(path: Path, partial: Path, source: sqlite3.Connection | None) -> None:
    from onemap.store import files  # files re-exports backup_copy: import it late

    own = source is None
    if source is None:
        source = files.open_connection(path, readonly=True)  # rolls a crashed writer's journal back first
    destination = sqlite3.connect(partial)
    try:
        source.backup(destination)  # all pages in one step, under a read lock: one committed state
        destination.execute("PRAGMA journal_mode = DELETE")  # a copy is one self-contained file
        destination.close()
    except sqlite3.Error as error:
        destination.close()
        partial.unlink(missing_ok=True)
        raise files.translate(error, path) from error
    except BaseException:
        destination.close()
        partial.unlink(missing_ok=True)
        raise
    finally:
        if own:
            source.close()


def _free_name(path: Path, reason: str) -> Path:
    """A new name; within one second ``-1``, ``-2``… after the highest taken, so no name comes back."""
    stem = f"{path.stem}.{reason}-{datetime.now().strftime('%Y%m%d-%H%M%S')}"
    taken = [p.name[len(stem) : -len(path.suffix) or None] for p in path.parent.glob(glob_escape(stem) + "*")]
    if not taken:
        return path.with_name(stem + path.suffix)
    counters = [int(rest[1:]) for rest in taken if rest.startswith("-") and rest[1:].isdigit()]
    return path.with_name(f"{stem}-{max(counters, default=0) + 1}{path.suffix}")


def backups_of(path: Path, reason: str) -> list[Path]:
    """The backup copies of ``path`` for ``reason``, oldest first."""
    pattern = re.compile(re.escape(f"{path.stem}.{reason}-") + r"\d{8}-\d{6}(?:-\d+)?" + re.escape(path.suffix) + "$")
    # by when the copy was made: a name freed by pruning may be taken again within the same second
    found = [
        (_mtime_ns(sibling), sibling.name, sibling) for sibling in path.parent.iterdir() if pattern.match(sibling.name)
    ]
    return [sibling for _when, _name, sibling in sorted(found)]


def _mtime_ns(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:  # removed meanwhile by another OneMap pruning the same folder
        return 0


def prune(path: Path, reason: str, keep: int = KEEP_PER_REASON) -> list[Path]:
    """Delete all but the newest ``keep`` copies (and old interrupted ones); returns what went."""
    gone = backups_of(path, reason)[:-keep] if keep > 0 else backups_of(path, reason)
    prefix = f"{path.stem}.{reason}-"
    gone += [
        p
        for p in path.parent.glob(f"{glob_escape(prefix)}*{_PARTIAL}*")
        if time.time_ns() - _mtime_ns(p) > _STALE_PARTIAL_S * 1_000_000_000
    ]
    for old in gone:
        with suppress(OSError):  # open elsewhere (Windows) or not ours to delete: the next copy tries again
            old.unlink(missing_ok=True)
    return gone


def glob_escape(text: str) -> str:
    """``text`` with glob's special characters taken literally."""
    return re.sub(r"([*?\[])", r"[\1]", text)

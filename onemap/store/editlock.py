"""Who is editing an inventory: a small lock file beside it while a viewer has it open for editing.

SQLite only locks a file while a transaction writes, so a second OneMap opening the same
file (on a shared folder, say) would not notice an idle first one.  The viewer therefore
takes ``NAME.gpkg.onemap-lock`` (user, computer, process, since) for as long as it edits;
another viewer finding it opens the file read-only and names who holds it.  A lock left
by a process that no longer runs on this computer is taken over; one from another
computer is respected (its owner, or deleting the lock file, releases it).
"""

from __future__ import annotations

import json
import os
import socket
import sys
from datetime import UTC, datetime
from pathlib import Path

from onemap.store.errors import InventoryError

SUFFIX = ".onemap-lock"


def lock_path(inventory: Path) -> Path:
    """The lock file of an inventory."""
    return inventory.with_name(inventory.name + SUFFIX)


def _alive(pid: int) -> bool:
    """Whether a process runs on this computer (never signals or stops it)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _alive_windows(pid)
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists (POSIX)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    except OSError:
        return False
    return True


def _alive_windows(pid: int) -> bool:
    # os.kill on Windows would terminate the process: ask the kernel instead
    import ctypes

    still_active, query_limited = 259, 0x1000
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(query_limited, False, pid)
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


class EditLock:
    """The edit lock held on one inventory; :meth:`release` (or closing the viewer) removes it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def acquire(cls, inventory: Path, user: str) -> EditLock:
        """Take the lock, or raise ``InventoryError("edited_by")`` naming who holds it."""
        target = lock_path(inventory)
        holder = read_holder(target)
        if holder is not None and not _stale(holder):
            who = f"{holder.get('user', '?')}（{holder.get('host', '?')}）"
            raise InventoryError("edited_by", inventory, detail=who)
        record = {"user": user, "host": socket.gethostname(), "pid": os.getpid(),
                  "since": datetime.now(UTC).isoformat(timespec="seconds")}
        try:
            target.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        except OSError:
            raise InventoryError("read_only", inventory) from None
        return cls(target)

    def release(self) -> None:
        """Remove the lock file (if it is still ours)."""
        holder = read_holder(self.path)
        if holder is not None and holder.get("pid") == os.getpid() and holder.get("host") == socket.gethostname():
            self.path.unlink(missing_ok=True)


def read_holder(target: Path) -> dict[str, object] | None:
    """The lock's record, or ``None`` when there is no (readable) lock."""
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _stale(holder: dict[str, object]) -> bool:
    if holder.get("host") != socket.gethostname():
        return False
    pid = holder.get("pid")
    return not isinstance(pid, int) or not _alive(pid) or pid == os.getpid()

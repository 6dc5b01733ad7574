"""Who is writing an inventory: a small lock file beside it while any OneMap writer has it open.

SQLite only locks a file while a transaction writes, so a second OneMap opening the same
file (on a shared folder, say) would not notice an idle first one.  Every writer — the
viewer, ``onemap import``, any :meth:`Inventory.open` for writing — therefore takes
``NAME.gpkg.onemap-lock`` (user, computer, process, since) for as long as it may write;
another writer finding it is refused with the holder's name.  Inside one process the lock
is shared (the viewer and an import it runs count as one writer) and removed when its
last holder lets go.  A lock left by a process that no longer runs on this computer is
taken over; one from another computer is respected (its owner, or deleting the lock
file, releases it).
"""

from __future__ import annotations

import json
import os
import socket
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

from onemap.store.errors import InventoryError

SUFFIX = ".onemap-lock"

#: locks this process holds: lock file -> how many holders share it
_held: dict[Path, int] = {}
_guard = threading.Lock()


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
    """One holder's share of the lock on an inventory; :meth:`release` lets go of it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._released = False

    @classmethod
    def acquire(cls, inventory: Path, user: str, shares: tuple[str, ...] = ()) -> EditLock:
        """Take the lock (or share this process's), or raise ``InventoryError("edited_by")``.

        The refusal names who holds it: user, computer and since when.  ``shares`` names the
        writes the holder lets other programs make beside it (the collector: ``alert_steps``,
        see :mod:`onemap.store.alert_steps`); it is kept in the lock file.
        """
        target = lock_path(Path(inventory).resolve())
        with _guard:
            if _held.get(target, 0) > 0 and _ours(read_holder(target)):
                _held[target] += 1
                return cls(target)
            _create(target, Path(inventory), user, shares)
            _held[target] = 1
        return cls(target)

    def release(self) -> None:
        """Let go of this share; the last share removes the lock file (if it is still ours)."""
        with _guard:
            if self._released:
                return
            self._released = True
            _held[self.path] = _held.get(self.path, 1) - 1
            if _held[self.path] > 0:
                return
            del _held[self.path]
            if _ours(read_holder(self.path)):
                self.path.unlink(missing_ok=True)


def _create(target: Path, inventory: Path, user: str, shares: tuple[str, ...] = ()) -> None:
    """Write our record with O_EXCL, so two writers starting together cannot both win."""
    record: dict[str, object] = {
        "user": user,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "since": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    if shares:
        record["shares"] = list(shares)
    for _attempt in range(2):
        try:
            with target.open("x", encoding="utf-8") as f:
                f.write(json.dumps(record, ensure_ascii=False))
            return
        except FileExistsError:
            holder = read_holder(target)
            if holder is not None and not stale(holder):
                raise refusal(inventory, holder) from None
            target.unlink(missing_ok=True)  # a dead process's (or an unreadable) lock: take it over
        except OSError:  # the folder is missing or may not be written: no lock, and no file either
            raise InventoryError("unwritable_dir", inventory) from None
    raise refusal(inventory, read_holder(target) or {})


def refusal(inventory: Path, holder: dict[str, object]) -> InventoryError:
    """The sentence for a writer refused because ``holder`` has the file open for editing."""
    return InventoryError(
        "edited_by",
        inventory,
        user=str(holder.get("user") or "?"),
        host=str(holder.get("host") or "?"),
        since=since_text(holder),
    )


def since_text(holder: dict[str, object]) -> str:
    """When the holder took the lock, in local time (``2026-12-06 13:05``)."""
    try:
        since = datetime.fromisoformat(str(holder.get("since")))
    except ValueError:
        return "?"
    return since.astimezone().strftime("%Y-%m-%d %H:%M")


def read_holder(target: Path) -> dict[str, object] | None:
    """The lock's record, or ``None`` when there is no (readable) lock."""
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def live_holder(inventory: Path) -> dict[str, object] | None:
    """Who else holds the lock now (``None`` when nobody, this process, or a dead process)."""
    holder = read_holder(lock_path(inventory))
    return None if holder is None or stale(holder) or _ours(holder) else holder


def _ours(holder: dict[str, object] | None) -> bool:
    return holder is not None and holder.get("pid") == os.getpid() and holder.get("host") == socket.gethostname()


def stale(holder: dict[str, object]) -> bool:
    """A lock whose process no longer runs on this computer (another computer's never is).

    Our own pid counts as stale: a lock this process holds is found in ``_held`` first, so
    one that is not there was left by an earlier process that had the same number.
    """
    if holder.get("host") != socket.gethostname():
        return False
    pid = holder.get("pid")
    return not isinstance(pid, int) or not _alive(pid) or pid == os.getpid()

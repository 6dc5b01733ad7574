"""A new inventory written by a forked helper while the importer reads and drafts on.

Importing a ledger into a new file spends about a third of its time in SQLite (the
schema, the ``estates`` rows, the audit entries, the R-trees and indexes packed at the
end, the commit) and the rest in Python reading, drafting and matching rows.  Those two
halves only meet at a batch's new estates as columns (:func:`~onemap.io.import_fresh.fresh_columns`):
plain lists of text, numbers and tuples, which pickle and unpickle at C speed (a
``Draft`` per row did not: unpickling 20,000 of them cost as much as drafting them).

So, on Linux, when the target file is new, a core is idle (by the last minute's load and
the processes running now: on a busy machine the helper's own work only adds to the
import's) and the import runs on the
main thread with no other Python thread (a fork copies only the calling thread: a lock
another held would stay held in the helper; the viewer imports on a worker thread and is
never forked), the importer forks a helper where it would create the file: the helper
creates it, opens the import's transaction and loads each batch's columns as
:func:`~onemap.io.import_batch.load_fresh` would
(:func:`~onemap.store.ledger_columns_load.load_estate_columns`), while the importer reads,
drafts, places and matches the next batch.  The helper makes exactly the store calls, in
the same order, that the ordinary path makes for a new file
(``tests/core/test_import_forked.py`` compares the files and reports).

Only new estates go through the helper.  A batch that would update an estate (a later row
naming an earlier one by code, or by name after a coded row) or that carries sensors (their
IMEIs are looked up in the file) is not for it: the helper rolls back, the empty new file
is removed, and the import starts again the ordinary way (:class:`NotForHelper`).  A
cancel or an error rolls the helper's transaction back as the ordinary path's would.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from multiprocessing.connection import Connection, Pipe
from pathlib import Path
from typing import Any

from onemap.io.import_batch import match_row
from onemap.io.import_fresh import fresh_columns
from onemap.io.ledger_rows import Draft
from onemap.io.matcher import Matcher
from onemap.io.report import ImportReport
from onemap.store.errors import InventoryError

#: the smallest ledger worth a helper process (forking and its first pages cost a few ms): ~3,000 rows
FORK_MIN_BYTES = 500_000
#: the 1-minute load must stay this far below the number of cores for a helper to be worth it
SPARE_LOAD = 0.5
#: set False to keep every import in one process (the tests' oracle does)
ENABLED = True

_GO, _DONE = b"go", b"done"


class NotForHelper(Exception):
    """A batch the helper cannot write (it updates an estate, or carries sensors): import the ordinary way."""


def may_fork(source: Path) -> bool:
    """Whether an import of the ledger ``source`` into a new file may use a helper process here."""
    return (
        ENABLED
        and source.stat().st_size >= FORK_MIN_BYTES
        and sys.platform == "linux"  # fork is POSIX; macOS's frameworks are not fork-safe
        and hasattr(os, "fork")
        # a fork keeps only the calling thread: a lock another Python thread held (in SQLite, say)
        # would stay held in the helper.  The viewer imports on a worker thread: never forked.
        and threading.current_thread() is threading.main_thread()
        and threading.active_count() == 1
        and _a_core_to_spare()
    )


def _a_core_to_spare() -> bool:
    """Whether a core is idle for the helper, by the last minute's load and the processes
    running right now: on a busy machine the helper only adds its own work (about 0.5 s of
    CPU for 20,000 rows) and the importer waits for its turn (measured: 1.88 s against 1.47 s
    in one process, at load 0.8-1.5 on two cores)."""
    try:
        cores = len(os.sched_getaffinity(0))
        if os.getloadavg()[0] >= cores - SPARE_LOAD:
            return False
        loadavg = Path("/proc/loadavg").read_text(encoding="ascii")  # "0.54 2.18 3.56 2/345 9811": running/all
        running = int(loadavg.split()[3].split("/")[0])
    except (AttributeError, OSError, ValueError, IndexError):
        return False
    return running - 1 <= cores - 2  # besides this process, a core left for the helper


def new_estates(batch: list[Draft], matcher: Matcher, report: ImportReport) -> list[tuple[str, Draft]]:
    """The batch's new estates ``(code, draft)``, matched as :func:`~onemap.io.import_batch.write_batch` matches them.

    Raises
    ------
    NotForHelper
        When a row updates an estate or the batch carries sensors.
    """
    if any(draft.sensors for draft in batch):
        raise NotForHelper
    fresh = []
    for draft in batch:
        matched = match_row(draft, matcher, report)
        if matched is None:
            continue
        code, new = matched
        if not new:
            raise NotForHelper
        fresh.append((code, draft))
    return fresh


class Helper:
    """The importer's end of the helper process: batches of new estates sent, the outcome awaited."""

    def __init__(self, into: Path, county: str | None, county_name: str, user: str | None) -> None:
        mine, theirs = Pipe(duplex=True)
        pid = os.fork()
        if pid == 0:  # the helper: never returns
            mine.close()
            _helper_main(theirs, into, county, county_name, user)
        theirs.close()
        self.pid, self._pipe, self._open = pid, mine, True

    def start(self) -> None:
        """The first pass is through: the helper may create the file."""
        self._send(_GO)

    def load(self, fresh: list[tuple[str, Draft]], note: str) -> None:
        """The batch's new estates ``(code, draft)`` to the helper, as columns."""
        if fresh:
            self._send(pickle.dumps((fresh_columns(fresh), note), pickle.HIGHEST_PROTOCOL))

    def _send(self, message: bytes) -> None:
        try:
            self._pipe.send_bytes(message)
        except OSError:  # the helper has ended: it says why
            self._failed()

    def _failed(self) -> None:
        try:
            outcome = self._pipe.recv() if self._pipe.poll(5) else None
        except (EOFError, OSError):
            outcome = None
        self._end()
        raise _raised(outcome[1] if outcome else RuntimeError("the import helper process ended without a word"))

    def finish(self) -> None:
        """Tell the helper the import is complete (it packs the indexes and commits meanwhile)."""
        self._send(_DONE)

    def outcome(self) -> int:
        """Wait for the helper after :meth:`finish`; returns how many estates it loaded (raises what it raised)."""
        try:
            outcome = self._pipe.recv()
        except EOFError:
            outcome = ("error", RuntimeError("the import helper process ended without a word"))
        finally:
            self._end()
        if outcome[0] == "error":
            raise _raised(outcome[1])
        return int(outcome[1])

    def abandon(self) -> None:
        """Roll the helper's transaction back and wait for it to end (after a cancel or an error)."""
        if self._open:
            self._end()

    def _end(self) -> None:
        self._open = False
        self._pipe.close()  # the helper reads the end of the pipe: it rolls back, if it has not committed
        with suppress(ChildProcessError):  # already reaped (a program that ignores SIGCHLD)
            os.waitpid(self.pid, 0)


@contextmanager
def helper_for(into: Path, county: str | None, county_name: str, user: str | None) -> Iterator[Helper]:
    """A :class:`Helper` writing ``into``, abandoned (its transaction rolled back) if the body raises."""
    helper = Helper(into, county, county_name, user)
    try:
        yield helper
    finally:
        helper.abandon()


def _helper_main(pipe: Connection, into: Path, county: str | None, county_name: str, user: str | None) -> None:
    """The helper process: create ``into``, load the batches it is sent, commit on ``done``; then exit."""
    code = 0
    try:
        gc.freeze()  # the importer's objects are never walked here: their pages stay shared
        try:
            loaded = _write(pipe, into, county, county_name, user)
        except BaseException as error:
            _answer(pipe, ("error", _shipped(error)))
        else:
            _answer(pipe, ("ok", loaded))
    except BaseException:
        code = 1
    finally:
        os._exit(code)  # no atexit handlers, no flushing of the importer's buffers


def _write(pipe: Connection, into: Path, county: str | None, county_name: str, user: str | None) -> int:
    # imported here: the store is only needed in the helper, after the fork
    from onemap.io.importer import _add_county_outline
    from onemap.store import Inventory
    from onemap.store.ledger_columns_load import load_estate_columns
    from onemap.store.ledger_load import refresh_extents
    from onemap.store.ledger_window import LoadWindow

    if pipe.recv_bytes() != _GO:  # EOFError: the first pass refused the ledger, nothing is created
        raise RuntimeError("the import helper was not told to start")
    inventory = Inventory.create(into, county_code=county or "", county_name=county_name, user=user)
    try:
        with inventory.transaction():
            _add_county_outline(inventory, county)
            loaded = 0
            with LoadWindow(inventory) as window:
                while (message := pipe.recv_bytes()) != _DONE:  # EOFError: the importer gave up
                    (values, locations, outlines, children), note = pickle.loads(message)
                    loaded += load_estate_columns(
                        inventory, values, locations, outlines, children, note=note, window=window
                    )
            if loaded:
                refresh_extents(inventory)
    finally:
        inventory.close()
    return loaded


def _answer(pipe: Connection, outcome: tuple[str, Any]) -> None:
    with suppress(OSError, EOFError):  # the importer is gone: nobody to tell
        pipe.send(outcome)


def _shipped(error: BaseException) -> Any:
    """What of ``error`` crosses the pipe: an :class:`InventoryError` by its parts (its pickle loses them)."""
    if isinstance(error, InventoryError):
        return ("inventory", type(error).__name__, error.kind, error.path, error.detail, error.fields)
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


def _raised(shipped: Any) -> BaseException:
    if isinstance(shipped, tuple) and shipped[:1] == ("inventory",):
        _tag, _name, kind, path, detail, fields = shipped
        return InventoryError(kind, path, detail, **fields)
    return shipped if isinstance(shipped, BaseException) else RuntimeError(str(shipped))

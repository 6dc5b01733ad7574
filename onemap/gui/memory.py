"""Giving memory back to the system once background work ends.

Two things keep a viewer's memory up after its reads are done, neither of them live data:

- glibc keeps the heap pages freed by a big read (220,000 estates' rows, half a million
  cameras') for later, 60-90 MB at 220,000 estates; ``malloc_trim`` hands them back.
- PySide6's import hook reads the source of every module imported after it (to look for
  ``from __feature__ import``) and :mod:`linecache` keeps all of it: 25 MB of source lines.
  Dropping the cache costs nothing but a re-read should a traceback need a line.
"""

from __future__ import annotations

import ctypes
import linecache
import sys
import threading
from contextlib import suppress

#: seconds after the last background job ends before memory is given back
GIVE_BACK_AFTER_S = 2.0
_LOCK = threading.Lock()
_running = 0
_pending: threading.Timer | None = None


def _libc_trim() -> None:
    if not sys.platform.startswith("linux"):
        return  # Windows and macOS give freed pages back by themselves
    with suppress(OSError, AttributeError):  # musl has no malloc_trim
        ctypes.CDLL("libc.so.6").malloc_trim(0)  # ctypes lets the GIL go meanwhile


def give_back() -> None:
    """Drop the source-line cache and return the heap's free pages to the system (Linux)."""
    linecache.clearcache()
    _libc_trim()


def job_started() -> None:
    """A background job began (see :func:`job_ended`)."""
    global _running, _pending
    with _LOCK:
        _running += 1
        if _pending is not None:
            _pending.cancel()
            _pending = None


def job_ended() -> None:
    """A background job's results were taken (called on the UI thread, after its ``done``).

    When it was the last job running, memory is given back a moment later in a thread of its
    own (``malloc_trim`` of a large heap takes tens of milliseconds: never on the UI thread,
    never between the tile batches of a 3D flight).
    """
    global _running, _pending
    with _LOCK:
        _running -= 1
        if _running or _pending is not None:
            return
        _pending = threading.Timer(GIVE_BACK_AFTER_S, _give_back_if_idle)
        _pending.daemon = True
        _pending.start()


def _give_back_if_idle() -> None:
    global _pending
    with _LOCK:
        _pending = None
        if _running:
            return
    give_back()

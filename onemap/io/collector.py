"""Python's cycle collector held back while an import builds its many small objects.

An import makes millions of short-lived objects (cells, drafts, estates, rows) and keeps a
few hundred thousand to its end (the matcher's keys, a short ledger's rows).  With the
default thresholds the collector runs a thousand times over a 20,000-row ledger, eight of
them full passes over every object of the process (modules included): 0.7-0.9 s of a
4-5 s import's CPU, finding almost nothing, since the objects die by reference count.
During an import the objects that existed before it are frozen (no pass looks at them)
and the youngest generation is collected every 20,000 allocations instead of 700, so
cycles are still found, only in bigger bites.

Only where the collector runs automatically and on the main thread (the CLI): the viewer
collects on its UI thread by its own timer (``onemap/gui/gc_ui.py``) and is left alone.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: allocations between two collections of the youngest generation during an import
YOUNG_THRESHOLD = 20_000


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect less often inside the ``with``; the collector's settings are restored after."""
    if not gc.isenabled() or threading.current_thread() is not threading.main_thread():
        yield
        return
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(before[0], YOUNG_THRESHOLD), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()

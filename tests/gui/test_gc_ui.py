"""Cycles are collected on the UI thread only once the viewer's window exists (onemap.gui.gc_ui).

A collection run by a worker thread may finalise Qt objects there and deadlock against the UI
thread (seen: ``QMenu.clear`` on the UI thread, a collection inside a camera-marks read).
"""

from __future__ import annotations

import gc
import threading

from onemap.gui.main_window import MainWindow


class _Cycle:
    """Garbage only a collection frees; says on which thread it was freed."""

    def __init__(self, seen: list[bool]) -> None:
        self.seen = seen
        self.me = self

    def __del__(self) -> None:
        self.seen.append(threading.current_thread() is threading.main_thread())


def test_a_workers_cycles_are_freed_on_the_ui_thread_not_in_the_worker(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert not gc.isenabled()  # the automatic collector would run in whichever thread allocates
    seen: list[bool] = []
    kept: list[list[int]] = []  # outlives the worker: freed objects would take the count back down

    def work() -> None:
        _Cycle(seen)
        kept.extend([i] for i in range(50_000))  # far past the first generation's threshold

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert seen == []  # nothing was collected in the worker
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [True]
    assert len(kept) == 50_000

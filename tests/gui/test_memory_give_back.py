"""Memory is given back once the last background job has ended, not while one still runs."""

from __future__ import annotations

import linecache
import threading
import time

from onemap.gui import memory
from onemap.gui.workers import Job


def wait_until(qtbot, done, timeout_s: float = 10.0) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout_s
    while not done() and time.monotonic() < end:
        qtbot.wait(20)
    return bool(done())


def test_the_source_line_cache_is_dropped_only_after_the_last_job_ends(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(memory, "GIVE_BACK_AFTER_S", 0.05)
    # jobs of earlier tests in this process may still run (parked reads): count only this test's two
    monkeypatch.setattr(memory, "_running", 0)
    monkeypatch.setattr(memory, "_pending", None)
    release = threading.Event()
    quick = Job(lambda _p, _c: "read", "quick")
    slow = Job(lambda _p, _c: release.wait(10), "slow")
    slow.start()
    assert wait_until(qtbot, slow.isRunning)
    linecache.getlines(__file__)  # what PySide6's import hook leaves behind for every module
    quick.start()
    assert wait_until(qtbot, quick.isFinished)
    qtbot.wait(300)
    assert __file__ in linecache.cache  # the slow job still runs: nothing given back yet
    release.set()
    assert wait_until(qtbot, lambda: slow.isFinished() and __file__ not in linecache.cache)

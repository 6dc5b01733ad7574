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


def test_memory_is_given_back_when_a_done_handler_drops_the_last_reference_to_its_job(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The camera marks' read did this (``self._loading = None`` in its ``done``): the job was destroyed
    before its ``finished`` reached the UI thread, the count of running jobs stuck at 1 and nothing was
    ever given back (51 MB of free heap and 30 MB of source lines kept at 220,000 estates)."""
    import gc

    monkeypatch.setattr(memory, "GIVE_BACK_AFTER_S", 0.05)
    monkeypatch.setattr(memory, "_running", 0)
    monkeypatch.setattr(memory, "_pending", None)
    got: list[object] = []

    class Owner:
        def __init__(self) -> None:
            self.job: Job | None = Job(lambda _p, _c: "read", "dropped")
            self.job.done.connect(self.on_done)
            self.job.start()

        def on_done(self, result: object) -> None:
            job, self.job = self.job, None
            assert job is not None
            job.wait()
            del job
            gc.collect()
            got.append(result)

    owner = Owner()
    assert wait_until(qtbot, lambda: got == ["read"])
    linecache.getlines(__file__)
    assert wait_until(qtbot, lambda: memory._running == 0 and __file__ not in linecache.cache)
    assert owner.job is None

"""A cancelled background job that does not stop in time is kept alive until it ends.

A QThread destroyed while its work still runs aborts the whole process (seen when the viewer
closed while the camera marks were still being read on a loaded machine).
"""

from __future__ import annotations

import gc
import threading

from onemap.gui import workers
from onemap.gui.workers import Job, wait_for_parked


def test_a_job_that_outlives_its_cancel_wait_is_parked_until_it_ends(qtbot: object) -> None:
    release = threading.Event()
    started = threading.Event()

    def stubborn(_progress: object, _cancelled: object) -> str:
        started.set()
        release.wait(10)  # a single long read that never checks for a cancel
        return "read"

    job = Job(stubborn, "stubborn")  # type: ignore[arg-type]
    job.start()
    assert started.wait(5)
    job.cancel(timeout_ms=20)
    assert job in workers._PARKED
    del job
    gc.collect()  # the caller dropped its reference: without the park the thread would be destroyed running
    release.set()
    wait_for_parked(5_000)
    assert all(parked.isFinished() for parked in workers._PARKED)


def test_a_job_that_stops_in_time_is_not_parked(qtbot: object) -> None:
    def polite(_progress: object, cancelled: object) -> None:
        while not cancelled():  # type: ignore[operator]
            threading.Event().wait(0.005)

    job = Job(polite, "polite")  # type: ignore[arg-type]
    job.start()
    job.cancel()
    assert job.isFinished()
    assert job not in workers._PARKED

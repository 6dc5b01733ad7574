"""Issue 15 in the real viewer, offscreen: the score dialog re-ranks as a weight turns (who moved), and
the 生活圈 dock stays responsive while coverage of a 20,000-estate file runs (progress, cancel).

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/check_viewer_issue15.py [--big /tmp/m/d20k.gpkg]
          [--out DIR]

The demo is made in a private temporary home; the big inventory is copied (it is shared and
read-only) and given 5,000 facilities of the 13 types near random estates.  Printed: the
moved count and arrows after a weight change with its wall time; for coverage, the longest
gap between 20 ms UI timer ticks while the job runs, the progress values seen, and how long
Cancel takes to end the job.  Window grabs go to ``--out``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from screenshots import private_home  # noqa: E402
from screenshots import settle as settle_window  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--big", type=Path, default=Path("/tmp/m/d20k.gpkg"))
    parser.add_argument("--out", type=Path, default=Path("/tmp/issue15-viewer"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    folder = private_home()
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QTimer

    from onemap.analysis.facility_types import default_config
    from onemap.demo import make_demo
    from onemap.gui.appsetup import make_application
    from onemap.gui.jobs import wait_for_jobs
    from onemap.gui.main_window import MainWindow
    from onemap.gui.settings import Settings
    from onemap.store import Inventory
    from onemap.store.facilities import Facility

    app = make_application(offscreen=True)
    make_demo(folder / "勉县.gpkg").close()
    window = MainWindow(Settings(folder / "OneMap.ini"))
    window.resize(1500, 950)
    window.show()
    window.open_inventory(folder / "勉县.gpkg")
    settle_window(window)

    # -- the score dialog: turn one weight, see the list re-ranked and who moved
    dialog = window.work.checkup.open_score()
    assert dialog is not None
    for _ in range(20):
        app.processEvents()
    dialog.grab().save(str(args.out / "score-before.png"))
    started = time.perf_counter()
    dialog.spins["age"].setValue(dialog.spins["age"].value() + 40)
    turned = time.perf_counter() - started
    app.processEvents()
    arrows = sum(dialog.table.item(r, 1).text().startswith(("▲", "▼")) for r in range(dialog.table.rowCount()))
    print(
        f"score: weight turned, list redrawn in {turned * 1000:.0f} ms; '{dialog.moved.text()}'; {arrows} rows show ▲/▼"
    )
    dialog.grab().save(str(args.out / "score-after.png"))
    dialog.close()

    # -- 20,000 estates: coverage in a job, the UI ticking, progress and cancel
    big = folder / "d20k.gpkg"
    shutil.copy(args.big, big)
    with Inventory.open(big) as inv:
        estates = inv.estate_points()
        rng = np.random.default_rng(1)
        kinds = [t.key for t in default_config().types]
        picks, jitter = rng.integers(len(estates), size=5000), rng.normal(0, 0.002, (5000, 2))
        with inv.transaction():
            inv.add_facilities(
                [Facility(f"F{k}", kinds[k % 13], tuple(np.add(estates[p].location, jitter[k])))
                 for k, p in enumerate(picks.tolist())], "check")  # fmt: skip
    window.open_inventory(big)
    settle_window(window)
    dock = window.living_circles
    dock.show()
    dock.raise_()
    for cancel_after in (None, 0.6):
        ticks: list[float] = []
        seen: set[int] = set()
        timer = QTimer()
        timer.timeout.connect(
            lambda ticks=ticks, seen=seen: (ticks.append(time.perf_counter()), seen.add(dock.progress.value()))
        )
        timer.start(20)
        done_at = [0.0]
        original = type(dock)._on_done

        def timed_done(outcome, original=original, done_at=done_at):  # type: ignore[no-untyped-def]
            t = time.perf_counter()
            original(dock, outcome)
            done_at[0] = time.perf_counter() - t

        dock._on_done = timed_done
        started = time.perf_counter()
        dock.run()
        handed = time.perf_counter() - started  # what run() does on the UI thread before the job starts
        cancelled_at = None
        while dock.cancel.isVisible():  # the dock shows Cancel while its job runs
            app.processEvents()
            if cancel_after is not None and cancelled_at is None and time.perf_counter() - started > cancel_after:
                dock.cancel.click()
                cancelled_at = time.perf_counter()
            time.sleep(0.005)
        ended = time.perf_counter()
        app.processEvents()
        timer.stop()
        gaps = np.diff(ticks) if len(ticks) > 1 else np.array([0.0])
        what = "coverage" if cancel_after is None else "coverage, Cancel at 0.6 s"
        print(
            f"{what}: {ended - started:.1f} s wall, load {os.getloadavg()[0]:.1f}; UI ticks {len(ticks)}, "
            f"longest gap {gaps.max() * 1000:.0f} ms (median {np.median(gaps) * 1000:.0f}); "
            f"progress seen {sorted(seen)[:3]}…{sorted(seen)[-2:]}; run() on the UI thread {handed * 1000:.0f} ms, "
            f"showing the result {done_at[0] * 1000:.0f} ms; report '{dock.report.text()[:40]}'"
            + (f"; ended {(ended - cancelled_at) * 1000:.0f} ms after Cancel" if cancelled_at else "")
        )
        settle_window(window)
        window.grab().save(str(args.out / f"coverage-20k-{'done' if cancel_after is None else 'cancelled'}.png"))
    wait_for_jobs()
    window.close()


if __name__ == "__main__":
    main()

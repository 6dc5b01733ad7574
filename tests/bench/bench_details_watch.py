"""The details dock's live-watch groups: what the sensors and 30-day alerts add to showing an estate.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_details_watch.py [--alerts N] [--rounds R]

A copy of the demo inventory gets ``N`` alerts (default 200,000, spread over every estate and
the last 60 days, as a busy county's year would hold after folding), then a real
:class:`DetailsDock` (offscreen, shown) selects estates with gas detectors in turn:

- ``select``: the whole selection change (estate, history, every group, cameras, sensors, alerts),
- ``watch``: the watch groups' share (one ``alert_rows`` query for the estate + filling two groups),
- ``watch again``: the same estate refreshed with nothing changed (lines compared, no widget rebuilt),
- ``query``: the ``alert_rows(estate=…, since=…)`` query alone.

``--without-watch`` times ``select`` with the watch groups left empty (the dock as it was).

p50/p95 are printed, never asserted: this machine is shared.

Measured 2026-12-06 on the shared 2-core machine, 200,000 alerts, interleaved runs at load 8.6-10:
select p50 355 / 232 ms without the watch groups, 377 / 237 ms with them (watch p50 17 / 11 ms, of
which the query 13 / 8 ms).  Filling the groups with new labels each time cost p50 90 ms (load 8);
reused label rows and a palette instead of a style sheet per level chip brought it to the query's cost.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def percentiles(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(times) * 1000:7.2f} ms  p95 {p95 * 1000:7.2f} ms  n={len(times)}"


def fill_alerts(path: Path, count: int) -> None:
    from onemap.store import Inventory
    from onemap.watch.alert import stamp

    rng = random.Random(7)
    now = datetime.now(UTC)
    types = ("smoke_fire", "intrusion", "illegal_parking", "absent_post", "gas_leak", "device_offline")
    with Inventory.open(path) as inventory:
        codes = [row[0] for row in inventory.estate_columns(["code"])]
        rows = []
        for _ in range(count):
            when = stamp(now - timedelta(minutes=rng.uniform(0, 60 * 24 * 60)))
            rows.append((rng.choice(codes), "camera", "x", rng.choice(types), rng.randint(1, 4), when, when))
        with inventory.transaction():
            inventory._conn.executemany(
                "INSERT INTO alerts (estate_code, device_kind, device, type, level, first_time, last_time) "
                "VALUES (?,?,?,?,?,?,?)",
                rows,
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--alerts", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--without-watch", action="store_true", help="the dock as before: no sensors or alerts")
    args = parser.parse_args()
    from onemap.demo import make_demo
    from onemap.gui.appsetup import make_application
    from onemap.gui.docks.details import DetailsDock
    from onemap.view.estate_watch import ALERT_ROWS, since_text
    from onemap.view.session import MapSession

    app = make_application(offscreen=True)
    folder = Path(tempfile.mkdtemp(prefix="bench-details-"))
    try:
        path = folder / "demo.gpkg"
        make_demo(path).close()
        fill_alerts(path, args.alerts)
        session = MapSession.open(path)
        dock = DetailsDock()
        dock.resize(400, 900)
        dock.show()
        dock.bind(session)
        if args.without_watch:
            dock.watch.follow = lambda *_args: None  # type: ignore[method-assign]
        inventory = session.inventory
        codes = sorted({s.estate_code for s in inventory.sensors()})
        times: dict[str, list[float]] = {"select": [], "watch": [], "watch again": [], "query": []}
        for k in range(args.rounds):
            code = codes[k % len(codes)]
            start = time.perf_counter()
            session.state.select([code])
            app.processEvents()
            times["select"].append(time.perf_counter() - start)
            estate = inventory.estate(code)
            for name in ("watch", "watch again"):
                if name == "watch":
                    dock.watch.shown = None  # as if another estate was on show
                start = time.perf_counter()
                dock.watch.follow(inventory, estate, True)
                times[name].append(time.perf_counter() - start)
            start = time.perf_counter()
            inventory.alert_rows(since=since_text(), estate=code, limit=ALERT_ROWS)
            times["query"].append(time.perf_counter() - start)
            app.processEvents()
        print(f"{args.alerts:,} alerts, {len(codes)} estates with sensors, load {os.getloadavg()[0]:.1f}")
        for name, values in times.items():
            print(f"  {name:12s} {percentiles(values)}")
        session.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Speed of living-circle coverage: 20,000 estates x 5,000 facilities, straight lines and a
100,000-edge walking network.

Run:  .venv/bin/python tests/bench/bench_coverage.py [--inventory /tmp/m/d20k.gpkg] [--facilities 5000]
          [--grid 224] [--repeat 3]

The inventory is copied first (it is read-only and shared); the copy gets ``--facilities``
random facilities (13 types) near random estates.  The network is a street grid of
``--grid`` x ``--grid`` blocks (2 x grid x (grid+1) edges: 224 gives 100,800) of ``--step``
metres laid over the township with the most estates (``--step 0``: spread over every
estate), each street one long line (so the build also splits them where they cross).
Printed per case: median wall seconds over the repeats, with the load average beside them
(the machine is shared; nothing is asserted).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from onemap.analysis.coverage import measure
from onemap.analysis.facility_types import default_config
from onemap.analysis.walknet import WalkNetwork
from onemap.geo.geodesy import LocalMetricFrame
from onemap.store import Inventory
from onemap.store.facilities import Facility


def timed(fn, repeat: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def street_grid(centre: tuple[float, float], n: int, step_m: float) -> list[np.ndarray]:
    frame = LocalMetricFrame(*centre)
    half = n * step_m / 2
    lines = []
    for k in range(n + 1):
        t = -half + k * step_m
        lines.append(np.column_stack(frame.to_lonlat(np.array([-half, half]), np.array([t, t]))))
        lines.append(np.column_stack(frame.to_lonlat(np.array([t, t]), np.array([-half, half]))))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inventory", type=Path, default=Path("/tmp/m/d20k.gpkg"))
    parser.add_argument("--facilities", type=int, default=5000)
    parser.add_argument("--grid", type=int, default=224)
    parser.add_argument("--step", type=float, default=100.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_coverage_"))
    try:
        copy = work / "d20k.gpkg"
        shutil.copy(args.inventory, copy)
        with Inventory.open(copy) as inv:
            estates = inv.estate_points()
            rng = np.random.default_rng(1)
            kinds = [t.key for t in default_config().types]
            picks = rng.integers(len(estates), size=args.facilities)
            jitter = rng.normal(0, 0.002, (args.facilities, 2))
            with inv.transaction():
                inv.add_facilities(
                    [
                        Facility(f"F{k}", kinds[k % len(kinds)], tuple(np.add(estates[p].location, jitter[k])))
                        for k, p in enumerate(picks.tolist())
                    ],
                    "bench",
                )
            read_s, (estates, facilities) = timed(lambda: (inv.estate_points(), inv.facilities()), args.repeat)
        seat = max({e.township for e in estates}, key=lambda t: sum(e.township == t for e in estates))
        here = np.array([e.location for e in estates if e.township == seat])
        if args.step <= 0:  # --step 0: spread the grid over every estate (long blocks, all attached)
            here = np.array([e.location for e in estates])
            frame = LocalMetricFrame(float(here[:, 0].mean()), float(here[:, 1].mean()))
            ex, ey = frame.to_local(here[:, 0], here[:, 1])
            args.step = 2 * max(np.abs(ex).max(), np.abs(ey).max()) / args.grid
            print(f"grid step {args.step:.0f} m over every estate")
        centre = (float(np.median(here[:, 0])), float(np.median(here[:, 1])))
        lines = street_grid(centre, args.grid, args.step)
        build_s, net = timed(lambda: WalkNetwork.from_lines(lines, source="grid"), 1)
        print(f"uptime load {os.getloadavg()[0]:.2f}")
        print(f"estates {len(estates)}, facilities {len(facilities)}, types {len(kinds)}")
        print(f"read estates+facilities: {read_s:.3f} s")
        print(f"network: {len(net.node_xy)} nodes, {len(net.seg_a)} edges, built in {build_s:.2f} s")
        straight_s, _ = timed(lambda: measure(estates, facilities), args.repeat)
        print(f"coverage straight x{default_config().detour_factor}: {straight_s:.2f} s (median of {args.repeat})")
        network_s, result = timed(lambda: measure(estates, facilities, network=net), args.repeat)
        print(f"coverage network: {network_s:.2f} s (median of {args.repeat})")
        reached = sum(n.distance_m is not None for c in result.values() for n in c.nearest.values())  # type: ignore[attr-defined]
        print(f"estate-type pairs reached on the network: {reached} of {len(result) * len(kinds)}")  # type: ignore[arg-type]
        print(f"uptime load {os.getloadavg()[0]:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

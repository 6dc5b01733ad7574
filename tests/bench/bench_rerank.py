"""Speed of scoring and of re-ranking after a weight change, on a copy of a big inventory.

Run:  .venv/bin/python tests/bench/bench_rerank.py [--inventory /tmp/m/d20k.gpkg] [--repeat 5]

The copy is migrated (schema 8) and every estate gets a consent row, so the gates pass for
most.  Prints, as medians over the repeats: reading the inputs (estates, findings, facility
gaps), measuring every criterion once, and re-ranking with changed weights (what a weight
slider does: the measures are kept) — with ``uptime`` beside them.  Figures are reported,
not asserted.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from onemap.checkup.gather import estate_facts, read_checkup
from onemap.checkup.scoring import measure, moves, rank, ranking
from onemap.checkup.weights import default_weights
from onemap.store import Inventory
from onemap.store.checkup import Readiness


def _prepare(source: Path, folder: Path) -> Path:
    path = folder / "bench.gpkg"
    shutil.copy(source, path)
    rng = random.Random(1)
    with Inventory.open(path) as inventory:
        codes = [str(r[0]) for r in inventory.estate_columns(["code"])]
        with inventory.transaction():
            ready = [Readiness(c, rng.uniform(40, 99), rng.uniform(40, 99)) for c in codes]
            inventory.bulk_checkup([], ready, "bench")
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inventory", type=Path, default=Path("/tmp/m/d20k.gpkg"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = _prepare(args.inventory, Path(folder))
        weights = default_weights()
        other = replace(weights, weights={**weights.weights, "age": 40.0, "safety": 10.0})
        reads, measures, reranks, orders, moved = [], [], [], [], 0
        with Inventory.open(path, readonly=True) as inventory:
            for _ in range(args.repeat):
                start = time.perf_counter()
                facts = estate_facts(inventory, read_checkup(inventory))
                reads.append(time.perf_counter() - start)
                start = time.perf_counter()
                measured = measure(facts, weights, 2026)
                measures.append(time.perf_counter() - start)
                before = rank(facts, measured, weights)
                start = time.process_time()  # CPU: the shared machine's load does not count
                after = rank(facts, measured, other)
                reranks.append(time.process_time() - start)
                start = time.process_time()
                ranking(measured, other)
                orders.append(time.process_time() - start)
                moved = len(moves(before, after))
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"{len(facts)} estates; median of {args.repeat}; load: {load}")
    rerank_ms = statistics.median(reranks) * 1000
    print(f"read inputs {statistics.median(reads):.2f} s, measure {statistics.median(measures):.3f} s")
    print(f"re-rank after a weight change {rerank_ms:.0f} ms CPU with every estate's parts ({moved} moved), "
          f"order alone {statistics.median(orders) * 1000:.1f} ms CPU")  # fmt: skip


if __name__ == "__main__":
    main()

"""An import holds Python's cycle collector back (fewer, smaller passes) and gives its settings back after.

The collector's passes over every object of the process cost a sixth of a 20,000-row
import's CPU (tests/bench/bench_import.py).  On the main thread an import freezes what
existed before it and collects the youngest generation less often; a worker thread's
import (the viewer's, whose collector runs on its UI thread) changes nothing.
"""

from __future__ import annotations

import csv
import gc
import threading
from pathlib import Path

from onemap.io.collector import YOUNG_THRESHOLD, fewer_collections
from onemap.io.importer import ImportOptions, import_ledger


def _ledger(path: Path) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["序号", "所在镇（街道）", "小区名称", "经度", "纬度"])
        for k in range(30):
            writer.writerow([k + 1, "勉阳街道", f"小区{k}", f"{106.6 + k * 1e-4:.7f}", f"{33.1 + k * 1e-4:.7f}"])
    return path


def _settings_during_import(tmp_path: Path, name: str) -> list[tuple[tuple[int, int, int], int]]:
    seen: list[tuple[tuple[int, int, int], int]] = []

    def progress(_share: float, _text: str) -> None:
        seen.append((gc.get_threshold(), gc.get_freeze_count()))

    report = import_ledger(_ledger(tmp_path / f"{name}.csv"), tmp_path / f"{name}.gpkg", ImportOptions(), progress)
    assert len(report.imported) == 30
    return seen


def test_an_import_on_the_main_thread_collects_less_often_and_restores_the_collector(tmp_path: Path) -> None:
    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    seen = _settings_during_import(tmp_path, "main")
    assert seen and all(threshold[0] >= YOUNG_THRESHOLD and count > frozen for threshold, count in seen)
    assert gc.get_threshold() == before and gc.get_freeze_count() == frozen


def test_an_import_in_a_worker_thread_leaves_the_collector_alone(tmp_path: Path) -> None:
    before = gc.get_threshold()
    found: list[list[tuple[tuple[int, int, int], int]]] = []
    worker = threading.Thread(target=lambda: found.append(_settings_during_import(tmp_path, "worker")))
    worker.start()
    worker.join()
    assert found and found[0] and all(threshold == before for threshold, _count in found[0])


def test_cycles_made_while_collecting_less_often_are_still_collected() -> None:
    class Node:
        def __init__(self) -> None:
            self.me = self

    with fewer_collections():
        gc.collect()
        for _ in range(3 * YOUNG_THRESHOLD):
            Node()  # each a cycle that only the collector frees
        alive = sum(isinstance(o, Node) for o in gc.get_objects())
    assert alive < 2 * YOUNG_THRESHOLD  # young passes ran and freed them meanwhile

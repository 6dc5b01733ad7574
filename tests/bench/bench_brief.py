"""Speed, size and memory of briefing PDFs: the demo county's packet and a 500-estate packet.

Run:  .venv/bin/python tests/bench/bench_brief.py [--estates 150] [--repeat 3] [--keep DIR]
          [--big /work/bench/d20k.gpkg] [--big-estates 500] [--workers N] [--alerts N]

Each case runs in a fresh child process (so memory is that build's own); the parent samples
the RSS of the child and every process under it (a worker pool counts) and prints the peak
of their sum, of their PSS (shared pages split between the processes sharing them: a forked
worker shares most of its parent's) and of the largest single process.  One line per case:
median wall and CPU seconds over the repeats (CPU of the whole process tree), pages, pages
per second, size, KB per page and the peaks.  ``--big`` needs an inventory of the current
schema (a copy of an older one is migrated when opened writable by the current code).
``--big`` adds a packet of the first ``--big-estates`` estates (by code) of that inventory.
``--alerts N`` first records N alerts per camera estate of the demo (the last 30 days, through
the AlertBook, a third of them handled), so the sheets' alert tables and the summary's alert
statistics cost what they cost with a live watch.
Targets (issue 12): 100 pages/s or more, under 200 MB for 500 estates.  Figures are
reported, not asserted: this machine is shared, so ``uptime`` is printed beside them, and
CPU milliseconds per page (the whole process tree's), which depend less on the load.
``--trace`` prints, every ~50 ms, each process's RSS, PSS and anonymous memory (main first,
then its workers) beside what the main process is doing (the bench child labels its own
phases by wrapping the briefing's steps; the library is not changed for it).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from proctree import tree_memory  # type: ignore[import-not-found]

CASES = {
    "packet A4": ("packet", {}),
    "packet A4 redacted": ("packet", {"redact_phones": True}),
    "packet A3 landscape": ("packet", {"paper": "A3", "landscape": True}),
    "sheets only A4": ("sheets", {}),
}


def child(spec: dict) -> None:
    """Build one PDF ``repeat`` times in this process; print a JSON line of the timings."""
    from onemap.brief import BriefOptions, build_packet, build_sheets
    from onemap.store import Inventory

    build = build_packet if spec["kind"] == "packet" else build_sheets
    options = BriefOptions(**spec["options"])
    if spec.get("trace"):
        _label_phases(Path(spec["trace"]))
    with Inventory.open(Path(spec["inventory"]), readonly=True) as inventory:
        if spec.get("first"):  # the first N by code, read without reading every estate
            from onemap.store.where import Filter

            first = Filter("code IN (SELECT code FROM estates ORDER BY code LIMIT ?)", [spec["first"]])
            estates = inventory.estates(first)
        else:
            estates = inventory.estates()
        times, cpu, pages = [], [], 0
        for n in range(spec["repeat"]):
            _PHASE.base = f"build {n + 1}"
            _PHASE.show()
            start, start_cpu = time.perf_counter(), _tree_cpu()
            result = build(inventory, estates, spec["out"], options)
            times.append(time.perf_counter() - start)
            cpu.append(_tree_cpu() - start_cpu)
            pages = result.page_count
    _PHASE.base = "done"
    _PHASE.show()
    print(json.dumps({"wall": times, "cpu": cpu, "pages": pages, "estates": len(estates)}))


class _Phase:
    """What the bench child is doing, written to a file the parent reads (``--trace``)."""

    def __init__(self) -> None:
        self.file: Any = None
        self.pid = os.getpid()  # a forked worker inherits the wrappers: only this process writes
        self.base = "read estates"
        self.stack: list[str] = []

    def show(self) -> None:
        if self.file is not None and os.getpid() == self.pid:
            self.file.seek(0)
            self.file.write(" > ".join([self.base, *self.stack[-2:]]).ljust(120))
            self.file.flush()


_PHASE = _Phase()


def _label_phases(path: Path) -> None:
    """Wrap the briefing's steps so that each says, while it runs, what the process is doing."""
    import functools
    import importlib

    _PHASE.file = path.open("w", encoding="utf-8")
    steps = [
        ("onemap.brief.build", "_started", "start"),
        ("onemap.brief.context", "BriefContext.create", "context"),
        ("onemap.brief.build", "start_feed", "fork worker"),
        ("onemap.brief.build", "_resolve", "resolve estates"),
        ("onemap.brief.build", "drop_pinyin", "drop pinyin"),
        ("onemap.brief.build", "sheet_codes", "sheet order"),
        ("onemap.brief.score_block", "_compute", "scores"),
        ("onemap.brief.packet", "summary_story", "summary"),
        ("onemap.brief.document", "BriefDocument.build", "doc.build"),
        ("onemap.brief.packing", "PackedCanvas.save", "save"),
        ("onemap.brief.parallel", "SheetFeed.take", "sheets"),
        ("onemap.brief.parallel", "SheetFeed.close", "close worker"),
    ]
    for module_name, name, label in steps:
        owner: Any = importlib.import_module(module_name)
        *outer, attr = name.split(".")
        for part in outer:
            owner = getattr(owner, part)
        original = getattr(owner, attr)
        if isinstance(owner, type) and isinstance(owner.__dict__.get(attr), classmethod):
            function = original.__func__
            setattr(owner, attr, classmethod(lambda cls, *a, _f=function, _l=label, **k: _run(_l, _f, cls, *a, **k)))
        else:
            setattr(owner, attr, functools.wraps(original)(_wrapper(label, original)))


def _wrapper(label: str, function: Any) -> Any:
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        return _run(label, function, *args, **kwargs)

    return wrapped


def _run(label: str, function: Any, *args: Any, **kwargs: Any) -> Any:
    _PHASE.stack.append(label)
    _PHASE.show()
    try:
        return function(*args, **kwargs)
    finally:
        _PHASE.stack.pop()
        _PHASE.show()


def record_alerts(path: Path, per_estate: int) -> int:
    """Record ``per_estate`` alerts for each estate with a GB/T 28181 camera, through the AlertBook."""
    from datetime import datetime, timedelta

    from onemap.store import Inventory
    from onemap.watch.alerts import AlertBook
    from onemap.watch.event import SHANGHAI, AlertType, DeviceKey, Event

    rng, now, kinds = random.Random(5), datetime.now(SHANGHAI), list(AlertType)
    with Inventory.open(path, user="bench") as inventory:
        book, events = AlertBook(inventory), []
        for estate in inventory.estates():
            gb_ids = [c.gb_id for c in inventory.estate(estate.code).cameras if c.gb_id]
            for n in range(per_estate if gb_ids else 0):
                at = now - timedelta(hours=rng.uniform(1, 28 * 24))
                key = DeviceKey("gb28181", gb_ids[n % len(gb_ids)])
                events.append(Event("onemap", key, kinds[n % len(kinds)], 1 + n % 4, at))
        alerts = [a for a in book.record_all(sorted(events, key=lambda e: e.time)) if a is not None]
        for alert in alerts[::3]:
            book.advance(alert.id, "accepted", "bench")
    return len({a.id for a in alerts})


def _tree_cpu() -> float:
    """CPU seconds of this process and its finished, waited-for children."""
    own = os.times()
    return own.user + own.system + own.children_user + own.children_system


def run_case(spec: dict, trace: bool = False) -> tuple[dict, tuple[int, int, int]]:
    """Run one case in a child process; its JSON result and the peak RSS, PSS and largest-process
    RSS of its process tree (with ``trace``, a line per sample: each process's memory and the
    child's phase)."""
    phase = Path(tempfile.mkstemp(suffix=".phase")[1]) if trace else None
    if phase is not None:
        spec = {**spec, "trace": str(phase)}
    command = [sys.executable, __file__, "--child", json.dumps(spec)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    peak, peak_pss, peak_one = 0, 0, 0
    while process.poll() is None:
        rss, pss, one = tree_memory(process.pid)
        peak, peak_pss, peak_one = max(peak, rss), max(peak_pss, pss), max(peak_one, one)
        if phase is not None:
            _trace_line(process.pid, time.perf_counter() - started, pss, phase)
        time.sleep(0.05)
    out = process.stdout.read() if process.stdout else ""
    if phase is not None:
        phase.unlink(missing_ok=True)
    if process.returncode:
        raise SystemExit(f"case failed: {spec}")
    return json.loads(out.strip().splitlines()[-1]), (peak, peak_pss, peak_one)


def _trace_line(root: int, elapsed: float, pss: int, phase: Path) -> None:
    """One ``--trace`` line: the tree's PSS, then RSS/PSS/anonymous MB of the child and each worker."""
    try:
        doing = phase.read_text(encoding="utf-8").strip()
    except OSError:
        doing = "?"
    parts = []
    for pid in [root, *_children(root)]:
        fields = _rollup(pid)
        if fields:
            parts.append(
                f"{fields.get('Rss', 0) / 1024:4.0f}/{fields.get('Pss', 0) / 1024:4.0f}/"
                f"{fields.get('Anonymous', 0) / 1024:4.0f}"
            )
    print(f"{elapsed:6.2f} s  PSS {pss / 2**20:4.0f}  " + "  ".join(parts) + f"  | {doing}", flush=True)


def _children(root: int) -> list[int]:
    """The processes below ``root`` (Linux /proc), depth first."""
    found: list[int] = []
    try:
        direct = Path(f"/proc/{root}/task/{root}/children").read_text().split()
    except OSError:
        return found
    for pid in map(int, direct):
        found += [pid, *_children(pid)]
    return found


def _rollup(pid: int) -> dict[str, int]:
    """``/proc/PID/smaps_rollup``'s fields in kB (empty where unreadable)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return {}
    fields = {}
    for line in text.splitlines()[1:]:
        name, _, value = line.partition(":")
        if value.strip().endswith("kB"):
            fields[name] = int(value.split()[0])
    return fields


def report(name: str, result: dict, peak: tuple[int, int, int], out: Path) -> None:
    seconds = statistics.median(result["wall"])
    size = out.stat().st_size
    pages = result["pages"]
    cpu = statistics.median(result["cpu"])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"{name} ({result['estates']} estates): {seconds:.2f} s (CPU {cpu:.2f} s, {cpu / pages * 1e3:.1f} ms/page), "
        f"{pages} pages, {pages / seconds:.0f} pages/s, {size / 1e6:.2f} MB, "
        f"{size / pages / 1024:.1f} KB/page, peak RSS {peak[0] / 2**20:.0f} MB (PSS {peak[1] / 2**20:.0f} MB, "
        f"largest process {peak[2] / 2**20:.0f} MB) "
        f"(load {load:.2f})",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--estates", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="folder for the inventory and PDFs (kept afterwards)")
    parser.add_argument("--big", type=Path, help="a large inventory for the --big-estates packet")
    parser.add_argument("--big-estates", type=int, default=500)
    parser.add_argument("--only", action="append", help="run only the named cases (e.g. 'packet A4')")
    parser.add_argument("--workers", type=int, help="BriefOptions.workers (default: the library's choice)")
    parser.add_argument("--alerts", type=int, default=0, help="alerts recorded per camera estate of the demo")
    parser.add_argument("--trace", action="store_true", help="print each process's memory every ~50 ms")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(json.loads(args.child))
        return 0
    from onemap.demo import make_demo

    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"demo-{args.estates}.gpkg"
        if not path.exists():
            make_demo(path, estates=args.estates).close()
        if args.alerts:
            watched = folder / f"demo-{args.estates}-alerts-{args.alerts}.gpkg"
            if not watched.exists():
                shutil.copy(path, watched)
                print(f"recorded {record_alerts(watched, args.alerts)} alerts", flush=True)
            path = watched
        cases = [(name, path, kind, options, None) for name, (kind, options) in CASES.items()]
        if args.big:
            cases.append((f"packet A4 {args.big.name}", args.big, "packet", {}, args.big_estates))
        for name, inventory, kind, options, first in cases:
            if args.only and name not in args.only:
                continue
            out = folder / f"{name.replace(' ', '-')}.pdf"
            spec = {
                "inventory": str(inventory),
                "kind": kind,
                "options": options if args.workers is None else {**options, "workers": args.workers},
                "out": str(out),
                "repeat": args.repeat,
                "first": first,
            }
            result, peak = run_case(spec, args.trace)
            report(name, result, peak, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Speed and size of briefing PDFs: the demo county's packet (150 sheets plus summary).

Run:  .venv/bin/python tests/bench/bench_brief.py [--estates 150] [--repeat 3] [--keep DIR]

Prints one line per measurement: median wall and CPU seconds over the repeats, pages,
pages per second and bytes per page.  Targets (issue 5): the packet within 10 s, under 100 KB per
sheet.  Figures are reported, not asserted: this machine is shared.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from onemap.brief import BriefOptions, build_packet, build_sheets
from onemap.demo import make_demo
from onemap.store import Inventory

CASES = {
    "packet A4": (build_packet, BriefOptions()),
    "packet A4 redacted": (build_packet, BriefOptions(redact_phones=True)),
    "packet A3 landscape": (build_packet, BriefOptions(paper="A3", landscape=True)),
    "sheets only A4": (build_sheets, BriefOptions()),
}


def bench(inventory_path: Path, folder: Path, repeat: int) -> None:
    with Inventory.open(inventory_path, readonly=True) as inventory:
        estates = inventory.estates()
        for name, (build, options) in CASES.items():
            out = folder / f"{name.replace(' ', '-')}.pdf"
            times, cpu = [], []
            for _ in range(repeat):
                start, start_cpu = time.perf_counter(), time.process_time()
                result = build(inventory, estates, out, options)
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
            seconds = statistics.median(times)
            size = out.stat().st_size
            print(
                f"{name} ({len(estates)} estates): {seconds:.2f} s (CPU {statistics.median(cpu):.2f} s), "
                f"{result.page_count} pages, "
                f"{result.page_count / seconds:.0f} pages/s, {size / 1e6:.2f} MB, "
                f"{size / result.page_count / 1024:.1f} KB/page"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--estates", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="folder for the inventory and PDFs (kept afterwards)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"demo-{args.estates}.gpkg"
        if not path.exists():
            make_demo(path, estates=args.estates).close()
        bench(path, folder, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())

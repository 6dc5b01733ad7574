"""Speed and peak memory of importing a ledger (xlsx and csv) into a new inventory.

Run:  .venv/bin/python tests/bench/bench_import.py [--rows 10000] [--formats csv,xlsx]
      .venv/bin/python tests/bench/bench_import.py --rows 420000 --formats csv   # the 100 MB case

Each import runs in its own subprocess, so its peak RSS (``resource.getrusage``) is the
import's own and not the generator's.  Nothing here asserts a time: it reports figures.

``--rows 20000 --formats csv``, interleaved old/new runs on the shared 2-core machine:
before set-based bulk loads 14.7 s and 15.3 s (1,361 and 1,307 rows/s, CPU 13.8 / 15.7 s);
after 11.6 s and 11.8 s (1,724 and 1,695 rows/s, CPU 11.8 / 12.1 s).  The rest is the
ledger parsing (``draft_row``: ~40 % of a profile) and placing, not the writes.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from onemap.geo.chinacoords import wgs84_to_gcj02

HEADER = [
    "序号",
    "所在镇（街道）",
    "小区名称",
    "建成年代",
    "户数（户）",
    "改造年度",
    "改造状态",
    "包抓负责人",
    "联系电话",
    "经度",
    "纬度",
    "坐标系",
    "监控链接",
    "总投资（万元）",
]
CHUNK = 10_000


def ledger_rows(count: int, start: int = 0) -> list[list[object]]:
    rng = random.Random(1 + start)
    rows = []
    for k in range(start, start + count):
        lon, lat = wgs84_to_gcj02(106.60 + rng.random() * 0.15, 33.10 + rng.random() * 0.1)
        township = rng.choice(["勉阳街道", "武侯镇", "周家山镇"])
        rows.append(
            [
                k + 1,
                township,
                f"测试小区{k}",
                f"{rng.randint(1980, 2000)}年",
                f"{rng.randint(20, 900):,}",
                "2024年度",
                rng.choice(["在建", "已完工", "计划"]),
                "张伟",
                f"138-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
                round(lon, 7),
                round(lat, 7),
                "高德",
                f"rtsp://10.0.{k % 250}.{k % 200 + 1}/Streaming/Channels/101",
                f"{rng.uniform(50, 900):.2f}",
            ]
        )
    return rows


def write_csv(path: Path, count: int) -> Path:
    """A GB18030 CSV as Excel on Chinese Windows saves it, written in chunks."""
    with path.open("w", encoding="gb18030", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        for start in range(0, count, CHUNK):
            writer.writerows(ledger_rows(min(CHUNK, count - start), start))
    return path


def write_xlsx(path: Path, count: int) -> Path:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    for start in range(0, count, CHUNK):
        for row in ledger_rows(min(CHUNK, count - start), start):
            sheet.append(row)
    book.save(path)
    return path


def child(source: Path, into: Path) -> None:
    """Import once and print the figures as JSON (run in a fresh interpreter)."""
    import resource

    from onemap.io.importer import ImportOptions, import_ledger

    start = time.perf_counter()
    report = import_ledger(source, into, ImportOptions(county="610725"))
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak = usage.ru_maxrss  # KiB on Linux
    print(
        json.dumps(
            {
                "seconds": round(seconds, 1),
                "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
                "peak_rss_mb": round(peak / 1024),
                "imported": len(report.imported),
                "warnings": len(report.warnings),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--formats", default="xlsx,csv")
    parser.add_argument("--child", nargs=2, metavar=("SOURCE", "INTO"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]))
        return
    folder = Path(tempfile.mkdtemp(prefix="onemap-import-bench-"))
    writers = {"csv": write_csv, "xlsx": write_xlsx}
    for kind in args.formats.split(","):
        source = writers[kind](folder / f"台账.{kind}", args.rows)
        into = folder / f"{kind}.gpkg"
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(source), str(into)], capture_output=True, text=True, check=True
        )
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        size_mb = source.stat().st_size / 1e6
        print(
            f"import {args.rows} rows from .{kind} ({size_mb:.0f} MB): {figures['seconds']} s "
            f"({args.rows / figures['seconds']:.0f} rows/s; CPU {figures['cpu_seconds']} s), "
            f"peak RSS {figures['peak_rss_mb']} MB, "
            f"{figures['imported']} imported, {figures['warnings']} warnings"
        )


if __name__ == "__main__":
    main()

"""Speed of importing a 10,000-row ledger (xlsx and csv) into a new inventory.

Run:  .venv/bin/python tests/bench/bench_import.py [--rows 10000]
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
from pathlib import Path

import openpyxl

from onemap.geo.chinacoords import wgs84_to_gcj02
from onemap.io.importer import ImportOptions, import_ledger

HEADER = ["序号", "所在镇（街道）", "小区名称", "建成年代", "户数（户）", "改造年度", "改造状态", "包抓负责人",
          "联系电话", "经度", "纬度", "坐标系", "监控链接", "总投资（万元）"]


def ledger_rows(count: int, start: int = 0) -> list[list[object]]:
    rng = random.Random(1 + start)
    rows = []
    for k in range(start, start + count):
        lon, lat = wgs84_to_gcj02(106.60 + rng.random() * 0.15, 33.10 + rng.random() * 0.1)
        township = rng.choice(["勉阳街道", "武侯镇", "周家山镇"])
        rows.append([k + 1, township, f"测试小区{k}", f"{rng.randint(1980, 2000)}年",
                     f"{rng.randint(20, 900):,}", "2024年度", rng.choice(["在建", "已完工", "计划"]), "张伟",
                     f"138-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}", round(lon, 7), round(lat, 7), "高德",
                     f"rtsp://10.0.{k % 250}.{k % 200 + 1}/Streaming/Channels/101", f"{rng.uniform(50, 900):.2f}"])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="onemap-import-bench-"))
    rows = ledger_rows(args.rows)
    xlsx, text = folder / "台账.xlsx", folder / "台账.csv"
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    book.save(xlsx)
    with text.open("w", encoding="gb18030", newline="") as f:
        csv.writer(f).writerows([HEADER, *rows])
    for source in (xlsx, text):
        start = time.perf_counter()
        report = import_ledger(source, folder / f"{source.suffix[1:]}.gpkg", ImportOptions(county="610725"))
        seconds = time.perf_counter() - start
        print(f"import {args.rows} rows from {source.suffix}: {seconds:.1f} s "
              f"({args.rows / seconds:.0f} rows/s), {len(report.imported)} imported, {len(report.warnings)} warnings")


if __name__ == "__main__":
    main()

"""Speed and peak memory of importing a ledger (xlsx and csv) into a new inventory.

Run:  .venv/bin/python tests/bench/bench_import.py [--rows 10000] [--formats csv,xlsx] [--reimport] [--repeat 3]
      .venv/bin/python tests/bench/bench_import.py --rows 20000 --formats csv --reimport --repeat 3 \
          --trees /work/main /work/wt/X     # old and new trees, runs interleaved
      .venv/bin/python tests/bench/bench_import.py --mb 100 --formats csv   # the 100 MB case (~660,000 rows)
      ... --helper always|never   # the forked writer of a new file forced on or off (default: by the load)

Each import runs in its own subprocess, so its peak RSS (``resource.getrusage``) is the
import's own and not the generator's.  Nothing here asserts a time: it reports figures.

``--rows 20000 --formats csv``, interleaved old/new runs on the shared 2-core machine:
before set-based bulk loads 14.7 s and 15.3 s (1,361 and 1,307 rows/s, CPU 13.8 / 15.7 s);
after 11.6 s and 11.8 s (1,724 and 1,695 rows/s, CPU 11.8 / 12.1 s).  The rest is the
ledger parsing (``draft_row``: ~40 % of a profile) and placing, not the writes.

Issue 12 (cells read once or by short cut, survey on arrays, matched estates read per batch,
new estates through ``onemap/store/ledger_load.py``), same 20,000-row CSV, old and new child
imports interleaved twice while the machine ran at load 15-21 (so wall times are 4-5x CPU):
new inventory CPU 12.2 / 11.8 s -> 6.04 / 6.07 s (1,670 -> 3,300 rows per CPU second);
re-import (all unchanged) CPU 14.3 / 11.7 s -> 4.22 / 4.41 s (~1,540 -> ~4,640 rows per CPU second).
The 100 MB CSV (660,000 rows, GB18030): CPU 483 s -> 209 s (1,366 -> 3,160 rows per CPU second),
peak RSS 478 MB -> 355 MB (wall 2,108 s -> 1,070 s at load 15-21).  The 10,000-row .xlsx:
CPU 8.0 s -> 5.8 s (openpyxl's reading is most of what is left).

Issue 12, second round (rows 64 to an INSERT, R-tree entries from the blobs in hand, matched
estates read as plain tuples, faster link host check), the 20,000-row CSV, old and new trees
interleaved three times at load 8-11: CPU 4.94 -> 4.50 s new, 4.49 -> 4.02 s re-import (medians).
The 100 MB CSV (677,199 rows) on the new tree: CPU 207 s, peak RSS 363 MB (load 21).

Issue 12, third round (per-column cell memos in drafting, rows built by attrgetter), old and
new trees interleaved three times at load 8-12: CPU medians 5.73 -> 6.39 s new, 5.28 -> 5.08 s
re-import, peak RSS 89 -> 92 MB: within the noise of this machine (drafting alone 1.44-1.69 ->
1.32-1.50 s CPU).

Issue 12, fourth round (a batch drafted column by column, a short CSV read and split once,
CSV rows made with C-level calls, the survey measuring only points outside the county,
secret checks and R-tree envelopes per batch), old (/work/main) and new child imports
interleaved three times at load 10.7-13.3: process CPU medians 5.52 -> 4.39 s new inventory,
4.61 -> 4.19 s re-import (wall 23.8 -> 19.5 s: the machine was 6x oversubscribed); CPU inside
``import_ledger`` alone 5.41 / 5.30 -> 4.25 / 3.69 s (load 15-18).  Peak RSS 92 -> 125 MB (the
first pass's rows kept for the second, up to 25,000 rows).  Again with ``--trees /work/main
/work/wt/i12 --repeat 3`` at load 8-12: new inventory 9.08 -> 7.77 s wall (2,203 -> 2,574 rows/s),
CPU 4.74 -> 4.07 s; re-import 8.55 -> 6.63 s, CPU 4.52 -> 3.63 s.  The 100 MB CSV (677,199 rows,
GB18030) on the new tree: CPU 167 s (was 207 s), peak RSS 344 MB (was 363 MB), at load 11-18.
Still far from 20,000 rows/s: what is left is spread over per-row Python objects (camera-link
parsing, ``Draft.estate``, matching, audit JSON) and SQLite's own inserts.

Issue 12, fifth round (link cells parsed once per distinct cell, never one with a login;
columns NULL in a whole batch left out of the INSERTs; audit JSON built column by column;
estates made without the dataclass ``__init__``; matched estates read with their columns
sorted out once; a batch's surveyed positions looked up together), ``--trees /work/main
/tmp/i12x/snap2 --repeat 3`` at load 10.5-16.7: process CPU medians new inventory 5.51 ->
3.99 s (3,630 -> 5,013 rows per CPU second), re-import 4.90 -> 3.61 s (4,082 -> 5,540); wall
51.2 -> 24.3 s and 29.8 -> 20.5 s (the machine ran 6-8x oversubscribed).  Twice more, final
tree, ``--trees /work/main /work/wt/i12x``: repeat 3 at load 8.7-10.3, CPU 4.66 -> 4.06 s new,
4.65 -> 4.14 s re-import (wall 10.2 -> 8.6 s, 10.3 -> 8.9 s); repeat 5 at load 8.1-10.7, CPU
6.02 -> 4.50 s new, 5.01 -> 4.32 s re-import (wall 13.9 -> 11.5 s, 12.0 -> 9.4 s): 11-28 % less
CPU over the three runs.  The 100 MB CSV (677,199 rows): CPU 163 s, peak RSS 350 MB (load 8.6).  The generated
ledger's links repeat (1,000 distinct in 20,000 rows): a ledger of unique links gains
about 0.35 s less.  About 0.55 s of each figure is the interpreter importing numpy,
shapely, pyproj and OneMap.  20,000 rows/s (1 s CPU) is still far: what is left is spread
thin (SQLite inserts and R-tree ~0.7 s, drafting ~0.6 s, the first CSV pass ~0.35 s,
``Estate`` objects and matching ~0.4 s, audit JSON ~0.3 s, schema creation ~0.25 s).

Issue 12, sixth round (one suspension of the insert triggers for a whole import, an R-tree
empty at the start packed once at the end and the explicit indexes of empty tables built
once, ``onemap/store/ledger_window.py``; Python's cycle collector held back during an
import, ``onemap/io/collector.py``: it ran 1,100 times over 20,000 rows, 8 of them full
passes, 0.72-0.86 s of CPU, now about 0.2 s).  Old tree 8fbcb40 and new interleaved,
``env -u PYTHONDONTWRITEBYTECODE ... --rows 20000 --formats csv --reimport --repeat 3
--trees OLD NEW`` (both trees byte-compiled first: with PYTHONDONTWRITEBYTECODE=1 and no
``.pyc`` every run also compiles OneMap's sources, about 10 % of the figure), load 9.7-12.9:
process CPU medians new inventory 5.03 -> 3.48 s (3,976 -> 5,747 rows per CPU second),
re-import 4.59 -> 3.88 s (4,357 -> 5,155); wall 27.8 -> 20.0 s and 26.7 -> 20.6 s (the
machine 5-6x oversubscribed).  The 100 MB CSV (677,199 rows, GB18030) on the new tree: CPU
143.9 s (4,706 rows per CPU second), peak RSS 420 MB (goal 500), load 9.4-12.2; the old tree
right after it at load 10.8-11.3: CPU 249.7 s (2,712 rows per CPU second: its full collector
passes grow with the heap), peak RSS 343 MB.  The 77 MB more are the packed R-trees' arrays
and the indexes built at the end.

Issue 12, seventh round (new estates go to the store as columns, no ``Estate`` object per
row: ``onemap/io/import_fresh.py`` and ``onemap/store/ledger_columns_load.py``; point blobs
cut from one numpy buffer; the audit's WKT from the coordinates in hand and its JSON joined
at C level, each distinct text escaped once; drafts and CSV rows made without the dataclass
``__init__``; a batch turned into columns with one ``zip``), old tree 318cc12 and new
interleaved, both byte-compiled (``PYTHONPYCACHEPREFIX``), the machine at load 4-7 all round:
``--rows 20000 --formats csv --reimport --repeat 3 --trees OLD NEW``: CPU medians 4.12 ->
3.88 s new inventory (4,854 -> 5,155 rows per CPU second; wall 1,582 -> 1,847 rows/s), re-import
3.54 -> 4.27 s (noise: that path is unchanged); four more interleaved pairs of the new-inventory
child alone at load 6.2-7.0: CPU median 3.74 -> 3.31 s (5,350 -> 6,040 rows per CPU second).
The 100 MB CSV (677,199 rows), one run each at load 4.7-6.8: CPU 138.8 -> 117.8 s (4,880 ->
5,750 rows per CPU second), wall 285 -> 290 s (the load), peak RSS 434 / 434 MB (goal 500).
What is left of the 3.3 s: Python start-up and imports ~0.5 s, creating the new inventory's
schema 0.38 s (2,685 SQL statements: every migration re-writes all audit triggers and QGIS
styles), SQLite's own inserts ~0.35 s, and per-row drafting, CSV reading and placing spread
thin over ~2 s: 20,000 rows per CPU second is not reached.

Issue 12, eighth round (session 6: new estates and their audit entries sent to SQLite as
columns through ``insert_columns``, no row tuple per estate; the secret check per distinct
text of a column; child rows with geometry read column by column; a link-only camera
column's cameras straight from each cell's parsed links, worked out once a batch; CSV rows
made inline; estate, contact and funding columns put into their drafts column-wide).  The
machine ran at load 6-9 (four engineers on two cores) all session, so wall and CPU seconds
could not tell old from new (``--trees /work/wt/old-B /work/wt/B --repeat 3`` at load
7.9-8.5: 4.94 -> 4.76 s wall, CPU 1.84 / 1.86 s; again at load 7.3-7.9: 5.68 -> 4.40 s
wall, CPU 1.81 -> 1.73 s); instructions under callgrind (``PYTHONHASHSEED=0``,
deterministic) did: the 20,000-row ledger's import, interpreter start-up (1.99 G) taken
off, 10.00 G -> 9.20 G instructions (-8 %); the 5,000-row ledger's 2.92 G -> 2.74 G
(-6 %); reading, drafting and
making the fresh columns of the 20,000-row ledger, start-up included, 5.80 G -> 5.55 G.
The 100 MB CSV (677,199 rows, GB18030), one run each: new at load 7.9, CPU 70.7 s, wall
333 s, peak RSS 445 MB; old at load 6.3, CPU 56.8 s, wall 185 s, peak RSS 443 MB; new again
at load 6.4, CPU 61.8 s (10,960 rows per CPU second), wall 157 s, peak RSS 444 MB: the load
decides these figures; memory stays under the 500 MB goal.
Tried and dropped: drafting in a forked helper process (``multiprocessing`` fork, batches
pickled through a pipe): the parent spent as much CPU unpickling 20,000 drafts as drafting
them, so it only added the helper's 0.7 s; a young-generation collector threshold of
100,000 instead of 20,000 (0.1 % of instructions).

Issue 12, ninth round (session 7: a new file written by a forked helper process,
``onemap/io/import_forked.py``: it creates the file during the first pass and loads each
batch's new estates, sent as pickled columns, while the importer drafts the next batch; the
drafts let go while the helper commits; the first pass's positions gathered in one loop; a
named row without a code matched with one key).  A profile of main's import (py-spy, 500 Hz)
had shown no parallel work (its CPU beyond the wall is interpreter start-up, outside the
timed window) and about a third of the time in SQLite: the schema, the inserts, the packed
R-trees and indexes, the commit.  The machine ran at load 5-8 all session (four engineers),
so wall times say little; ``--trees /work/wt/old-I /work/wt/I --helper always --repeat 3`` at
load 4.7-5.6: CPU inside ``import_ledger`` 1.19 -> 0.78 s in the importer's process (the
helper 0.50 s more, the same again on a busy machine: wall 2.42 -> 2.56 s), peak RSS 130 ->
162 MB (the short ledger's drafts kept to the end) + 63 MB for the helper.  With a core to
spare the helper keeps up (it needs ~32 ms a batch against the importer's ~50 ms) and its
commit after the last batch takes ~40-60 ms, so the wall time is about the importer's CPU
plus that.  Measured in a quiet moment, interleaved: ``--helper always`` at load 0.6-0.7,
1.15 -> 0.77 s (17,391 -> 25,974 rows/s; CPU inside the import 1.13 -> 0.72 s + 0.46 s
helper); ``--helper auto`` (the default) at load 0.1-0.2, 1.09 -> 0.73 s (18,349 -> 27,397
rows/s; 1.08 -> 0.69 s + 0.45 s helper).  On a busy
machine the helper only adds its CPU: forced on at load 0.5-1.5 (others' jobs starting),
1.47 -> 1.88 s wall (CPU inside the import 1.15 -> 0.75 s + 0.48 s helper); so it is used
only when a core is idle, by the last minute's load and the processes running at that
moment (``--helper auto``, the default; at load 5: one process, 2.41 / 2.58 s, CPU inside
the import 1.21 / 1.22 s).  The 100 MB CSV (677,199 rows) with the helper, at
load 4.6-5.9: importer CPU 35.3 s + helper 15.6 s, wall 93 s; peak RSS 338 MB + 164 MB,
peak proportional set size of both together 427 MB (sampled every 0.2 s: the helper shares
the importer's pages from before the fork); main in one process: 443 MB.  The figures now
print that peak PSS of the import's process tree, sampled every 50 ms (``proctree.py``, shared
with bench_brief.py).  Session 7's closing figures, quiet machine (load 0.9-1.3), main c4e6715
against 1291827 interleaved: 1.18 -> 0.78 s (16,949 -> 25,641 rows/s), one process
(``--helper never``) 1.08 s; the 100 MB CSV 32.3-33.1 s wall (20,453-20,972 rows/s), peak
RSS 339 MB + 164 MB for the helper, **peak PSS 436 MB** together.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from proctree import tree_memory  # type: ignore[import-not-found]

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

    helper = os.environ.get("ONEMAP_BENCH_HELPER", "auto")  # --helper: the forked writer's switch
    if helper != "auto":
        try:
            from onemap.io import import_forked
        except ImportError:  # an older tree: always one process
            pass
        else:
            import_forked.ENABLED = helper == "always"
            import_forked.SPARE_LOAD = -1e9  # whatever the load
    start, cpu = time.perf_counter(), time.process_time()
    report = import_ledger(source, into, ImportOptions(county="610725"))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak = usage.ru_maxrss  # KiB on Linux: the whole process's peak resident set
    # the forked writer of a new file (onemap/io/import_forked.py): its CPU and its own peak
    helped = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "seconds": round(seconds, 2),
                "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
                # this process's CPU inside import_ledger alone: with a helper, about the wall time of
                # an import on a machine with a core to spare (the helper keeps up and commits last)
                "import_cpu_seconds": round(cpu, 2),
                "peak_rss_mb": round(peak / 1024),
                "helper_cpu_seconds": round(helped.ru_utime + helped.ru_stime, 2),
                "helper_peak_rss_mb": round(helped.ru_maxrss / 1024),
                "imported": len(report.imported),
                "updated": len(report.updated),
                "unchanged": len(report.unchanged),
                "warnings": len(report.warnings),
            }
        )
    )


def run_child(source: Path, into: Path, tree: Path | None = None) -> dict[str, float]:
    """One import in a fresh interpreter; ``tree``: the source tree to import with (default: this one).

    The child's process tree (the forked writer included) is sampled every 50 ms for its peak
    PSS: the importer's and the helper's peak RSS count the pages they share twice."""
    env = None if tree is None else {**os.environ, "PYTHONPATH": str(tree)}
    process = subprocess.Popen(  # this file's child, with the tree's OneMap: the same figures for every tree
        [sys.executable, str(Path(__file__).resolve()), "--child", str(source), str(into)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tree,
    )
    peak_pss = 0
    while process.poll() is None:
        peak_pss = max(peak_pss, tree_memory(process.pid)[1])
        time.sleep(0.05)
    out = process.stdout.read() if process.stdout else ""
    if process.returncode:
        raise SystemExit(f"import failed: {source}")
    figures: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    figures["peak_pss_mb"] = round(peak_pss / 2**20)
    figures["load"] = round(os.getloadavg()[0], 1)
    return figures


def rows_for_mb(megabytes: float) -> int:
    """Rows of the generated ledger that make a CSV of about ``megabytes`` MB."""
    sample = Path(tempfile.mkdtemp(prefix="onemap-import-size-")) / "sample.csv"
    write_csv(sample, 2000)
    return int(megabytes * 1e6 / (sample.stat().st_size / 2000))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--mb", type=float, help="make the CSV about this many MB instead (100: the issue's case)")
    parser.add_argument("--formats", default="xlsx,csv")
    parser.add_argument("--reimport", action="store_true", help="also import the same ledger again (all unchanged)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each import; the median is printed")
    parser.add_argument(
        "--trees",
        nargs="+",
        type=Path,
        help="source trees to compare (e.g. /work/main and a worktree), runs interleaved",
    )
    parser.add_argument(
        "--helper",
        choices=("auto", "always", "never"),
        default="auto",
        help="the forked writer of a new file (onemap/io/import_forked.py): by the load (auto), or forced",
    )
    parser.add_argument("--child", nargs=2, metavar=("SOURCE", "INTO"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]))
        return
    os.environ["ONEMAP_BENCH_HELPER"] = args.helper
    rows = rows_for_mb(args.mb) if args.mb else args.rows
    folder = Path(tempfile.mkdtemp(prefix="onemap-import-bench-"))
    writers = {"csv": write_csv, "xlsx": write_xlsx}
    for kind in args.formats.split(","):
        source = writers[kind](folder / f"台账.{kind}", rows)
        trees: list[Path | None] = list(args.trees or [None])
        runs: dict[tuple[int, str], list[dict[str, float]]] = {
            (t, w): [] for t in range(len(trees)) for w in ("new", "again")
        }
        for k in range(args.repeat):
            for t, tree in enumerate(trees):  # interleaved: each tree sees the same load
                into = folder / f"{kind}-{k}-{t}.gpkg"
                runs[t, "new"].append(run_child(source, into, tree))
                if args.reimport:
                    runs[t, "again"].append(run_child(source, into, tree))
                into.unlink()
        for (t, what), figures in runs.items():
            if figures:
                if trees[t] is not None:
                    print(f"{trees[t]}:")
                _print(kind, what, rows, source.stat().st_size / 1e6, figures)


def _print(kind: str, what: str, rows: int, size_mb: float, runs: list[dict[str, float]]) -> None:
    def median(key: str) -> float:
        return float(statistics.median(r.get(key, 0.0) for r in runs))  # an older tree's child has no helper figures

    seconds = median("seconds")
    into = "a new inventory" if what == "new" else "the same inventory again"
    last = runs[-1]
    print(
        f"import {rows} rows from .{kind} ({size_mb:.0f} MB) into {into}: {seconds} s "
        f"({rows / seconds:.0f} rows/s; CPU {median('cpu_seconds')} s, {rows / median('cpu_seconds'):.0f} rows per "
        f"CPU second; CPU inside the import {median('import_cpu_seconds')} s), "
        f"peak RSS {median('peak_rss_mb'):.0f} MB, "
        f"helper process CPU {median('helper_cpu_seconds')} s and peak RSS {median('helper_peak_rss_mb'):.0f} MB, "
        f"peak PSS of the two together {median('peak_pss_mb'):.0f} MB, "
        f"{last['imported']} imported, {last['updated']} updated, {last['unchanged']} unchanged, "
        f"{last['warnings']} warnings (median of {len(runs)}; load {', '.join(str(r['load']) for r in runs)})"
    )


if __name__ == "__main__":
    main()

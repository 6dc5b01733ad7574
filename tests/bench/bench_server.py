"""The shared inventory on PostGIS against the file: load, opening one county, box queries.

Run:  .venv/bin/python tests/bench/bench_server.py [--source /tmp/q/d20k.gpkg] [--repeat 5] [--boxes 200]
      [--old-tree DIR] [--scratch-only]

Starts a throwaway PostgreSQL + PostGIS cluster on 127.0.0.1 (as the tests do), loads a copy of
the source inventory with ``onemap server init`` (COPY), then times, interleaved with the same work
on the file and as medians over ``--repeat`` runs: opening one county (connect + the county's
estates by ``--where``) and ``--boxes`` bounding-box queries (``codes_within``, GiST on the server,
R-tree in the file), then a township's checkout and a checkin of 500 field edits, one county's
ledger imported into an empty server and an empty file, and a new migration upgrading the loaded
server.  Figures are printed, not asserted; ``uptime`` is printed beside them.

The commands that run the file's engines on a scratch copy of the server (issue 16): the scratch
for one county (:func:`onemap.store.server.scratch.make_scratch`) against the whole-server export
(``export_gpkg`` + ``mark_checkout``, what they used before); with ``--old-tree DIR`` (a checkout
of the older OneMap, e.g. ``git archive``'d) also ``onemap brief URL --where <one county>`` and
``onemap import LEDGER --into URL`` of the county's ledger (a re-import: every row matched), each
as a fresh process of that tree and of this one, interleaved (the old ones ``--old-repeat`` times:
a whole d20k export takes minutes).  ``--scratch-only`` skips the rest.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from onemap.store import Inventory  # noqa: E402
from onemap.store.server.init import init_server  # noqa: E402
from tests.core.pg_cluster import remove_cluster, start_cluster  # noqa: E402


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def _county_open(spec: str | Path, county: str) -> tuple[float, int]:
    start = time.perf_counter()
    with Inventory.open(spec, readonly=True) as inventory:
        found = inventory.estates([f"编码>={county}0000", f"编码<{int(county) + 1}0000"])
    return time.perf_counter() - start, len(found)


def _boxes(spec: str | Path, boxes: list[tuple[float, float, float, float]]) -> tuple[float, int]:
    with Inventory.open(spec, readonly=True) as inventory:
        start = time.perf_counter()
        hits = sum(len(inventory.codes_within(*box)) for box in boxes)
        return time.perf_counter() - start, hits


def _field_round(url: str, copy: Path, county: str, work: Path) -> None:
    """Check out the county's biggest township, make 500 field edits offline, check them in."""
    from collections import Counter

    from onemap.io.export import export_gpkg
    from onemap.store.server.checkin import checkin, mark_checkout

    with Inventory.open(copy, readonly=True) as inventory:
        towns = Counter(e.township for e in inventory.estates([f"编码>={county}0000", f"编码<{int(county) + 1}0000"]))
    where = [f"镇街={towns.most_common(1)[0][0]}"]
    start = time.perf_counter()
    with Inventory.open(copy, readonly=True) as inventory:
        export_gpkg(inventory, work / "from-file.gpkg", where)
    file_s = time.perf_counter() - start
    field = work / "field.gpkg"
    start = time.perf_counter()
    with Inventory.open(url, readonly=True) as inventory:
        checked_out = export_gpkg(inventory, field, where)
        mark_checkout(field, inventory.url, where)  # type: ignore[attr-defined]
    server_s = time.perf_counter() - start
    print(
        f"checkout {where[0]} ({checked_out} estates): server {server_s:.2f} s; "
        f"the same export from the file {file_s:.2f} s"
    )
    names = ("notes", "households", "management", "property_type", "progress_pct")
    with Inventory.open(field) as laptop, laptop.transaction():
        codes = [e.code for e in laptop.estates()]
        edits = 0
        for n in range(500):
            name = names[n % len(names)]
            value = 5000 + n if name == "households" else (50.5 if name == "progress_pct" else f"外业 {n}")
            edits += len(laptop.update_estate(codes[(n // len(names)) % len(codes)], **{name: value}))
    start = time.perf_counter()
    report = checkin(field)
    print(
        f"checkin of {edits} field edits: {time.perf_counter() - start:.2f} s, {len(report.applied)} applied "
        f"({report.unchanged} already there, {len(report.collisions)} collisions); {_uptime()}"
    )


def _import(cluster: object, copy: Path, county: str, work: Path) -> None:
    """``onemap import`` of one county's ledger (CSV) into an empty server and into an empty file."""
    from onemap.cli import main as onemap

    ledger = work / "ledger.csv"
    where = [f"编码>={county}0000", f"编码<{int(county) + 1}0000"]
    assert onemap(["export", str(copy), str(ledger), *sum((["--where", w] for w in where), [])]) == 0
    url = cluster.url(cluster.new_database())  # type: ignore[attr-defined]
    init_server(url, [county])
    times = {}
    for name, into in (("file", str(work / "imported.gpkg")), ("server", url)):
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):  # the import's report: not the figure
            code = onemap(["import", str(ledger), "--into", into, "--county", county, "--json"])
        times[name] = time.perf_counter() - start
        assert code == 0, name
    with Inventory.open(url, readonly=True) as server, Inventory.open(work / "imported.gpkg", readonly=True) as file:
        counts = (server.count(), file.count())
    print(
        f"import of {counts[1]} estates (CSV): server {times['server']:.2f} s ({counts[0]} estates there), "
        f"file {times['file']:.2f} s; {_uptime()}"
    )


def _scratches(url: str, county: str, work: Path, repeat: int, old_tree: Path | None, old_repeat: int) -> None:
    """The scratch copy of one county against the whole server's export; old and new commands timed."""
    from onemap.io.export import export_gpkg
    from onemap.store.server.checkin import mark_checkout
    from onemap.store.server.scratch import Scope, make_scratch

    where = [f"编码>={county}0000", f"编码<{int(county) + 1}0000"]
    figures: dict[str, list[float]] = {"whole export": [], "county scratch": []}
    for n in range(repeat):  # the whole export takes minutes: ``old_repeat`` times, and not twice over
        if n < old_repeat and old_tree is None:  # (with an old tree, its commands run it)
            start = time.perf_counter()
            with Inventory.open(url, readonly=True) as server:
                export_gpkg(server, work / "whole.gpkg", None, overwrite=True)
            mark_checkout(work / "whole.gpkg", url, None)
            figures["whole export"].append(time.perf_counter() - start)
        start = time.perf_counter()
        with Inventory.open(url, readonly=True) as server:
            counts = make_scratch(server, work / "county.gpkg", Scope([county]), where)  # type: ignore[arg-type]
        figures["county scratch"].append(time.perf_counter() - start)
    for name, values in figures.items():
        each = ", ".join(f"{v:.2f}" for v in values)
        if values:
            print(f"{name:15s} median {statistics.median(values):.2f} s over {len(values)} ({each})")
    print(f"county scratch rows: {counts}; {_uptime()}")
    if old_tree is None:
        return
    ledger = work / "county-ledger.csv"
    from onemap.cli import main as onemap

    with contextlib.redirect_stdout(io.StringIO()):
        assert onemap(["export", url, str(ledger), *sum((["--where", w] for w in where), [])]) == 0
    commands = {
        "brief": ["brief", url, *sum((["--where", w] for w in where), []), "-o", str(work / "b.pdf"), "--force"],
        "import": ["import", str(ledger), "--into", url, "--json"],
    }
    _run(ROOT, commands["import"])  # the first import may settle a value or two; later ones all match
    for name, args in commands.items():
        times: dict[str, list[float]] = {"old": [], "new": []}
        for n in range(repeat):
            for tree, label in ((old_tree, "old"), (ROOT, "new")):
                if label == "new" or n < old_repeat:
                    times[label].append(_run(tree, args))
        print(
            f"onemap {name} ({'one county' if name == 'brief' else 'ledger of one county'}): "
            + ", ".join(
                f"{k} median {statistics.median(v):.1f} s ({', '.join(f'{x:.1f}' for x in v)})"
                for k, v in times.items()
            )
            + f"; {_uptime()}"
        )


def _run(tree: Path, args: list[str]) -> float:
    """``python -m onemap ARGS`` with ``tree`` first on the path; seconds (a failure stops the bench)."""
    import os

    environment = {**os.environ, "PYTHONPATH": str(tree), "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    # run from the tree: ``-m`` puts the working folder ahead of PYTHONPATH
    subprocess.run([sys.executable, "-m", "onemap", *args], env=environment, cwd=tree, check=True, capture_output=True)
    return time.perf_counter() - start


def _upgrade(url: str, work: Path) -> None:
    """A new numbered migration (a column, a table, an UPDATE of every estate) landing on the loaded server."""
    from onemap.paths import data_path
    from onemap.store.migrations import available
    from onemap.store.server.upgrade import upgrade_server

    folder = work / "migrations"
    shutil.copytree(data_path("db", "migrations"), folder)
    (folder / f"{available()[-1].number + 1:04d}_bench.sql").write_text(
        "ALTER TABLE estates ADD COLUMN heating TEXT;\n"
        "CREATE TABLE estate_visits (fid INTEGER PRIMARY KEY AUTOINCREMENT, estate_code TEXT NOT NULL "
        "REFERENCES estates(code) ON UPDATE CASCADE ON DELETE CASCADE, visited_on DATE, geom POINT);\n"
        "UPDATE estates SET heating = 'district' WHERE renewal_year >= 2023;\n",
        "utf-8",
    )
    start = time.perf_counter()
    applied = upgrade_server(url, folder)
    print(f"server upgrade ({', '.join(applied)}): {time.perf_counter() - start:.2f} s; {_uptime()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", type=Path, default=Path("/tmp/q/d20k.gpkg"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--boxes", type=int, default=200)
    parser.add_argument("--old-tree", type=Path, help="an older OneMap's source tree: its brief/import timed too")
    parser.add_argument("--old-repeat", type=int, default=1, help="runs of the whole-server export (minutes each)")
    parser.add_argument("--scratch-only", action="store_true", help="only the scratch copies (issue 16)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="onemap-bench-server-"))
    copy = work / args.source.name
    shutil.copy(args.source, copy)  # the shared benchmark file stays untouched
    cluster = start_cluster()
    try:
        url = cluster.url(cluster.new_database())
        print(f"load:   {_uptime()}")
        start = time.perf_counter()
        summary = init_server(url, ["000000"], copy)
        load_s = time.perf_counter() - start
        loaded = summary["loaded"]
        print(
            f"server init --from {args.source.name}: {load_s:.1f} s "
            f"({loaded['estates']} estates, {loaded['buildings']} buildings, {sum(loaded.values())} rows)"
        )
        with Inventory.open(copy, readonly=True) as inventory:
            estates = inventory.estates()
        county = estates[len(estates) // 2].code[:6]
        if args.scratch_only:
            _scratches(url, county, work, args.repeat, args.old_tree, args.old_repeat)
            return
        located = [e.location for e in estates if e.location is not None and e.code.startswith(county)]
        rng = random.Random(7)
        boxes = []
        for _ in range(args.boxes):  # about 2 km boxes around the county's estates
            lon, lat = rng.choice(located)
            boxes.append((lon - 0.01, lat - 0.01, lon + 0.01, lat + 0.01))
        figures: dict[str, list[float]] = {"file open": [], "server open": [], "file boxes": [], "server boxes": []}
        counts = {}
        for _ in range(args.repeat):  # interleaved: the machine's load falls on both alike
            for name, spec in (("file", copy), ("server", url)):
                seconds, counts[f"{name} open"] = _county_open(spec, county)
                figures[f"{name} open"].append(seconds)
                seconds, counts[f"{name} boxes"] = _boxes(spec, boxes)
                figures[f"{name} boxes"].append(seconds)
        print(f"county {county}: {counts['server open']} estates (file {counts['file open']}); {_uptime()}")
        for name, values in figures.items():
            per = f", {1000 * statistics.median(values) / args.boxes:.2f} ms per box" if "boxes" in name else ""
            print(f"{name:13s} median {statistics.median(values):.3f} s over {args.repeat}{per}  ({counts[name]} hits)")
        _field_round(url, copy, county, work)
        _import(cluster, copy, county, work)
        _scratches(url, county, work, args.repeat, args.old_tree, args.old_repeat)
        _upgrade(url, work)  # last: today's OneMap refuses the upgraded server
    finally:
        remove_cluster(cluster)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

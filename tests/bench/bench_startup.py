"""Start-up of the viewer as a user sees it: ``python -m onemap FILE`` in a new process, to the map painted.

Run:  .venv/bin/python tests/bench/bench_startup.py FILE.gpkg [FILE.gpkg ...] [--runs 5] [--settle 8]
      (under ``xvfb-run -a -s "-screen 0 1920x1080x24"`` for a real X server; else Qt's offscreen platform)

Each run starts a fresh process with empty user folders (first start: the window opens
maximised; no basemap, which is measured by bench_viewer.py --basemap; bytecode compiled, after one
uncounted warm-up run) and the hidden probe
(:mod:`onemap.gui.startprobe`) on: it prints when the window was shown and when the
first frame of the map with the inventory was, then stays ``--settle`` seconds (docks filled,
search index warmed) and quits.  Printed per inventory, medians over the runs: exec to the
window's first paint, exec to the map painted, the CPU seconds of the viewer to it (the figure
to compare on a loaded machine), the blank time between them, peak RSS at the
first map frame and after settling (the 2D viewer, 3D tab never shown).  Never asserted: the
machine is shared.

Issue 12 session 6, task C (the viewer's facilities: 2,059,252 at d220k, read in a job after the first
frame instead of as objects on the UI thread while opening), d220k, old (8bcca72) / new interleaved, 2
runs at load 11 (wall times five times the CPU): map painted 124.4 s -> 15.7 s, CPU to the map 40.1 s ->
3.3 s, blank window 56.9 s -> 0.9 s, peak RSS at the first frame 2360 -> 420 MB, after 8 s 2608 ->
808 MB; d20k, 3 runs interleaved at load 8.3: map 12.49 -> 4.02 s, CPU 4.60 -> 1.61 s, blank 4.25 ->
0.09 s, peak RSS at the first frame 453 -> 280 MB.  New tree alone, d220k, 3 runs at load 6.4: map painted
3.89 s (2.93-3.98), CPU to it 2.32 s, blank 0.15 s, peak RSS at the first frame 385 MB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROBE_ENV = "ONEMAP_PROBE_FIRST_PAINT"  # onemap.gui.startprobe.PROBE_ENV, without importing Qt here


def one_run(path: Path, settle_s: float, repo: Path) -> dict[str, float]:
    """Start the viewer on ``path`` once; seconds and megabytes seen by the probe."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ)
        for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "APPDATA", "LOCALAPPDATA"):
            env[variable] = str(Path(home) / variable.lower())
        config = Path(env["XDG_CONFIG_HOME"]) / "onemap"
        config.mkdir(parents=True)
        (config / "OneMap.ini").write_text(f'[basemaps]\n{_ini_key(path)}=""\n', "utf-8")
        env[PROBE_ENV] = str(settle_s)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed viewer has its bytecode compiled
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(repo), env.get("PYTHONPATH", "")) if p)
        if not env.get("DISPLAY"):
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
        start = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "onemap", str(path.resolve())],
            env=env,
            cwd=home,  # not the caller's folder: ``-m`` puts it first on sys.path, before --repo
            capture_output=True,
            text=True,
            timeout=600,
        )
    lines = [line.split() for line in proc.stdout.splitlines() if line.startswith("onemap-probe")]
    if proc.returncode != 0 or len(lines) < 2:
        raise RuntimeError(f"the viewer did not report (exit {proc.returncode}): {proc.stderr[-2000:]}")
    first = dict(field.split("=") for field in lines[0][1:])
    settled = dict(field.split("=") for field in lines[1][2:])
    return {
        "window": float(first["window_shown"]) - start,
        "map": float(first["map_painted"]) - start,
        "rss_map": float(first["peak_rss_mb"]),
        "cpu": float(first.get("cpu_s", "nan")),  # a tree from before the probe told its CPU: nan
        "rss_settled": float(settled["peak_rss_mb"]),
    }


def _ini_key(path: Path) -> str:
    """The settings' key of an inventory (``onemap.gui.settings._key``), without importing Qt here."""
    from hashlib import sha1

    return sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("inventories", type=Path, nargs="+")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--settle", type=float, default=8.0, help="seconds to stay after the first map frame")
    parser.add_argument(
        "--repo",
        type=Path,
        nargs="+",
        default=[Path(__file__).resolve().parents[2]],
        help="the source tree(s) to run; with several, their runs alternate (before/after on equal terms)",
    )
    args = parser.parse_args()
    for path in args.inventories:
        for repo in args.repo:
            one_run(path, 0.0, repo)  # warm-up, not counted: bytecode written, the file in the page cache
        runs: dict[Path, list[dict[str, float]]] = {repo: [] for repo in args.repo}
        for _ in range(args.runs):
            for repo in args.repo:
                runs[repo].append(one_run(path, args.settle, repo))
        for repo, done in runs.items():
            report(path, repo, done, args.settle)


def report(path: Path, repo: Path, runs: list[dict[str, float]], settle: float) -> None:
    """Medians of one tree's runs on one inventory."""
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"[{path.name}] {repo}: {len(runs)} runs, load {load:.2f} (wall times follow it; CPU much less)")
    print(f"  exec -> window shown: median {med['window']:.2f} s  ({_all(runs, 'window')})")
    print(f"  exec -> map painted:  median {med['map']:.2f} s  ({_all(runs, 'map')})")
    print(f"  CPU to the map painted: median {med['cpu']:.2f} s  ({_all(runs, 'cpu')})")
    print(f"  blank window: median {statistics.median(r['map'] - r['window'] for r in runs):.2f} s")
    print(f"  peak RSS at the first map frame: median {med['rss_map']:.0f} MB")
    print(f"  peak RSS after {settle:.0f} s (3D tab never shown): median {med['rss_settled']:.0f} MB", flush=True)


def _all(runs: list[dict[str, float]], key: str) -> str:
    return ", ".join(f"{r[key]:.2f}" for r in runs)


if __name__ == "__main__":
    main()

"""mypy with a baseline that only shrinks: the core has no errors, no GUI file has more than the baseline.

    python scripts/mypy_baseline.py            # check (scripts/test runs this)
    python scripts/mypy_baseline.py --update   # rewrite the baseline to today's counts

The core (``onemap`` outside ``onemap/gui``) is strict (see pyproject's mypy overrides) and must
have no error at all.  The GUI is checked less strictly and may keep the errors it had, file by
file, in ``tests/mypy-gui-baseline.json``; a file that is not listed may have none.  After fixing
errors (or moving a file) run ``--update`` and commit the smaller baseline: it refuses to write a
larger total.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "tests" / "mypy-gui-baseline.json"
GUI = "onemap/gui/"
ERROR = re.compile(r"^(?P<file>[^:\n]+\.py):\d+(?::\d+)?: error:", re.MULTILINE)


def run_mypy() -> tuple[str, Counter[str]]:
    """mypy's output on ``onemap`` and its error count per file (paths with forward slashes)."""
    result = subprocess.run([sys.executable, "-m", "mypy", "onemap"], cwd=ROOT, capture_output=True, text=True)
    if result.returncode not in (0, 1):  # 2: mypy itself failed (bad config, crash)
        sys.exit(result.stdout + result.stderr)
    counts = Counter(m["file"].replace("\\", "/") for m in ERROR.finditer(result.stdout))
    return result.stdout, counts


def problems(counts: Counter[str], baseline: dict[str, int]) -> list[str]:
    """What is worse than allowed: any core error, any GUI file above its baseline."""
    found = []
    for file, count in sorted(counts.items()):
        allowed = baseline.get(file, 0) if file.startswith(GUI) else 0
        if count > allowed:
            found.append(f"{file}: {count} mypy errors, {allowed} allowed")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite the GUI baseline to today's counts")
    args = parser.parse_args(argv)
    output, counts = run_mypy()
    gui = {f: n for f, n in sorted(counts.items()) if f.startswith(GUI)}
    core = sum(n for f, n in counts.items() if not f.startswith(GUI))
    baseline = json.loads(BASELINE.read_text("utf-8")) if BASELINE.exists() else {}
    if args.update and sum(gui.values()) > sum(baseline.values()) and baseline:
        print(f"mypy: the GUI has {sum(gui.values())} errors, more than the baseline's {sum(baseline.values())}:"
              " fix them, the baseline only shrinks", file=sys.stderr)
        return 1
    if args.update:
        BASELINE.write_text(json.dumps(gui, indent=1, sort_keys=True) + "\n", "utf-8")
        print(f"mypy baseline: GUI {sum(baseline.values())} -> {sum(gui.values())} errors")
        baseline = gui
    found = problems(counts, baseline)
    print(f"mypy: core {core} errors, GUI {sum(gui.values())} (baseline {sum(baseline.values())})")
    if found:
        print(output, end="")
        print("\n".join(["mypy: worse than the baseline:", *found]), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

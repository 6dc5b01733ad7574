"""scripts/mypy_baseline.py: the core has no mypy error, a GUI file never more than its baseline."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).parents[2]


def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mypy_baseline", ROOT / "scripts" / "mypy_baseline.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_gui_file_may_keep_its_baseline_errors_but_not_add_one() -> None:
    problems = script().problems
    baseline = {"onemap/gui/actions.py": 3}
    assert problems(Counter({"onemap/gui/actions.py": 3}), baseline) == []
    assert problems(Counter({"onemap/gui/actions.py": 2}), baseline) == []
    worse = Counter({"onemap/gui/actions.py": 4})
    assert problems(worse, baseline) == ["onemap/gui/actions.py: 4 mypy errors, 3 allowed"]
    assert problems(Counter({"onemap/gui/new.py": 1}), baseline) == ["onemap/gui/new.py: 1 mypy errors, 0 allowed"]


def test_the_core_may_have_no_mypy_error_at_all() -> None:
    problems = script().problems
    assert problems(Counter({"onemap/store/trail.py": 1}), {"onemap/store/trail.py": 5}) == [
        "onemap/store/trail.py: 1 mypy errors, 0 allowed"
    ]


def test_the_committed_baseline_lists_only_gui_files() -> None:
    baseline = json.loads((ROOT / "tests" / "mypy-gui-baseline.json").read_text("utf-8"))
    assert baseline and all(f.startswith("onemap/gui/") and n > 0 for f, n in baseline.items())

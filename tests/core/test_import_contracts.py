"""The import contracts (pyproject's [tool.importlinter], run by lint-imports) name every part of OneMap.

A forbidden contract checks only the modules it lists, so a new package or module must be added
to it: this test says which one is missing.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[2]


def top_level_modules() -> set[str]:
    """``onemap.x`` for every package and module directly in onemap/."""
    found = {p.parent.name for p in (ROOT / "onemap").glob("*/__init__.py")}
    found |= {p.stem for p in (ROOT / "onemap").glob("*.py") if p.stem != "__init__"}
    return {f"onemap.{name}" for name in found}


def contract(name_start: str) -> dict[str, object]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]
    return next(c for c in config["contracts"] if c["name"].startswith(name_start))


def test_the_no_gui_contract_covers_every_core_module() -> None:
    listed = contract("The core")
    assert set(listed["source_modules"]) == top_level_modules() - {"onemap.gui"}  # type: ignore[arg-type]
    assert {"onemap.gui", "PySide6", "pyqtgraph", "OpenGL"} <= set(listed["forbidden_modules"])  # type: ignore[arg-type]


def test_the_sql_contract_covers_everything_but_the_store() -> None:
    listed = contract("Only onemap.store")
    assert set(listed["source_modules"]) == top_level_modules() - {"onemap.store"}  # type: ignore[arg-type]
    assert listed["forbidden_modules"] == ["sqlite3", "psycopg"]  # the server backend's driver too (issue 16)

"""The headless core imports no Qt: every module outside onemap.gui loads with Qt blocked.

The modules are found by walking the files, not the packages: a folder without ``__init__.py`` is
invisible to ``pkgutil.walk_packages`` and would hide a Qt import from this guard.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

BLOCKED_IMPORTS = textwrap.dedent("""
    import importlib, sys
    BLOCKED = {"PySide6", "shiboken6", "pyqtgraph", "OpenGL", "PyQt5", "PyQt6"}

    class Block:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                raise ImportError(f"blocked in the headless core: {name}")
            return None

    sys.meta_path.insert(0, Block())
    from pathlib import Path
    import onemap
    root = Path(onemap.__file__).parent
    names = []
    for file in sorted(root.rglob("*.py")):
        parts = file.relative_to(root.parent).with_suffix("").parts
        if parts[1:2] == ("gui",):
            continue
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        importlib.import_module(name)
        names.append(name)
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
    print(len(names), loaded)
""")


def core_files() -> list[Path]:
    """Every Python file of the core on disk (onemap outside onemap/gui)."""
    root = Path(__file__).parents[2] / "onemap"
    return [f for f in root.rglob("*.py") if f.relative_to(root).parts[0] != "gui"]


def test_every_core_module_imports_with_qt_blocked() -> None:
    result = subprocess.run([sys.executable, "-c", BLOCKED_IMPORTS], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    count, loaded = result.stdout.split(" ", 1)
    assert int(count) == len(core_files()) > 100
    assert loaded.strip() == "[]"


def test_every_core_folder_is_a_package_the_guard_and_the_import_contracts_see() -> None:
    root = Path(__file__).parents[2] / "onemap"
    folders = {f.parent for f in core_files()}
    assert sorted(str(d.relative_to(root)) for d in folders if not (d / "__init__.py").exists()) == []


def test_the_command_line_works_with_qt_blocked(tmp_path: Path) -> None:
    script = BLOCKED_IMPORTS.split("import onemap")[0] + textwrap.dedent(f"""
        from onemap.cli import main
        sys.exit(main(["demo", {str(tmp_path / "demo.gpkg")!r}, "--estates", "5"]))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "5 个小区" in result.stdout

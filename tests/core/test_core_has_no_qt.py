"""The headless core imports no Qt: every module outside onemap.gui loads with Qt blocked."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

BLOCKED_IMPORTS = textwrap.dedent("""
    import importlib, pkgutil, sys
    BLOCKED = {"PySide6", "shiboken6", "pyqtgraph", "OpenGL", "PyQt5", "PyQt6"}

    class Block:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                raise ImportError(f"blocked in the headless core: {name}")
            return None

    sys.meta_path.insert(0, Block())
    import onemap
    names = []
    for module in pkgutil.walk_packages(onemap.__path__, "onemap."):
        if module.name == "onemap.gui" or module.name.startswith("onemap.gui."):
            continue
        importlib.import_module(module.name)
        names.append(module.name)
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
    print(len(names), loaded)
""")


def test_every_core_module_imports_with_qt_blocked() -> None:
    result = subprocess.run([sys.executable, "-c", BLOCKED_IMPORTS], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    count, loaded = result.stdout.split(" ", 1)
    assert int(count) >= 20
    assert loaded.strip() == "[]"


def test_the_command_line_works_with_qt_blocked(tmp_path: Path) -> None:
    script = BLOCKED_IMPORTS.split("import onemap")[0] + textwrap.dedent(f"""
        from onemap.cli import main
        sys.exit(main(["demo", {str(tmp_path / "demo.gpkg")!r}, "--estates", "5"]))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "5 个小区" in result.stdout

"""The viewer of a file without reference layers or a street network never loads GDAL or scipy (80 MB)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from onemap.gui.main_window import MainWindow
from onemap.gui.settings import Settings
path = Path(sys.argv[1])
window = MainWindow(Settings(path.parent / "OneMap.ini"))
window.settings.set_basemap_for(path, "")
assert window.open_inventory(path)
for _ in range(50):
    app.processEvents()
print(sorted({m.split(".")[0] for m in sys.modules} & {"scipy", "pyogrio"}))
window.close_session()
"""


def test_opening_an_inventory_loads_neither_gdal_nor_scipy(demo_copy: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(Path(__file__).parents[2])}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(demo_copy)], env=env, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"

"""The viewer of a file without reference layers, a street network or an MQTT broker never loads GDAL, scipy or paho.

Nor does the viewer of a file with its sidecar ``NAME.layers.gpkg`` (the demo's streets, river and
townships): the map draws the layers read as SQLite, and the 生活圈 dock reads the sidecar's streets
as a walking network (scipy, and GDAL for the lines: ~75 MB) only when the dock is shown or
coverage is asked for.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from onemap.demo.reflayers import write_demo_layers

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
window.show()
assert window.open_inventory(path)
for _ in range(50):
    app.processEvents()
window.layers.reference.settle()
app.processEvents()
print([layer.name for layer in window.layers.reference.layers])
print(sorted({m.split(".")[0] for m in sys.modules} & {"scipy", "pyogrio", "paho"}))
if len(sys.argv) > 2:  # the 生活圈 dock shown: now its network is read
    window.living_circles.raise_()
    for _ in range(20):
        app.processEvents()
    print(window.living_circles.network_button.toolTip())
    print(sorted({m.split(".")[0] for m in sys.modules} & {"scipy", "pyogrio", "paho"}))
window.close_session()
"""


def _run(path: Path, *more: str) -> list[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(Path(__file__).parents[2])}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(path), *more], env=env, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()


def test_opening_an_inventory_loads_neither_gdal_nor_scipy(demo_copy: Path) -> None:
    assert _run(demo_copy)[-1] == "[]"


def test_opening_an_inventory_with_reference_layers_loads_neither_gdal_nor_scipy(demo_copy: Path) -> None:
    write_demo_layers(demo_copy)
    names, modules, tooltip, later = _run(demo_copy, "show the dock")
    assert names == "['乡镇范围（示意）', '汉江（示意）', '城区道路（示意）']"  # the sidecar's layers are on the map
    assert modules == "[]"
    assert "示意街道" in tooltip  # the dock, once shown, walks the sidecar's streets as before
    # the network is a graph for scipy, read from the plain GeoPackage without GDAL (store/gpkg_layers.py)
    assert later == "['scipy']"

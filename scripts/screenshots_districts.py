"""Screenshot of 片区 on the map for the README: the demo's proposed 片区 saved, outlines and names drawn.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_districts.py [--out docs/screenshots]

Makes a demo inventory in a private temporary home (as ``scripts/screenshots.py``), saves the
片区 that ``onemap districts --save`` proposes, opens the main window at the county seat with
Tools ▸ 片区… open on one 片区's estates, and saves ``districts-on-map.png``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from screenshots import private_home  # noqa: E402
from screenshots import settle as settle_window  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    folder = private_home()
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QPoint

    from onemap.demo import make_demo
    from onemap.demo.facilities import SEAT_LONLAT
    from onemap.gui.appsetup import make_application
    from onemap.gui.checkup.districts_panel import open_panel
    from onemap.gui.main_window import MainWindow
    from onemap.gui.settings import Settings
    from onemap.view.extent import Extent, to_display

    app = make_application(offscreen=True)
    inventory = folder / "勉县.gpkg"
    make_demo(inventory).close()
    command = [sys.executable, "-m", "onemap", "districts", str(inventory), "--save"]
    subprocess.run(command, check=True, cwd=ROOT, capture_output=True)
    window = MainWindow(Settings(folder / "OneMap.ini"))
    window.resize(1500, 950)
    window.show()
    window.open_inventory(inventory)
    while window.layers.basemap.mbtiles is None:  # the first start builds the inventory's own basemap
        app.processEvents()
        time.sleep(0.02)
    panel = open_panel(window)
    assert panel is not None
    drawn = sorted(panel.layer.drawn, key=lambda d: -len(d.estates))  # type: ignore[attr-defined]
    if drawn:
        chosen = drawn[0]  # the biggest 片区, framed with its neighbours round it
        x0, y0, x1, y1 = chosen.outline.bounds
        pad = max(x1 - x0, y1 - y0) * 0.6
        window.canvas.show_extent(Extent(x0 - pad, y0 - pad, x1 + pad, y1 + pad))
        window.session.state.select(list(chosen.estates), chosen.estates[0])
        panel.names.setEditText(chosen.name)  # type: ignore[attr-defined]
    else:
        x, y = to_display(np.array([SEAT_LONLAT[0]]), np.array([SEAT_LONLAT[1]]))
        window.canvas.show_extent(Extent(x[0] - 1500, y[0] - 1000, x[0] + 1500, y[0] + 1000))
    canvas = window.canvas.mapTo(window, window.canvas.rect().bottomLeft())
    panel.move(window.pos() + canvas + QPoint(12, -panel.height() - 12))
    settle_window(window)
    args.out.mkdir(parents=True, exist_ok=True)
    shot = window.grab()
    from PySide6.QtGui import QPainter

    painter = QPainter(shot)  # the non-modal panel is a window of its own: paint it where it stands
    painter.drawPixmap(panel.pos() - window.pos(), panel.grab())
    painter.end()
    shot.save(str(args.out / "districts-on-map.png"))
    window.close()


if __name__ == "__main__":
    main()

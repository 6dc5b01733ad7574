"""Render the reference-layer screenshots into docs/screenshots/: the demo county and county seat over the
schematic streets, Han river and township areas (alone, and over the inventory's raster basemap), and a PDF
sheet showing the estate among its streets.

Runs in a private temporary home like ``scripts/screenshots.py`` (called from ``scripts/screenshots``).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from screenshots import SIZE, private_home, settle  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    home = private_home()
    sys.path.insert(0, str(ROOT))
    from onemap.brief import BriefOptions, build_sheets
    from onemap.demo import make_demo
    from onemap.demo.reflayers import write_demo_layers
    from onemap.gui.appsetup import make_application
    from onemap.gui.main_window import MainWindow
    from onemap.gui.settings import Settings
    from onemap.view.extent import Extent

    app = make_application(offscreen=True)
    inventory = home / "勉县演示清单.gpkg"
    make_demo(inventory).close()
    write_demo_layers(inventory)
    args.out.mkdir(parents=True, exist_ok=True)
    settings = Settings(home / "OneMap.ini")
    settings.set_basemap_for(inventory, "")  # the reference layers alone: no generated basemap under them
    window = MainWindow(settings)
    window.resize(*SIZE)
    window.show()
    window.open_inventory(inventory)
    window.layer_list.raise_()
    shots = []

    def shot(name: str) -> None:
        settle(window)
        window.grab().save(str(args.out / name))
        shots.append(args.out / name)

    shot("reference-layers-county.png")
    t = window.session.state.table
    seat = [i for i, town in enumerate(t.township) if town == "勉阳街道"]
    cx, cy = float(t.x[seat].mean()), float(t.y[seat].mean())
    window.canvas.show_extent(Extent(cx - 1900, cy - 1200, cx + 1900, cy + 1200))
    shot("reference-layers-county-seat.png")
    window.basemaps.generate()  # the same view over a raster basemap (the inventory's own, built offline)
    while window.layers.basemap.source is None:
        app.processEvents()
    window.canvas.show_extent(Extent(cx - 1900, cy - 1200, cx + 1900, cy + 1200))
    shot("reference-layers-basemap-county-seat.png")
    row = min(seat, key=lambda i: (t.x[i] - cx) ** 2 + (t.y[i] - cy) ** 2)
    code = str(t.code[row])
    window.close()

    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "sheet.pdf"
        build_sheets(inventory, [code], pdf, BriefOptions(workers=0))
        stem = args.out / "sheet-streets"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)], check=True
        )
        shots.append(stem.with_suffix(".png"))
    for path in shots:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Paint time of the place-name item (onemap/gui/canvas/placenames.py) over an inventory's county view.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_placenames.py [INV.gpkg] [--frames 40]

Two figures: the same view painted again (hover, selection: the placement is reused) and a pan
(the view moved 3 px a frame: the names are placed again against the estate names), each for the
names alone and for the estate item and the names together (the cluster rings make way for the
names: onemap/view/ringyield.py).
Figures are reported, not asserted: the machine is shared, so ``uptime`` is printed beside them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("inventory", type=Path, nargs="?", default=Path("/work/bench/d20k.gpkg"))
    parser.add_argument("--frames", type=int, default=40)
    args = parser.parse_args()
    from PySide6.QtGui import QImage, QPainter, QTransform
    from PySide6.QtWidgets import QApplication

    from onemap.gui.appsetup import make_application
    from onemap.gui.canvas.layers import MapLayers
    from onemap.gui.canvas.map_canvas import MapCanvas
    from onemap.view.session import MapSession

    make_application(offscreen=True)
    session = MapSession.open(args.inventory)
    canvas = MapCanvas()
    canvas.resize(1600, 1000)
    canvas.show()
    layers = MapLayers(canvas, session)
    canvas.bind(session.state)
    QApplication.processEvents()
    layers.settle()
    QApplication.processEvents()
    canvas.grab()
    item = layers.reference.names
    image = QImage(1600, 1000, QImage.Format.Format_ARGB32_Premultiplied)
    base = item.deviceTransform(canvas.viewportTransform())
    estates = layers.estates.item
    for what, items in (("names", [item]), ("rings+names", [estates, item])):
        for label, step in (("same view", 0.0), ("pan 3 px/frame", 3.0)):
            times = []
            for frame in range(args.frames):
                painter = QPainter(image)
                painter.setTransform(base * QTransform.fromTranslate(step * (frame + 1), 0))
                start = time.perf_counter()
                for each in items:
                    painter.save()
                    each.paint(painter, None, None)
                    painter.restore()
                times.append((time.perf_counter() - start) * 1000)
                painter.end()
            print(
                f"{what}, {label}: {len(item.drawn)} names, median {statistics.median(times):.2f} ms, "
                f"min {min(times):.2f} ms"
            )
    print("load", os.getloadavg())
    layers.close()
    session.close()


if __name__ == "__main__":
    main()

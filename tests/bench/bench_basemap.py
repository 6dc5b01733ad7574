"""Speed of online basemaps: first paint from a cold cache on loopback, and panning over a cached one.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_basemap.py [/tmp/m/d20k.gpkg] [--runs 5]

A tile server on 127.0.0.1 (:mod:`tests.tileserver_kit`, real PNG tiles, 天地图's KVP WMTS
and XYZ) stands in for the network.  For each of XYZ and 天地图 vec (+ cva labels):

- first paint, cold: a fresh disk cache, the view of the county seat; from choosing the
  basemap to every tile of the view decoded and the map repainted;
- pan/zoom repaint over the cached basemap: the tour of ``bench_viewer`` (pans of a tenth of
  the view, zoom steps) once to fill the caches, then timed; beside it the same tour with no
  basemap, interleaved, so the basemap's own cost shows.

Figures are printed, never asserted: this machine is shared (load printed with them).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np

from onemap.gui.appsetup import make_application
from onemap.view.extent import Extent
from tests.bench.bench_viewer import median_ms, tour
from tests.tileserver_kit import GOOD_KEY, TileServer

SIZE = (1600, 1000)


def load() -> str:
    return "load " + " ".join(f"{v:.2f}" for v in os.getloadavg())


def seat_extent(window) -> Extent:  # type: ignore[no-untyped-def]
    t = window.session.state.table
    x, y = float(np.median(t.x[:100])), float(np.median(t.y[:100]))
    return Extent(x - 2500, y - 1600, x + 2500, y + 1600)


def cold_first_paint(window, spec: str, folder: Path) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """Seconds from choosing ``spec`` (fresh cache in ``folder``) to the view's tiles painted; tiles in view."""
    from PySide6.QtWidgets import QApplication

    os.environ["XDG_DATA_HOME"] = str(folder)
    os.environ["LOCALAPPDATA"] = str(folder)
    window.layers.basemap.set_source(None)
    QApplication.processEvents()
    start = time.perf_counter()
    assert window.basemaps.show_spec(spec, remember=False)
    assert window.layers.basemap.wait_until_loaded(20_000)
    window.canvas.viewport().repaint()
    took = time.perf_counter() - start
    tiles = window.layers.basemap.tiles
    assert all(tiles.cache.get(k) is not None for k in tiles.keys), "some tiles did not arrive"
    return took, len(tiles.keys)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("inventory", nargs="?", type=Path, default=Path("/tmp/m/d20k.gpkg"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    make_application()
    import keyring

    from onemap.geo.webspecs import store_key
    from onemap.gui.main_window import MainWindow
    from onemap.gui.online_settings import OnlineSettings
    from onemap.gui.settings import Settings
    from tests.keyring_kit import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    store_key("tianditu:vec", GOOD_KEY)
    server = TileServer()
    os.environ["ONEMAP_TIANDITU_BASE"] = server.base
    scratch = Path(tempfile.mkdtemp(prefix="bench-basemap-"))
    settings = Settings(scratch / "s.ini")
    settings.set_basemap_for(args.inventory, "")
    OnlineSettings(online=True).write(settings.q)
    window = MainWindow(settings)
    window.resize(*SIZE)
    window.show()
    window.open_inventory(args.inventory)
    n = len(window.session.state.table)
    seat = seat_extent(window)
    state = window.session.state
    window.canvas.show_extent(seat)
    window.layers.settle()
    print(f"[{args.inventory.name}: {n:,} estates, {SIZE[0]}x{SIZE[1]}, {load()}]")
    for label, spec in (("XYZ", server.xyz), ("天地图 vec+cva", "tianditu:vec")):
        runs = [cold_first_paint(window, spec, scratch / f"cold-{label[:3]}-{i}") for i in range(args.runs)]
        times = [t for t, _ in runs]
        print(
            f"  first paint, cold cache, loopback, {label} ({runs[0][1]} tiles in view): median "
            f"{statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms, n={len(times)} ({load()})"
        )
    for label, spec in (("XYZ", server.xyz), ("天地图 vec+cva", "tianditu:vec")):
        window.basemaps.show_spec(spec, remember=False)
        tour(window, seat)  # fill the disk and memory caches along the tour
        window.layers.basemap.wait_until_loaded(20_000)
        with_map, without = [], []
        for _ in range(3):  # interleaved: with the basemap, then without it
            state.set_layer_visible("basemap", True)
            with_map += tour(window, seat)
            state.set_layer_visible("basemap", False)
            without += tour(window, seat)
        state.set_layer_visible("basemap", True)
        print(f"  pan/zoom repaint over the cached {label} basemap: {median_ms(with_map)} ({load()})")
        print(f"  the same tour with the basemap hidden:              {median_ms(without)}")
    window.layers.basemap.set_source(None)
    window.close()
    server.stop()


if __name__ == "__main__":
    main()

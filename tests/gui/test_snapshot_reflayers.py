"""`onemap snapshot --layer FILE` draws the reference layer; a bad layer is said and the map still drawn."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pyogrio
import shapely
from PySide6.QtGui import QImage
from shapely.geometry import Polygon

from onemap.gui.snapshot_render import render


def _pixels_of(image: QImage, colour: tuple[int, int, int]) -> int:
    """How many pixels have (about) this colour."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    bgra = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    rgb = bgra[..., 2::-1].astype(int)
    return int((np.abs(rgb - np.array(colour)).max(axis=-1) <= 3).sum())


def test_a_layer_given_on_the_command_line_shows_in_the_snapshot_and_a_bad_one_is_said(
    demo_file: Path, tmp_path: Path
) -> None:
    inventory = tmp_path / "demo.gpkg"
    shutil.copy(demo_file, inventory)
    square = Polygon([(106.60, 33.10), (106.75, 33.10), (106.75, 33.20), (106.60, 33.20)])
    layer = tmp_path / "plots.geojson"
    pyogrio.raw.write(
        layer, shapely.to_wkb(np.array([square])), [np.array(["地块"], dtype=object)], ["name"],
        driver="GeoJSON", geometry_type="Polygon", crs="EPSG:4326",
    )  # fmt: skip
    without = render(inventory, size=(900, 700), basemap=None)
    said: list[str] = []
    with_layer = render(
        inventory, size=(900, 700), basemap=None, layers=[layer, tmp_path / "gone.kml"], said=said, layer_crs=""
    )
    fill = (0xDF, 0xE6, 0xEC)  # the default fill of an area layer (onemap.geo.refstyle)
    assert _pixels_of(without, fill) < 50
    assert _pixels_of(with_layer, fill) > 1000  # the plots cover a good part of the county seat's area
    assert said and "gone.kml" in said[0]
    assert (with_layer.width(), with_layer.height()) == (900, 700)


def test_the_demo_snapshot_shows_the_schematic_han_river(demo_file: Path, tmp_path: Path) -> None:
    from onemap.demo.reflayers import write_demo_layers

    inventory = tmp_path / "demo.gpkg"
    shutil.copy(demo_file, inventory)
    river = (0x6F, 0xA8, 0xDC)
    before = _pixels_of(render(inventory, size=(900, 700), basemap=None), river)
    write_demo_layers(inventory)
    after = _pixels_of(render(inventory, size=(900, 700), basemap=None), river)
    assert before < 20 and after > 300

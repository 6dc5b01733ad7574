"""Offline basemaps on the map: lazy tiles, TMS rows, missing files and tiles, the generated demo basemap."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QImage

from onemap.geo.mbtiles import MBTiles, write_mbtiles
from onemap.geo.tiles import lonlat_to_tile
from onemap.gui.basemap_builder import LAND, basemap_path_for, is_current
from onemap.gui.canvas.tileloader import TileCache
from onemap.gui.errors import open_message_boxes
from onemap.gui.main_window import MainWindow
from onemap.gui.settings import Settings
from tests.gui.guikit import make_window, screen_pos, settle, show_around


def png(color: str) -> bytes:
    image = QImage(256, 256, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def pixel(window: MainWindow, x: int, y: int) -> QColor:
    return window.canvas.grab().toImage().pixelColor(x, y)


def test_opening_a_missing_mbtiles_path_shows_a_message_not_a_crash(window: MainWindow, tmp_path: Path) -> None:
    assert not window.set_basemap(tmp_path / "没有.mbtiles")
    (box,) = open_message_boxes()
    assert box.text() == "找不到底图文件：没有.mbtiles。请检查路径，或重新选择底图。"
    box.close()
    assert window.layers.basemap.mbtiles is None
    assert len(window.layers.estates.item.data) > 0  # the map is still drawn


def test_dropping_a_file_that_is_not_a_basemap_is_refused_politely(window: MainWindow, demo_file: Path) -> None:
    fake = demo_file.parent / "copy-of-inventory.mbtiles"
    fake.write_bytes(demo_file.read_bytes())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(fake))])
    window.dropEvent(
        QDropEvent(
            QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        )
    )
    (box,) = open_message_boxes()
    assert "缺少 tiles 瓦片表" in box.text()
    box.close()
    fake.unlink()


def test_a_remembered_basemap_that_was_deleted_is_reported_once(
    qtbot,
    demo_copy: Path,
    settings: Settings,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    gone = tmp_path / "已删除.mbtiles"
    window = make_window(qtbot, settings, demo_copy, basemap=str(gone))
    texts = [b.text() for b in open_message_boxes()]
    assert texts == ["找不到底图文件：已删除.mbtiles。请检查路径，或重新选择底图。"]
    for box in open_message_boxes():
        box.close()
    assert window.session is not None and window.layers.basemap.mbtiles is None
    window.close()


def test_tiles_land_where_their_tms_row_says(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    t = window.session.table
    z = 15
    x, y = lonlat_to_tile(float(t.lon[0]), float(t.lat[0]), z)
    path = tmp_path / "红.mbtiles"
    write_mbtiles(
        path,
        [(z, x, y, png("#ff0000")), (z, x, y + 1, png("#0000ff"))],
        {"format": "png", "minzoom": str(z), "maxzoom": str(z), "attribution": "测试"},
    )
    window.layers.buildings.item.setVisible(False)
    assert window.set_basemap(path)
    window.session.state.set_layer_visible("outlines", False)
    window.session.state.set_layer_visible("buildings", False)
    show_around(window, 0, 300)
    assert window.layers.basemap.wait_until_loaded()
    settle(window)
    at = screen_pos(window, 0)
    above = pixel(window, at.x(), at.y() - 30)
    assert (above.red(), above.green(), above.blue()) == (255, 0, 0)
    assert window.overlay.attribution == "测试"


def test_missing_tiles_leave_the_vector_layers_readable(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "远处.mbtiles"
    write_mbtiles(path, [(3, 0, 0, png("#00ff00"))], {"format": "png", "minzoom": "3", "maxzoom": "14"})
    assert window.set_basemap(path)
    show_around(window, 0, 1500)
    assert window.layers.basemap.wait_until_loaded()
    tiles = window.layers.basemap.tiles
    assert tiles.keys and all(k in tiles.cache.missing for k in tiles.keys)
    at = screen_pos(window, 0)
    marker = pixel(window, at.x(), at.y())
    background = pixel(window, 5, window.canvas.height() // 2)
    assert marker != background
    assert len(window.layers.estates.item.data) > 0


def test_the_tile_cache_is_bounded_and_remembers_missing_tiles() -> None:
    cache = TileCache(capacity=3)
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    for i in range(5):
        cache.put((10, i, 0), image)
    cache.put((10, 9, 9), QImage())
    assert len(cache) == 3
    assert (10, 0, 0) not in cache and (10, 4, 0) in cache
    assert (10, 9, 9) in cache and (10, 9, 9) in cache.missing


def test_the_first_start_builds_a_basemap_from_the_inventory(qtbot, demo_copy: Path, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    assert window.open_inventory(demo_copy)  # nothing chosen: the inventory's own basemap is made
    qtbot.waitUntil(lambda: window.layers.basemap.mbtiles is not None, timeout=60_000)
    out = basemap_path_for(demo_copy)
    assert window.layers.basemap.path == out and out.exists()
    with MBTiles(out) as made:
        assert made.format == "png" and made.minzoom <= 9 and made.maxzoom >= 13
        assert "离线" in made.attribution
    window.canvas.home()
    settle(window)
    assert window.layers.basemap.wait_until_loaded()
    settle(window)
    image = window.canvas.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 23) for y in range(0, image.height(), 23)}
    assert LAND in colours
    window.close()


@pytest.mark.parametrize("kind", ["status", "category"])
def test_the_generated_basemap_never_hides_estates(qtbot, window: MainWindow, kind: str) -> None:  # type: ignore[no-untyped-def]
    window.session.state.set_symbology(kind)
    window.generate_basemap()
    qtbot.waitUntil(lambda: window.layers.basemap.mbtiles is not None, timeout=60_000)
    show_around(window, 3, 2000)
    window.layers.basemap.wait_until_loaded()
    settle(window)
    image = window.canvas.grab().toImage()
    at = screen_pos(window, 3)
    state = window.session.state
    own = state.symbology.classes[state.classes[3]].color
    assert image.pixelColor(at.x(), at.y()).name() == own  # the marker is drawn over the basemap


def test_a_basemap_generated_by_an_older_builder_is_shown_then_rebuilt_in_the_background(  # type: ignore[no-untyped-def]
    qtbot, demo_copy: Path, settings: Settings
) -> None:
    out = basemap_path_for(demo_copy)
    out.parent.mkdir(parents=True, exist_ok=True)
    old = {"name": "旧底图", "format": "png", "version": "1", "minzoom": "9", "maxzoom": "9"}
    write_mbtiles(out, [(9, *lonlat_to_tile(106.67, 33.15, 9), png("#ff00ff"))], old)  # names baked, say
    assert not is_current(out)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    assert window.open_inventory(demo_copy)  # the old one is on the map at once ...
    assert window.layers.basemap.path == out and window.layers.basemap.mbtiles.metadata["version"] == "1"
    qtbot.waitUntil(lambda: window.layers.basemap.mbtiles.metadata.get("version") == "2", timeout=60_000)
    assert window.layers.basemap.path == out and is_current(out)  # ... and the rebuilt one replaces it
    assert [p.name for p in out.parent.iterdir() if p.stem.startswith(out.stem)] == [out.name]
    with MBTiles(out) as made:
        assert made.maxzoom >= 13 and made.name != "旧底图"
    window.close()

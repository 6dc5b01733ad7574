"""Live video in the viewer: tiles and the wall on ffmpeg's test pattern served over RTSP on 127.0.0.1."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from urllib.parse import quote

import numpy as np
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from onemap.cameras.stream import StreamState
from onemap.gui.video.tile import VideoTile
from onemap.gui.video.wall import VideoWall
from onemap.model import Camera
from onemap.store import Inventory
from onemap.store.live_cameras import LiveCamera
from tests.gui.guikit import make_window
from tests.video_server import needs_ffmpeg, pattern_reference, share_like_pattern

pytestmark = [pytest.mark.video, needs_ffmpeg]
PASSWORD = "Wq8!视频@墙:pass"


def image_array(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height, line = image.width(), image.height(), image.bytesPerLine()
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(height, line)[:, : width * 3]
    return pixels.reshape(height, width, 3).copy()  # the QImage (and its buffer) dies with this call


def video_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("video ")]


@pytest.fixture
def tile(qtbot, rtsp_servers):  # type: ignore[no-untyped-def]
    server = rtsp_servers()
    tile = VideoTile("桂园小区 · 东门", server.url("/Streaming/Channels/101"))
    tile.server = server  # type: ignore[attr-defined]
    qtbot.addWidget(tile)
    tile.picture.setFixedSize(640, 360)  # one screen pixel per picture pixel
    tile.show()
    qtbot.waitExposed(tile)
    tile.start()
    yield tile
    live = tile.stop()
    assert live is None or live.join(3)


def test_a_tile_paints_the_decoded_test_pattern_not_a_blank_picture(qtbot, tile) -> None:
    qtbot.waitUntil(lambda: tile.state is StreamState.PLAYING and tile.painted > 3, timeout=15000)
    assert tile.state_label.text() == "● 播放中"
    shown = image_array(tile.picture.grab().toImage())
    assert shown.shape == (360, 640, 3) and shown.std() > 40
    assert share_like_pattern(shown, pattern_reference()) > 0.7
    assert tile.playing_link().endswith("/Streaming/Channels/102")  # a tile starts on the sub-stream


def test_a_tile_says_reconnecting_when_the_server_stops_and_plays_again_when_it_restarts(
    qtbot, tile, rtsp_servers
) -> None:
    qtbot.waitUntil(lambda: tile.state is StreamState.PLAYING, timeout=15000)
    port = tile.server.port
    tile.server.stop()
    qtbot.waitUntil(lambda: tile.state is StreamState.RECONNECTING, timeout=15000)
    assert tile.state_label.text() == "● 重连中"
    dimmed = image_array(tile.picture.grab().toImage())
    assert dimmed.mean() < tile.latest().rgb.mean() * 0.7  # the last picture, dimmed under the words
    rtsp_servers(port=port)
    qtbot.waitUntil(lambda: tile.state is StreamState.PLAYING, timeout=20000)
    painted = tile.painted
    qtbot.waitUntil(lambda: tile.painted > painted + 3, timeout=10000)


def test_the_snapshot_button_saves_the_picture_under_a_chinese_name(qtbot, tile, tmp_path: Path) -> None:
    qtbot.waitUntil(lambda: tile.painted > 3, timeout=15000)
    folder = tmp_path / "图片"
    saved = tile.snapshot(folder, ".png")
    assert saved is not None and saved.parent == folder and saved.name.startswith("桂园小区 · 东门-")
    image = QImage(str(saved))
    assert (image.width(), image.height()) == (640, 360)
    assert share_like_pattern(image_array(image), pattern_reference()) > 0.7
    assert "截图已保存" in tile.message.text() and tile.message.toolTip() == str(saved)
    again = tile.snapshot(folder)
    assert again is not None and again.suffix == ".jpg" and again != saved and QImage(str(again)).width() == 640


def test_a_tile_switches_to_the_main_stream_and_back(qtbot, tile) -> None:
    qtbot.waitUntil(lambda: tile.state is StreamState.PLAYING, timeout=15000)
    tile.switch_button.click()
    assert tile.playing_link().endswith("/101") and tile.switch_button.text() == "主码流"
    qtbot.waitUntil(lambda: tile.state is StreamState.PLAYING and tile.latest() is not None, timeout=15000)
    tile.switch_button.click()
    assert tile.playing_link().endswith("/102")


def test_the_wall_lays_out_four_nine_or_sixteen_tiles_and_pages_mians_eighteen(qtbot, rtsp_servers) -> None:
    server = rtsp_servers()
    cameras = [LiveCamera(i, "610725001", "桂园小区", f"{i} 号", server.url()) for i in range(1, 19)]
    wall = VideoWall(cameras, "视频墙", columns=4)
    qtbot.addWidget(wall)
    wall.show()
    assert (len(wall.tiles), wall.pages, wall.page_label.text()) == (16, 2, "第 1/2 页")
    qtbot.waitUntil(lambda: all(t.state is StreamState.PLAYING for t in wall.tiles), timeout=30000)
    wall.next.click()
    assert [t.name for t in wall.tiles] == ["桂园小区 · 17 号", "桂园小区 · 18 号"] and not wall.next.isEnabled()
    wall.layout_box.setCurrentIndex(2)  # 3×3: the page holding camera 17
    assert (len(wall.tiles), wall.page, wall.pages) == (9, 1, 2) and wall.tiles[0].name.endswith(" 10 号")
    wall.set_columns(2)
    assert (len(wall.tiles), wall.pages) == (4, 5)
    qtbot.waitUntil(lambda: all(t.state is StreamState.PLAYING for t in wall.tiles), timeout=30000)
    assert wall.stop_all(5) and not video_threads()


def test_open_live_view_plays_a_camera_with_its_keyring_login_shown_nowhere(
    qtbot, rtsp_servers, memory_keyring, demo_copy, settings, caplog
) -> None:
    server = rtsp_servers(login=("admin", PASSWORD))
    with Inventory.open(demo_copy) as inventory, inventory.transaction():
        code = inventory.live_cameras()[0].estate_code
        link = server.url().replace("rtsp://", f"rtsp://admin:{quote(PASSWORD, safe='')}@")
        fid = inventory.add_child("cameras", Camera(code, "东门枪机", "枪机", link, None, 1, None))
        inventory.set_meta(demo_seed="")  # a county's own inventory: its cameras play, not the demo's pattern
    assert memory_keyring.secrets  # the store moved the login to the keyring
    caplog.set_level(logging.DEBUG)
    window = make_window(qtbot, settings, demo_copy)
    wall = window.open_live_view(fid)
    assert wall is not None and len(wall.tiles) == 1 and wall.tiles[0].playing_link().endswith("/101")
    tile = wall.tiles[0]
    qtbot.waitUntil(lambda: tile.state is StreamState.PLAYING and tile.painted > 0, timeout=15000)
    texts = [wall.windowTitle()]
    for widget in wall.findChildren(QWidget):
        texts += [widget.toolTip(), widget.windowTitle()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
    shown = "\n".join(texts) + caplog.text
    assert "127.0.0.1" in shown and PASSWORD not in shown and quote(PASSWORD, safe="") not in shown
    assert "admin" not in shown
    window.close()
    assert not window.live_views.windows and not video_threads()


def test_the_details_panel_opens_the_selected_camera_in_onemap_on_the_demos_test_stream(qtbot, window) -> None:
    panel = window.details.camera_panel
    code = window.session.inventory.live_cameras()[0].estate_code
    window.session.state.select([code])
    qtbot.waitUntil(lambda: panel.estate_code == code and bool(panel.cameras), timeout=5000)
    panel.table.selectRow(0)
    assert panel.watch_button.isEnabled() and panel.watch_button.text() == "在 OneMap 中观看"
    panel.watch_button.click()
    assert len(window.live_views.windows) == 1
    wall = window.live_views.windows[0]
    # the demo's cameras are on no network: they play ffmpeg's pattern, and say so
    assert wall.tiles[0].name.endswith(f"演示测试流 · {panel.cameras[0].name}")
    assert window.live_views.pattern is not None and wall.tiles[0].link.startswith("rtsp://127.0.0.1:")
    qtbot.waitUntil(lambda: wall.tiles[0].state is StreamState.PLAYING, timeout=15000)
    window.live_views.estate_wall.trigger()
    estate_wall = window.live_views.windows[1]
    assert len(estate_wall.tiles) == len(window.session.inventory.live_cameras(code)) == len(panel.cameras)
    qtbot.waitUntil(lambda: all(t.state is StreamState.PLAYING for t in estate_wall.tiles), timeout=20000)
    assert window.live_views.close_all(6) and not video_threads() and window.live_views.pattern is None

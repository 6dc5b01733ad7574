"""On a server session a camera alert's 视频 plays the camera as the file session does: its link from the server,
its login from the OS keyring, shown nowhere."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from onemap.cameras.stream import StreamState
from onemap.gui.settings import Settings
from onemap.model import Camera
from onemap.store import Inventory
from onemap.watch.alert import stamp
from tests.core.server_support import loaded
from tests.gui.test_server_viewer import login, opened
from tests.keyring_kit import MemoryKeyring
from tests.video_server import needs_ffmpeg

pytestmark = [pytest.mark.video, needs_ffmpeg]
PASSWORD = "Xk3!服务器@视频:pass"


def _camera_alert(path: Path, link: str) -> None:
    """A camera with a login in its link (the login goes to the keyring) and an intrusion alert it raised."""
    with Inventory.open(path) as inventory, inventory.transaction():
        code = inventory.live_cameras()[0].estate_code
        fid = inventory.add_child("cameras", Camera(code, "东门枪机", "枪机", link, None, 1, None))
        inventory.set_meta(demo_seed="")  # a county's own cameras: they play, not the demo's pattern
        when = stamp(datetime.now(UTC))
        values = {
            "estate_code": code,
            "device_kind": "camera",
            "device_fid": fid,
            "device": "东门枪机",
            "type": "intrusion",
            "level": 2,
            "first_time": when,
            "last_time": when,
            "count": 1,
            "status": "new",
        }
        inventory.insert_alert(values, None)


def test_a_server_camera_alerts_video_plays_the_camera_with_its_keyring_login_shown_nowhere(
    qtbot, rtsp_servers, memory_keyring: MemoryKeyring, pg_database: str, demo_copy: Path, settings: Settings
) -> None:
    camera = rtsp_servers(login=("admin", PASSWORD))
    _camera_alert(demo_copy, camera.url().replace("rtsp://", f"rtsp://admin:{quote(PASSWORD, safe='')}@"))
    url, _ = login(loaded(pg_database, demo_copy), memory_keyring, "viewer")
    window = opened(qtbot, settings, url)
    dock = window.alert_dock
    qtbot.waitUntil(lambda: any(a.device == "东门枪机" for a in dock.model.rows), timeout=10_000)
    row = next(i for i, a in enumerate(dock.model.rows) if a.device == "东门枪机")
    dock.view.clicked.emit(dock.model.index(row, 1))  # a click shows the camera inside OneMap
    assert len(window.live_views.windows) == 1
    video = dock.cycle.video
    assert video.isEnabled()
    video.click()  # and so does 视频
    assert len(window.live_views.windows) == 2 and not dock.cycle.message.text()
    wall = window.live_views.windows[-1]
    tile = wall.tiles[0]
    assert tile.playing_link().endswith("/101")
    qtbot.waitUntil(lambda: tile.state is StreamState.PLAYING and tile.painted > 0, timeout=15000)
    texts = [wall.windowTitle()]
    for widget in wall.findChildren(QWidget):
        texts += [widget.toolTip(), widget.windowTitle()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
    shown = "\n".join(texts)
    assert "东门枪机" in shown and PASSWORD not in shown and quote(PASSWORD, safe="") not in shown
    window.close()
    assert not window.live_views.windows
    assert not [t for t in threading.enumerate() if t.name.startswith("video ")]

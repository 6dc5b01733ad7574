"""Render the live-video screenshots: one camera's tile and the county's video wall.

The cameras are the demo inventory's; their pictures come from ffmpeg's test pattern served over
RTSP on 127.0.0.1 (:class:`onemap.cameras.pattern_server.PatternServer`), except three wall tiles
pointed at a port nobody serves, to show 离线 and 重连中.  Called by ``scripts/screenshots.py``;
alone: ``QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_video.py [OUT_DIR]``.
"""

from __future__ import annotations

import socket
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pump(seconds: float) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def dead_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def video_shots(inventory: Path, out: Path) -> list[Path]:
    """Tile and wall screenshots of ``inventory``'s cameras into ``out``; [] without ffmpeg."""
    from dataclasses import replace

    from onemap.cameras.pattern_server import PatternServer, ffmpeg_path
    from onemap.cameras.stream import StreamState
    from onemap.gui.video.wall import VideoWall, camera_title
    from onemap.store import Inventory

    if ffmpeg_path() is None:
        print("screenshots: no ffmpeg, no live-video screenshots", file=sys.stderr)
        return []
    with Inventory.open(inventory, readonly=True) as inv:
        cameras = inv.live_cameras()[:18]
    dead = f"rtsp://127.0.0.1:{dead_port()}/Streaming/Channels/101"
    shots = []
    with PatternServer() as server:
        live = [replace(c, link=server.url("/Streaming/Channels/101")) for c in cameras]
        for index in (5, 10, 13):  # a few down: the overlay a county sees every day
            live[index] = replace(live[index], link=dead)
        single = VideoWall(live[:1], camera_title(live[0]), columns=1, stream="main")
        single.resize(800, 500)
        single.show()
        wall = VideoWall(live, "视频墙 — 全县 18 路", columns=4)
        wall.resize(1600, 950)
        wall.show()
        for index in (5, 10):  # still being retried: 重连中
            wall.tiles[index].live.offline_after = 99  # type: ignore[union-attr]
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            pump(0.2)
            tiles = [*single.tiles, *wall.tiles]
            if all(t.state is StreamState.PLAYING or t.link == dead and t.live and t.live.reconnects for t in tiles):
                break
        pump(2.5)  # the third has failed three times in a row: 离线
        for name, widget in (("video-tile.png", single), ("video-wall.png", wall)):
            widget.grab().save(str(out / name))
            shots.append(out / name)
        for widget in (single, wall):
            widget.stop_all()
            widget.close()
    return shots


def main() -> int:
    from onemap.demo import make_demo
    from onemap.gui.appsetup import make_application

    sys.path.insert(0, str(ROOT))
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    make_application(offscreen=True)
    import tempfile

    inventory = Path(tempfile.mkdtemp(prefix="onemap-video-shots-")) / "勉县演示清单.gpkg"
    make_demo(inventory).close()
    for path in video_shots(inventory, out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

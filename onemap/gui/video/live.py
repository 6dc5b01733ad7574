"""The main window's live-video windows: one camera (main stream), an estate's wall, the county's wall.

:meth:`LiveViews.open_camera` is what ``MainWindow.open_live_view(camera_fid)`` calls (the alert
dock opens the camera of an alert with it); the details dock's camera panel opens its selected
camera through :meth:`LiveViews.open_from_panel`; the View menu's 视频墙 actions open :meth:`open_wall`.
Every window is stopped, and its threads joined, when the main window closes.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject
from PySide6.QtWidgets import QMainWindow, QMenu

from onemap.cameras.pattern_server import PatternServer, ffmpeg_path
from onemap.gui.actions import make_action
from onemap.gui.i18n import tr
from onemap.gui.video.wall import VideoWall, camera_title
from onemap.store.live_cameras import LiveCamera


class LiveViews(QObject):
    """Opens and tracks the live-video windows of one main window."""

    def __init__(self, window: QMainWindow, menu: QMenu | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.windows: list[VideoWall] = []
        self.pattern: PatternServer | None = None  # the demo's test stream, while a window shows it
        self.estate_wall = make_action(
            window,
            str(QT_TRANSLATE_NOOP("", "本小区视频墙")),
            tip=str(QT_TRANSLATE_NOOP("", "详情中小区的全部摄像头（子码流）")),
        )
        self.county_wall = make_action(
            window,
            str(QT_TRANSLATE_NOOP("", "全县视频墙")),
            tip=str(QT_TRANSLATE_NOOP("", "全县摄像头，每页最多 16 路（子码流）")),
        )
        self.estate_wall.setObjectName("action_estate_wall")
        self.county_wall.setObjectName("action_county_wall")
        self.estate_wall.triggered.connect(lambda: self.open_wall(self._panel().estate_code or None))
        self.county_wall.triggered.connect(lambda: self.open_wall(None))
        if menu is not None:
            menu.addSeparator()
            menu.addActions([self.estate_wall, self.county_wall])
        self._panel().watch_requested.connect(self.open_from_panel)

    def _panel(self) -> Any:
        return self.window.details.camera_panel  # type: ignore[attr-defined]

    def open_from_panel(self, row: int) -> VideoWall | None:
        """The details dock's selected camera (在 OneMap 中观看), alone, on its main stream."""
        panel = self._panel()
        if not 0 <= row < len(panel.cameras):
            return None
        camera, inventory = panel.cameras[row], self._inventory()
        known = [] if inventory is None else inventory.live_cameras(panel.estate_code)
        same = [c for c in known if c.link == camera.link and c.name == camera.name]
        found = same[0] if same else LiveCamera(-1, panel.estate_code, None, camera.name, camera.link)
        return self._show([found], camera_title(found), columns=1, stream="main")

    def _inventory(self) -> Any:
        session = getattr(self.window, "session", None)
        return None if session is None else session.inventory

    def open_camera(self, camera_fid: int) -> VideoWall | None:
        """One camera, alone, on its main stream; None (and a status message) if it has no link."""
        inventory = self._inventory()
        found = [] if inventory is None else inventory.live_cameras(fid=int(camera_fid))
        if not found:
            self._tell(tr("这个摄像头没有视频地址，无法观看。"))
            return None
        return self._show(found, camera_title(found[0]), columns=1, stream="main")

    def open_wall(self, estate_code: str | None = None) -> VideoWall | None:
        """The wall of one estate's cameras, or of the whole county's (sub-streams, pages of 16)."""
        inventory = self._inventory()
        if inventory is None:
            return None
        cameras = inventory.live_cameras(estate_code)
        if not cameras:
            self._tell(tr("没有可以观看的摄像头。"))
            return None
        if estate_code:
            title = tr("视频墙 — {estate}").format(estate=cameras[0].estate_name or estate_code)
        else:
            title = tr("视频墙 — 全县 {n} 路").format(n=len(cameras))
        columns = next(n for n in (2, 3, 4) if len(cameras) <= n * n or n == 4)
        return self._show(cameras, title, columns=columns, stream="sub")

    def _show(self, cameras: list[LiveCamera], title: str, *, columns: int, stream: str) -> VideoWall:
        wall = VideoWall(self._demo(cameras), title, columns=columns, stream=stream)
        self.windows.append(wall)
        wall.closed.connect(lambda: self._closed(wall))
        wall.resize(960, 600)
        wall.show()
        return wall

    def _demo(self, cameras: list[LiveCamera]) -> list[LiveCamera]:
        """In the demo inventory (no real camera answers) every camera plays ffmpeg's test pattern
        from one local RTSP server, labelled 演示测试流, where ffmpeg is installed."""
        inventory = self._inventory()
        if inventory is None or not inventory.meta("demo_seed") or ffmpeg_path() is None:
            return cameras
        if self.pattern is None:
            try:
                self.pattern = PatternServer().start()
            except (OSError, RuntimeError):
                return cameras
        url = self.pattern.url("/Streaming/Channels/101")  # a Hikvision path: 主/子码流 switch too
        return [
            LiveCamera(
                c.fid,
                c.estate_code,
                c.estate_name,
                tr("演示测试流 · {name}").format(name=c.name or ""),
                url,
            )
            for c in cameras
        ]

    def _closed(self, wall: VideoWall) -> None:
        if wall in self.windows:
            self.windows.remove(wall)
        if not self.windows and self.pattern is not None:
            self.pattern.stop()
            self.pattern = None

    def _tell(self, text: str) -> None:
        status = getattr(self.window, "status", None)
        if status is not None:
            status.showMessage(text, 6000)

    def close_all(self, wait: float = 3.0) -> bool:
        """Close every live window; True once all their decoder threads have ended."""
        deadline = time.monotonic() + wait
        ended = True
        for wall in list(self.windows):
            ended = wall.stop_all(max(0.0, deadline - time.monotonic())) and ended
            wall.close()
        self.windows = []
        if self.pattern is not None:
            self.pattern.stop()
            self.pattern = None
        return ended

"""The camera panel: Open starts the player (the keyring's password only in its argv, never in the log),
web links go to the system handler, Check fills in online/offline without blocking, GB IDs decode and copy."""

from __future__ import annotations

import json
import logging
import socket
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import keyring
import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication

from onemap.cameras import Credential, parse_camera_link, store_credential
from onemap.gui.cameras.panel import CameraPanel
from onemap.logs import setup_logging
from onemap.model import Camera
from tests.gui.work_kit import close_messages, messages, wait_for
from tests.keyring_kit import MemoryKeyring

PASSWORD = "Zx9!pa@ss#Mian"
LINK = "rtsp://10.7.1.2:554/Streaming/Channels/101"
GB_ID = "61072500011320000011"
OS_KEYRING = keyring.get_keyring()
unix_only = pytest.mark.skipif(sys.platform == "win32", reason="the fake player is a script with a #! line")


@pytest.fixture
def log_file() -> Iterator[Path]:
    path = setup_logging()  # in the test's private XDG_STATE_HOME
    yield path
    for handler in logging.getLogger("onemap").handlers:
        handler.close()


def fake_player(folder: Path, name: str = "vlc") -> Path:
    """A program that writes the arguments it was started with next to itself."""
    folder.mkdir(parents=True, exist_ok=True)
    player = folder / name
    player.write_text(
        f"#!{sys.executable}\nimport json, sys, pathlib\n"
        "pathlib.Path(__file__).with_suffix('.argv.json').write_text(json.dumps(sys.argv))\n",
        encoding="utf-8",
    )
    player.chmod(player.stat().st_mode | stat.S_IXUSR)
    return player


def panel_with(qtbot, cameras: list[Camera], player: str = "", timeout: float = 1.0) -> CameraPanel:  # type: ignore[no-untyped-def]
    panel = CameraPanel(player=player, timeout=timeout)
    qtbot.addWidget(panel)
    panel.set_cameras("6107250001", cameras)
    panel.show()
    return panel


@unix_only
def test_open_starts_the_player_with_the_keyring_password_which_never_reaches_the_log(
    qtbot, tmp_path: Path, memory_keyring: MemoryKeyring, log_file: Path
) -> None:
    assert store_credential(parse_camera_link(LINK).device_key, Credential("admin", PASSWORD))
    player = fake_player(tmp_path / "播放器")
    panel = panel_with(qtbot, [Camera("6107250001", "南门", "枪机", LINK, GB_ID, 1)], player=str(player))
    with qtbot.waitSignal(panel.opened) as opened:
        panel.open_button.click()
    assert opened.args == [0, "vlc"]
    argv_file = player.with_suffix(".argv.json")
    wait_for(argv_file.exists, 20)
    wait_for(lambda: argv_file.read_text("utf-8").endswith("]"), 20)
    argv = json.loads(argv_file.read_text("utf-8"))
    assert argv[1:] == ["--rtsp-tcp", f"rtsp://admin:{quote(PASSWORD, safe='')}@10.7.1.2:554/Streaming/Channels/101"]
    for handler in logging.getLogger("onemap").handlers:
        handler.flush()
    logged = log_file.read_text("utf-8")
    assert "opening camera rtsp://10.7.1.2:554/Streaming/Channels/101 in vlc" in logged
    shown = " ".join([panel.detail.text(), panel.status.text(), panel.table.item(0, 0).toolTip()])
    for form in (PASSWORD, quote(PASSWORD, safe=""), "pa@ss", "admin:"):
        assert form not in logged and form not in shown


def test_a_web_link_goes_to_the_system_handler_without_a_login(qtbot) -> None:
    class Catcher(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.urls: list[str] = []

        @Slot(QUrl)
        def open(self, url: QUrl) -> None:
            self.urls.append(url.toString())

    catcher = Catcher()
    QDesktopServices.setUrlHandler("http", catcher, "open")
    try:
        hls = "http://10.61.7.25/rtp/61072500011320000023/hls.m3u8"
        panel = panel_with(qtbot, [Camera("6107250001", "南门", "AI 智能摄像机", hls, "61072500011320000023")])
        with qtbot.waitSignal(panel.opened) as opened:
            panel.open_selected()
    finally:
        QDesktopServices.unsetUrlHandler("http")
    assert opened.args == [0, "system"] and catcher.urls == [hls]


def test_without_a_usable_player_open_says_what_to_do(qtbot, tmp_path: Path) -> None:
    panel = panel_with(qtbot, [Camera("6107250001", "南门", None, LINK)], player=str(tmp_path / "没有这个播放器"))
    panel.open_selected()
    assert any("播放器" in text for text in messages())
    close_messages()


def test_check_marks_each_camera_online_or_unreachable_as_answers_come(qtbot) -> None:
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    listening.listen()
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))  # bound but not listening: connection refused
    try:
        cameras = [
            Camera("6107250001", "在线的", None, f"rtsp://127.0.0.1:{listening.getsockname()[1]}/live"),
            Camera("6107250001", "离线的", None, f"rtsp://127.0.0.1:{closed.getsockname()[1]}/live"),
        ]
        panel = panel_with(qtbot, cameras)
        answers: list[tuple[str, int, bool]] = []
        panel.status_changed.connect(lambda code, row, online: answers.append((code, row, online)))
        with qtbot.waitSignal(panel.check_finished, timeout=20_000) as finished:
            panel.check_button.click()
            assert "正在检查" in panel.status.text()
    finally:
        listening.close()
        closed.close()
    assert finished.args == ["6107250001", [True, False]]
    assert sorted(answers) == [("6107250001", 0, True), ("6107250001", 1, False)]
    assert panel.table.item(0, 3).text().startswith("在线")
    assert panel.table.item(1, 3).text().startswith("不可达")
    assert panel.status.text() == "在线 1 个，不可达 1 个。"


def test_gb_ids_are_decoded_in_the_list_and_copied_as_twenty_digits(qtbot) -> None:
    panel = panel_with(
        qtbot, [Camera("6107250001", "南门", "枪机", LINK, GB_ID), Camera("6107250001", "坏编码", None, LINK, "12345")]
    )
    assert panel.table.item(0, 2).text() == "网络摄像机 · 000011"
    assert "行政区划 610725" in panel.table.item(0, 2).toolTip() and "社区" in panel.detail.text()
    panel.copy_gb_id()
    assert QGuiApplication.clipboard().text() == GB_ID
    panel.table.selectRow(1)
    assert "20 位" in panel.table.item(1, 2).text() and not panel.copy_button.isEnabled()


def test_an_estate_without_cameras_says_so(qtbot) -> None:
    panel = panel_with(qtbot, [])
    assert panel.status.text() == "这个小区没有登记摄像头。"
    assert not panel.open_button.isEnabled() and not panel.check_button.isEnabled()

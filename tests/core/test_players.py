"""Starting a camera in a player: a real (fake) player process records its argv; the log never sees the login."""

from __future__ import annotations

import json
import logging
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from onemap.cameras import Credential
from onemap.cameras.players import (
    PlayerError,
    check_player_path,
    default_player_paths,
    find_player,
    launch_camera,
    system_handler_url,
)
from onemap.logs import setup_logging

PASSWORD = "Zx9!pa@ss#Mian"
LINK = "rtsp://10.7.1.2:554/Streaming/Channels/101"
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the fake player is a script with a #! line")


def fake_player(folder: Path, name: str = "vlc") -> Path:
    """An executable that writes the arguments it was started with next to itself, then exits."""
    folder.mkdir(parents=True, exist_ok=True)
    player = folder / name
    player.write_text(
        f"#!{sys.executable}\nimport json, sys, pathlib\n"
        "pathlib.Path(__file__).with_suffix('.argv.json').write_text(json.dumps(sys.argv))\n",
        encoding="utf-8",
    )
    player.chmod(player.stat().st_mode | stat.S_IXUSR)
    return player


@pytest.fixture
def log_file() -> Iterator[Path]:
    path = setup_logging()  # under the test's own XDG_STATE_HOME (tests/conftest.py)
    yield path
    for handler in logging.getLogger("onemap").handlers:
        handler.close()


def _argv(player: Path) -> list[str]:
    return json.loads(player.with_suffix(".argv.json").read_text("utf-8"))  # type: ignore[no-any-return]


def test_the_password_reaches_only_the_players_arguments_never_the_log(tmp_path: Path, log_file: Path) -> None:
    player = fake_player(tmp_path / "播放器")
    process = launch_camera(player, LINK, Credential("admin", PASSWORD))
    assert process.wait(timeout=20) == 0
    argv = _argv(player)
    assert argv[1:] == ["--rtsp-tcp", f"rtsp://admin:{quote(PASSWORD, safe='')}@10.7.1.2:554/Streaming/Channels/101"]
    for handler in logging.getLogger("onemap").handlers:
        handler.flush()
    logged = log_file.read_text("utf-8")
    assert "opening camera rtsp://10.7.1.2:554/Streaming/Channels/101 in vlc" in logged
    for form in (PASSWORD, quote(PASSWORD, safe=""), "pa@ss", "admin:"):
        assert form not in logged


def test_ffplay_is_started_with_tcp_transport_and_the_link_as_one_argument(tmp_path: Path) -> None:
    player = fake_player(tmp_path, "ffplay")
    launch_camera(str(player), "rtsp://10.7.1.2:554/cam/realmonitor?channel=1&subtype=0").wait(timeout=20)
    assert _argv(player)[1:] == [
        "-hide_banner",
        "-loglevel",
        "warning",
        "-rtsp_transport",
        "tcp",
        "rtsp://10.7.1.2:554/cam/realmonitor?channel=1&subtype=0",
    ]


def test_a_link_carrying_shell_text_starts_no_process(tmp_path: Path) -> None:
    player = fake_player(tmp_path)
    with pytest.raises(PlayerError) as refused:
        launch_camera(player, "rtsp://10.7.1.2:554/cam/realmonitor?channel=1;reboot")
    assert "shell" in refused.value.message_zh and not player.with_suffix(".argv.json").exists()


def test_a_login_pasted_into_the_link_itself_is_not_passed_on(tmp_path: Path) -> None:
    player = fake_player(tmp_path)
    launch_camera(player, f"rtsp://admin:{PASSWORD}@10.7.1.2/Streaming/Channels/101").wait(timeout=20)
    assert PASSWORD not in json.dumps(_argv(player)) and _argv(player)[-1] == "rtsp://10.7.1.2/Streaming/Channels/101"


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda p: p / "没有这个播放器", "找不到播放器"),
        (lambda p: p, "文件夹"),
        (lambda p: (p / "vlc.txt", (p / "vlc.txt").write_text("x"))[0], "执行权限"),
        (lambda p: "", "未设置"),
    ],
)
def test_an_unusable_player_path_is_refused_with_a_reason(tmp_path: Path, make, words: str) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    assert words in check_player_path(path).reason_zh
    with pytest.raises(PlayerError) as refused:
        launch_camera(path, LINK)
    assert words in refused.value.message_zh


def test_a_web_page_is_not_sent_to_a_player(tmp_path: Path) -> None:
    with pytest.raises(PlayerError):
        launch_camera(fake_player(tmp_path), "http://10.61.7.25/index.html")


def test_on_windows_a_batch_file_is_no_player(tmp_path: Path) -> None:
    batch = tmp_path / "vlc.bat"
    batch.write_text("@echo off")
    assert not check_player_path(batch, platform="win32").ok


def test_windows_defaults_look_in_both_program_files_folders() -> None:
    environ = {"ProgramFiles": r"C:\Program Files", "ProgramFiles(x86)": r"C:\Program Files (x86)", "PATH": ""}
    paths = default_player_paths("win32", environ)
    assert r"C:\Program Files\VideoLAN\VLC\vlc.exe" in paths
    assert r"C:\Program Files (x86)\VideoLAN\VLC\vlc.exe" in paths
    assert r"C:\Program Files\ffmpeg\bin\ffplay.exe" in paths


def test_a_player_on_the_path_is_found_and_a_usable_user_choice_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_path = fake_player(tmp_path / "bin", "ffplay")
    monkeypatch.setenv("PATH", str(on_path.parent) + os.pathsep + os.environ.get("PATH", ""))
    assert str(on_path) in default_player_paths()
    chosen = fake_player(tmp_path / "用户选择")
    assert find_player(str(chosen)) == str(chosen)
    assert find_player(str(tmp_path / "已删除" / "vlc")) == str(on_path)


@pytest.mark.parametrize(
    "link, url",
    [
        ("http://10.61.7.25/rtp/61072500011320000011/hls.m3u8", "http://10.61.7.25/rtp/61072500011320000011/hls.m3u8"),
        (f"https://admin:{PASSWORD}@10.61.7.25/live/1.flv", "https://10.61.7.25/live/1.flv"),
        (
            "http://10.7.1.2/ISAPI/Streaming/channels/101/picture",
            "http://10.7.1.2/ISAPI/Streaming/channels/101/picture",
        ),
        (LINK, None),
        ("rtmp://10.7.1.2/live/1", None),
        ("javascript:alert(1)", None),
    ],
)
def test_http_streams_and_snapshots_may_open_in_the_system_handler_without_a_login(link: str, url: str | None) -> None:
    assert system_handler_url(link) == url

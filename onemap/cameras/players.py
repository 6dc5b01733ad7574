"""Finding a video player and starting it on a camera, without a shell and without leaking a login.

The command line comes only from :func:`onemap.cameras.player_command` (an argument list,
never ``shell=True``); the log names the clean link and the player, never the arguments.
http(s) streams and snapshots may instead go to the system's handler: the GUI passes
:func:`system_handler_url` to ``QDesktopServices.openUrl``.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from typing import Any

from onemap.cameras.links import CameraLink, Credential, LinkRefusal, parse_camera_link, player_command
from onemap.cameras.secrets import redact

PLAYER_NAMES = ("vlc", "ffplay")
#: kinds of link a browser or image viewer can show (a web page, HLS, HTTP-FLV, a snapshot)
SYSTEM_HANDLER_KINDS = frozenset({"hls", "http_flv", "snapshot", "http"})
_WINDOWS_DIRS = ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432")
_WINDOWS_PLAYERS = (("VideoLAN", "VLC", "vlc.exe"), ("ffmpeg", "bin", "ffplay.exe"))
_UNIX_PLAYERS = ("/usr/bin/vlc", "/snap/bin/vlc", "/usr/bin/ffplay", "/Applications/VLC.app/Contents/MacOS/VLC")
log = logging.getLogger("onemap.cameras.players")


class PlayerError(RuntimeError):
    """The player could not be started, in both languages (never holding the stream's login)."""

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_zh)
        self.message_zh, self.message_en = message_zh, message_en


@dataclass(frozen=True)
class PlayerCheck:
    """Whether a path can be used as the camera player, and why not."""

    ok: bool
    reason_zh: str = ""
    reason_en: str = ""


def default_player_paths(platform: str = sys.platform, environ: Mapping[str, str] | None = None) -> list[str]:
    """Where VLC and ffplay usually are: Program Files on Windows, ``PATH`` and package folders elsewhere."""
    env = os.environ if environ is None else environ
    found = [shutil.which(name, path=env.get("PATH")) for name in PLAYER_NAMES]
    if platform == "win32":
        bases = dict.fromkeys(env[key] for key in _WINDOWS_DIRS if env.get(key))
        found += [str(PureWindowsPath(base, *parts)) for parts in _WINDOWS_PLAYERS for base in bases]
    else:
        found += list(_UNIX_PLAYERS)
    return list(dict.fromkeys(path for path in found if path))


def find_player(user_path: str | None = None) -> str | None:
    """The player to use: the user's if it is usable, else the first default that exists."""
    if user_path and check_player_path(user_path).ok:
        return user_path
    return next((path for path in default_player_paths() if check_player_path(path).ok), None)


def check_player_path(path: str | Path | None, platform: str = sys.platform) -> PlayerCheck:
    """Check a player path from Settings: it exists, is a file, and may be run."""
    text = str(path or "").strip()
    if not text:
        return PlayerCheck(False, "未设置播放器", "no player set")
    target = Path(text)
    if not target.exists():
        return PlayerCheck(False, f"找不到播放器：{text}", f"player not found: {text}")
    if not target.is_file():
        return PlayerCheck(False, f"这是文件夹，不是播放器程序：{text}", f"a folder, not a program: {text}")
    if platform == "win32" and target.suffix.lower() != ".exe":
        # a .bat or .cmd would run through cmd.exe, which reinterprets the link's characters
        return PlayerCheck(False, "播放器应为 .exe 程序", "the player must be an .exe program")
    if platform != "win32" and not os.access(target, os.X_OK):
        return PlayerCheck(False, f"播放器没有执行权限：{text}", f"player is not executable: {text}")
    return PlayerCheck(True)


def launch_camera(
    player_path: str | Path, link: str | CameraLink, credential: Credential | None = None
) -> subprocess.Popen[bytes]:
    """Start the player on a camera link and return the running process.

    Parameters
    ----------
    player_path : str or Path
        VLC, ffplay or another player (checked with :func:`check_player_path`).
    link : str or CameraLink
        The stored, credential-free link.
    credential : Credential, optional
        The login from the keyring; it goes into the player's arguments only.

    Raises
    ------
    PlayerError
        When the player is unusable, the link is not a stream, or the start failed.
    """
    check = check_player_path(player_path)
    if not check.ok:
        raise PlayerError(check.reason_zh, check.reason_en)
    try:
        args = player_command(str(player_path), link, credential)
    except ValueError as error:
        raise PlayerError(redact(str(error)), "this link cannot be played") from None
    name = Path(player_path).name
    log.info("opening camera %s in %s", _clean(link), name)
    try:
        return subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=True,
            **_detached(),
        )
    except OSError as error:
        log.warning("player %s did not start: %s", name, type(error).__name__)
        raise PlayerError(f"播放器 {name} 无法启动", f"the player {name} could not be started") from None


def system_handler_url(link: str | CameraLink) -> str | None:
    """The clean http(s) URL to open in the system's handler, or None when a player is needed.

    Never carries a login: a browser shows and keeps its address.
    """
    parsed = link if isinstance(link, CameraLink) else parse_camera_link(link)
    if isinstance(parsed, LinkRefusal) or parsed.kind not in SYSTEM_HANDLER_KINDS:
        return None
    return parsed.url if parsed.scheme in ("http", "https") else None


def _clean(link: str | CameraLink) -> str:
    parsed = link if isinstance(link, CameraLink) else parse_camera_link(link)
    return "(invalid link)" if isinstance(parsed, LinkRefusal) else redact(parsed.url)


def _detached() -> dict[str, Any]:
    """The player outlives OneMap and gets none of its console signals."""
    if sys.platform == "win32":
        flags = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0) | getattr(subprocess, "CREATE_NO_WINDOW", 0)
        return {"creationflags": flags}
    return {"start_new_session": True}

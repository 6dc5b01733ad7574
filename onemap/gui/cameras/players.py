"""Opening one camera: a stream in the player from Settings, a web link in the system's handler.

The player gets an argument list from :func:`onemap.cameras.players.launch_camera` (never a
shell); a login kept in the OS keyring is added there and only there.  http(s) links
(HLS, HTTP-FLV, snapshots, platform pages) go to ``QDesktopServices`` as the clean URL of
:func:`onemap.cameras.players.system_handler_url`.  Nothing here logs or shows a link's login.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices

from onemap.cameras import LinkRefusal, load_credential, parse_camera_link
from onemap.cameras.players import PlayerError, check_player_path, find_player, launch_camera, system_handler_url


class CameraOpenError(Exception):
    """Why a camera could not be opened, in the interface language."""


def chosen_player(setting: str) -> str:
    """The player to start: the one set in Settings (it must work), else the first one found.

    Raises
    ------
    CameraOpenError
        When the set player is unusable, or none is set and none is installed.
    """
    if setting.strip():
        check = check_player_path(setting)
        if not check.ok:
            text = QCoreApplication.translate("CameraPanel", "设置中的播放器不能使用：{reason}")
            raise CameraOpenError(text.format(reason=_reason(check)))
        return setting
    found = find_player(None)
    if found is None:
        raise CameraOpenError(
            QCoreApplication.translate(
                "CameraPanel", "没有找到视频播放器。请安装 VLC 或 ffplay，或在“设置”中指定播放器的位置。"
            )
        )
    return found


def open_camera(link: str | None, player_setting: str = "", lang: str = "zh") -> str:
    """Open a camera link; returns what opened it (the player's file name, or ``"system"``).

    Raises
    ------
    CameraOpenError
        With the sentence to show (a refused link, a GB/T 28181 ID, no player, a player
        that would not start).
    """
    parsed = parse_camera_link(link)
    if isinstance(parsed, LinkRefusal):
        text = QCoreApplication.translate("CameraPanel", "链接无效：{reason}")
        raise CameraOpenError(text.format(reason=_pick(parsed.reason_zh, parsed.reason_en, lang)))
    url = system_handler_url(parsed)
    if url is not None:
        if not QDesktopServices.openUrl(QUrl(url)):
            raise CameraOpenError(QCoreApplication.translate("CameraPanel", "系统没有能打开这个网址的程序。"))
        return "system"
    if parsed.kind == "gb28181":
        raise CameraOpenError(
            QCoreApplication.translate("CameraPanel", "国标编码要在县视频平台中打开：请用“复制国标编码”。")
        )
    player = chosen_player(player_setting)
    try:
        launch_camera(player, parsed, load_credential(parsed.device_key))
    except PlayerError as error:
        raise CameraOpenError(_pick(error.message_zh, error.message_en, lang)) from None
    return Path(player).name


def _reason(check) -> str:  # type: ignore[no-untyped-def]
    from onemap.gui.i18n.language import ui_language

    return _pick(check.reason_zh, check.reason_en, ui_language())


def _pick(zh: str, en: str, lang: str) -> str:
    return zh if lang == "zh" else en

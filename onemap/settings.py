"""The user's settings as plain data, and the repair of a broken or hand-edited settings file.

The GUI keeps these in QSettings under :data:`KEYS`; whatever it reads back goes through
:meth:`Settings.from_mapping`, which keeps every good value and resets each bad one to
its default with a sentence saying so, never raising.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any, Literal

Language = Literal["zh", "en"]
CoordinateDisplay = Literal["lonlat", "gk"]
MAX_USER_LENGTH = 64

#: field -> QSettings key
KEYS: dict[str, str] = {
    "basemap_file": "settings/basemap_file",
    "camera_player": "settings/camera_player",
    "audit_user": "settings/audit_user",
    "language": "settings/language",
    "coordinate_display": "settings/coordinate_display",
    "mask_phones": "settings/mask_phones",
}
#: field -> what the settings dialog calls it
LABELS: dict[str, tuple[str, str]] = {
    "basemap_file": ("底图文件", "basemap file"),
    "camera_player": ("视频播放器", "camera player"),
    "audit_user": ("修改记录署名", "user name for the audit trail"),
    "language": ("界面语言", "language"),
    "coordinate_display": ("坐标显示", "coordinate display"),
    "mask_phones": ("隐藏电话中间四位", "mask phone numbers"),
}
_TRUE, _FALSE = {"true", "1", "yes", "on", "是"}, {"false", "0", "no", "off", "否", ""}


@dataclass(frozen=True)
class SettingProblem:
    """A stored value that was not usable and was reset to its default."""

    key: str
    message_zh: str
    message_en: str


@dataclass(frozen=True)
class Settings:
    """What the Settings dialog sets.

    Attributes
    ----------
    basemap_file : str
        An MBTiles file for the offline basemap; ``""`` for none.
    camera_player : str
        VLC or ffplay; ``""`` to use the first one found (:func:`onemap.cameras.players.find_player`).
    audit_user : str
        The name audit_log records; ``""`` for the OS user.
    language : {"zh", "en"}
    coordinate_display : {"lonlat", "gk"}
        Longitude/latitude or Gauss-Kruger metres in the status bar.
    mask_phones : bool
        Show phones as 138****5678 (personal information law).
    """

    basemap_file: str = ""
    camera_player: str = ""
    audit_user: str = ""
    language: Language = "zh"
    coordinate_display: CoordinateDisplay = "lonlat"
    mask_phones: bool = True

    @classmethod
    def from_mapping(
        cls, data: Mapping[str, Any] | None, *, default_language: Language = "zh"
    ) -> tuple[Settings, list[SettingProblem]]:
        """Settings from stored values (by QSettings key or field name), bad ones reset to defaults.

        Parameters
        ----------
        data : mapping or None
            What QSettings gave back (strings from an INI file, or typed values); anything
            that is not a mapping counts as empty.
        default_language : {"zh", "en"}
            The language when none is stored (see :func:`language_for_locale`).

        Returns
        -------
        (Settings, list of SettingProblem)
            One problem per value that was reset; absent values are simply defaults.
        """
        base = cls(language=default_language)
        stored = dict(data) if isinstance(data, Mapping) else {}
        values, problems = {}, []
        for name, check in _CHECKS.items():
            raw = stored.get(KEYS[name], stored.get(name))
            if raw is None:
                continue
            value = check(raw)
            if value is _BAD:
                problems.append(_reset(name, getattr(base, name)))
            else:
                values[name] = value
        return cls(**{**asdict(base), **values}), problems

    def to_mapping(self) -> dict[str, str | bool]:
        """QSettings key -> value, for ``QSettings.setValue``."""
        return {KEYS[f.name]: getattr(self, f.name) for f in fields(self)}


def language_for_locale(locale_name: str | None) -> Language:
    """Chinese for a Chinese system locale (``zh_CN``, ``zh-Hans``), English otherwise."""
    return "zh" if (locale_name or "").lower().replace("-", "_").startswith("zh") else "en"


class _Bad:
    pass


_BAD: Any = _Bad()


def _text(suffixes: tuple[str, ...] = ()) -> Callable[[Any], Any]:
    def check(raw: Any) -> Any:
        if not isinstance(raw, str) or any(not ch.isprintable() for ch in raw):
            return _BAD
        text = raw.strip()
        return _BAD if text and suffixes and not text.lower().endswith(suffixes) else text

    return check


def _user(raw: Any) -> Any:
    text = _text()(raw)
    return _BAD if text is _BAD or len(text) > MAX_USER_LENGTH else text


def _choice(*allowed: str) -> Callable[[Any], Any]:
    return lambda raw: raw.strip().lower() if isinstance(raw, str) and raw.strip().lower() in allowed else _BAD


def _flag(raw: Any) -> Any:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw)
    text = raw.strip().lower() if isinstance(raw, str) else None
    return True if text in _TRUE else False if text in _FALSE else _BAD


_CHECKS: dict[str, Callable[[Any], Any]] = {
    "basemap_file": _text((".mbtiles",)),
    "camera_player": _text(),
    "audit_user": _user,
    "language": _choice("zh", "en"),
    "coordinate_display": _choice("lonlat", "gk"),
    "mask_phones": _flag,
}


def _reset(name: str, default: Any) -> SettingProblem:
    zh_label, en_label = LABELS[name]
    shown_zh = {True: "是", False: "否", "": "空"}.get(default, default)
    shown_en = {True: "yes", False: "no", "": "empty"}.get(default, default)
    return SettingProblem(
        KEYS[name],
        f"设置“{zh_label}”的保存值无效，已恢复默认（{shown_zh}）",
        f"the saved {en_label} was not valid and is back to its default ({shown_en})",
    )


def missing_files(settings: Settings) -> list[SettingProblem]:
    """Set paths that cannot be used right now (a USB stick not plugged in); they are kept, not reset."""
    from pathlib import Path

    from onemap.cameras.players import check_player_path

    problems = []
    if settings.basemap_file and not Path(settings.basemap_file).is_file():
        problems.append(
            SettingProblem(
                KEYS["basemap_file"],
                f"找不到底图文件：{settings.basemap_file}",
                f"basemap file not found: {settings.basemap_file}",
            )
        )
    player = check_player_path(settings.camera_player)
    if settings.camera_player and not player.ok:
        problems.append(SettingProblem(KEYS["camera_player"], player.reason_zh, player.reason_en))
    return problems

"""Settings from a stored file: good values kept, broken ones reset to defaults with a sentence, never a crash."""

from __future__ import annotations

import configparser
import stat
import sys
from pathlib import Path

import pytest

from onemap.settings import KEYS, Settings, language_for_locale, missing_files


def test_nothing_stored_gives_the_defaults_without_complaint() -> None:
    settings, problems = Settings.from_mapping({})
    assert settings == Settings() and problems == []
    assert (settings.language, settings.coordinate_display, settings.mask_phones) == ("zh", "lonlat", True)


def test_values_as_an_ini_file_stores_them_are_read_back(tmp_path: Path) -> None:
    ini = tmp_path / "OneMap.ini"
    ini.write_text(
        "[settings]\nlanguage=en\ncoordinate_display=gk\nmask_phones=false\n"
        "audit_user=张伟\nbasemap_file=D:/底图/勉县.mbtiles\ncamera_player=C:/VLC/vlc.exe\n",
        "utf-8",
    )
    parser = configparser.ConfigParser()
    parser.read(ini, encoding="utf-8")
    stored = {f"settings/{k}": v for k, v in parser["settings"].items()}
    settings, problems = Settings.from_mapping(stored)
    assert problems == []
    assert settings == Settings("D:/底图/勉县.mbtiles", "C:/VLC/vlc.exe", "张伟", "en", "gk", False)


def test_a_round_trip_through_the_stored_keys_keeps_every_value() -> None:
    settings = Settings("/data/勉县.mbtiles", "/usr/bin/vlc", "李娜", "en", "gk", False)
    assert Settings.from_mapping(settings.to_mapping()) == (settings, [])
    assert set(settings.to_mapping()) == set(KEYS.values())


@pytest.mark.parametrize(
    "key, raw, default",
    [
        ("settings/language", "fr", "zh"),
        ("settings/coordinate_display", 3.5, "lonlat"),
        ("settings/mask_phones", "也许", True),
        ("settings/basemap_file", "C:/底图/勉县.png", ""),
        ("settings/audit_user", "张\x00伟", ""),
        ("settings/audit_user", "名" * 65, ""),
        ("settings/camera_player", ["vlc"], ""),
    ],
)
def test_a_broken_value_is_reset_to_its_default_with_a_chinese_message(key: str, raw: object, default: object) -> None:
    settings, problems = Settings.from_mapping(
        {key: raw, "settings/language": "en"} if key != "settings/language" else {key: raw}
    )
    field = next(name for name, stored in KEYS.items() if stored == key)
    assert getattr(settings, field) == default
    assert [p.key for p in problems] == [key]
    assert "已恢复默认" in problems[0].message_zh and "default" in problems[0].message_en


def test_a_file_that_is_not_settings_at_all_gives_defaults() -> None:
    assert Settings.from_mapping("垃圾") == (Settings(), [])  # type: ignore[arg-type]
    assert Settings.from_mapping(None) == (Settings(), [])


def test_good_values_survive_beside_broken_ones() -> None:
    settings, problems = Settings.from_mapping(
        {"settings/language": "en", "settings/mask_phones": "perhaps", "settings/audit_user": " 王芳 "}
    )
    assert (settings.language, settings.mask_phones, settings.audit_user) == ("en", True, "王芳")
    assert len(problems) == 1


@pytest.mark.parametrize("locale, language", [("zh_CN", "zh"), ("zh-Hans-CN", "zh"), ("en_US", "en"), (None, "en")])
def test_the_default_language_follows_the_system_locale(locale: str | None, language: str) -> None:
    assert language_for_locale(locale) == language
    assert Settings.from_mapping({}, default_language=language_for_locale(locale))[0].language == language


@pytest.mark.skipif(sys.platform == "win32", reason="executable bit")
def test_paths_to_files_that_are_not_there_are_kept_but_reported(tmp_path: Path) -> None:
    player = tmp_path / "vlc"
    player.write_text("#!/bin/sh\n")
    player.chmod(player.stat().st_mode | stat.S_IXUSR)
    settings = Settings(basemap_file=str(tmp_path / "U盘" / "勉县.mbtiles"), camera_player=str(player))
    problems = missing_files(settings)
    assert [p.key for p in problems] == ["settings/basemap_file"] and "找不到底图文件" in problems[0].message_zh
    assert missing_files(Settings()) == []

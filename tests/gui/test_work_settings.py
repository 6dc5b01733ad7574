"""Tools ▸ Settings: stored in QSettings; a corrupt value is reset with a message; unusable input refused."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox

from onemap.gui.dialogs.settings_dialog import SettingsDialog
from onemap.gui.settings import Settings as WindowSettings
from onemap.gui.settings import read_settings
from onemap.settings import Settings


@pytest.fixture
def ini(tmp_path: Path) -> Path:
    return tmp_path / "config" / "OneMap.ini"


def make_dialog(qtbot, q: QSettings) -> SettingsDialog:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(q)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def ok_button(dialog: SettingsDialog):  # type: ignore[no-untyped-def]
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_corrupt_values_are_reset_in_the_file_and_the_dialog_says_which(qtbot, ini: Path) -> None:
    ini.parent.mkdir(parents=True)
    ini.write_text(
        "[settings]\nlanguage=klingon\nmask_phones=maybe\naudit_user=张伟\nbasemap_file=C:/地图/底图.png\n",
        encoding="utf-8",
    )
    q = WindowSettings(ini).q  # the window's own settings file
    dialog = make_dialog(qtbot, q)
    text = dialog.message.text()
    assert dialog.message.isVisible()
    assert "界面语言" in text and "隐藏电话中间四位" in text and "底图文件" in text
    assert dialog.user.text() == "张伟"  # the good value is kept
    again, problems = read_settings(QSettings(str(ini), QSettings.Format.IniFormat))
    assert problems == [] and again.mask_phones is True and again.basemap_file == ""
    assert again.audit_user == "张伟"


def test_a_clean_file_shows_no_message(qtbot, ini: Path) -> None:
    dialog = make_dialog(qtbot, QSettings(str(ini), QSettings.Format.IniFormat))
    assert not dialog.message.isVisible() and ok_button(dialog).isEnabled()


def test_ok_stores_every_value_and_reports_the_language_change(qtbot, ini: Path, tmp_path: Path) -> None:
    q = QSettings(str(ini), QSettings.Format.IniFormat)
    basemap = tmp_path / "勉县.mbtiles"
    basemap.write_bytes(b"")
    dialog = make_dialog(qtbot, q)
    start = dialog.settings.language
    dialog.basemap.setText(str(basemap))
    dialog.user.setText("李娜")
    dialog.language.setCurrentIndex(dialog.language.findData("en" if start == "zh" else "zh"))
    dialog.coordinates.setCurrentIndex(dialog.coordinates.findData("gk"))
    dialog.mask_box.setChecked(False)
    with qtbot.waitSignal(dialog.settings_changed) as changed, qtbot.waitSignal(dialog.language_changed) as lang:
        ok_button(dialog).click()
    stored: Settings = changed.args[0]
    assert stored == Settings(str(basemap), "", "李娜", lang.args[0], "gk", False)
    assert read_settings(QSettings(str(ini), QSettings.Format.IniFormat)) == (stored, [])


def test_a_basemap_that_is_not_mbtiles_keeps_ok_disabled(qtbot, ini: Path) -> None:
    dialog = make_dialog(qtbot, QSettings(str(ini), QSettings.Format.IniFormat))
    dialog.basemap.setText("D:/底图/勉县.png")
    assert not ok_button(dialog).isEnabled() and dialog.basemap_status.isVisible()
    dialog.basemap.setText("")
    assert ok_button(dialog).isEnabled()


def test_a_missing_player_is_noted_but_kept(qtbot, ini: Path, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, QSettings(str(ini), QSettings.Format.IniFormat))
    dialog.player.setText(str(tmp_path / "U盘" / "vlc.exe"))
    assert "找不到播放器" in dialog.player_status.text() and ok_button(dialog).isEnabled()


@pytest.mark.skipif(sys.platform == "win32", reason="an executable script stands in for the player")
def test_a_usable_player_is_confirmed(qtbot, ini: Path, tmp_path: Path) -> None:
    player = tmp_path / "ffplay"
    player.write_text("#!/bin/sh\n")
    player.chmod(player.stat().st_mode | stat.S_IXUSR)
    dialog = make_dialog(qtbot, QSettings(str(ini), QSettings.Format.IniFormat))
    dialog.player.setText(str(player))
    assert dialog.player_status.text() == "可以使用。"

"""Tools ▸ Settings: basemap file, camera player, audit name, language, coordinates, phone masking.

Opening the dialog reads the stored values through :func:`read_settings`; a value that
was broken (a hand-edited INI, say) is reset to its default and the dialog says so at
the top.  OK is refused while a typed value is not usable (a basemap that is not an
.mbtiles file); a path that is merely missing now (a USB stick) is kept, with a note.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from onemap.cameras.players import default_player_paths, find_player
from onemap.gui.dialogs.dispatch_rules import add_dispatch_rules
from onemap.gui.i18n.language import LANGUAGE_NAMES, ui_language
from onemap.gui.settings import read_settings, write_settings
from onemap.gui.uiload import child, load_form
from onemap.gui.watch.broker_group import BrokerGroup
from onemap.settings import SettingProblem, Settings, missing_files
from onemap.store.audit import default_user

COORDINATES = (
    ("lonlat", QT_TRANSLATE_NOOP("SettingsDialog", "经度 / 纬度（度）")),
    ("gk", QT_TRANSLATE_NOOP("SettingsDialog", "高斯-克吕格坐标（米，CGCS2000 3 度带）")),
)
_WARN, _ERROR, _OK = "color: #9a6700;", "color: #c62828;", "color: #1b7f3b;"


class SettingsDialog(QDialog):
    """The settings, stored in ``q`` (the window's ``Settings().q``).

    Signals
    -------
    settings_changed(settings)
        After OK stored them (an :class:`onemap.settings.Settings`).
    language_changed(lang)
        ``"zh"`` or ``"en"`` when OK changed the language; the window then calls
        :func:`onemap.gui.i18n.language.install_language` and retranslates its menus.
    """

    settings_changed = Signal(object)
    language_changed = Signal(str)

    def __init__(self, q: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.q = q
        self.settings, self.problems = read_settings(q)
        self.page = load_form("settings_dialog", self)
        QVBoxLayout(self).addWidget(self.page)
        self.setWindowTitle(self.page.windowTitle())
        self._find_children()
        self._fill_choices()
        self._load(self.settings)
        self._show_reset(self.problems)
        self._connect()
        self._check()
        self.dispatch_button = add_dispatch_rules(self)  # 告警派发: the watch config's rules and channels
        self.resize(640, 380)
        self.broker = BrokerGroup(q, self)  # 实时告警: its own group, stored by itself
        outer = self.page.layout()  # the form's outer column: the group goes above the OK/Cancel row
        assert isinstance(outer, QBoxLayout)
        outer.insertWidget(outer.indexOf(self.buttons), self.broker)

    def _find_children(self) -> None:
        page = self.page
        self.message: QLabel = child(page, QLabel, "messageLabel")
        self.basemap: QLineEdit = child(page, QLineEdit, "basemapEdit")
        self.basemap_status: QLabel = child(page, QLabel, "basemapStatus")
        self.player: QLineEdit = child(page, QLineEdit, "playerEdit")
        self.player_status: QLabel = child(page, QLabel, "playerStatus")
        self.user: QLineEdit = child(page, QLineEdit, "userEdit")
        self.user_status: QLabel = child(page, QLabel, "userStatus")
        self.language: QComboBox = child(page, QComboBox, "languageCombo")
        self.coordinates: QComboBox = child(page, QComboBox, "coordinateCombo")
        self.mask_box: QCheckBox = child(page, QCheckBox, "maskCheck")
        self.buttons: QDialogButtonBox = child(page, QDialogButtonBox, "buttons")

    def _fill_choices(self) -> None:
        for lang, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, lang)
        for key, label in COORDINATES:
            self.coordinates.addItem(self.tr(str(label)), key)
        self.user.setPlaceholderText(self.tr("留空则用系统用户名（{user}）").format(user=default_user()))
        self.player.setToolTip(self.tr("自动查找的位置：\n{paths}").format(paths="\n".join(default_player_paths())))

    def _connect(self) -> None:
        child(self.page, QPushButton, "basemapBrowse").clicked.connect(self.choose_basemap)
        child(self.page, QPushButton, "playerBrowse").clicked.connect(self.choose_player)
        child(self.page, QPushButton, "playerDetect").clicked.connect(self.detect_player)
        for edit in (self.basemap, self.player, self.user):
            edit.textChanged.connect(lambda _t: self._check())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _load(self, settings: Settings) -> None:
        self.basemap.setText(settings.basemap_file)
        self.player.setText(settings.camera_player)
        self.user.setText(settings.audit_user)
        self.language.setCurrentIndex(max(self.language.findData(settings.language), 0))
        self.coordinates.setCurrentIndex(max(self.coordinates.findData(settings.coordinate_display), 0))
        self.mask_box.setChecked(settings.mask_phones)

    def _show_reset(self, problems: list[SettingProblem]) -> None:
        lang = ui_language()
        lines = [p.message_zh if lang == "zh" else p.message_en for p in problems]
        self.message.setText("\n".join(lines))
        self.message.setVisible(bool(lines))

    # -- values ------------------------------------------------------------------------------

    def values(self) -> tuple[Settings, list[SettingProblem]]:
        """What the widgets say, as Settings, and the values among them that are not usable."""
        typed = {
            "basemap_file": self.basemap.text(),
            "camera_player": self.player.text(),
            "audit_user": self.user.text(),
            "language": self.language.currentData(),
            "coordinate_display": self.coordinates.currentData(),
            "mask_phones": self.mask_box.isChecked(),
        }
        return Settings.from_mapping(typed, default_language=self.settings.language)

    def _check(self) -> bool:
        """Notes under the fields; True when OK may store the values."""
        settings, problems = self.values()
        lang = ui_language()
        bad = {p.key.split("/")[-1]: (p.message_zh if lang == "zh" else p.message_en) for p in problems}
        missing = {
            p.key.split("/")[-1]: (p.message_zh if lang == "zh" else p.message_en) for p in missing_files(settings)
        }
        self._note(
            self.basemap_status,
            bad.get("basemap_file") or missing.get("basemap_file", ""),
            _ERROR if "basemap_file" in bad else _WARN,
        )
        self._note(self.user_status, bad.get("audit_user", ""), _ERROR)
        self._player_note(settings, bad, missing)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
        return not problems

    def _player_note(self, settings: Settings, bad: dict[str, str], missing: dict[str, str]) -> None:
        if "camera_player" in bad or "camera_player" in missing:
            text = bad.get("camera_player") or missing["camera_player"]
            self._note(self.player_status, text, _ERROR if "camera_player" in bad else _WARN)
        elif settings.camera_player:
            self._note(self.player_status, self.tr("可以使用。"), _OK)
        else:
            found = find_player(None)
            text = self.tr("将使用：{path}").format(path=found) if found else self.tr("没有找到 VLC 或 ffplay。")
            self._note(self.player_status, text, _OK if found else _WARN)

    @staticmethod
    def _note(label: QLabel, text: str, style: str) -> None:
        label.setText(text)
        label.setStyleSheet(style)
        label.setVisible(bool(text))

    # -- buttons -----------------------------------------------------------------------------

    def choose_basemap(self) -> None:
        """Ask for an MBTiles file."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择离线底图"), self.basemap.text(), self.tr("MBTiles 底图 (*.mbtiles);;所有文件 (*)")
        )
        if path:
            self.basemap.setText(path)

    def choose_player(self) -> None:
        """Ask for the player program."""
        programs = self.tr("程序 (*.exe)") if sys.platform == "win32" else self.tr("所有文件 (*)")
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择视频播放器"), self.player.text(), programs)
        if path:
            self.player.setText(path)

    def detect_player(self) -> None:
        """Fill in the first VLC or ffplay found on this computer."""
        found = find_player(None)
        if found:
            self.player.setText(found)
        else:
            self._note(self.player_status, self.tr("没有找到 VLC 或 ffplay，请安装后再试，或手动选择。"), _WARN)

    def accept(self) -> None:
        """Store the values (refused while one is not usable)."""
        if not self._check():
            return
        settings, _problems = self.values()
        write_settings(self.q, settings)
        self.broker.save()
        language_changed = settings.language != self.settings.language
        self.settings = settings
        self.settings_changed.emit(settings)
        if language_changed:
            self.language_changed.emit(settings.language)
        super().accept()

"""Two languages: every string of the work widgets is in both .ts files, and English leaves no Chinese behind."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from onemap.edit import EditHistory, SetEstateFields
from onemap.gui.work.brief_dialog import BriefDialog
from onemap.gui.work.estate_form import EstateFormDialog
from onemap.gui.work.export_dialog import ExportDialog
from onemap.gui.work.import_dialog import ImportDialog
from onemap.gui.work.language import install_language, translation_file, ui_language
from onemap.gui.work.settings_dialog import SettingsDialog
from onemap.gui.work.statistics_dock import StatisticsDock
from onemap.gui.work.undo_actions import UndoActions
from onemap.store import Inventory
from tests.gui.work_kit import CODE

ROOT = Path(__file__).resolve().parents[2]
HAN = re.compile(r"[\u3400-\u9fff]")
sys.path.insert(0, str(ROOT / "scripts"))
import build_translations  # noqa: E402


@pytest.fixture(scope="module")
def compiled() -> None:
    """The .qm files, built from the committed .ts files as setup builds them."""
    stale = any(not translation_file(lang).exists()
                or translation_file(lang).stat().st_mtime < build_translations.ts_file(ts).stat().st_mtime
                for lang, ts in (("en", "en"), ("zh", "zh_CN")))
    if stale:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build_translations.py"), "--release"], check=True)


@pytest.fixture
def english(qapp, compiled: None) -> Iterator[None]:  # type: ignore[no-untyped-def]
    assert install_language("en") and ui_language() == "en"
    yield
    install_language("zh")


def visible_texts(root: QWidget) -> list[str]:
    """Texts a user reads that the widgets themselves carry (not the inventory's data)."""
    texts = [root.windowTitle()]
    for widget in root.findChildren(QLabel):
        if widget.objectName().startswith(("label_", "title_", "stats")) or widget.objectName().endswith("Label"):
            texts.append(widget.text())
    texts += [w.text() for w in root.findChildren(QAbstractButton)]
    texts += [w.placeholderText() for w in root.findChildren(QLineEdit)]
    texts += [w.title() for w in root.findChildren(QGroupBox)]
    for tabs in root.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    for table in root.findChildren(QTableWidget):
        texts += [table.horizontalHeaderItem(i).text() for i in range(table.columnCount())]
    return [t for t in texts if t]


def chinese_left(root: QWidget, allowed: tuple[str, ...] = ()) -> list[str]:
    return [t for t in visible_texts(root) if HAN.search(t) and not any(a in t for a in allowed)]


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_every_string_of_the_work_widgets_is_translated_in_the_committed_ts_file(tmp_path: Path, lang: str) -> None:
    committed = build_translations.ts_file(lang)
    fresh = tmp_path / committed.name
    shutil.copy(committed, fresh)
    tool = build_translations.tool("pyside6-lupdate")
    subprocess.run([str(tool), "-extensions", "py,ui", "-locations", "none", "-source-language", "zh_CN",
                    *build_translations.WORK_SOURCES, "-ts", str(fresh)], check=True, cwd=ROOT, capture_output=True)
    assert build_translations.unfinished(fresh) == []
    sources = {m.findtext("source") for m in ET.parse(fresh).iter("message")}
    assert sources == {m.findtext("source") for m in ET.parse(committed).iter("message")}
    assert len(sources) > 200


def test_the_chinese_file_translates_each_string_to_itself() -> None:
    for message in ET.parse(build_translations.ts_file("zh_CN")).iter("message"):
        assert message.findtext("translation") == message.findtext("source")


def test_in_english_the_dialogs_show_no_chinese_of_their_own(qtbot, english: None, demo_file: Path,
                                                              tmp_path: Path) -> None:
    dialogs = [SettingsDialog(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)),
               ImportDialog(demo_file), ExportDialog(demo_file), BriefDialog(demo_file)]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert chinese_left(dialog, allowed=("中文",)) == [], dialog.objectName()
    settings, export = dialogs[0], dialogs[2]
    assert settings.windowTitle() == "Settings"
    assert settings.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
    assert export.findChild(QLabel, "filterLabel").text() == "All estates: 150 estates"


def test_in_english_the_estate_form_labels_and_the_undo_menu_are_english(qtbot, english: None,
                                                                        demo_copy: Path) -> None:
    with Inventory.open(demo_copy) as inventory:
        history = EditHistory(inventory)
        form = EstateFormDialog.for_estate(history, CODE)
        qtbot.addWidget(form)
        assert chinese_left(form, allowed=("纺织厂家属院",)) == []
        assert form.fields.messages["households"].text() == ""
        form.fields.text["households"].setText("twelve")
        assert "households" in form.fields.messages["households"].text()
        actions = UndoActions(history, form)
        history.push_and_apply(SetEstateFields(CODE, households=450))
        assert actions.undo.text() == "Undo Edit households"


def test_switching_language_retranslates_the_statistics_dock_and_the_undo_actions(qtbot, compiled: None,
                                                                                 demo_file: Path) -> None:
    with Inventory.open(demo_file, readonly=True) as inventory:
        dock = StatisticsDock()
        qtbot.addWidget(dock)
        dock.bind(inventory)
        actions = UndoActions(EditHistory(inventory), dock)
        assert dock.windowTitle() == "统计" and actions.undo.text() == "撤销"
        try:
            install_language("en")
            qtbot.wait(20)  # widgets get their LanguageChange through the event loop
            assert dock.windowTitle() == "Statistics" and dock.titles["status"].text() == "By status (estates)"
            assert dock.charts["status"].labels[0] == "Planned" and actions.undo.text() == "Undo"
        finally:
            install_language("zh")
        qtbot.wait(20)
        assert dock.windowTitle() == "统计" and dock.charts["status"].labels[0] == "计划"

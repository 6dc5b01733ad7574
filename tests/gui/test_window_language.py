"""Two languages in the main window: a switch retranslates menus, actions, docks, tabs and title; start() picks one."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from onemap.gui.app import start
from onemap.gui.i18n.language import install_language, translation_file, ui_language
from onemap.gui.main_window import MainWindow
from onemap.gui.settings import Settings
from onemap.settings import KEYS

ROOT = Path(__file__).resolve().parents[2]
HAN = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def compiled() -> None:
    """onemap_en.qm, built from the committed .ts as setup builds it (again when the .ts is newer)."""
    qm, ts = translation_file("en"), ROOT / "resources" / "translations" / "onemap_en.ts"
    if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build_translations.py"), "--release"], check=True)


@pytest.fixture
def back_to_chinese(compiled: None) -> Iterator[None]:
    yield
    install_language("zh")


def switch(qtbot, lang: str) -> None:  # type: ignore[no-untyped-def]
    install_language(lang)
    qtbot.wait(20)  # LanguageChange reaches the widgets through the event loop


def menu_titles(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def shown(window: MainWindow) -> dict[str, str]:
    """A sample of what the window shows, by role."""
    c, e, w = window.commands, window.editing.actions, window.work
    return {
        "open": c.open.text(),
        "open_tip": c.open.toolTip(),
        "quit": c.quit.text(),
        "recent": c.recent_menu.title(),
        "measure": c.measure_distance.text(),
        "edit": e.edit.text(),
        "import": w.import_ledger.text(),
        "undo": window.editing.undo.undo.text(),
        "search": c.search.placeholderText(),
        "symbology": c.symbology.currentText(),
        "filters": window.filters.windowTitle(),
        "filters_toggle": window.filters.toggleViewAction().text(),
        "table": window.table.windowTitle(),
        "details": window.details.windowTitle(),
        "layers": window.layer_list.list.item(0).text(),
        "legend_header": window.legend.tree.headerItem().text(0),
        "legend_row": window.legend.rows()[0][1],
        "reset": window.filters.reset.text(),
        "status_check": window.filters.statuses["planned"].text(),
        "column": window.table.model.headerData(1, Qt.Orientation.Horizontal),
        "tabs": " | ".join(window.views.tabText(i) for i in range(window.views.count())),
        "title": window.windowTitle(),
        "counts": window.status.counts.text(),
    }


ENGLISH = {
    "open": "Open inventory…",
    "open_tip": "Open a .gpkg inventory file",
    "quit": "Quit",
    "recent": "Recent files",
    "measure": "Measure distance",
    "edit": "Edit estate…",
    "import": "Import ledger…",
    "undo": "Undo",
    "search": "Search name, code, address or pinyin initials (e.g. gy)",
    "symbology": "By status",
    "filters": "Filter",
    "filters_toggle": "Filter",
    "table": "Attribute table",
    "details": "Estate details",
    "layers": "Alerts",  # the top layer: the live watch's alerts are drawn over the selection
    "legend_header": "Legend",
    "legend_row": "Planned",
    "reset": "Clear filter",
    "status_check": "Planned",
    "column": "Estate name",
    "tabs": "2D map | 3D scene",
}


def test_switching_language_changes_the_menus_actions_docks_and_tabs_and_back(
    qtbot, window: MainWindow, back_to_chinese: None
) -> None:
    chinese = shown(window)
    assert menu_titles(window) == ["文件", "编辑", "视图", "地图", "工具", "帮助"]
    assert chinese["open"] == "打开清单…" and chinese["filters"] == "筛选" and chinese["tabs"] == "二维地图 | 三维场景"
    switch(qtbot, "en")
    assert ui_language() == "en"
    assert menu_titles(window) == ["File", "Edit", "View", "Map", "Tools", "Help"]
    english = shown(window)
    assert {k: english[k] for k in ENGLISH} == ENGLISH
    assert english["title"].endswith(" - OneMap") and english["counts"].startswith("Showing 150 of 150")
    texts = (
        [a.text() for m in window.findChildren(QMenu) if m is not window.commands.recent_menu for a in m.actions()]
        + menu_titles(window)
        + [a.toolTip() for a in window.commands.toolbar.actions()]
    )
    assert [t for t in texts if HAN.search(t)] == []  # the recent files menu holds paths: data
    assert window.feed.label.text() == "Live alerts: not set up"  # at once, not at the feed's next tick
    switch(qtbot, "zh")
    assert window.feed.label.text() == "实时告警：未配置"
    assert menu_titles(window) == ["文件", "编辑", "视图", "地图", "工具", "帮助"]
    assert shown(window) == chinese


def test_the_window_starts_in_the_language_stored_in_settings(qtbot, settings: Settings, back_to_chinese: None) -> None:
    settings.q.setValue(KEYS["language"], "en")
    window, hook = start(None, settings)
    qtbot.addWidget(window)
    try:
        assert ui_language() == "en"
        assert menu_titles(window)[:3] == ["File", "Edit", "View"] and window.windowTitle() == "OneMap"
    finally:
        hook.uninstall()
        window.close()


@pytest.mark.parametrize(("locale", "expected"), [("zh_CN", "zh"), ("en_US", "en")])
def test_without_a_stored_language_the_window_follows_the_system_locale(
    qtbot,
    tmp_path: Path,
    monkeypatch,  # type: ignore[no-untyped-def]
    back_to_chinese: None,
    locale: str,
    expected: str,
) -> None:
    from onemap.settings import language_for_locale

    monkeypatch.setattr("onemap.gui.settings.system_language", lambda: language_for_locale(locale))
    window, hook = start(None, Settings(tmp_path / "OneMap.ini"))
    qtbot.addWidget(window)
    try:
        assert ui_language() == expected
        assert window.commands.file_menu.title() == {"zh": "文件", "en": "File"}[expected]
    finally:
        hook.uninstall()
        window.close()

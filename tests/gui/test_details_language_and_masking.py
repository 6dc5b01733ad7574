"""The core's words in the window follow the language (details dock, scale bar, hover tip, filter summary);
Settings' phone masking hides phones in the details dock, live, and then nothing copies the full number."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from onemap.gui.i18n.language import install_language, translation_file
from onemap.gui.main_window import MainWindow
from onemap.model import ESTATE_FIELD_LABELS, ESTATE_FIELD_LABELS_EN, Contact
from onemap.settings import Settings as UserSettings
from onemap.view.filters import EstateFilter
from tests.gui.guikit import settle

ROOT = Path(__file__).resolve().parents[2]
HAN = re.compile(r"[\u3400-\u9fff]")
PHONE = "13812345678"


@pytest.fixture
def english() -> Iterator[None]:
    """onemap_en.qm built when missing or stale; Chinese again afterwards."""
    qm, ts = translation_file("en"), ROOT / "resources" / "translations" / "onemap_en.ts"
    if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build_translations.py"), "--release"], check=True)
    yield
    install_language("zh")


def switch(qtbot, lang: str) -> None:  # type: ignore[no-untyped-def]
    assert install_language(lang)
    qtbot.wait(20)  # LanguageChange reaches the widgets through the event loop


def widget_texts(root: QWidget) -> list[str]:
    """Every text a user could read or reach in the dock: labels, buttons, tooltips, accessible names."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # rows replaced a moment ago are gone
    texts = []
    for w in (root, *root.findChildren(QWidget)):
        texts += [w.toolTip(), w.accessibleName(), w.statusTip(), w.whatsThis()]
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
    return texts


class RecordingPainter(QPainter):
    """A painter that remembers every text drawn through it."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.texts: list[str] = []

    def drawText(self, *args: object) -> None:
        self.texts.append(next(a for a in args if isinstance(a, str)))
        super().drawText(*args)  # type: ignore[call-overload]


def overlay_texts(window: MainWindow) -> list[str]:
    rect = window.overlay.boundingRect()
    image = QImage(int(rect.width()) + 1, int(rect.height()) + 1, QImage.Format.Format_ARGB32)
    painter = RecordingPainter(image)
    try:
        window.overlay.paint(painter)
    finally:
        painter.end()
    return painter.texts


def select_first(window: MainWindow) -> str:
    state = window.session.state
    code = str(state.table.code[0])
    state.select([code])
    settle(window)
    return code


def test_after_switching_to_english_the_details_dock_and_scale_bar_speak_english(
    qtbot,
    window: MainWindow,
    english: None,  # type: ignore[no-untyped-def]
) -> None:
    select_first(window)
    assert list(window.details.field_values())[: len(ESTATE_FIELD_LABELS)] == list(ESTATE_FIELD_LABELS.values())
    chinese_bar = overlay_texts(window)
    assert any(t.endswith(("米", "公里")) for t in chinese_bar), chinese_bar
    switch(qtbot, "en")
    shown = window.details.field_values()
    assert list(shown)[: len(ESTATE_FIELD_LABELS_EN)] == list(ESTATE_FIELD_LABELS_EN.values())
    assert "Households" in shown and shown["Former name"] == "(blank)"
    assert window.details.subtitle.text().split(" · ")[1] in {
        "Planned",
        "Designing",
        "Tendering",
        "Under construction",
        "Completed",
        "Accepted",
        "Handed over",
    }
    widget_texts(window.details)  # the Chinese rows are deleted
    names = [w.text() for w in window.details.form.findChildren(QLabel) if w.objectName() == "fieldLabel"]
    assert "Grid worker" in names and "Total" in widget_texts(window.details)
    assert not [n for n in names if HAN.search(n)]  # every label, role and category in English; data stays as is
    assert not any("万元" in t for t in widget_texts(window.details))
    bar = overlay_texts(window)
    assert any(t.endswith((" m", " km")) for t in bar) and not any(t.endswith(("米", "公里")) for t in bar), bar
    switch(qtbot, "zh")
    assert "户数" in window.details.field_values()


def test_the_hover_tip_and_filter_summary_follow_the_language(
    qtbot,
    window: MainWindow,
    english: None,  # type: ignore[no-untyped-def]
) -> None:
    state = window.session.state
    switch(qtbot, "en")
    state.set_filter(EstateFilter(statuses=frozenset({"completed"})))
    settle(window)
    assert window.filters.summary.text().endswith(": Completed")
    x, y = state.table.x[state.filtered_rows[0]], state.table.y[state.filtered_rows[0]]
    tip = window.controller.tooltip_at(float(x), float(y))
    assert "Completed" in tip and "完工" not in tip


def test_masking_on_shows_138_stars_and_never_the_full_number(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    code = select_first(window)
    estate = window.session.inventory.estate(code)
    first = estate.contacts[0]
    estate.contacts[0] = Contact(code, first.role, first.name, first.title, "138 1234 5678")
    details = window.details
    window.work.apply_settings(UserSettings(mask_phones=False))
    details.source = (estate, [])
    details.refresh()
    assert any(PHONE in t.replace(" ", "") for t in widget_texts(details))
    assert details.copy_buttons[0].isEnabled()

    window.work.apply_settings(UserSettings(mask_phones=True))  # as Settings ▸ OK does: applied at once
    texts = widget_texts(details)
    assert "138****5678" in texts
    assert not any(PHONE in t.replace(" ", "") for t in texts)
    assert not any(b.isEnabled() for b in details.copy_buttons)
    QApplication.clipboard().setText("")
    qtbot.mouseClick(details.copy_buttons[0], Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == ""
    assert PHONE not in window.statusBar().currentMessage()


def test_the_stored_setting_masks_the_demo_phones_from_the_start(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    code = select_first(window)  # the test settings leave mask_phones at its default: on
    phones = [c.phone for c in window.session.inventory.estate(code).contacts if c.phone]
    texts = [t.replace(" ", "") for t in widget_texts(window.details)]
    assert phones and window.details.mask_phones
    assert not any(p.replace(" ", "") in t for p in phones for t in texts)
    assert any("****" in t for t in texts)

"""The interface language: OneMap's translation and Qt's own, installed on the application.

Source strings are Chinese, so Chinese needs no OneMap file (Qt's own ``qtbase_zh_CN.qm``
translates its buttons); English loads ``resources/translations/onemap_en.qm``, built
from the committed ``.ts`` by ``scripts/build_translations``.  The core's bilingual
messages (validation, import report, camera checks) follow :func:`ui_language`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from onemap.paths import data_path

Language = Literal["zh", "en"]
#: what the language chooser shows: each language in its own words
LANGUAGE_NAMES: dict[str, str] = {"zh": "中文", "en": "English"}
_PROPERTY = "onemap_language"
_QT_NAMES = {"zh": "zh_CN", "en": "en"}
_installed: list[QTranslator] = []
log = logging.getLogger("onemap.gui")


def ui_language() -> Language:
    """The language the interface is in now (Chinese until English is installed)."""
    app = QCoreApplication.instance()
    return "en" if app is not None and app.property(_PROPERTY) == "en" else "zh"


def translation_file(lang: str) -> Path:
    """OneMap's compiled translation for ``lang`` (``onemap_en.qm``, ``onemap_zh_CN.qm``)."""
    return data_path("resources", "translations", f"onemap_{_QT_NAMES.get(lang, lang)}.qm")


def install_language(lang: str) -> bool:
    """Switch the whole application to ``lang``; widgets get a ``LanguageChange`` event.

    Returns
    -------
    bool
        False when English was asked for but ``onemap_en.qm`` is missing (run
        ``scripts/build_translations``); the interface then stays Chinese.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs a QApplication")
    chosen: Language = "en" if lang == "en" else "zh"
    ours = _load(translation_file(chosen))
    if chosen == "en" and ours is None:
        log.warning("English translation %s is missing; staying in Chinese", translation_file(chosen).name)
        chosen = "zh"
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    app.setProperty(_PROPERTY, chosen)  # first: LanguageChange handlers ask ui_language()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    candidates: tuple[QTranslator | None, ...] = (ours, _load(qt_dir / f"qtbase_{_QT_NAMES[chosen]}.qm"))
    for candidate in candidates:
        if candidate is not None:
            app.installTranslator(candidate)
            _installed.append(candidate)
    return chosen == "en" or lang != "en"


def _load(path: Path) -> QTranslator | None:
    translator = QTranslator()
    return translator if path.is_file() and translator.load(str(path)) else None

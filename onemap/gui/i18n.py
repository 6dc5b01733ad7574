"""Translatable UI text: every string a user sees goes through Qt's translator."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

#: the context pyside6-lupdate gives a bare ``tr("…")`` call, so extracted strings are found at run time
CONTEXT = ""


def tr(text: str, context: str = CONTEXT) -> str:
    """``text`` translated for the current locale (the Chinese source when no translation is loaded)."""
    return QCoreApplication.translate(context, text)

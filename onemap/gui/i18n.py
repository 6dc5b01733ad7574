"""Translatable UI text: every string a user sees goes through Qt's translator."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "OneMap"


def tr(text: str, context: str = CONTEXT) -> str:
    """``text`` translated for the current locale (the Chinese source when no translation is loaded)."""
    return QCoreApplication.translate(context, text)

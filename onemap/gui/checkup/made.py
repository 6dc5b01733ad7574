"""Widgets named and set up in one expression (PySide6's keyword properties, typed)."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

W = TypeVar("W", bound=QObject)


def made(widget: W, name: str, **properties: object) -> W:
    """``widget`` with its object name (tests find it by that) and each property set by its setter."""
    widget.setObjectName(name)
    for key, value in properties.items():
        getattr(widget, "set" + key[0].upper() + key[1:])(value)
    return widget

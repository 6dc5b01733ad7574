"""Icons from ``resources/icons`` (SVG, drawn for OneMap)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from onemap.paths import data_path


@cache
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` (an empty icon when it is missing)."""
    path = data_path("resources", "icons", f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()

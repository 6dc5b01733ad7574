"""Qt Designer forms from ``ui/``: layouts only, loaded at run time (no generated code)."""

from __future__ import annotations

from PySide6.QtCore import QFile, QIODevice
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget

from onemap.paths import data_path


def load_form(name: str, parent: QWidget | None = None, retranslate: bool = False) -> QWidget:
    """Load ``ui/<name>.ui`` into a new widget (children reachable with ``findChild``).

    The form's texts are translated as it loads.  With ``retranslate`` the loader also
    sets them again on every ``QEvent.LanguageChange`` (Qt's own watcher, per widget);
    forms whose owner retranslates them in code leave it off.

    Raises
    ------
    FileNotFoundError
        When the form is missing from the installation.
    """
    path = data_path("ui", f"{name}.ui")
    if not path.exists():
        raise FileNotFoundError(f"UI form {path} is missing from this installation")
    file = QFile(str(path))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(f"cannot read UI form {path}")
    try:
        loader = QUiLoader()
        loader.setLanguageChangeEnabled(retranslate)
        widget = loader.load(file, parent)
    finally:
        file.close()
    if widget is None:
        raise RuntimeError(f"UI form {path} could not be loaded")
    return widget


def child(widget: QWidget, kind: type, name: str):  # type: ignore[no-untyped-def]
    """A named child of a loaded form; a missing one is a broken form, not a user error."""
    found = widget.findChild(kind, name)
    if found is None:
        raise LookupError(f"form {widget.objectName()!r} has no {kind.__name__} named {name!r}")
    return found

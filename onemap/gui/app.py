"""The viewer's entry point: ``run(path)`` opens the main window on an inventory and returns the exit code."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

# Imported here, not lazily: without the ``gui`` extra this import fails, and onemap.launch
# falls back to printing the inventory's summary.
import pyqtgraph  # noqa: F401
import PySide6.QtWidgets  # noqa: F401

from onemap.display import no_display_message
from onemap.logs import setup_logging

if TYPE_CHECKING:
    from onemap.gui.errors import ExceptionDialogHook
    from onemap.gui.main_window import MainWindow
    from onemap.gui.settings import Settings


def run(path: Path, lang: str | None = None) -> int:
    """Open the main window on ``path`` and run until it closes.

    The QApplication is created with OpenGL context sharing (for the 3D view), a
    CJK-capable font and OneMap's style; an exception hook shows unexpected errors in
    a dialog, naming the log, and keeps the application running.  ``lang`` (``onemap
    --lang en FILE``) overrides the stored language for this session.  When Qt cannot
    open its platform plugin (no display), one sentence is printed and the exit code is 1.
    """
    from onemap.gui.appsetup import make_application, platform_failure_exits

    with platform_failure_exits(no_display_message(lang)):
        app = make_application()
    window, hook = start(path, lang=lang)
    try:
        return int(app.exec())
    finally:
        hook.uninstall()
        del window


def start(
    path: Path | None, settings: Settings | None = None, lang: str | None = None
) -> tuple[MainWindow, ExceptionDialogHook]:
    """Show the main window (the QApplication must exist) and open ``path`` once the event loop runs.

    The interface starts in ``lang`` when given (not stored), else in the language stored
    in Settings, else Chinese on a Chinese system and English elsewhere
    (:func:`onemap.settings.language_for_locale`).  With no saved geometry yet (the
    first start) the window opens maximised; later starts restore the saved geometry.
    """
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from onemap.gui.errors import ExceptionDialogHook, show_message
    from onemap.gui.i18n import tr
    from onemap.gui.i18n.language import install_language
    from onemap.gui.main_window import MainWindow
    from onemap.gui.settings import Settings, stored_language

    log_path = setup_logging()
    settings = settings or Settings()
    install_language(lang or stored_language(settings.q))
    first_start = settings.window_geometry() is None
    window = MainWindow(settings)
    hook = ExceptionDialogHook(window, log_path)
    hook.install()
    app = QApplication.instance()
    if app is not None:  # stop tile and basemap threads however the application ends (Ctrl+C too)
        app.aboutToQuit.connect(window.close_session)
    if first_start:  # a county map wants the whole screen; the user's own size is kept from then on
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    window.show()
    if settings.broken_copy is not None:
        show_message(
            window,
            tr("设置已重置"),
            tr("设置文件已损坏，已恢复默认设置。原文件另存为：{path}").format(path=settings.broken_copy),
        )
    if path is not None:
        QTimer.singleShot(0, lambda: window.open_inventory(Path(path)))
    return window, hook

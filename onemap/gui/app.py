"""The viewer's entry point: ``run(path)`` opens the main window on an inventory and returns the exit code."""

from __future__ import annotations

import threading
from contextlib import suppress
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

from onemap.display import no_display_message
from onemap.logs import setup_logging

if TYPE_CHECKING:
    from onemap.gui.errors import ExceptionDialogHook
    from onemap.gui.main_window import MainWindow
    from onemap.gui.settings import Settings
    from onemap.view.session import MapSession

# Without the ``gui`` extra importing this module fails, and onemap.launch falls back to
# printing the inventory's summary.  Only looked up, not imported: Qt and pyqtgraph take a
# second to import, and run() reads the inventory in the meantime.
if find_spec("PySide6") is None or find_spec("pyqtgraph") is None:
    raise ImportError("the viewer needs the gui extra (PySide6, pyqtgraph)")


#: how long the opening thread holds back reading the columns the first frame does not draw,
#: until someone asks for them (the docks do, right after the first frame)
REST_HOLD_S = 5.0


class SessionPreload:
    """``MapSession.open(path)`` in a thread, started before Qt is imported.

    :func:`run` waits for what the map's first frame draws (:meth:`result`) before it imports
    Qt: run beside the imports, the reading went slower than alone (each SQLite step gives up
    the GIL and waits a switch interval to get it back from the importing thread: 220,000
    estates took 2.5 s beside the imports against 1.2 s alone, so the map came later).  The
    thread then reads the other columns once asked (``rest_later``: whoever reads one of them
    first waits for it), while the window is built and after.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._session: MapSession | None = None
        self._error: Exception | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._open, name="onemap-open", daemon=True)
        self._thread.start()

    def _open(self) -> None:
        from onemap.view.session import MapSession

        try:
            self._session = MapSession.open(self.path, rest_later=True)
            self._session.expect_title()
        except Exception as error:  # handed to the UI thread, which shows or raises it
            self._error = error
        finally:
            self._ready.set()
        if self._session is not None:
            self._session.read_title_ahead()  # beside the imports: no GIL held
            self._session.read_rest(hold_s=REST_HOLD_S)  # once the docks ask, right after the first frame

    def result(self) -> MapSession:
        """The opened session (waits for it); raises what opening raised (InventoryError: a refused file)."""
        self._ready.wait()
        if self._error is not None:
            raise self._error
        assert self._session is not None
        return self._session


def run(path: Path, lang: str | None = None) -> int:
    """Open the main window on ``path`` and run until it closes.

    The QApplication is created with OpenGL context sharing (for the 3D view), a
    CJK-capable font and OneMap's style; an exception hook shows unexpected errors in
    a dialog, naming the log, and keeps the application running.  ``lang`` (``onemap
    --lang en FILE``) overrides the stored language for this session.  When Qt cannot
    open its platform plugin (no display), one sentence is printed and the exit code is 1.
    """
    preload = SessionPreload(Path(path))
    with suppress(Exception):  # the first frame's columns before Qt's imports (see SessionPreload); errors: start()
        preload.result()
    from onemap.gui.appsetup import make_application, platform_failure_exits

    with platform_failure_exits(no_display_message(lang)):
        app = make_application()
    window, hook = start(path, lang=lang, preload=preload)
    try:
        return int(app.exec())
    finally:
        hook.uninstall()
        del window


def start(
    path: Path | None,
    settings: Settings | None = None,
    lang: str | None = None,
    preload: SessionPreload | None = None,
) -> tuple[MainWindow, ExceptionDialogHook]:
    """Show the main window (the QApplication must exist) with ``path`` open on its map.

    The inventory is opened (or taken from ``preload``) before the window is shown, so the
    window's first frame has the map; docks and menus fill in right after.  A refused file
    leaves an empty window with its one-sentence reason in a dialog.

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
    from onemap.gui.jobs import message_of
    from onemap.gui.main_window import MainWindow
    from onemap.gui.settings import Settings, stored_language
    from onemap.gui.startprobe import install_if_asked

    log_path = setup_logging()
    settings = settings or Settings()
    install_language(lang or stored_language(settings.q))
    first_start = settings.window_geometry() is None
    window = MainWindow(settings)
    install_if_asked(window)  # benchmarks only: nothing happens unless its environment variable is set
    hook = ExceptionDialogHook(window, log_path)
    hook.install()
    app = QApplication.instance()
    if app is not None:  # stop tile and basemap threads however the application ends (Ctrl+C too)
        app.aboutToQuit.connect(window.close_session)
    if first_start:  # a county map wants the whole screen; the user's own size is kept from then on
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    refused = _open_before_showing(window, path, preload)
    window.show()
    if settings.broken_copy is not None:
        show_message(
            window,
            tr("设置已重置"),
            tr("设置文件已损坏，已恢复默认设置。原文件另存为：{path}").format(path=settings.broken_copy),
        )
    if refused is not None:
        QTimer.singleShot(0, lambda: show_message(window, tr("无法打开清单"), message_of(refused)))
    return window, hook


def _open_before_showing(window: MainWindow, path: Path | None, preload: SessionPreload | None) -> Exception | None:
    """Bind the window's map to ``path`` before it is shown; the refusal when the file cannot be opened."""
    from onemap.store.errors import InventoryError
    from onemap.view.session import MapSession

    if path is None:
        return None
    try:
        session = preload.result() if preload is not None else MapSession.open(Path(path))
    except InventoryError as error:
        return error
    window.open_at_start(session)
    return None

"""Creating the QApplication: OpenGL sharing, a CJK-capable font, the style sheet, pyqtgraph options.

``Qt.AA_ShareOpenGLContexts`` must be set before the QApplication exists (the 3D view
shares its GL context with other widgets), so every entry point -- the viewer, the
snapshot command and the tests -- creates the application here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QMessageLogContext, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from onemap.paths import data_path

#: CJK-capable families, preferred first: Windows, macOS, common Linux packages
CJK_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "SimHei",
    "SimSun",
)
_TEST_TEXT = "一张图小区"


def make_application(argv: list[str] | None = None, *, offscreen: bool = False) -> QApplication:
    """The QApplication, created once with everything OneMap relies on.

    Parameters
    ----------
    argv : list of str, optional
        Command-line arguments for Qt.
    offscreen : bool
        Use Qt's offscreen platform when no platform was chosen (headless snapshots).
    """
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    if offscreen and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    QCoreApplication.setOrganizationName("OneMap")
    QCoreApplication.setApplicationName("OneMap")
    app = QApplication(argv if argv is not None else sys.argv[:1])
    configure(app)
    from onemap.gui.workers import wait_for_parked

    app.aboutToQuit.connect(wait_for_parked)  # cancelled background reads end before the app does
    return app


def configure(app: QApplication) -> None:
    """Font, style sheet, icon and pyqtgraph defaults (also for an application made elsewhere, as in tests)."""
    import pyqtgraph as pg

    app.setApplicationDisplayName("OneMap 一张图")
    family = cjk_family()
    if family:
        font = QFont(family, 10)
        font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
        app.setFont(font)
    app.setWindowIcon(QIcon(str(data_path("resources", "icons", "onemap.svg"))))
    app.setStyleSheet(data_path("resources", "styles", "onemap.qss").read_text("utf-8"))
    pg.setConfigOptions(antialias=False, background="w", foreground="k", useOpenGL=False)


def cjk_family() -> str | None:
    """The first installed font family that can draw Chinese, or ``None``."""
    families = set(QFontDatabase.families())
    for name in CJK_FAMILIES:
        if name in families:
            return name
    for name in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return name
    return None


@contextmanager
def platform_failure_exits(sentence: str) -> Iterator[None]:
    """While the QApplication is made, turn Qt's abort on a missing platform into ``sentence`` and exit 1.

    Qt ends the process with ``qFatal`` (SIGABRT, a core dump on Linux) when no platform
    plugin can start -- no X server behind ``DISPLAY``, missing xcb libraries.  The fatal
    message passes through the message handler first, so the handler prints the one
    sentence and leaves with exit code 1.  Qt's other start-up messages are replayed on
    stderr once the application exists.
    """
    held: list[str] = []

    def handler(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if kind == QtMsgType.QtFatalMsg:
            if sys.stderr is not None:  # None in the windowed Windows program
                sys.stderr.write(sentence + "\n")
                sys.stderr.flush()
            os._exit(1)  # Qt aborts as soon as the handler returns: leave first
        held.append(message)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)
        for message in held:
            print(message, file=sys.stderr)
